/** Options of `pnpm etl generate` (issue "Data in" §4). */
export interface GenerateOptions {
  rows: number;
  seed: string;
  /** `YYYY-MM`: registrations run from the first day of `from` to the last day of `to`. */
  from: string;
  to: string;
  /** 6-digit GB/T 2260 province code, e.g. `140000`. */
  provinceCode: string;
  format: 'xlsx' | 'csv' | 'jsonl';
  encoding?: 'utf-8' | 'gbk';
  out: string;
  /** Share of rows carrying one contract defect (default 0.01). */
  dirtyShare?: number;
  /** Optional second file with later versions (newer 更新时间, progressed status) of some cases of `out`. */
  versionsOut?: string;
  onProgress?: (written: number) => void;
}

export type RowOptions = Omit<GenerateOptions, 'out' | 'format' | 'encoding'>;

export interface GenerateResult {
  rows: number;
  /** Rows the contract rejects. */
  dirtyRows: number;
  /** Rows with a defect that only warns (invalid USCC, a complaint-only field on another kind). */
  warningRows: number;
  casesWithLaterVersion: number;
}

export function validateRowOptions(o: RowOptions): void {
  if (!Number.isInteger(o.rows) || o.rows < 0) throw new Error(`rows must be a whole number ≥ 0, got ${o.rows}`);
  if (!o.seed) throw new Error('seed is required');
  if (!/^\d{2}0000$/.test(o.provinceCode)) throw new Error(`province code must look like 140000, got ${o.provinceCode}`);
  const share = o.dirtyShare ?? 0.01;
  if (!(share >= 0 && share <= 1)) throw new Error(`dirtyShare must be in [0, 1], got ${share}`);
}
