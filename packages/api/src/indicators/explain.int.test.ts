/**
 * EXPLAIN over every SQL statement the indicator services generate (metrics.sql.ts, ranking.sql.ts, and the asOf
 * profiles of indicator-query.ts): each must parse and plan on the real engine with its bound parameters, read either
 * the read model (`indicator_facts`, with the province and each fact's date range in its key condition, its columns
 * read in one pass) or `cases` with FINAL, and use the sorting key for the region filter.
 */
import { INDICATORS } from '@c12315/domain';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { type Harness, openHarness } from '../../test-support/test-harness';
import { MetricsResolver } from '../metrics/metrics.resolver';
import { metricsSqlExamples } from '../metrics/metrics.sql';
import { rankingSqlExamples } from '../ranking/ranking.sql';

const EXAMPLES = [...metricsSqlExamples(INDICATORS.map((i) => i.id)), ...rankingSqlExamples()];
/** The examples and, for those asked after their period on the read model, their asOf profile's statement. */
const STATEMENTS = EXAMPLES.flatMap((s) => (s.profile ? [s, { query: s.profile.query, params: s.profile.params }] : [s]));

let h: Harness;
beforeAll(async () => {
  h = await openHarness([MetricsResolver], 'explain-');
  await loadGoldenFixture(h.ch);
});
afterAll(async () => h.close());

describe('EXPLAIN every generated statement', () => {
  it('has a representative set covering metrics and ranking, and asOf profiles', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(7);
    expect(STATEMENTS.length - EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(STATEMENTS.map((s, i) => [i, s] as const))(
    'statement %i plans, reads the read model (in one pass, no PREWHERE) or cases FINAL, uses the primary key',
    async (_i, s) => {
      expect(s.query).toMatch(/FROM (cases FINAL|indicator_facts|indicator_facts_city)\n/);
      expect(s.query).not.toMatch(/now\(\)|today\(\)/);
      const result = await h.ch.query({
        query: `EXPLAIN indexes = 1, actions = 1 ${s.query}`,
        query_params: s.params,
        format: 'JSONEachRow',
      });
      const plan = (await result.json<{ explain: string }>()).map((r) => r.explain).join('\n');
      expect(plan).toContain('ReadFromMergeTree');
      expect(plan).toMatch(/PrimaryKey[\s\S]*Condition: .*(province_code|city_code|county_code|station_code)/);
      if (s.query.includes('FROM indicator_facts')) {
        expect(plan).toMatch(/PrimaryKey[\s\S]*Condition: .*fact.*d1/);
        expect(plan).not.toMatch(/Prewhere/i);
      }
    },
  );

  it('reads the read model where it holds the question, cases where it does not', () => {
    const sources = STATEMENTS.map((s) => (s.query.includes('FROM indicator_facts') ? 'facts' : 'cases'));
    expect(sources.filter((x) => x === 'facts').length).toBeGreaterThanOrEqual(5);
    expect(sources.filter((x) => x === 'cases').length).toBeGreaterThanOrEqual(5);
  });
});
