/**
 * A disk that fills mid-load (issue "Faults and abuse" §2): DATA_DIR on a small tmpfs this test mounts (root is
 * required: a failed mount fails the test), most of it taken by a ballast file. The load must fail with a clear zh + en
 * error naming "no space left on device" and the data dir, exit 74, a FAILED ledger entry, readers seeing the store
 * as it was before the load (cases and every read-model table); with the ballast deleted, the same command gives the
 * store a clean load gives.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ledger, runEtl, storeDigest } from '../../test-support/processes';
import { generateExport } from '../generate';

let work: string;
let disk: string;
let base: string;
let cases: string;
const FREE_KB = 5_000;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'disk-full-'));
  disk = path.join(work, 'disk');
  fs.mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', disk]);
  base = path.join(work, 'base.csv');
  cases = path.join(work, 'cases.csv');
  const common = { from: '2026-01', to: '2026-06', provinceCode: '140000', format: 'csv' } as const;
  await generateExport({ ...common, rows: 2_000, seed: 'disk-full-base', out: base });
  await generateExport({ ...common, rows: 30_000, seed: 'disk-full', out: cases });
}, 120_000);

afterAll(() => {
  if (disk) execFileSync('umount', [disk]);
  fs.rmSync(work, { recursive: true, force: true });
});

test('the disk fills during a load: clear error, exit 74, ledger FAILED, readers see the store as before; a re-run after freeing space gives the clean store', async () => {
  const reference = path.join(work, 'reference');
  for (const file of [base, cases]) expect((await runEtl(reference, ['load', file, '--rejects-dir', work])).code).toBe(0);
  const clean = storeDigest(reference);

  const dataDir = path.join(disk, 'data');
  expect((await runEtl(dataDir, ['load', base, '--rejects-dir', work])).code).toBe(0);
  const before = storeDigest(dataDir);
  const free = Number(execFileSync('df', ['-k', '--output=avail', disk], { encoding: 'utf8' }).split('\n')[1]);
  const ballast = path.join(disk, 'ballast');
  fs.writeFileSync(ballast, Buffer.alloc((free - FREE_KB) * 1024));

  const full = await runEtl(dataDir, ['load', cases, '--rejects-dir', work]);
  expect(full.code).toBe(74);
  expect(full.stderr).toContain(`无法加载 cannot load ${cases} [DISK_FULL]`);
  expect(full.stderr).toContain(`磁盘空间不足：${dataDir} 所在的文件系统已满`);
  expect(full.stderr).toContain(`no space left on device: the filesystem holding ${dataDir} is full`);
  const entries = ledger(dataDir);
  expect(entries.map((e) => e.status)).toEqual(['SUCCEEDED', 'FAILED']);
  expect(entries[1]?.error).toMatch(/^磁盘空间不足.*no space left on device/s);

  fs.rmSync(ballast);
  const after = storeDigest(dataDir);
  expect({ cases: after.digest, versions: after.versions, readModel: after.readModel }).toEqual({
    cases: before.digest,
    versions: before.versions,
    readModel: before.readModel,
  });

  const rerun = await runEtl(dataDir, ['load', cases, '--rejects-dir', work]);
  expect(rerun.code).toBe(0);
  expect(storeDigest(dataDir)).toEqual(clean);
}, 600_000);
