/**
 * The ranking table (issue "Dashboard" §Ranking): sortable, rank / previous rank / movement arrows, score, and every
 * scored indicator's value and points. Ranks, shared ranks and the no-score flag come from the API as they are
 * (indicators.md §5); a unit without a score stays last whatever the sort.
 */
import { indicatorById } from '@c12315/domain/src/indicators/catalogue';
import { useMemo, useState } from 'react';
import { formatByUnit, formatScore } from '../../format/number-format';
import type { RankingQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

export type RankingRowData = RankingQuery['ranking']['rows'][number];

type SortKey = 'rank' | 'previousRank' | 'score' | 'name' | `value:${string}` | `points:${string}`;

function sortValue(row: RankingRowData, key: SortKey): number | string | null {
  if (key === 'rank') return row.rank ?? null;
  if (key === 'previousRank') return row.previousRank ?? null;
  if (key === 'score') return row.score ?? null;
  if (key === 'name') return row.region.code;
  const [kind, id] = key.split(':') as ['value' | 'points', string];
  const v = row.values.find((x) => x.indicatorId === id);
  return (kind === 'value' ? v?.value : v?.points) ?? null;
}

/** Sorted rows: unscored units last, then nulls last, then by the key; ties keep the API order (region code). */
export function sortRankingRows(rows: readonly RankingRowData[], key: SortKey, desc: boolean): RankingRowData[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      if (a.row.noScore !== b.row.noScore) return a.row.noScore ? 1 : -1;
      const va = sortValue(a.row, key);
      const vb = sortValue(b.row, key);
      if (va === null || vb === null) return va === vb ? a.i - b.i : va === null ? 1 : -1;
      const cmp = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
      return cmp === 0 ? a.i - b.i : desc ? -cmp : cmp;
    })
    .map((x) => x.row);
}

export function Movement({ rank, previousRank }: { rank: number | null | undefined; previousRank: number | null | undefined }) {
  const { t } = useI18n();
  if (rank == null) return <span className="move move-none">—</span>;
  if (previousRank == null) return <span className="move move-new">{t('newEntry')}</span>;
  const diff = previousRank - rank;
  if (diff > 0)
    return (
      <span className="move move-up" title={`+${diff}`}>
        ▲{diff}
      </span>
    );
  if (diff < 0)
    return (
      <span className="move move-down" title={`${diff}`}>
        ▼{-diff}
      </span>
    );
  return <span className="move move-same">—</span>;
}

export function RankingTable({
  rows,
  indicatorIds,
  onSelect,
}: {
  rows: readonly RankingRowData[];
  indicatorIds: readonly string[];
  onSelect?: (code: string) => void;
}) {
  const { t, lang, indicatorName } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'rank', desc: false });
  const sorted = useMemo(() => sortRankingRows(rows, sort.key, sort.desc), [rows, sort]);
  const rankCounts = useMemo(() => {
    const m = new Map<number, number>();
    for (const r of rows) if (r.rank != null) m.set(r.rank, (m.get(r.rank) ?? 0) + 1);
    return m;
  }, [rows]);

  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const mark = active ? (sort.desc ? ' ↓' : ' ↑') : '';
    return (
      <button
        type="button"
        className="sort-btn"
        data-testid={`sort-${key}`}
        onClick={() =>
          setSort((s) => ({
            key,
            desc: s.key === key ? !s.desc : key === 'score' || key.startsWith('value') || key.startsWith('points'),
          }))
        }
      >
        {label}
        {mark}
      </button>
    );
  };
  const header = (key: SortKey, label: string, className?: string) => (
    <th className={className} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      {sortButton(key, label)}
    </th>
  );

  return (
    <div className="table-scroll">
      <table className="table ranking-table" data-testid="ranking-table">
        <thead>
          <tr>
            {header('rank', t('rank'), 'sticky-col')}
            {header('name', t('region'))}
            {header('score', t('score'))}
            {header('previousRank', t('previousRank'))}
            <th>{t('movement')}</th>
            {indicatorIds.map((id) => (
              <th key={id} colSpan={2} className="ind-head">
                {indicatorName(id)}
              </th>
            ))}
          </tr>
          <tr className="subhead">
            <th className="sticky-col" />
            <th />
            <th />
            <th />
            <th />
            {indicatorIds.flatMap((id) => [
              <th key={`${id}-v`} className="num">
                {sortButton(`value:${id}`, t('value'))}
              </th>,
              <th key={`${id}-p`} className="num">
                {sortButton(`points:${id}`, t('points'))}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const code = row.region.code;
            const shared = row.rank != null && (rankCounts.get(row.rank) ?? 0) > 1;
            return (
              <tr
                key={code}
                data-testid={`ranking-row-${code}`}
                className={row.noScore ? 'row-noscore clickable' : 'clickable'}
                onClick={() => onSelect?.(code)}
              >
                <td className="sticky-col rank-cell">
                  <span data-testid={`ranking-rank-${code}`}>{row.rank ?? '—'}</span>
                  {shared && <span className="tag tag-tie">{t('sharedRank')}</span>}
                  {row.noScore && (
                    <span className="tag tag-noscore" data-testid={`ranking-noscore-${code}`}>
                      {t('noScore')}
                    </span>
                  )}
                </td>
                <td className="name-cell">
                  <button type="button" className="link-btn" onClick={() => onSelect?.(code)}>
                    {row.region.name}
                  </button>
                </td>
                <td className="num score-cell" data-testid={`ranking-score-${code}`}>
                  {formatScore(row.score)}
                </td>
                <td className="num" data-testid={`ranking-prev-${code}`}>
                  {row.previousRank ?? '—'}
                </td>
                <td className="num">
                  <Movement rank={row.rank} previousRank={row.previousRank} />
                </td>
                {indicatorIds.flatMap((id) => {
                  const v = row.values.find((x) => x.indicatorId === id);
                  const unit = indicatorById(id)?.unit ?? 'count';
                  return [
                    <td key={`${id}-v`} className="num">
                      {formatByUnit(unit, v?.value, lang)}
                    </td>,
                    <td key={`${id}-p`} className="num points">
                      {formatScore(v?.points)}
                    </td>,
                  ];
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
