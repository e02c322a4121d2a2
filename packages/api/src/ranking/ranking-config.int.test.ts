/**
 * The versioned ranking configuration: version 1 is the catalogue's defaults, a change appends a version that the next
 * ranking uses, and a change made from an older version — or saved at the same instant as another — is refused with
 * CONFLICT instead of silently overwriting the other administrator's change.
 */
import { SCORED_INDICATORS } from '@c12315/domain';
import { metadataBackends } from '../../test-support/metadata-backends';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { Role } from '../common/graphql-types';
import { formatError } from '../server/format-error';
import { RankingResolver } from './ranking.resolver';
import { computeRanking } from './ranking.service';
import { rankingConfigVersion } from './ranking-config.service';

let h: Harness;
const admin = testUser(Role.PROVINCE_ADMIN, '140000');

const CONFIG = '{ rankingConfig { version createdBy indicators { id weight floor target } } }';
const UPDATE = `mutation($i: [RankingIndicatorParamsInput!]!, $b: Int) {
  updateRankingConfig(indicators: $i, baseVersion: $b, note: "test") { version createdBy indicators { id weight } } }`;
const RANKING_VERSION = '{ ranking(month: "2026-03", parentCode: "140000", asOf: "2026-04-10") { configVersion } }';

const defaults = SCORED_INDICATORS.map((i) => ({ id: i.id, weight: i.weight, floor: i.floor, target: i.target }));
const reweighted = (delta: number) => defaults.map((p, i) => (i === 0 ? { ...p, weight: (p.weight ?? 0) + delta } : p));

async function update(indicators: object[], baseVersion: number | null) {
  return h.run(UPDATE, { i: indicators, b: baseVersion }, admin);
}

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    h = await openHarness([RankingResolver], 'ranking-config-', backend);
  });

  afterAll(async () => {
    await h.close();
  });

  test('version 1 is the catalogue defaults; a change appends a version that the next ranking uses', async () => {
    const first = await h.run(CONFIG, {}, admin);
    expect(first.errors).toBeUndefined();
    expect(first.data?.rankingConfig).toEqual({ version: 1, createdBy: 'system', indicators: defaults });
    expect((await h.run(RANKING_VERSION, {}, admin)).data?.ranking).toEqual({ configVersion: 1 });

    const saved = await update(reweighted(5), 1);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.updateRankingConfig).toMatchObject({ version: 2, createdBy: admin.username });
    expect((await h.run(RANKING_VERSION, {}, admin)).data?.ranking).toEqual({ configVersion: 2 });
  });

  test('a change made from an older version is refused, names baseVersion and saves nothing', async () => {
    const stale = await update(reweighted(10), 1);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', argument: 'baseVersion' });
    expect(stale.errors?.[0]?.message).toMatch(/version 2 was saved by province_admin-140000/);
    // The message reaches the user as written (CONFLICT is a user-facing code), not as "internal error".
    const formatted = formatError({ message: stale.errors?.[0]?.message ?? '', extensions: { code: 'CONFLICT' } }, null);
    expect(formatted.message).toMatch(/^baseVersion: the ranking configuration changed meanwhile/);
    expect((await h.run(CONFIG, {}, admin)).data?.rankingConfig).toMatchObject({ version: 2 });
  });

  test('a computation scores with the version it is given (the one its cache key names), not the newest', async () => {
    const em = h.orm.em.fork();
    const req = { month: '2026-03', level: 'CITY' as const, parentCode: '140000', asOf: '2026-04-10' };
    expect((await computeRanking({ ch: h.ch, em }, req)).configVersion).toBe(2);
    const first = await rankingConfigVersion(em, 1);
    expect((await computeRanking({ ch: h.ch, em }, req, first)).configVersion).toBe(1);
  });

  test('two saves at the same instant: one version is written, the other gets CONFLICT', async () => {
    const results = await Promise.all([update(reweighted(1), null), update(reweighted(2), null)]);
    const codes = results.map((r) => (r.errors ? r.errors[0]?.extensions?.code : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect((await h.run(CONFIG, {}, admin)).data?.rankingConfig).toMatchObject({ version: 3 });
  });

  test('invalid parameters are refused naming indicators', async () => {
    const bad = await update([{ id: defaults[0]?.id, weight: 10, floor: 90, target: 80 }], null);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'indicators' });
    expect(bad.errors?.[0]?.message).toMatch(/target must be above floor/);
  });
});
