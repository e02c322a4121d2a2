/**
 * EXPLAIN over every SQL statement the indicator services generate (metrics.sql.ts, ranking.sql.ts): each must parse
 * and plan on the real engine with its bound parameters, read `cases` with FINAL, and use the sorting key for the
 * region filter.
 */
import { INDICATORS } from '@c12315/domain';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { type Harness, openHarness } from '../../test-support/test-harness';
import { MetricsResolver } from '../metrics/metrics.resolver';
import { metricsSqlExamples } from '../metrics/metrics.sql';
import { rankingSqlExamples } from '../ranking/ranking.sql';

const STATEMENTS = [...metricsSqlExamples(INDICATORS.map((i) => i.id)), ...rankingSqlExamples()];

let h: Harness;
beforeAll(async () => {
  h = await openHarness([MetricsResolver], 'explain-');
  await loadGoldenFixture(h.ch);
});
afterAll(async () => h.close());

describe('EXPLAIN every generated statement', () => {
  it('has a representative set covering metrics and ranking', () => {
    expect(STATEMENTS.length).toBeGreaterThanOrEqual(7);
  });

  it.each(STATEMENTS.map((s, i) => [i, s] as const))(
    'statement %i plans, reads cases FINAL, uses the primary key',
    async (_i, s) => {
      expect(s.query).toContain('FROM cases FINAL');
      expect(s.query).not.toMatch(/now\(\)|today\(\)/);
      const result = await h.ch.query({ query: `EXPLAIN indexes = 1 ${s.query}`, query_params: s.params, format: 'JSONEachRow' });
      const plan = (await result.json<{ explain: string }>()).map((r) => r.explain).join('\n');
      expect(plan).toContain('ReadFromMergeTree');
      expect(plan).toMatch(/PrimaryKey[\s\S]*Condition: .*(province_code|city_code|county_code|station_code)/);
    },
  );
});
