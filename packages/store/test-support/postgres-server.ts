/**
 * A throwaway PostgreSQL server for tests of the production metadata path (DATABASE_URL): Debian's server binaries,
 * a fresh cluster in a temp dir, loopback only, trust auth, stopped afterwards. Missing binaries fail the test run
 * (scripts/setup.sh installs `postgresql`); nothing is skipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function serverBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql: run scripts/setup.sh (apt-get install postgresql)',
    );
  return path.join(root, newest, 'bin');
}

/** A TCP port free on 127.0.0.1 right now (the one place the tests and benchmarks take a port from). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface TestPostgres {
  /** DATABASE_URL of the database `metadata`, created with the server. */
  url: string;
  /** Create a new, empty database on this server and return its DATABASE_URL (a fresh metadata store per opening). */
  createDatabase(): string;
  stop(): void;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = serverBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  const data = path.join(dir, 'data');
  // PostgreSQL refuses to run as root: run the cluster as the `postgres` system user when we are root.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // A port free when asked may be taken before the server binds it (test files run side by side): try another.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', [
        '-D',
        data,
        '-w',
        '-l',
        path.join(dir, 'log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ]);
      break;
    } catch (error) {
      if (attempt < 3) continue;
      const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`the test PostgreSQL server did not start:\n${log}`, { cause: error });
    }
  }
  let databases = 0;
  const createDatabase = (name: string): string => {
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  return {
    url: createDatabase('metadata'),
    createDatabase: () => createDatabase(`metadata_${++databases}`),
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
