import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart's box: the chart at a fixed width when one is given (tests, the printed report), else filling its card.
 * `data-*` attributes pass through for the tests.
 */
export function ChartFrame({
  chart,
  width,
  height,
  ...data
}: {
  chart: ReactElement;
  width?: number;
  height: number;
  'data-testid': string;
  [attribute: `data-${string}`]: string | number;
}) {
  return (
    <div className="chart" {...data}>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </div>
  );
}
