/**
 * The ranking configuration in the metadata DB (issue "GraphQL API"): append-only versions of weights, floors and
 * targets plus the deadline rule table's reference. Version 1 = the catalogue defaults (indicators.md §5), created on
 * first use; a change is a new version, so a published snapshot's version keeps meaning what it meant.
 */
import { indicatorById, SCORED_INDICATORS } from '@c12315/domain';
import { newAuditEntry, RankingConfig, type RankingIndicatorParams } from '@c12315/store';
import { actedBy } from '../audit/acting-user';
import { badUserInput } from '../common/errors';
import { versionedConfig } from '../common/versioned-config';
import type { AppContext, AuthUser } from '../context';

type EntityManager = AppContext['em'];

/** The deadline rule table the load-time due dates come from (packages/domain deadlines/rule-table.ts). */
export const DEFAULT_RULE_TABLE_REF = 'DEFAULT_RULE_TABLE (indicators.md §2: SAMR20 / SAMR121)';

export function defaultRankingParams(): RankingIndicatorParams[] {
  return SCORED_INDICATORS.map((i) => ({ id: i.id, weight: i.weight ?? 0, floor: i.floor ?? 0, target: i.target ?? 0 }));
}

const RANKING_CONFIG = versionedConfig(RankingConfig, 'the ranking configuration', () => ({
  indicators: defaultRankingParams(),
  ruleTable: DEFAULT_RULE_TABLE_REF,
  createdAt: new Date(),
  createdBy: 'system',
  note: 'catalogue defaults (indicators.md §5)',
}));

export function currentRankingConfig(em: EntityManager): Promise<RankingConfig> {
  return RANKING_CONFIG.current(em);
}

/** The version a published snapshot names (its weights and targets stay what they were when it was published). */
export async function rankingConfigVersion(em: EntityManager, version: number): Promise<RankingConfig> {
  const found = await em.fork().findOne(RankingConfig, { version });
  return found ?? currentRankingConfig(em);
}

export function validateRankingParams(params: readonly RankingIndicatorParams[]): void {
  if (params.length === 0) throw badUserInput('indicators', 'name at least one scored indicator');
  const seen = new Set<string>();
  for (const p of params) {
    const def = indicatorById(p.id);
    if (!def || def.unit !== '%') throw badUserInput('indicators', `${p.id} is not a rate indicator of the catalogue`);
    if (seen.has(p.id)) throw badUserInput('indicators', `${p.id} is named twice`);
    seen.add(p.id);
    if (!(p.weight > 0) || !Number.isFinite(p.weight)) throw badUserInput('indicators', `${p.id}: weight must be > 0`);
    if (!(p.target > p.floor)) throw badUserInput('indicators', `${p.id}: target must be above floor`);
  }
}

/**
 * Append a new version (PROVINCE_ADMIN; the resolver checks the role). `baseVersion`, when given, is the version the
 * administrator edited: if another change was saved since, nothing is saved and the error says so (no lost update).
 * Two saves at the same instant: the unique version lets one win; the other gets the same CONFLICT. The audit log's
 * entry is stored in the same flush as the version (a refused save leaves neither).
 */
export async function saveRankingConfig(
  em: EntityManager,
  input: {
    indicators: RankingIndicatorParams[];
    ruleTable?: string | null;
    note?: string | null;
    baseVersion?: number | null;
  },
  createdBy: AuthUser,
  ip?: string,
): Promise<RankingConfig> {
  validateRankingParams(input.indicators);
  return RANKING_CONFIG.append(em, {
    baseVersion: input.baseVersion,
    next: (current) => ({
      indicators: input.indicators.map(({ id, weight, floor, target }) => ({ id, weight, floor, target })),
      ruleTable: input.ruleTable ?? current.ruleTable,
      createdAt: new Date(),
      createdBy: createdBy.username,
      note: input.note ?? null,
    }),
    audit: (next, current) =>
      newAuditEntry({
        action: 'RANKING_CONFIG_CHANGED',
        ...actedBy(createdBy, ip),
        target: `version ${next.version}`,
        params: {
          version: next.version,
          previousVersion: current.version,
          ruleTable: next.ruleTable,
          indicators: next.indicators.map((p) => `${p.id} weight ${p.weight} floor ${p.floor} target ${p.target}`),
        },
      }),
  });
}
