import { levelOfCode } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';

/**
 * Stations (9-digit handling units) under a county or city, with the latest name the platform used for each.
 * Grain: one row per station code. Guards: units above station level ('' station_code) are left out.
 */
export const STATIONS_UNDER_SQL = `
SELECT station_code AS code, argMax(handling_unit_name, updated_at) AS name
FROM cases FINAL
WHERE station_code != '' AND startsWith(station_code, {prefix:String})
GROUP BY station_code
ORDER BY station_code`;

export async function stationsUnder(ch: ClickHouseClient, regionCode: string): Promise<{ code: string; name: string }[]> {
  // GB/T 2260 codes nest by prefix: 2 digits province, 4 digits city, 6 digits county, then the station number.
  const level = levelOfCode(regionCode);
  const prefix = level === 'PROVINCE' ? regionCode.slice(0, 2) : level === 'CITY' ? regionCode.slice(0, 4) : regionCode;
  const result = await ch.query({ query: STATIONS_UNDER_SQL, query_params: { prefix }, format: 'JSONEachRow' });
  return result.json<{ code: string; name: string }>();
}
