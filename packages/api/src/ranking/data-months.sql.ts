/**
 * dataMonths: the registration months (YYYY-MM, newest first) in which any case of a region was received — the months a
 * ranking under that region has data for. Read from the read model's city grain: its FIRST_REGISTERED fact holds one
 * row per unit, kind and registration month (indicator-terms.ts PRESENCE), so the question reads a few rows per city
 * and month, whatever the number of cases, and never touches `cases FINAL`.
 * Grain: one row per registration month. Guards: the region filter fixes the province (and the city under a city),
 * the sorting key's prefix; a region without cases answers no rows (not an error).
 */
import { type ClickHouseClient, PRESENCE } from '@c12315/store';
import { regionFilterSql } from '../indicators/region-filter-sql';

export interface DataMonthsQuery {
  query: string;
  params: Record<string, string>;
}

export function buildDataMonthsQuery(regionCode: string): DataMonthsQuery {
  const region = regionFilterSql(regionCode);
  return {
    query: `SELECT DISTINCT reg_month
FROM indicator_facts_city
WHERE ${region.where.join(' AND ')} AND fact = {presenceFact:String}
ORDER BY reg_month DESC`,
    params: { ...region.params, presenceFact: PRESENCE.id },
  };
}

/** `YYYYMM` (the read model's partition key) as the API's `YYYY-MM`. */
const asMonth = (yyyymm: number) => `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;

export async function readDataMonths(ch: ClickHouseClient, regionCode: string): Promise<string[]> {
  const { query, params } = buildDataMonthsQuery(regionCode);
  const result = await ch.query({ query, query_params: params, format: 'JSONEachRow' });
  return (await result.json<{ reg_month: number | string }>()).map((r) => asMonth(Number(r.reg_month)));
}
