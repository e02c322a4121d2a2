/**
 * The CLI's side of a load handed to the api server that owns the embedded store (packages/api/src/server/
 * load-endpoint.ts): POST the files, print the server's NDJSON events. When the server stops answering part-way
 * (killed, crashed, the machine's OOM killer), the connection fails with nothing but "fetch failed": this names what
 * happened, what may have been stored and what to run.
 */
import type { ServerHandle } from '@c12315/store';
import type { LoadEvent } from './load/load-files';

/** The api server stopped answering during a handed-over load (exit code 75, EX_TEMPFAIL: run it again). */
export class ServerGoneError extends Error {
  constructor(
    readonly reasonZh: string,
    readonly reasonEn: string,
  ) {
    super(`${reasonZh}\n${reasonEn}`);
  }
}

/** `pnpm etl load …` as this process was called, quoted for a POSIX shell. */
export function sameCommand(argv: string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
  return ['pnpm', 'etl', ...argv.map(quote)].join(' ');
}

/** `done`: the files the server reported loaded; `settled`: those and the ones it reported failed. */
function serverGone(
  handle: ServerHandle,
  files: string[],
  progress: { done: Set<string>; settled: Set<string>; current: string | null },
  command: string,
) {
  const { done, settled, current } = progress;
  const interrupted = current ?? files.find((f) => !settled.has(f)) ?? files[files.length - 1] ?? '';
  const loaded = files.filter((f) => done.has(f));
  const loadedZh = loaded.length > 0 ? `已完成加载：${loaded.join('、')}。` : '';
  const loadedEn = loaded.length > 0 ? ` Loaded before it stopped: ${loaded.join(', ')}.` : '';
  return new ServerGoneError(
    `api 服务器（pid ${handle.pid}）在加载 ${interrupted} 期间停止响应，该加载已中断。${loadedZh}` +
      '无法确认中断的加载已写入多少；重新运行是安全的，只会留下正确的案件（不丢失、不重复）。' +
      `请重新启动服务器（pnpm start）或确认其已停止，然后运行同一命令：${command}`,
    `the api server (pid ${handle.pid}) stopped answering during the load of ${interrupted}: that load was interrupted.` +
      `${loadedEn} How much of it was stored cannot be known here; running it again is safe and leaves exactly the ` +
      `right cases (nothing lost, nothing duplicated). Start the server again (pnpm start) or make sure it is stopped, ` +
      `then run the same command: ${command}`,
  );
}

/** Hand the load to the running api server and stream its events; true when every file loaded. */
export async function loadThroughServer(
  handle: ServerHandle,
  body: { files: string[]; rejectsDir?: string; runBy: string },
  emit: (e: LoadEvent) => void,
  command: string,
): Promise<boolean> {
  const progress = { done: new Set<string>(), settled: new Set<string>(), current: null as string | null };
  let ok: boolean | null = null;
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${handle.port}/internal/loads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Local ${handle.token}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw serverGone(handle, body.files, progress, command);
  }
  if (!response.ok || !response.body)
    throw new Error(`the api server refused the load: HTTP ${response.status} ${await response.text()}`);
  let buffer = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) {
          const event = JSON.parse(line) as LoadEvent | { type: 'end'; ok: boolean };
          if (event.type === 'end') ok = event.ok;
          else {
            if (event.type === 'progress') progress.current = event.progress.file;
            else {
              const file = event.type === 'summary' ? event.summary.file : event.file;
              if (event.type === 'summary') progress.done.add(file);
              progress.settled.add(file);
              progress.current = null;
            }
            emit(event);
          }
        }
        newline = buffer.indexOf('\n');
      }
    }
  } catch {
    ok = null;
  }
  // The stream ended (or broke) without the server's closing event: it went away mid-load.
  if (ok === null) throw serverGone(handle, body.files, progress, command);
  return ok;
}
