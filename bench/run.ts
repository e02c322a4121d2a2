/**
 * `pnpm bench [NAME] [-- ARGS…]`: one benchmark of bench/ with ARGS passed through; without NAME, the list of the
 * benchmarks and their commands (each runs minutes to hours at its defaults, so none starts unasked); `--all` runs
 * every one with its defaults, one after another (each in its own process, so one benchmark's engine and memory never
 * colour another's figures).
 *
 *   pnpm bench                              the benchmarks and their commands
 *   pnpm bench etl-throughput --rows 100000
 *   pnpm bench --all                        every benchmark with its defaults (hours)
 *
 * A benchmark is a bench/*.ts file that exports nothing (files that export are helpers, e.g. api-seed.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function benchmarks(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .filter((f) => !/^export\s/m.test(fs.readFileSync(path.join(__dirname, f), 'utf8')))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

/** What each one measures, one line (a benchmark missing here is described by its header's first line). */
const WHAT: Record<string, string> = {
  'api-latency': 'API latency (cold p50/p95) on the read model beside the case table, and 50 clients for 60 s; 10 M cases',
  'clients-under-load': '200 clients for 60 s while a load is handed over: errors, answers mixing before and after, p50/p95',
  'dashboard-first-render': 'first render of the ranking page in Chromium, computed and published (target under 1.5 s)',
  'etl-throughput': 'rows/s and peak RSS of pnpm etl load per format, in the engine and row by row; 1 M rows',
  'hostile-files': 'the big hostile files of issue 13 §1 loaded on both paths: exit status, peak RSS, time',
  'store-sizing': 'bytes per case and per read-model row (compressed, uncompressed) and the read-model rebuild rate; 1 M cases',
  'instance-checks': 'what several api instances pay per request to agree: the read cache’s data version, the sign-in limit',
  'kill-loop': 'kill -9 at seeded moments of loads (cli and server paths), each re-run compared with a clean load',
};

/** A benchmark's commands as its header comment gives them (with an option list continued on further lines). */
function usageOf(name: string, source: string): string[] {
  const header = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const lines = header.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trimEnd());
  const usage: string[] = [];
  lines.forEach((line, i) => {
    const quoted = new RegExp(`\`(pnpm bench ${name}[^\`]*)\``).exec(line)?.[1];
    const whole = /^\s*(pnpm bench|node -r @swc-node\/register bench\/)/.test(line) ? line.trim() : undefined;
    const command = quoted ?? whole;
    if (!command) return;
    usage.push(command);
    for (let j = i + 1; j < lines.length && /^\s{4,}\[/.test(lines[j] as string); j++)
      usage.push(`  ${(lines[j] as string).trim()}`);
  });
  return usage;
}

function list(known: string[]): void {
  const out = ['Benchmarks (each prints its figures; sizes and options in bench/NAME.ts):', ''];
  for (const name of known) {
    const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
    const what = WHAT[name] ?? /\/\*\*\s*\n\s*\*\s?(.*)/.exec(source)?.[1] ?? '';
    const usage = usageOf(name, source);
    out.push(`  ${name}: ${what}`);
    for (const u of usage.length > 0 ? usage : [`pnpm bench ${name}`]) out.push(`    ${u}`);
    out.push('');
  }
  out.push('Every one with its defaults (hours on 2 cores): pnpm bench --all');
  process.stdout.write(`${out.join('\n')}\n`);
}

function run(name: string, args: string[]): number {
  process.stdout.write(`\n=== ${name} ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, `${name}.ts`), ...args], {
    cwd: path.resolve(__dirname, '..'),
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

function main(): number {
  const [name, ...rest] = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  const known = benchmarks();
  if (name === '--all') {
    let failed = 0;
    for (const b of known) if (run(b, []) !== 0) failed++;
    return failed === 0 ? 0 : 1;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    list(known);
    return 0;
  }
  if (!known.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${known.join(', ')} (pnpm bench lists them)\n`);
    return 64;
  }
  return run(
    name,
    rest.filter((a) => a !== '--'),
  );
}

process.exitCode = main();
