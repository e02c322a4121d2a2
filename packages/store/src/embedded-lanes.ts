/**
 * A connection of the embedded engine (chdb) as a lane: its statements run one at a time, in the order they were
 * asked (the questions' lane hands the engine the next one before the last has ended: EmbeddedLane's depth). The
 * embedded client has two (clickhouse.ts): one for questions, one for the statements that grow with a file or the
 * store (NO_TIME_LIMIT: a load's stage, validation and writes, a month's rebuild), so that a question no longer waits
 * behind a load's minute-long statement. Two, not more: the machine's cores are the limit, and the api's own
 * JavaScript needs one (three connections side by side cost the 50-client run of bench/api-latency.ts its p50:
 * 34 → 398 ms, for no more answers a second).
 *
 * Bound parameters travel as the connection's own query parameters: `SET param_name = '…'` just before the statement,
 * in the same call; the engine substitutes `{name:Type}` from them as it does for chdb's bind call or a server's
 * `param_name`, parsing each value as its declared type. The values are formatted by chdb's own binder
 * (formatParamValue) and quoted by its string-literal escape (escapeStringLiteral), the functions its bind call uses.
 *
 * Why not chdb's bind call (`queryBindAsync`): libchdb keeps a bind call's parameters in state that connections share,
 * so chdb's Node binding runs every bind call of the process one after the other (`globalParamChain` in its
 * index.js) — across connections too: a second connection would not let a question pass a load's statement. A
 * connection's SET parameters are its own, and the engine runs a connection's statements one at a time (each call,
 * SETs and statement, whole), so no statement sees another's values (embedded-lanes.int.test.ts runs hundreds side by
 * side and checks each answer).
 */
import path from 'node:path';
import type { createChdbConnection } from 'chdb/connection';

type ChdbConnection = ReturnType<typeof createChdbConnection>;
type QueryParams = Parameters<ChdbConnection['query']>[0];

interface ChdbSerialize {
  formatParamValue(value: unknown): string;
  escapeStringLiteral(text: string): string;
}

let serialize: ChdbSerialize | null = null;
/** chdb's binder, which its package does not export: loaded (once) from the file its bind call loads. */
function chdbSerialize(): ChdbSerialize {
  serialize ??= require(path.join(path.dirname(require.resolve('chdb')), 'dist', 'serialize.js')) as ChdbSerialize;
  return serialize;
}

/** A text as a ClickHouse string literal, by chdb's own escape. */
export function sqlStringLiteral(text: string): string {
  return chdbSerialize().escapeStringLiteral(text);
}

/** The engine's default max_query_size (256 KiB). */
const MAX_QUERY_SIZE = 262_144;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g;

/**
 * The statement with its bound values set on the connection first. A connection keeps the values of its earlier
 * statements, so a placeholder without a value here is refused (the engine's own error for it would not come: it
 * would read an earlier statement's value).
 */
export function withSessionParameters(query: string, params: Record<string, unknown> | undefined): string {
  const values = params ?? {};
  for (const [, name] of query.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(values, name as string)) {
      throw new Error(`the statement's parameter {${name}} has no value (query_params)`);
    }
  }
  const names = Object.keys(values);
  if (names.length === 0) return query;
  const { formatParamValue, escapeStringLiteral } = chdbSerialize();
  const sets = names.map((name) => {
    if (!PARAMETER_NAME.test(name)) throw new Error(`not a parameter name: ${JSON.stringify(name)}`);
    return `SET param_${name} = ${escapeStringLiteral(formatParamValue(values[name]))}`;
  });
  const text = sets.join(';\n');
  // A bound value is not part of the statement's text, but a SET is: the engine's limit on a statement's text
  // (max_query_size) is raised by the values' length, so that a batch's thousand case ids bind as they did before.
  return `SET max_query_size = ${MAX_QUERY_SIZE + Buffer.byteLength(text)};\n${text};\n${query}`;
}

/** The statement as one connection runs it: its values set on the connection, no bind call. */
function sessionBound<P extends QueryParams>(params: P): P {
  return { ...params, query: withSessionParameters(params.query, params.query_params), query_params: undefined };
}

/**
 * A lane as a clickhouse-js Connection. A statement's turn ends when the engine has finished it, not before: a chdb
 * statement cannot be interrupted, so an abort only ends the caller's wait.
 */
export class EmbeddedLane {
  private inEngine = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * `depth`: how many of the lane's statements the engine holds at once. The engine runs a connection's statements one
   * at a time, each with the values it sets (chdb's connection queue: a statement is handed over only once the one
   * before has been taken back), so with 2 the next statement is already waiting inside the engine when one ends and
   * starts at once, instead of when JavaScript next gets its turn: on a busy api the event loop answers tens of
   * milliseconds late, and the engine sat idle that long between two questions. Each statement held waits on a
   * thread of Node's pool (clickhouse.ts questionsLaneDepth sizes the questions' lane from it).
   */
  constructor(
    private readonly chdb: ChdbConnection,
    private readonly depth = 1,
  ) {}

  /** Runs `work` on the lane's connection after the statements asked before it (`depth` of them at once). */
  use<T>(work: (connection: ChdbConnection) => Promise<T>, abort?: AbortSignal): Promise<T> {
    const running = this.turn()
      .then(() => work(this.chdb))
      .finally(() => this.release());
    if (!abort) return running;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error('the statement was aborted (the engine finishes it in the background)'));
      if (abort.aborted) onAbort();
      abort.addEventListener('abort', onAbort, { once: true });
      running.then(resolve, reject).finally(() => abort.removeEventListener('abort', onAbort));
    });
  }

  /** Resolves when the statement may go to the engine: in the order asked. */
  private turn(): Promise<void> {
    if (this.inEngine < this.depth && this.waiting.length === 0) {
      this.inEngine++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** A statement has come back from the engine: its place goes to the next one asked, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inEngine--;
  }

  /** The clickhouse-js Connection over the lane. */
  connection() {
    const one = <P extends QueryParams, R>(params: P, run: (c: ChdbConnection, p: P) => Promise<R>) =>
      this.use((c) => run(c, { ...sessionBound(params), abort_signal: undefined }), params.abort_signal);
    return {
      ping: (params: Parameters<ChdbConnection['ping']>[0]) => this.use((c) => c.ping(params)),
      query: (params: QueryParams) => one(params, (c, p) => c.query(p)),
      exec: (params: Parameters<ChdbConnection['exec']>[0]) => one(params, (c, p) => c.exec(p)),
      command: (params: Parameters<ChdbConnection['command']>[0]) => one(params, (c, p) => c.command(p)),
      insert: (params: Parameters<ChdbConnection['insert']>[0]) => one(params, (c, p) => c.insert(p)),
      close: () => this.chdb.close(),
    };
  }
}
