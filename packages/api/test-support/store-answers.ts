/**
 * Prints, as JSON, what the store in DATA_DIR answers: GraphQL answers of a province admin (metrics by city and month
 * for every indicator, the city and a county ranking, the overdue list, food-safety hotspots, users) and every row of
 * every metadata table (ledger, users, ranking configuration and snapshots, 督办…; SQLite or PostgreSQL by DATABASE_URL). Opened as the product opens a
 * store (openStores: migrated forward, read model repaired). Run as a child process — chdb lets one process hold one
 * store — by the backup/restore and upgrade tests, which compare two stores' outputs.
 * Usage: DATA_DIR=… node -r @swc-node/register packages/api/test-support/store-answers.ts PROVINCE ASOF MONTH...
 */
import 'reflect-metadata';
import { openStores } from '@c12315/etl';
import { buildAppSchema } from '../src/schema';
import { contextFor, testUser } from './test-stores';

interface SqlExecutor {
  execute(sql: string): Promise<Record<string, unknown>[]>;
}

async function main(): Promise<void> {
  const [province = '140000', asOf = '2026-11-15', ...months] = process.argv.slice(2);
  const stores = await openStores(undefined, () => {});
  try {
    const schema = await buildAppSchema();
    const { graphql } = await import('graphql');
    const ask = async (source: string, variableValues: Record<string, unknown> = {}) => {
      const result = await graphql({
        schema,
        source,
        variableValues,
        contextValue: contextFor(stores, testUser('PROVINCE_ADMIN', province)),
      });
      if (result.errors?.length) throw new Error(`${source}: ${result.errors.map((e) => e.message).join('; ')}`);
      return result.data;
    };
    const ids = ((await ask('{ indicators { id } }'))?.indicators as { id: string }[]).map((i) => i.id);
    const from = `${months[0]}-01`;
    const last = months.at(-1) as string;
    const to = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const answers: Record<string, unknown> = {
      metrics: await ask(
        `query($ids: [ID!]!, $f: CaseFilter!, $a: Date) { metrics(indicatorIds: $ids, groupBy: [CITY, MONTH], filter: $f, asOf: $a) {
           keys { code } values { indicatorId numerator denominator value points } } }`,
        { ids, f: { from, to, regionCode: province }, a: asOf },
      ),
      overdue: await ask(
        'query($r: String, $a: Date) { overdueCases(asOf: $a, regionCode: $r, first: 500) { totalCount nodes { caseId dueDate overdueWorkdays handlingUnitCode } } }',
        { r: province, a: asOf },
      ),
      users: await ask('{ users { username role regionCode disabled } }'),
    };
    for (const month of months) {
      answers[`ranking ${month}`] = await ask(
        'query($m: String!, $p: String, $a: Date) { ranking(month: $m, level: CITY, parentCode: $p, asOf: $a) { published configVersion rows { region { code } rank score noScore } } }',
        { m: month, p: province, a: asOf },
      );
      answers[`county ranking ${month}`] = await ask(
        'query($m: String!, $p: String, $a: Date) { ranking(month: $m, level: COUNTY, parentCode: $p, asOf: $a) { rows { region { code } rank score } } }',
        { m: month, p: `${province.slice(0, 2)}0100`, a: asOf },
      );
      answers[`hotspots ${month}`] = await ask(
        'query($m: String!, $r: String) { foodSafetyHotspots(month: $m, regionCode: $r) { regionCode operators { operatorKey count previousCount } } }',
        { m: month, r: province },
      );
    }
    const db = stores.orm.em.getConnection() as unknown as SqlExecutor;
    const tables = (
      await db.execute(
        stores.config.databaseUrl
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
    ).map((r) => String(r.name));
    const metadata: Record<string, unknown> = {};
    for (const table of tables) metadata[table] = await db.execute(`SELECT * FROM ${table} ORDER BY 1`);
    process.stdout.write(`${JSON.stringify({ answers, metadata })}\n`);
  } finally {
    await stores.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
