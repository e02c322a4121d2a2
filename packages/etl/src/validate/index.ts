export { COLUMN_BY_FIELD, COLUMNS, type ColumnSpec, zhHeader } from './column-catalogue';
export { type ColumnMapping, mapHeaders } from './header-mapping';
export { type Issue, WHOLE_ROW } from './issue';
export { RejectFileWriter } from './reject-file-writer';
export { type RowResult, typedCellText, type ValidateContext, validateRow } from './validate-row';
export { excelSerialToLocal, parseAmount, parseDateTime, toShanghaiLocal } from './value-parsers';
