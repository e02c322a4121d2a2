/**
 * Imported first by the api server (main.ts) and by the benchmarks that run it in their own process: Node's pool of
 * threads, which libuv sizes from UV_THREADPOOL_SIZE when it first uses it — so this must run before anything reads a
 * file, hashes a password or compresses a response. The embedded engine's questions wait for their turn on pool
 * threads (EmbeddedLane's depth, @c12315/store clickhouse.ts): with 8 the questions' lane holds 4 statements in the
 * engine, the load's lane 1, and 3 threads stay for files, passwords and compression. An operator's own
 * UV_THREADPOOL_SIZE is kept.
 */
process.env.UV_THREADPOOL_SIZE ??= '8';
