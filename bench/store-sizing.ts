/**
 * Store sizing (issue 16 §6): bytes per case and per read-model row, compressed and uncompressed, measured on a
 * generated store from the engine's own accounting (system.parts, system.columns) — the figures infra/README.md turns
 * into "which layout at which volume".
 *
 *   node -r @swc-node/register bench/store-sizing.ts [--cases N] [--sample N] [--data-dir DIR]
 *   (defaults: 1,000,000 cases, all of them generated and loaded by the ETL (--sample = --cases); DIR: reuse a seeded
 *   store; default a temp dir, removed afterwards)
 *
 * It also times a rebuild of the whole read model (every month marked dirty, as an upgrade does): the rate at which
 * a node turns cases into read-model rows, which decides when a load's rebuild outgrows one node.
 *
 * The store is made as bench/api-seed.ts makes it (generator → loader, the rest replicated in the engine when --sample
 * is smaller), then every table is merged (OPTIMIZE … FINAL), as a store at rest is after its background merges:
 * the figures are of merged parts. Rows are the table's stored rows (`cases` holds one row per case plus the
 * tombstones of moved sorting keys; the read model's tables their rows); "per case" divides by the current cases
 * (`cases FINAL`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStores } from '../packages/etl/src';
import { loadConfig, markMonthsDirtyFrom, READ_MODEL_TABLES, refreshReadModel } from '../packages/store/src';
import { countCases, seedCases } from './api-seed';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    sample: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const CASES = Number(args.cases);
const SAMPLE = Number(args.sample ?? args.cases);
const log = (s: string) => process.stderr.write(`${s}\n`);
const UNLIMITED = { max_execution_time: 0 };

interface PartsRow {
  table: string;
  rows: string;
  compressed: string;
  uncompressed: string;
  on_disk: string;
  primary_key_memory: string;
  parts: string;
}

const MB = 1024 * 1024;
const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dataDir = args['data-dir'] ? path.resolve(args['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sizing-'));
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dataDir }), dataDir };
  const stores = await openStores(config, (p) => log(`  read model ${p.month} (${p.done}/${p.total})`));
  try {
    log(`data: ${dataDir}; target ${CASES} cases (${SAMPLE} through the ETL)`);
    await seedCases(stores, { cases: CASES, sampleRows: SAMPLE, workDir: dataDir, log });
    const cases = await countCases(stores);
    // The read model's rebuild rate: every month marked dirty and rebuilt, as an upgrade or a changed definition does.
    await markMonthsDirtyFrom(stores.ch, 'SELECT DISTINCT toYYYYMM(registered_date) AS month FROM cases');
    const t0 = performance.now();
    const months = await refreshReadModel(stores.ch);
    const rebuildSeconds = (performance.now() - t0) / 1000;
    const tables = ['cases', 'case_versions', ...READ_MODEL_TABLES];
    for (const table of tables) {
      await stores.ch.command({ query: `OPTIMIZE TABLE ${table} FINAL`, clickhouse_settings: UNLIMITED });
    }
    const parts = await (
      await stores.ch.query({
        query: `SELECT table, sum(rows) AS rows, sum(data_compressed_bytes) AS compressed,
                  sum(data_uncompressed_bytes) AS uncompressed, sum(bytes_on_disk) AS on_disk,
                  sum(primary_key_bytes_in_memory) AS primary_key_memory, count() AS parts
                FROM system.parts WHERE database = currentDatabase() AND active AND table IN {tables:Array(String)}
                GROUP BY table`,
        query_params: { tables },
        format: 'JSONEachRow',
      })
    ).json<PartsRow>();
    const byTable = new Map(parts.map((p) => [p.table, p]));
    const lines = [
      `store-sizing: ${cases.toLocaleString('en-US')} cases (cases FINAL), ClickHouse ${await version(stores)}, merged parts`,
      '',
      '| table | rows | rows per case | compressed MB | uncompressed MB | bytes/row compressed | bytes/row uncompressed | bytes per case compressed | bytes per case uncompressed | primary index in memory KB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const total = { compressed: 0, uncompressed: 0, onDisk: 0, readModelCompressed: 0, readModelUncompressed: 0 };
    for (const table of tables) {
      const p = byTable.get(table);
      const rows = Number(p?.rows ?? 0);
      const compressed = Number(p?.compressed ?? 0);
      const uncompressed = Number(p?.uncompressed ?? 0);
      total.compressed += compressed;
      total.uncompressed += uncompressed;
      total.onDisk += Number(p?.on_disk ?? 0);
      if (READ_MODEL_TABLES.includes(table)) {
        total.readModelCompressed += compressed;
        total.readModelUncompressed += uncompressed;
      }
      lines.push(
        `| ${table} | ${rows.toLocaleString('en-US')} | ${fmt(rows / cases, 3)} | ${fmt(compressed / MB)} | ${fmt(uncompressed / MB)} | ${fmt(
          rows ? compressed / rows : 0,
        )} | ${fmt(rows ? uncompressed / rows : 0)} | ${fmt(compressed / cases)} | ${fmt(uncompressed / cases)} | ${fmt(
          Number(p?.primary_key_memory ?? 0) / 1024,
        )} |`,
      );
    }
    lines.push(
      '',
      `read model per case: ${fmt(total.readModelCompressed / cases)} B compressed, ${fmt(total.readModelUncompressed / cases)} B uncompressed`,
      `whole store per case: ${fmt(total.compressed / cases)} B compressed, ${fmt(total.uncompressed / cases)} B uncompressed, ${fmt(
        total.onDisk / cases,
      )} B on disk (with marks and indexes)`,
      `read-model rebuild of every month: ${months.length} months in ${fmt(rebuildSeconds)} s (${Math.round(
        cases / rebuildSeconds,
      ).toLocaleString('en-US')} cases/s)`,
      '',
      'the columns of `cases` taking most space (system.columns):',
      '',
      '| column | compressed B/case | uncompressed B/case | ratio |',
      '| --- | ---: | ---: | ---: |',
    );
    const columns = await (
      await stores.ch.query({
        query: `SELECT name, data_compressed_bytes AS c, data_uncompressed_bytes AS u FROM system.columns
                WHERE database = currentDatabase() AND table = 'cases' ORDER BY c DESC LIMIT 12`,
        format: 'JSONEachRow',
      })
    ).json<{ name: string; c: string; u: string }>();
    for (const c of columns) {
      lines.push(
        `| ${c.name} | ${fmt(Number(c.c) / cases)} | ${fmt(Number(c.u) / cases)} | ${fmt(Number(c.u) / Math.max(1, Number(c.c)))} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await stores.close();
    if (!args['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function version(stores: { ch: import('../packages/store/src').ClickHouseClient }): Promise<string> {
  const rows = await (await stores.ch.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })).json<{ v: string }>();
  return rows[0]?.v ?? '?';
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
