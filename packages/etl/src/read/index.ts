export { ExportReadError, type ExportReadErrorCode } from './export-read-error';
export type { ExportEncoding, ExportFormat, OpenedExport, RawRow, RowReadError } from './export-types';
export { normaliseHeader } from './header-text';
export { type OpenExportOptions, openExport } from './open-export';
