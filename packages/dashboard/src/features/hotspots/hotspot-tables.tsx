/** Presentational tables of the hotspots page: operators (spike badge + 4-month history), industries / counties, heat. */
import { formatCount } from '../../format/number-format';
import type { FoodHotspotsQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

export type OperatorHotspot = FoodHotspotsQuery['foodSafetyHotspots']['operators'][number];
export type HotspotMetricRow = FoodHotspotsQuery['foodSafetyHotspots']['industries'][number];

/** Counts of the months before (oldest first); null when the operator was not in that month's list. */
export type OperatorHistory = Map<string, (number | null)[]>;

export function SpikeBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-spike" data-testid="spike-badge">
      ↑ {t('spike')}
    </span>
  );
}

function MiniHistory({ counts }: { counts: (number | null)[] }) {
  const max = Math.max(1, ...counts.map((c) => c ?? 0));
  return (
    <span className="mini-bars" title={counts.map((c) => c ?? '—').join(' / ')}>
      {counts.map((c, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed 4 positions (M−3 … M)
          key={i}
          className={c === null ? 'mini-bar mini-bar-na' : 'mini-bar'}
          style={{ height: `${c === null ? 2 : Math.max(2, (c / max) * 22)}px` }}
        />
      ))}
      <span className="mini-text">{counts.map((c) => c ?? '–').join(' / ')}</span>
    </span>
  );
}

export function OperatorTable({ operators, history }: { operators: readonly OperatorHotspot[]; history: OperatorHistory }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="hotspot-operators">
        <thead>
          <tr>
            <th className="sticky-col">{t('operator')}</th>
            <th className="num">{t('count')}</th>
            <th className="num">{t('previousCount')}</th>
            <th className="num">{t('baseline')}</th>
            <th>{t('history')}</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => (
            <tr
              key={o.operatorKey}
              data-testid={`hotspot-operator-${o.operatorKey}`}
              className={o.spike ? 'row-spike' : undefined}
            >
              <td className="sticky-col">
                {o.operatorName} {o.spike && <SpikeBadge />}
                {o.uscc && <div className="muted small mono">{o.uscc}</div>}
              </td>
              <td className="num strong">{formatCount(o.count, lang)}</td>
              <td className="num">{formatCount(o.previousCount, lang)}</td>
              <td className="num">{o.baseline.toFixed(2)}</td>
              <td>
                <MiniHistory counts={[...(history.get(o.operatorKey) ?? [null, null]), o.previousCount, o.count]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const val = (row: HotspotMetricRow, id: string) => row.values.find((v) => v.indicatorId === id)?.value ?? null;

export function HotspotMetricTable({
  rows,
  testId,
  keyLabel,
}: {
  rows: readonly HotspotMetricRow[];
  testId: string;
  keyLabel: string;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th className="sticky-col">{keyLabel}</th>
            <th className="num">{t('count')}</th>
            <th className="num">{t('previousCount')}</th>
            <th className="num">{t('baseline')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = r.keys[0]!;
            const spike = val(r, 'spike') === 1;
            return (
              <tr key={key.code} data-testid={`${testId}-${key.code}`} className={spike ? 'row-spike' : undefined}>
                <td className="sticky-col">
                  {key.label || key.code} {spike && <SpikeBadge />}
                </td>
                <td className="num strong">{formatCount(val(r, 'count'), lang)}</td>
                <td className="num">{formatCount(val(r, 'previous_count'), lang)}</td>
                <td className="num">{val(r, 'baseline')?.toFixed(2) ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface HeatCell {
  county: string;
  countyName: string;
  month: string;
  value: number | null;
}

/** County × month table, each cell shaded against the largest displayed count. */
export function HeatTable({ cells, months }: { cells: readonly HeatCell[]; months: readonly string[] }) {
  const { lang } = useI18n();
  const at = new Map(cells.map((c) => [`${c.county}|${c.month}`, c.value]));
  // Busiest counties first (sum of the displayed cells), so the hot rows are on top of the scrolled table.
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.county, (totals.get(c.county) ?? 0) + (c.value ?? 0));
  const counties = [...new Map(cells.map((c) => [c.county, c.countyName])).entries()].sort(
    (a, b) => (totals.get(b[0]) ?? 0) - (totals.get(a[0]) ?? 0) || a[0].localeCompare(b[0]),
  );
  // The province's own units (code '') are listed last and left out of the colour scale: they are not a county.
  const max = Math.max(1, ...cells.filter((c) => c.county !== '').map((c) => c.value ?? 0));
  counties.sort((a, b) => (a[0] === '' ? 1 : 0) - (b[0] === '' ? 1 : 0));
  return (
    <div className="table-scroll heat-scroll">
      <table className="table heat-table" data-testid="hotspot-heat">
        <thead>
          <tr>
            <th className="sticky-col">{lang === 'en' ? 'County' : '区县'}</th>
            {months.map((m) => (
              <th key={m} className="num">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counties.map(([code, name]) => (
            <tr key={code}>
              <td className="sticky-col">{name}</td>
              {months.map((m) => {
                const v = at.get(`${code}|${m}`) ?? null;
                const alpha = v ? 0.08 + 0.82 * Math.min(1, v / max) : 0;
                return (
                  <td
                    key={m}
                    className="num heat-cell"
                    style={{ background: `rgba(217, 54, 62, ${alpha.toFixed(2)})`, color: alpha > 0.55 ? '#fff' : undefined }}
                  >
                    {v === null ? '—' : formatCount(v, lang)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
