/**
 * /screen — the command-centre wall view (issue 15): a 1920×1080 dark stage scaled to the window (3840×2160 and a
 * 1280-wide monitor alike, never scrolling). One `screen` query feeds every panel; it is asked again when the api
 * says a load finished (GET /events) and every 3 minutes, and the panels keep the previous answer while a new one is
 * on its way, so the wall never flashes empty. Left alone, the map's indicator and the detail panel rotate.
 */
import { useQuery } from '@apollo/client/react';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../common/states';
import { formatCount, formatPercent, formatScore } from '../../format/number-format';
import type { ScreenQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ChoroplethMap, type MapUnit } from './choropleth-map';
import { useDataEvents } from './data-events';
import { SCREEN_QUERY } from './screen.queries';
import './screen.css';

export const REFRESH_MS = 3 * 60_000;
export const ROTATE_MS = 15_000;
/** After a touch, click or key, the wall stays on what the person chose for this long. */
export const IDLE_MS = 60_000;
const STAGE = { width: 1920, height: 1080 };

type Screen = ScreenQuery['screen'];
type Row = Screen['unitIntake'][number];

/** The map's indicators: which unit table holds each and how it is written. */
export const MAP_INDICATORS = [
  { id: 'received', table: 'unitIntake', unit: 'count' },
  { id: 'complaints', table: 'unitIntake', unit: 'count' },
  { id: 'overdue_open', table: 'unitStanding', unit: 'count' },
  { id: 'on_time_completion_rate', table: 'unitStanding', unit: '%' },
  { id: 'satisfaction_rate', table: 'unitStanding', unit: '%' },
] as const;
export const DETAIL_PANELS = ['hotspots', 'overdue', 'mix'] as const;

const indicatorValue = (row: Row | undefined, id: string) => row?.values.find((v) => v.indicatorId === id)?.value ?? null;

/** Percentage change on the month before; null when the month before had none. */
export function changeOn(current: number, previous: number): number | null {
  return previous > 0 ? ((current - previous) / previous) * 100 : null;
}

/** Every unit of the map with the indicator's value (0 for a count without cases, null for a rate without any). */
export function mapUnits(screen: Screen, indicatorId: string): MapUnit[] {
  const spec = MAP_INDICATORS.find((i) => i.id === indicatorId) ?? MAP_INDICATORS[0];
  const rows = new Map(screen[spec.table].map((r) => [r.keys[0]?.code ?? '', r]));
  const known = screen.unitRegions.map((r) => ({ code: r.code, name: r.name }));
  const extra = [...rows.values()]
    .filter((r) => r.keys[0]?.code && !screen.unitRegions.some((u) => u.code === r.keys[0]?.code))
    .map((r) => ({ code: r.keys[0]?.code as string, name: r.keys[0]?.label as string }));
  return [...known, ...extra].map((u) => {
    const v = indicatorValue(rows.get(u.code), spec.id);
    return { ...u, value: v ?? (spec.unit === 'count' ? 0 : null) };
  });
}

/** How much the 1920×1080 stage is scaled to fit the window (2 on a 3840×2160 wall, 2/3 on a 1280-wide monitor). */
function stageScale(): number {
  return Math.min(window.innerWidth / STAGE.width, window.innerHeight / STAGE.height) || 1;
}

function useStageScale(): number {
  const [scale, setScale] = useState(stageScale);
  useEffect(() => {
    const onResize = () => setScale(stageScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

/** A counter that moves every ROTATE_MS unless someone touched the wall in the last IDLE_MS. */
function useRotation(rotateMs: number): [number, (i: number) => void] {
  const [step, setStep] = useState(0);
  const [touchedAt, setTouchedAt] = useState(0);
  useEffect(() => {
    const touch = () => setTouchedAt(Date.now());
    for (const e of ['pointerdown', 'keydown', 'wheel']) window.addEventListener(e, touch);
    const timer = setInterval(() => {
      if (Date.now() - touchedAt >= IDLE_MS) setStep((s) => s + 1);
    }, rotateMs);
    return () => {
      clearInterval(timer);
      for (const e of ['pointerdown', 'keydown', 'wheel']) window.removeEventListener(e, touch);
    };
  }, [touchedAt, rotateMs]);
  const choose = useCallback((i: number) => {
    setTouchedAt(Date.now());
    setStep(i);
  }, []);
  return [step, choose];
}

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="screen-panel" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Bars({
  rows,
  format,
  testId,
}: {
  rows: { code: string; label: string; value: number }[];
  format: (v: number) => string;
  testId: string;
}) {
  const max = Math.max(...rows.map((r) => r.value), 1);
  return (
    <ul className="screen-bars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.code} data-testid={`${testId}-${r.code}`} data-value={r.value}>
          <span className="screen-bar-label">{r.label}</span>
          <span className="screen-bar-track">
            <span className="screen-bar" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="screen-num">{format(r.value)}</span>
        </li>
      ))}
    </ul>
  );
}

function Change({ current, previous }: { current: number; previous: number }) {
  const { t } = useI18n();
  const change = changeOn(current, previous);
  const cls = change === null ? '' : change > 0 ? 'up' : change < 0 ? 'down' : '';
  return (
    <span className={`screen-change ${cls}`}>
      {t('screen.vsLastMonth')} {change === null ? '—' : `${change > 0 ? '+' : ''}${formatPercent(change)}`}
    </span>
  );
}

export function ScreenView({
  screen,
  updatedAt,
  stale,
  rotateMs = ROTATE_MS,
}: {
  screen: Screen;
  updatedAt: Date;
  stale: boolean;
  rotateMs?: number;
}) {
  const { t, lang, indicatorName } = useI18n();
  const [step, choose] = useRotation(rotateMs);
  const indicator = MAP_INDICATORS[step % MAP_INDICATORS.length] ?? MAP_INDICATORS[0];
  const panel = DETAIL_PANELS[step % DETAIL_PANELS.length] ?? 'hotspots';
  const count = (v: number | null) => formatCount(v, lang);
  const format = indicator.unit === '%' ? formatPercent : count;
  const units = useMemo(() => mapUnits(screen, indicator.id), [screen, indicator.id]);
  const overdue = useMemo(
    () =>
      mapUnits(screen, 'overdue_open')
        .map((u) => ({ code: u.code, label: u.name, value: u.value ?? 0 }))
        .sort((a, b) => b.value - a.value),
    [screen],
  );
  const scored = screen.ranking.rows.filter((r) => r.score !== null) as (Screen['ranking']['rows'][number] & { score: number })[];
  const scores = scored.map((r) => r.score);
  // The bars start just below the lowest score, so 65.3 and 67.0 do not look alike (the axis start is written).
  const axisFrom = scores.length
    ? Math.max(0, Math.floor(Math.min(...scores) - Math.max(1, (Math.max(...scores) - Math.min(...scores)) * 0.25)))
    : 0;
  const axisTo = scores.length ? Math.max(...scores) : 100;
  const { intake } = screen;
  const mix = (rows: Row[], label: (r: Row) => string) =>
    rows
      .map((r) => ({ code: r.keys[0]?.code ?? '', label: label(r), value: r.values[0]?.value ?? 0 }))
      .sort((a, b) => b.value - a.value);

  return (
    <div className="screen-grid">
      <header className="screen-head">
        <h1 data-testid="screen-title">
          {screen.regionName} · {t('screen.title')}
        </h1>
        <div className="screen-head-meta">
          <span data-testid="screen-date">{screen.date}</span>
          <span className={stale ? 'screen-updated stale' : 'screen-updated'} data-testid="screen-updated">
            {t('screen.updated')} {updatedAt.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false })}
          </span>
        </div>
      </header>

      <div className="screen-kpis">
        <div className="screen-kpi" data-testid="screen-intake-today" data-value={intake.today}>
          <div className="screen-kpi-label">{t('screen.today')}</div>
          <div className="screen-kpi-value">{count(intake.today)}</div>
          <Change current={intake.today} previous={intake.todayLastMonth} />
        </div>
        <div className="screen-kpi" data-testid="screen-intake-month" data-value={intake.monthToDate}>
          <div className="screen-kpi-label">{t('screen.monthToDate')}</div>
          <div className="screen-kpi-value">{count(intake.monthToDate)}</div>
          <Change current={intake.monthToDate} previous={intake.lastMonthToDate} />
        </div>
      </div>

      <Panel title={`${t('screen.map')} · ${indicatorName(indicator.id)}`} testId="screen-map-panel">
        <div className="screen-map-tabs" role="tablist">
          {MAP_INDICATORS.map((i, n) => (
            <button
              key={i.id}
              type="button"
              role="tab"
              aria-selected={i.id === indicator.id}
              className={i.id === indicator.id ? 'active' : ''}
              data-testid={`map-indicator-${i.id}`}
              onClick={() => choose(n)}
            >
              {indicatorName(i.id)}
            </button>
          ))}
        </div>
        <ChoroplethMap regionCode={screen.regionCode} unitLevel={screen.unitLevel} units={units} format={format} />
      </Panel>

      <Panel title={`${t('screen.ranking')} · ${screen.ranking.month}`} testId="screen-ranking">
        <ul className="screen-bars screen-ranking">
          {screen.ranking.rows.map((r) => (
            <li key={r.region.code} data-testid={`screen-rank-${r.region.code}`} data-score={r.score ?? ''}>
              <span className="screen-rank">{r.rank ?? '—'}</span>
              <span className="screen-bar-label">{r.region.name}</span>
              <span className="screen-bar-track">
                <span
                  className="screen-bar"
                  style={{
                    width: r.score === null ? 0 : `${((r.score - axisFrom) / Math.max(axisTo - axisFrom, 0.01)) * 100}%`,
                  }}
                />
              </span>
              <span className="screen-num">{formatScore(r.score)}</span>
            </li>
          ))}
        </ul>
        <div className="screen-axis" data-testid="screen-ranking-axis">
          {axisFrom > 0
            ? t('screen.axis', { from: axisFrom, to: formatScore(axisTo) })
            : t('screen.axisZero', { to: formatScore(axisTo) })}
        </div>
      </Panel>

      <Panel title={t(`screen.panel.${panel}` as MessageKey)} testId={`screen-detail-${panel}`}>
        {panel === 'hotspots' &&
          (screen.hotspots.operators.length ? (
            <ol className="screen-hotspots">
              {screen.hotspots.operators.map((o) => (
                <li key={o.operatorKey} className={o.spike ? 'spike' : ''}>
                  <span className="screen-bar-label">{o.operatorName}</span>
                  <span className="screen-num">{count(o.count)}</span>
                  {o.spike && <span className="screen-spike">{t('screen.spike')}</span>}
                </li>
              ))}
            </ol>
          ) : (
            <div className="screen-none">{t('screen.noHotspots')}</div>
          ))}
        {panel === 'overdue' && <Bars rows={overdue} format={(v) => count(v)} testId="screen-overdue" />}
        {panel === 'mix' && (
          <div className="screen-mix">
            <Bars
              rows={mix(screen.kinds, (r) => t(`kind.${r.keys[0]?.code}` as MessageKey))}
              format={(v) => count(v)}
              testId="screen-kinds"
            />
            <Bars rows={mix(screen.channels, (r) => r.keys[0]?.label ?? '')} format={(v) => count(v)} testId="screen-channels" />
          </div>
        )}
        <div className="screen-dots">
          {DETAIL_PANELS.map((p, n) => (
            <button
              key={p}
              type="button"
              aria-label={t(`screen.panel.${p}` as MessageKey)}
              className={p === panel ? 'active' : ''}
              onClick={() => choose(n)}
            />
          ))}
        </div>
      </Panel>
    </div>
  );
}

export function ScreenPage() {
  const [params] = useSearchParams();
  // ?region= another region inside the user's, ?date= another day (a demo, a test); ?rotate= seconds between panels.
  const variables = { regionCode: params.get('region'), date: params.get('date') };
  const rotateSeconds = Number(params.get('rotate'));
  const rotateMs = Number.isFinite(rotateSeconds) && rotateSeconds >= 1 ? rotateSeconds * 1000 : ROTATE_MS;
  const { data, previousData, error, refetch } = useQuery(SCREEN_QUERY, {
    variables,
    pollInterval: REFRESH_MS,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const shown = data ?? previousData;
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  useEffect(() => {
    if (data) setUpdatedAt(new Date());
  }, [data]);
  useDataEvents(() => void refetch().catch(() => undefined));
  const scale = useStageScale();
  useEffect(() => {
    document.body.classList.add('screen-body');
    return () => document.body.classList.remove('screen-body');
  }, []);
  return (
    <div className="screen-viewport" data-testid="screen-root">
      <div
        className="screen-stage"
        style={{ width: STAGE.width, height: STAGE.height, transform: `translate(-50%, -50%) scale(${scale})` }}
      >
        {shown ? (
          <ScreenView screen={shown.screen} updatedAt={updatedAt} stale={Boolean(error)} rotateMs={rotateMs} />
        ) : error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingState />
        )}
      </div>
    </div>
  );
}
