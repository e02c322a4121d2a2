/**
 * Integration-test harness: a real chdb store and a real SQLite metadata store in a fresh temp DATA_DIR, and a
 * GraphQL executor over the given resolvers with a per-request context (as the server builds it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppConfig, createClickHouse, loadConfig, migrateClickHouse, openMetadataStore } from '@c12315/store';
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';

export interface Harness {
  ch: AppContext['ch'];
  orm: AppContext['orm'];
  config: AppConfig;
  run(source: string, variables: Record<string, unknown>, user: AuthUser | null): Promise<ExecutionResult>;
  close(): Promise<void>;
}

export function testUser(role: Role, regionCode: string): AuthUser {
  return { id: 1, username: `${role.toLowerCase()}-${regionCode}`, role, regionCode };
}

// biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes
export async function openHarness(resolvers: NonEmptyArray<Function>, prefix: string): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = { ...loadConfig({ DATA_DIR: dataDir }), dataDir };
  const ch = createClickHouse(config);
  await migrateClickHouse(ch);
  const orm = await openMetadataStore(config);
  const schema: GraphQLSchema = await buildSchema({ resolvers, validate: false });
  return {
    ch,
    orm,
    config,
    run: (source, variableValues, user) =>
      graphql({
        schema,
        source,
        variableValues,
        contextValue: { user, ch, orm, em: orm.em.fork(), config, ip: '127.0.0.1' } satisfies AppContext,
      }),
    close: async () => {
      await orm.close(true);
      await ch.close();
    },
  };
}
