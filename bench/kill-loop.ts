/**
 * Kill faults (issue "Faults and abuse" §2): `kill -9` at random moments of a load, each followed by a re-run, for
 * CSV, XLSX and JSON Lines, on both paths a load takes:
 *  - cli:    the standalone `pnpm etl load` (it owns the embedded store) is killed;
 *  - server: `pnpm start` owns the store, `pnpm etl load` hands the file to it, the server is killed, started again
 *            and the same `pnpm etl load` re-run through it.
 * Every kill happens on a fresh store, after a delay drawn (seeded) within the clean load's duration on that path. A
 * load not killed mid-way (it finished before its moment, or on the server path the server died before the hand-off
 * and the CLI loaded by itself) is compared too but not counted as a kill: moments are drawn again, within the
 * shortest duration a finished load took, until --kills loads were killed mid-way. The re-run's store digest (cases,
 * versions, every read-model table, dirty months: store-digest.ts) must equal the clean load's, and the ledger must
 * show the killed load INTERRUPTED and the re-run SUCCEEDED. Prints "K killed mid-load + F not killed mid-way; N
 * identical, 0 differ" per format and path, with the timings; exits 1 when any store differs, a ledger check fails, or
 * fewer than --kills loads could be killed mid-way.
 *
 *   pnpm bench kill-loop [--rows 1000000] [--kills 20] [--formats csv,xlsx,jsonl] [--paths cli,server] [--seed kill-loop]
 *   node -r @swc-node/register bench/kill-loop.ts --rows 100000 --kills 5        (a shorter run)
 *
 * Exports are made with `pnpm etl generate` (Guangdong 440000, 2025-01 … 2025-12) and cached in bench/out/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { random, seedOfText } from '../packages/api/src/common/seeded-random';
import {
  finished,
  ledger,
  ROOT,
  runEtl,
  type StoreDigest,
  spawnEtl,
  startApiServer,
  storeDigest,
} from '../packages/etl/test-support/processes';

const OUT = path.join(__dirname, 'out');
type Format = 'csv' | 'xlsx' | 'jsonl';
type LoadPath = 'cli' | 'server';

function ensureExport(format: Format, rows: number, seed: string): string {
  const file = path.join(OUT, `kill-${seed}-${rows}.${format}`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(OUT, { recursive: true });
  const partial = `${file}.partial.${format}`;
  const args = ['--rows', String(rows), '--seed', seed, '--from', '2025-01', '--to', '2025-12', '--province', '440000'];
  const r = spawnSync('pnpm', ['-s', 'etl', 'generate', ...args, '--format', format, '--out', partial], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`pnpm etl generate failed: ${r.stderr}`);
  fs.renameSync(partial, file);
  process.stderr.write(r.stdout);
  return file;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kill-loop-${label}-`));
}

function same(a: StoreDigest, b: StoreDigest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface Outcome {
  identical: boolean;
  /** The killed load had a ledger entry (RUNNING at the kill) and it reads INTERRUPTED after the re-run. */
  ledgerOk: boolean;
  /** Killed before the load wrote its ledger entry (opening the store): nothing to mark. */
  beforeEntry: boolean;
  finishedFirst: boolean;
  /** The load ended before its kill moment (then ranMs is its duration). */
  beforeMoment: boolean;
  /** How long the load ran before it finished or was killed. */
  ranMs: number;
  rerunMs: number;
  note: string;
}

/** After the re-run: every entry but the last INTERRUPTED (the killed load), the last SUCCEEDED. */
function ledgerAfterRerun(dir: string, killedEntries: number): { ok: boolean; statuses: string[] } {
  const statuses = ledger(dir).map((e) => e.status);
  const ok =
    statuses.length === killedEntries + 1 &&
    statuses.slice(0, -1).every((s) => s === 'INTERRUPTED') &&
    statuses.at(-1) === 'SUCCEEDED';
  return { ok, statuses };
}

/**
 * The clean load's digest and duration on `via`: the CLI alone, or handed over to a server already up (timed from the
 * CLI's start).
 */
async function cleanLoad(via: LoadPath, file: string): Promise<{ digest: StoreDigest; ms: number }> {
  const dir = freshDir(`clean-${via}`);
  try {
    const server = via === 'server' ? await startApiServer(dir) : null;
    const started = Date.now();
    const run = await runEtl(dir, ['load', file, '--rejects-dir', dir]);
    const ms = Date.now() - started;
    await server?.stop();
    if (run.code !== 0) throw new Error(`clean ${via} load exited ${run.code}: ${run.stderr.slice(-800)}`);
    return { digest: storeDigest(dir), ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One kill on a fresh store and the re-run: on the cli path the load itself is killed; on the server path the server
 * running the handed-over load is killed (the CLI must then exit 75), started again, and the load re-run through it.
 */
async function killAndRerun(via: LoadPath, file: string, delayMs: number, clean: StoreDigest): Promise<Outcome> {
  const dir = freshDir(via);
  const args = ['load', file, '--rejects-dir', dir];
  try {
    const server = via === 'server' ? await startApiServer(dir) : null;
    const spawned = Date.now();
    const child = spawnEtl(dir, args);
    const done = finished(child);
    const beforeMoment = await Promise.race([sleep(delayMs).then(() => false), done.then(() => true)]);
    const ranMs = Date.now() - spawned;
    if (server) await server.kill();
    else child.kill('SIGKILL');
    const killed = await done;
    const finishedFirst = server ? killed.code === 0 : killed.signal !== 'SIGKILL';
    if (server && !finishedFirst && killed.code !== 75) {
      throw new Error(`the CLI exited ${killed.code}, not 75: ${killed.stderr.slice(-800)}`);
    }
    const killedEntries = ledger(dir).filter((e) => e.status === 'RUNNING').length;
    const restarted = server ? await startApiServer(dir) : null;
    const started = Date.now();
    const rerun = await runEtl(dir, args);
    const rerunMs = Date.now() - started;
    await restarted?.stop();
    if (rerun.code !== 0) throw new Error(`re-run exited ${rerun.code}: ${rerun.stderr.slice(-800)}`);
    const led = ledgerAfterRerun(dir, finishedFirst ? 1 : killedEntries);
    const identical = same(storeDigest(dir), clean);
    return {
      identical,
      ledgerOk: finishedFirst || (killedEntries > 0 ? led.ok : led.statuses.join() === 'SUCCEEDED'),
      beforeEntry: !finishedFirst && killedEntries === 0,
      finishedFirst,
      beforeMoment,
      ranMs,
      rerunMs,
      note: led.statuses.join(','),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      kills: { type: 'string', default: '20' },
      formats: { type: 'string', default: 'csv,xlsx,jsonl' },
      paths: { type: 'string', default: 'cli,server' },
      seed: { type: 'string', default: 'kill-loop' },
    },
  });
  const rows = Number(values.rows);
  const kills = Number(values.kills);
  const formats = (values.formats ?? '').split(',') as Format[];
  const paths = (values.paths ?? '').split(',') as LoadPath[];
  const seed = values.seed ?? 'kill-loop';
  if (formats.some((f) => !['csv', 'xlsx', 'jsonl'].includes(f)) || paths.some((p) => !['cli', 'server'].includes(p))) {
    process.stderr.write('--formats: csv,xlsx,jsonl; --paths: cli,server\n');
    return 64;
  }
  const rand = random(seedOfText(seed));
  const lines: string[] = [];
  let failed = false;
  for (const format of formats) {
    const file = ensureExport(format, rows, seed);
    for (const via of paths) {
      const clean = await cleanLoad(via, file);
      const outcomes: Outcome[] = [];
      // A moment drawn within the clean load's duration can fall after a later load has already finished (the machine
      // is shared: durations vary). Such a run is still compared with the clean load, but is not a kill: moments are
      // drawn again until `kills` loads were killed mid-way.
      let bound = clean.ms;
      for (let attempt = 0; outcomes.filter((o) => !o.finishedFirst).length < kills && attempt < kills * 3; attempt++) {
        const delay = Math.round(rand() * bound);
        const outcome = await killAndRerun(via, file, delay, clean.digest);
        outcomes.push(outcome);
        // Only a load that ended before its moment says how long loads take now. (On the server path a server killed
        // before the hand-off leaves the CLI to load by itself: it succeeds, but later than the moment.)
        if (outcome.beforeMoment) bound = Math.min(bound, outcome.ranMs);
        process.stderr.write(
          `${format} ${via} #${outcomes.length}: killed at ${seconds(delay)} → ${outcome.beforeMoment ? `finished before the kill (in ${seconds(outcome.ranMs)}), ` : outcome.finishedFirst ? 'server killed before the hand-off, the CLI loaded by itself, ' : ''}` +
            `${outcome.identical ? 'identical' : 'DIFFERS'}, ledger ${outcome.note}${outcome.ledgerOk ? '' : ' (WRONG)'}, re-run ${seconds(outcome.rerunMs)}\n`,
        );
      }
      const identical = outcomes.filter((o) => o.identical).length;
      const ledgerOk = outcomes.filter((o) => o.ledgerOk).length;
      const early = outcomes.filter((o) => o.beforeEntry).length;
      const first = outcomes.filter((o) => o.finishedFirst).length;
      const meanRerun = outcomes.reduce((s, o) => s + o.rerunMs, 0) / Math.max(1, outcomes.length);
      const runs = outcomes.length;
      failed ||= identical < runs || ledgerOk < runs || runs - first < kills;
      const line =
        `${format.padEnd(5)} ${via.padEnd(6)} ${rows} rows: ${runs - first} killed mid-load + ${first} not killed mid-way; ` +
        `${identical} identical, ${runs - identical} differ; ` +
        `ledger INTERRUPTED→SUCCEEDED right ${ledgerOk}/${runs} (${early} killed before the ledger entry); ` +
        `clean load ${seconds(clean.ms)}, mean re-run ${seconds(meanRerun)}`;
      lines.push(line);
      process.stdout.write(`${line}\n`);
    }
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kill-loop: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
