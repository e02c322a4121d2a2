/**
 * The metadata store on a real PostgreSQL server (the production path, DATABASE_URL): every migration applies, the
 * entities round-trip, and re-opening applies nothing twice.
 */
import type { MikroORM } from '@mikro-orm/core';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres-server';
import { LoadLedgerEntry } from './load-ledger.entity';
import { METADATA_MIGRATIONS, openMetadataStore } from './orm';

let pg: TestPostgres;
let orm: MikroORM;

beforeAll(async () => {
  pg = await startTestPostgres();
  orm = await openMetadataStore({ dataDir: '/nonexistent-not-used', databaseUrl: pg.url });
});

afterAll(async () => {
  await orm?.close();
  pg?.stop();
});

test('every migration is recorded once, and a second open applies none', async () => {
  const executed = await orm.getMigrator().getExecutedMigrations();
  expect(executed.map((m) => m.name)).toEqual(METADATA_MIGRATIONS.map((m) => m.name));
  const again = await openMetadataStore({ dataDir: '/nonexistent-not-used', databaseUrl: pg.url });
  expect(await again.getMigrator().getPendingMigrations()).toEqual([]);
  await again.close();
});

test('the load ledger round-trips, JSON columns and big sizes included', async () => {
  const em = orm.em.fork();
  const entry = Object.assign(new LoadLedgerEntry(), {
    fileName: '/exports/2026-10.csv',
    fileSize: 5_000_000_000,
    sha256: 'a'.repeat(64),
    format: 'csv',
    encoding: 'gb18030',
    runBy: 'data-staff',
    droppedColumns: ['联系电话', '身份证号'],
    unknownColumns: ['诉求摘要'],
  });
  em.persist(entry);
  await em.flush();
  const read = await orm.em.fork().findOneOrFail(LoadLedgerEntry, { id: entry.id });
  expect(read).toMatchObject({
    fileSize: 5_000_000_000,
    encoding: 'gb18030',
    status: 'RUNNING',
    droppedColumns: ['联系电话', '身份证号'],
    unknownColumns: ['诉求摘要'],
  });
});
