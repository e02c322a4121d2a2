import { formatScore } from '../../format/number-format';
import { useI18n } from '../../i18n/i18n';

export interface PointsMovement {
  indicatorId: string;
  points?: number | null;
  previousPoints?: number | null;
  pointsDelta: number;
}

/**
 * The indicators that moved a unit's rank, as the API explains them (`movement`): each with ▲/▼ and its change in
 * points; `withPoints` also shows last month's and this month's points (the unit's breakdown page).
 */
export function MovementList({
  movement,
  withPoints = false,
  testId,
}: {
  movement: readonly PointsMovement[];
  withPoints?: boolean;
  testId?: string;
}) {
  const { indicatorName } = useI18n();
  return (
    <ul className="movement-list" data-testid={testId}>
      {movement.map((m) => (
        <li key={m.indicatorId}>
          <span>{indicatorName(m.indicatorId)}</span>
          {withPoints && (
            <span className="muted">
              {formatScore(m.previousPoints)} → {formatScore(m.points)}
            </span>
          )}
          <span className={m.pointsDelta >= 0 ? 'move move-up' : 'move move-down'}>
            {m.pointsDelta >= 0 ? '▲' : '▼'}
            {formatScore(Math.abs(m.pointsDelta))}
          </span>
        </li>
      ))}
    </ul>
  );
}
