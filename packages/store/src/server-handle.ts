/**
 * The embedded store belongs to one process (chdb locks its directory). A running api server leaves a handle file in
 * DATA_DIR (mode 0600: port + a random local token) so that CLI commands hand their work to it instead of opening
 * the store themselves.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ServerHandle {
  pid: number;
  port: number;
  token: string;
}

export function serverHandlePath(dataDir: string): string {
  return path.join(dataDir, 'api-server.json');
}

export function writeServerHandle(dataDir: string, handle: ServerHandle): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(serverHandlePath(dataDir), JSON.stringify(handle), { mode: 0o600 });
}

export function removeServerHandle(dataDir: string, pid = process.pid): void {
  const handle = readHandleFile(dataDir);
  if (handle && handle.pid === pid) fs.rmSync(serverHandlePath(dataDir), { force: true });
}

function readHandleFile(dataDir: string): ServerHandle | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(serverHandlePath(dataDir), 'utf8')) as ServerHandle;
    return typeof parsed.pid === 'number' && typeof parsed.port === 'number' && typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The handle of a live server on this data dir, or null (a stale handle of a dead process is ignored). */
export function readServerHandle(dataDir: string): ServerHandle | null {
  const handle = readHandleFile(dataDir);
  return handle && alive(handle.pid) ? handle : null;
}
