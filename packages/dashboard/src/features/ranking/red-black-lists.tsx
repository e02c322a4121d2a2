/** Red and black lists of the month (indicators.md §5): first and last 3 scored units, with the tie-at-cut flag. */
import type { RankingQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';

type Ranking = RankingQuery['ranking'];

function Cut({
  title,
  cut,
  rows,
  testId,
  tone,
}: {
  title: string;
  cut: Ranking['redList'];
  rows: Ranking['rows'];
  testId: string;
  tone: string;
}) {
  const { t } = useI18n();
  const byCode = new Map(rows.map((r) => [r.region.code, r]));
  return (
    <div className={`card cut cut-${tone}`} data-testid={testId}>
      <h3>
        {title}
        {cut.tieAtCut && (
          <span className="tag tag-warn" data-testid={`${testId}-tie`}>
            {t('tieAtCut')}
          </span>
        )}
      </h3>
      <ol>
        {cut.regionCodes.map((code) => {
          const r = byCode.get(code);
          return (
            <li key={code} data-testid={`${testId}-${code}`}>
              <span className="cut-rank">{r?.rank ?? '—'}</span> {r?.region.name ?? code}
              <span className="cut-score">{r?.score?.toFixed(2) ?? '—'}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function RedBlackLists({ ranking }: { ranking: Ranking }) {
  const { t } = useI18n();
  return (
    <div className="cuts">
      <Cut title={t('redList')} cut={ranking.redList} rows={ranking.rows} testId="red-list" tone="red" />
      <Cut
        title={t('blackList')}
        cut={ranking.blackList}
        rows={ranking.blackList ? ranking.rows : []}
        testId="black-list"
        tone="black"
      />
    </div>
  );
}
