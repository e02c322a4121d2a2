export * from './config';
export * from './clickhouse';
export * from './migrations';
export * from './metadata/orm';
export * from './metadata/load-ledger.entity';
export * from './server-handle';
export * from './calendar-files';
