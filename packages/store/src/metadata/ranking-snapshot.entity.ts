import { EntitySchema } from '@mikro-orm/core';

/**
 * A published monthly ranking (issue "GraphQL API"): frozen rows with the configuration version and asOf they were
 * computed with, so the figures a chief received never change when late corrections arrive. One per
 * (month, level, parent); `payload` is the api's ranking result as JSON.
 */
export class RankingSnapshot {
  id!: number;
  month!: string;
  level!: string;
  parentCode!: string;
  asOf!: string;
  configVersion!: number;
  payload!: unknown;
  publishedAt: Date = new Date();
  publishedBy!: string;
}

export const RankingSnapshotSchema = new EntitySchema<RankingSnapshot>({
  class: RankingSnapshot,
  tableName: 'ranking_snapshot',
  uniques: [{ properties: ['month', 'level', 'parentCode'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    month: { type: 'string', length: 7 },
    level: { type: 'string', length: 16 },
    parentCode: { type: 'string', length: 9 },
    asOf: { type: 'string', length: 10 },
    configVersion: { type: 'integer' },
    payload: { type: 'json' },
    publishedAt: { type: 'datetime' },
    publishedBy: { type: 'string', length: 128 },
  },
});
