import { EntitySchema } from '@mikro-orm/core';

/** One scored indicator's parameters (indicators.md §5). */
export interface RankingIndicatorParams {
  id: string;
  weight: number;
  floor: number;
  target: number;
}

/**
 * A version of the ranking configuration (issue "GraphQL API": weights, floors, targets and the deadline rule table
 * live in the metadata DB with versions). Versions are append-only: a published snapshot names the one it used.
 */
export class RankingConfig {
  id!: number;
  version!: number;
  indicators!: RankingIndicatorParams[];
  /** Which deadline rule table the due dates were computed with (e.g. `DEFAULT_RULE_TABLE`, indicators.md §2). */
  ruleTable!: string;
  createdAt: Date = new Date();
  createdBy!: string;
  note: string | null = null;
}

export const RankingConfigSchema = new EntitySchema<RankingConfig>({
  class: RankingConfig,
  tableName: 'ranking_config',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    version: { type: 'integer', unique: true },
    indicators: { type: 'json' },
    ruleTable: { type: 'string', length: 128 },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'string', length: 128 },
    note: { type: 'text', nullable: true },
  },
});
