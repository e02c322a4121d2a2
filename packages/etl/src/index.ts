export { generateExport } from './generate';
export * from './load/case-row';
export * from './load/file-loader';
export * from './load/load-files';
export * from './load/store-writer';
export * from './load/summary-format';
export * from './read';
export * from './runtime';
export * from './validate';
