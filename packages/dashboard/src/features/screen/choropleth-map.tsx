/**
 * The choropleth of the screen (issue 15): the signed-in region's units (a province's cities) drawn from their
 * outlines (map-outlines.ts) with d3-geo into SVG, each coloured by the chosen indicator, its name and value written
 * on it and in its hover title (a city's counties the same way). A unit without an outline is listed beside the map
 * with its value, never dropped.
 */
import { geoIdentity, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { loadOutlines, type Outline } from './map-outlines';

export interface MapUnit {
  code: string;
  name: string;
  value: number | null;
}

const WIDTH = 900;
const HEIGHT = 760;
/** Dark blue (lowest) → cyan → amber (highest), readable across a room on the dark wall. */
const STOPS = [
  [30, 64, 120],
  [40, 170, 230],
  [255, 176, 32],
];

/** The colour of `value` between min and max; dark grey without a value. */
export function colourOf(value: number | null, min: number, max: number): string {
  if (value === null) return '#2a3342';
  const t = max > min ? (value - min) / (max - min) : 1;
  const [from, to, u] = t < 0.5 ? [STOPS[0], STOPS[1], t * 2] : [STOPS[1], STOPS[2], (t - 0.5) * 2];
  const mix = (from as number[]).map((l, i) => Math.round(l + (((to as number[])[i] as number) - l) * u));
  return `rgb(${mix.join(',')})`;
}

/**
 * Each unit's outline: the one with its code, else the one outline of the same name whose code is no unit's — a
 * county renamed in place whose code changed after the package's data (肥乡县 130428 → 肥乡区 130407, 章丘市
 * 370181 → 章丘区 370114), or one of 沧州's, which the package gives without codes (build/county-outlines.ts). A name
 * that two such outlines or two such units share matches nothing.
 */
export function matchOutlines(units: MapUnit[], outlines: Outline[]): Map<string, Outline> {
  const unitCodes = new Set(units.map((u) => u.code));
  const byCode = new Map(outlines.filter((o) => unitCodes.has(o.code)).map((o) => [o.code, o]));
  const spare = outlines.filter((o) => !unitCodes.has(o.code));
  const unmatched = units.filter((u) => !byCode.has(u.code));
  for (const unit of unmatched) {
    const same = spare.filter((o) => o.feature.properties?.name === unit.name);
    if (same.length === 1 && unmatched.filter((u) => u.name === unit.name).length === 1) {
      byCode.set(unit.code, same[0] as Outline);
    }
  }
  return byCode;
}

export function ChoroplethMap({
  regionCode,
  unitLevel,
  units,
  format,
}: {
  regionCode: string;
  unitLevel: string;
  units: MapUnit[];
  format: (v: number | null) => string;
}) {
  const { t } = useI18n();
  const [outlines, setOutlines] = useState<Outline[] | null>(null);
  useEffect(() => {
    let live = true;
    loadOutlines(regionCode, unitLevel).then(
      (o) => live && setOutlines(o),
      () => live && setOutlines([]),
    );
    return () => {
      live = false;
    };
  }, [regionCode, unitLevel]);

  const drawn = useMemo(() => {
    if (!outlines?.length) return null;
    const byCode = matchOutlines(units, outlines);
    const shapes = units.flatMap((u) => {
      const o = byCode.get(u.code);
      return o ? [{ unit: u, feature: o.feature }] : [];
    });
    if (!shapes.length) return null;
    const projection = geoIdentity()
      .reflectY(true)
      .fitExtent(
        [
          [10, 10],
          [WIDTH - 10, HEIGHT - 10],
        ],
        { type: 'FeatureCollection', features: shapes.map((s) => s.feature) },
      );
    const path = geoPath(projection);
    return shapes.map((s) => ({ ...s, d: path(s.feature) ?? '', centroid: path.centroid(s.feature) }));
  }, [outlines, units]);

  if (outlines === null) return <div className="screen-map-loading" data-testid="screen-map-loading" />;
  const values = units.map((u) => u.value).filter((v): v is number => v !== null);
  const [min, max] = [Math.min(...values, 0), Math.max(...values, 0)];
  const drawnCodes = new Set(drawn?.map((s) => s.unit.code));
  const listed = units.filter((u) => !drawnCodes.has(u.code));
  return (
    <div className="screen-map-wrap">
      {drawn && (
        <svg
          className="screen-map"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={t('screen.map')}
          data-testid="screen-map"
        >
          {drawn.map((s) => (
            <path
              key={s.unit.code}
              d={s.d}
              fill={colourOf(s.unit.value, min, max)}
              className="screen-map-unit"
              data-testid={`map-unit-${s.unit.code}`}
              data-value={s.unit.value ?? ''}
            >
              <title>{`${s.unit.name} ${format(s.unit.value)}`}</title>
            </path>
          ))}
          {drawn.map((s) => (
            <text
              key={`l${s.unit.code}`}
              x={s.centroid[0]}
              y={s.centroid[1]}
              className="screen-map-label"
              data-testid={`map-label-${s.unit.code}`}
            >
              <tspan x={s.centroid[0]} dy="-0.2em">
                {s.unit.name}
              </tspan>
              <tspan x={s.centroid[0]} dy="1.2em" className="screen-map-value">
                {format(s.unit.value)}
              </tspan>
            </text>
          ))}
        </svg>
      )}
      {listed.length > 0 && (
        <div className="screen-no-outline" data-testid="screen-no-outline">
          <div className="screen-no-outline-title">{drawn ? t('screen.noOutline') : t('screen.units')}</div>
          <ul>
            {listed.map((u) => (
              <li key={u.code} data-testid={`no-outline-${u.code}`} data-value={u.value ?? ''}>
                <span className="swatch" style={{ background: colourOf(u.value, min, max) }} />
                <span>{u.name}</span>
                <span className="screen-num">{format(u.value)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
