/**
 * Integration-test harness: the stores of test-stores.ts (a real chdb store in a fresh temp DATA_DIR and a real
 * metadata store on the given backend) and a GraphQL executor over the given resolvers with a per-request context (as the
 * server builds it).
 */
import type { AppConfig } from '@c12315/store';
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { AppContext, AuthUser } from '../src/context';
import type { MetadataBackend } from './metadata-backends';
import { contextFor, openTestStores } from './test-stores';

export { testUser } from './test-stores';

export interface Harness {
  ch: AppContext['ch'];
  orm: AppContext['orm'];
  config: AppConfig;
  run(source: string, variables: Record<string, unknown>, user: AuthUser | null): Promise<ExecutionResult>;
  close(): Promise<void>;
}

export async function openHarness(
  // biome-ignore lint/complexity/noBannedTypes: type-graphql takes resolver classes
  resolvers: NonEmptyArray<Function>,
  prefix: string,
  backend: MetadataBackend = 'SQLite',
): Promise<Harness> {
  const stores = await openTestStores(prefix, backend);
  const schema: GraphQLSchema = await buildSchema({ resolvers, validate: false });
  return {
    ch: stores.ch,
    orm: stores.orm,
    config: stores.config,
    run: (source, variableValues, user) => graphql({ schema, source, variableValues, contextValue: contextFor(stores, user) }),
    close: () => stores.close(),
  };
}
