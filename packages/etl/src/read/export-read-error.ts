/**
 * A file that cannot be read at all: the load stops with a non-zero exit status (case-export.md §What a load reports).
 * Row-level problems are never thrown: they become rejects.
 */
import * as path from 'node:path';

export type ExportReadErrorCode = 'NOT_FOUND' | 'UNSUPPORTED_FORMAT' | 'NO_HEADER' | 'UNREADABLE' | 'LIMIT_EXCEEDED';

const MESSAGES: Record<ExportReadErrorCode, { zh: string; en: string }> = {
  NOT_FOUND: { zh: '文件不存在', en: 'file not found' },
  UNSUPPORTED_FORMAT: {
    zh: '不支持的文件格式（仅支持 .xlsx、.csv、.jsonl、.ndjson）',
    en: 'unsupported file format (only .xlsx, .csv, .jsonl, .ndjson)',
  },
  NO_HEADER: { zh: '找不到含“登记编号”的表头行', en: 'no header row containing 登记编号 (case_id)' },
  UNREADABLE: { zh: '文件无法读取', en: 'file cannot be read' },
  LIMIT_EXCEEDED: { zh: '文件超出读取上限，未载入任何数据', en: 'file exceeds a read limit, nothing loaded' },
};

export class ExportReadError extends Error {
  readonly code: ExportReadErrorCode;
  readonly filePath: string;

  constructor(code: ExportReadErrorCode, filePath: string, detail?: string) {
    const m = MESSAGES[code];
    const name = path.basename(filePath);
    const suffix = detail ? `: ${detail}` : '';
    super(`${m.zh}：${name} / ${m.en}: ${name}${suffix}`);
    this.name = 'ExportReadError';
    this.code = code;
    this.filePath = filePath;
  }
}
