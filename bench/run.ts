/**
 * `pnpm bench [NAME] [-- ARGS…]`: runs the benchmarks of bench/ one after another (each in its own process, so one
 * benchmark's engine and memory never colour another's figures), or only NAME with ARGS passed through.
 *
 *   pnpm bench                              every benchmark with its defaults
 *   pnpm bench etl-throughput --rows 100000
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
  if (name && !name.startsWith('-')) {
    if (!known.includes(name)) {
      process.stderr.write(`unknown benchmark "${name}"; known: ${known.join(', ')}\n`);
      return 64;
    }
    return run(
      name,
      rest.filter((a) => a !== '--'),
    );
  }
  let failed = 0;
  for (const b of known) if (run(b, []) !== 0) failed++;
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
