/**
 * The code-first schema: every feature's resolvers, built once. `pnpm --filter @c12315/api emit-schema` (and the
 * schema test) write it to packages/api/schema.graphql, which is committed and checked against the contract.
 */
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver';
import { AuthResolver } from './auth/auth.resolver';
import { CasesResolver } from './cases/cases.resolver';
import { HotspotsResolver } from './hotspots/hotspots.resolver';
import { MetricsResolver } from './metrics/metrics.resolver';
import { NoticeInboxResolver } from './notices/notice-inbox.resolver';
import { OverdueResolver } from './overdue/overdue.resolver';
import { RankingResolver } from './ranking/ranking.resolver';
import { ReferenceResolver } from './regions/regions.resolver';
import { ReportsResolver } from './reports/reports.resolver';
import { ScreenResolver } from './screen/screen.resolver';
import { WarningsResolver } from './warnings/warnings.resolver';

export const EMITTED_SCHEMA_PATH = path.resolve(__dirname, '../schema.graphql');

// biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  ReferenceResolver,
  MetricsResolver,
  RankingResolver,
  OverdueResolver,
  HotspotsResolver,
  CasesResolver,
  ReportsResolver,
  AuditResolver,
  NoticeInboxResolver,
  ScreenResolver,
  WarningsResolver,
];

export async function buildAppSchema(options: { emit?: boolean } = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    validate: false,
    emitSchemaFile: options.emit ? { path: EMITTED_SCHEMA_PATH, sortedSchema: true } : false,
  });
}
