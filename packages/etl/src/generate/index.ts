export { CONTRACT_HEADERS, EXPORT_HEADERS, PERSONAL_HEADERS } from './columns';
export type { GeneratedCase } from './generate-cases';
export { exportMoments, generateCaseRows, generateCases } from './generate-cases';
export { generateExport } from './generate-export';
export type { GenerateOptions, GenerateResult, RowOptions } from './generate-options';
