export * from './calendar-files';
export * from './clickhouse';
export * from './config';
export * from './metadata/load-ledger.entity';
export * from './metadata/orm';
export * from './migrations';
export * from './server-handle';
