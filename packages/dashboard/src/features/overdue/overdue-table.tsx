/**
 * The overdue list; overdue working days highlighted by severity (≥ 1 yellow, ≥ 5 orange, ≥ 15 red). A due date in a
 * year whose working-day calendar is not published yet is marked 暂定 (indicators.md §1), its tooltip saying why.
 */
import type { CaseKind, OverdueCasesQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

export type OverdueNode = OverdueCasesQuery['overdueCases']['nodes'][number];
export type Severity = 'none' | 'yellow' | 'orange' | 'red';

export function severityOf(workdays: number): Severity {
  if (workdays >= 15) return 'red';
  if (workdays >= 5) return 'orange';
  if (workdays >= 1) return 'yellow';
  return 'none';
}

export function OverdueTable({ nodes, onOpen }: { nodes: readonly OverdueNode[]; onOpen?: (caseId: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table" data-testid="overdue-table">
        <thead>
          <tr>
            <th className="sticky-col">{t('caseId')}</th>
            <th className="num">{t('overdueWorkdays')}</th>
            <th>{t('stage')}</th>
            <th>{t('dueDate')}</th>
            <th>{t('kind')}</th>
            <th>{t('handlingUnit')}</th>
            <th>{t('respondent')}</th>
            <th>{t('problemCategory')}</th>
            <th>{t('registeredAt')}</th>
            <th className="num">{t('supervisions')}</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const sev = severityOf(n.overdueWorkdays);
            return (
              <tr key={n.caseId} className="clickable" data-testid={`overdue-row-${n.caseId}`} onClick={() => onOpen?.(n.caseId)}>
                <td className="sticky-col mono">{n.caseId}</td>
                <td className="num">
                  <span className={`sev sev-${sev}`} data-severity={sev} data-testid={`overdue-days-${n.caseId}`}>
                    {n.overdueWorkdays}
                  </span>
                </td>
                <td>{t(`stage.${n.stage}` as MessageKey)}</td>
                <td>
                  {n.dueDate}
                  {n.dueDateProvisional ? (
                    <span
                      className="badge badge-provisional"
                      title={t('dueDateProvisionalHint')}
                      data-testid={`overdue-provisional-${n.caseId}`}
                    >
                      {t('dueDateProvisional')}
                    </span>
                  ) : null}
                </td>
                <td>{t(`kind.${n.kind as CaseKind}`)}</td>
                <td>{n.handlingUnitName}</td>
                <td>{n.respondentName ?? '—'}</td>
                <td>{n.problemCategory ?? '—'}</td>
                <td>{n.registeredAt}</td>
                <td className="num">
                  {n.supervisions.length > 0 ? <span className="badge badge-sup">督 {n.supervisions.length}</span> : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
