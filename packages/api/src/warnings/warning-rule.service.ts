/**
 * The 消费预警 rise rule's configuration (hotspots/rise-rule.ts) in the metadata DB, kept like the ranking
 * configuration: append-only versions, version 1 = the defaults below (created on first use), a change is a new
 * version (PROVINCE_ADMIN) with its audit entry in the same flush, and a warning names the version it was drafted with.
 *
 * Defaults: indicators.md §6's spike (count ≥ 5 and ≥ 3 × the mean of the 3 trailing months) plus the seasonal
 * baseline (the same month last year, grown by the year's growth), at most 10 warnings per dimension.
 */
import { newAuditEntry, WarningRuleConfig, type WarningRuleParams } from '@c12315/store';
import { actedBy } from '../audit/acting-user';
import { badUserInput } from '../common/errors';
import { versionedConfig } from '../common/versioned-config';
import type { AppContext, AuthUser } from '../context';
import { SPIKE_RULE } from '../hotspots/rise-rule';

type EntityManager = AppContext['em'];

export const DEFAULT_WARNING_RULE: Readonly<WarningRuleParams> = { ...SPIKE_RULE, seasonal: true, maxPerDimension: 10 };

/** Bounds of each parameter (whole numbers; the ratio in tenths, 1.1 to 20.0). */
export const WARNING_RULE_BOUNDS = {
  minCount: [1, 100_000],
  ratioTenths: [11, 200],
  baselineMonths: [1, 11],
  maxPerDimension: [1, 50],
} as const;

const WARNING_RULE = versionedConfig(WarningRuleConfig, 'the warning rule', () => ({
  params: { ...DEFAULT_WARNING_RULE },
  createdAt: new Date(),
  createdBy: 'system',
  note: 'defaults: indicators.md §6 spike rule with a seasonal baseline',
}));

export function currentWarningRule(em: EntityManager): Promise<WarningRuleConfig> {
  return WARNING_RULE.current(em);
}

export function validateWarningRule(p: WarningRuleParams): void {
  for (const [name, [min, max]] of Object.entries(WARNING_RULE_BOUNDS)) {
    const v = p[name as keyof typeof WARNING_RULE_BOUNDS];
    if (!Number.isSafeInteger(v) || v < min || v > max) throw badUserInput(name, `must be a whole number from ${min} to ${max}`);
  }
}

/** The ratio as entered (a decimal with one place: 3 or 2.5) in tenths; anything finer is refused, not rounded. */
export function ratioTenths(ratio: number): number {
  const tenths = Math.round(ratio * 10);
  if (!Number.isFinite(ratio) || Math.abs(tenths - ratio * 10) > 1e-9) throw badUserInput('ratio', 'at most one decimal place');
  return tenths;
}

/** A new version (the resolver checks PROVINCE_ADMIN); `baseVersion` guards against a lost update as for the ranking. */
export async function saveWarningRule(
  em: EntityManager,
  input: WarningRuleParams & { note?: string | null; baseVersion?: number | null },
  by: AuthUser,
  ip?: string,
): Promise<WarningRuleConfig> {
  const params: WarningRuleParams = {
    minCount: input.minCount,
    ratioTenths: input.ratioTenths,
    baselineMonths: input.baselineMonths,
    seasonal: input.seasonal,
    maxPerDimension: input.maxPerDimension,
  };
  validateWarningRule(params);
  return WARNING_RULE.append(em, {
    baseVersion: input.baseVersion,
    next: () => ({ params, createdAt: new Date(), createdBy: by.username, note: input.note ?? null }),
    audit: (next, current) =>
      newAuditEntry({
        action: 'WARNING_RULE_CHANGED',
        ...actedBy(by, ip),
        target: `version ${next.version}`,
        params: { version: next.version, previousVersion: current.version, ...params },
      }),
  });
}
