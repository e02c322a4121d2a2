/**
 * The SETTINGS of the engine-side load's statements: how the engine reads an export, derives its rows, and writes
 * the stage and the store. Every figure below was measured on the loads it names.
 */

/**
 * Every function of engine-sql.ts is total on any text (…OrNull parsers, lookups with defaults, fixed-size arrays), so
 * short-circuit evaluation only costs: it halved the stage query's time. (Should one ever throw, the stage fails and
 * the file is loaded row by row: slower, never wrong.) Blocks of 8,192 rows, not 65,409: the derivation keeps a few
 * hundred intermediate columns per block, and at the default size a thread held ~300 MB of them (peak RSS of a 1 M-row
 * load 1.66 GB → 1.12 GB, same time).
 */
export const DERIVE_SETTINGS = "short_circuit_function_evaluation = 'disable', max_block_size = 8192";

/**
 * Writes: blocks squashed to at most 32 MB before a part is written (the default, 256 MB or 1 M rows, held a whole
 * stage); no ReplacingMergeTree collapse on insert (`cases` and `case_versions` are read under FINAL, and a load writes
 * one row per case and key: the collapse only sorted every block again — it took 8 of the 9 s of the `cases` insert
 * of a 1 M-row file); two insert threads.
 */
export const WRITE_SETTINGS =
  'min_insert_block_size_rows = 0, min_insert_block_size_bytes = 33554432, optimize_on_insert = 0, max_insert_threads = 2';

/**
 * Files are read with pread, not mmap (the engine's default): mapped pages of the export counted in the process's
 * resident set, which then grew with the file (+370 MB for a 1 M-row, 366 MB export).
 */
export const READ_SETTINGS = "storage_file_read_method = 'pread'";

/**
 * The stage is a Log table, not a MergeTree: it is written once in file order and read whole (no key, no merges), and
 * the MergeTree's parts cost ~1.5 s and ~4 s of CPU more per million rows (CSV, 1 M rows: 20.5 s → 17.7 s). Its column
 * files are compressed in blocks of 128 KB, not 1 MB, and read back in blocks of 8,192 rows through 128 KB buffers: a
 * statement reading the stage holds one decompressed block and one buffer per column and stream (~60 columns).
 */
export const STAGE_ENGINE = 'Log';
export const STAGE_WRITE_SETTINGS = 'max_compress_block_size = 131072';
export const STAGE_READ_SETTINGS = 'max_block_size = 8192, max_read_buffer_size = 131072';

/** Settings as the text of a SETTINGS clause. */
export function settingsSql(settings: Record<string, number>): string {
  return Object.entries(settings)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
}

/**
 * How the engine parses a CSV export (CSV_SETTINGS; on a server the upload's settings, engine/input.ts). No parallel
 * parsing: rows are numbered in file order (`_row_number` has gaps with it).
 */
export const CSV_INPUT = {
  input_format_csv_skip_first_lines: 1,
  input_format_parallel_parsing: 0,
  input_format_csv_trim_whitespaces: 0,
  format_csv_allow_single_quotes: 0,
  input_format_csv_allow_cr_end_of_line: 0,
  input_format_csv_allow_variable_number_of_columns: 0,
  input_format_csv_skip_trailing_empty_lines: 1,
  input_format_csv_empty_as_default: 0,
  input_format_allow_errors_num: 0,
  input_format_allow_errors_ratio: 0,
};

/** The settings of the engine's read of a CSV export (also bench/etl-throughput.ts's floor of that read). */
export const CSV_SETTINGS = `SETTINGS ${settingsSql(CSV_INPUT)},
  ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS}, ${STAGE_WRITE_SETTINGS}`;

/** How the engine parses an XLSX sheet's rows as TabSeparated text carrying their row numbers (in parallel). */
export const SHEET_INPUT = {
  input_format_tsv_empty_as_default: 0,
  input_format_allow_errors_num: 0,
  input_format_allow_errors_ratio: 0,
};
export const SHEET_SETTINGS = `SETTINGS ${settingsSql(SHEET_INPUT)}, ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS},
  ${STAGE_WRITE_SETTINGS}`;

/** JSON Lines read as lines, numbered in order (`_row_number` has gaps with parallel parsing). */
export const LINES_INPUT = { input_format_parallel_parsing: 0 };
export const LINES_SETTINGS = `SETTINGS ${settingsSql(LINES_INPUT)}, ${READ_SETTINGS}, ${DERIVE_SETTINGS}, ${WRITE_SETTINGS},
  ${STAGE_WRITE_SETTINGS}`;
