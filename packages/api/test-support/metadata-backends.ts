/**
 * The two metadata stores an api integration test runs on: SQLite in the test's DATA_DIR (the default) and PostgreSQL
 * by DATABASE_URL (the production path), on a throwaway server of the test file's own. A file calls
 * `metadataBackends()` at its top level — `describe.each(metadataBackends())('%s metadata', (backend) => …)` — which
 * registers the file's afterAll that stops the server; the server is started when the first PostgreSQL store is
 * opened, and every store opened gets a new, empty database on it. Missing PostgreSQL binaries fail the test
 * (scripts/setup.sh installs them); nothing is skipped.
 */
import { startTestPostgres, type TestPostgres } from '@c12315/store/test-support';
import type { MikroORM } from '@mikro-orm/core';

export const METADATA_BACKENDS = ['SQLite', 'PostgreSQL'] as const;
export type MetadataBackend = (typeof METADATA_BACKENDS)[number];

let registered = false;
let server: Promise<TestPostgres> | null = null;

/** Both backends, SQLite first; registers the afterAll that stops this file's PostgreSQL server (call at top level). */
export function metadataBackends(): MetadataBackend[] {
  if (!registered) {
    registered = true;
    afterAll(async () => {
      const started = server;
      server = null;
      // A server that failed to start has already failed the tests that needed it.
      (await started?.catch(() => null))?.stop();
    });
  }
  return [...METADATA_BACKENDS];
}

/** The DATABASE_URL a store on `backend` opens: null for SQLite, a new database on this file's server for PostgreSQL. */
export async function databaseUrlFor(backend: MetadataBackend): Promise<string | null> {
  if (backend === 'SQLite') return null;
  if (!registered) throw new Error('call metadataBackends() at the test file top level before opening a PostgreSQL store');
  server ??= startTestPostgres();
  return (await server).createDatabase();
}

/** Throws unless `orm` runs on `backend` (a store that silently fell back to SQLite would pass for PostgreSQL). */
export function assertBackend(orm: MikroORM, backend: MetadataBackend): void {
  const driver = orm.em.getDriver().constructor.name;
  const expected = backend === 'SQLite' ? 'BetterSqliteDriver' : 'PostgreSqlDriver';
  if (driver !== expected) throw new Error(`metadata store on ${driver}, expected ${expected} (${backend})`);
}
