import fs from 'node:fs';
import path from 'node:path';
import type { Constructor } from '@mikro-orm/core';
import { type EntitySchema, MikroORM, type Options } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import type { AppConfig } from '../config';
import { AuditEntrySchema } from './audit-log.entity';
import { ConsumerWarningSchema, WarningRuleConfigSchema, WarningSubscriptionSchema } from './consumer-warning.entity';
import { LoadLedgerSchema } from './load-ledger.entity';
import { LoginFailureSchema } from './login-failure.entity';
import { Migration0001LoadLedger } from './migrations/0001-load-ledger';
import { Migration0002Users } from './migrations/0002-users';
import { Migration0003Ranking } from './migrations/0003-ranking';
import { Migration0004Supervision } from './migrations/0004-supervision';
import { Migration0005AuditLog } from './migrations/0005-audit-log';
import { Migration0006Notices } from './migrations/0006-notices';
import { Migration0007NoticeDelivery } from './migrations/0007-notice-delivery';
import { Migration0008SeveralInstances } from './migrations/0008-several-instances';
import { Migration0009ConsumerWarnings } from './migrations/0009-consumer-warnings';
import { NoticeConfigSchema, NoticeIssueSchema } from './notice.entity';
import { NoticeDeliverySchema, NoticeReceiptSchema } from './notice-delivery.entity';
import { RankingConfigSchema } from './ranking-config.entity';
import { RankingSnapshotSchema } from './ranking-snapshot.entity';
import { SupervisionActionSchema } from './supervision-action.entity';
import { UserAccountSchema } from './user.entity';

export * from './audit-log';
export * from './audit-log.entity';
export * from './consumer-warning.entity';
export * from './login-failure.entity';
export * from './notice.entity';
export * from './notice-delivery.entity';
export * from './ranking-config.entity';
export * from './ranking-snapshot.entity';
export * from './supervision-action.entity';
// The users feature's entities reach the api through the store's index (which re-exports this file).
export * from './user.entity';

/**
 * Entities and migrations of the metadata store. Features that own further tables (users, ranking configuration,
 * snapshots, supervision, audit log, 通报 deliveries, 消费预警) register theirs here, so one MikroORM instance and one migration history serve them all.
 */
// biome-ignore lint/suspicious/noExplicitAny: EntitySchema of heterogeneous entities
export const METADATA_ENTITIES: EntitySchema<any>[] = [
  LoadLedgerSchema,
  UserAccountSchema,
  AuditEntrySchema,
  RankingConfigSchema,
  RankingSnapshotSchema,
  SupervisionActionSchema,
  NoticeConfigSchema,
  NoticeIssueSchema,
  NoticeDeliverySchema,
  NoticeReceiptSchema,
  LoginFailureSchema,
  WarningRuleConfigSchema,
  ConsumerWarningSchema,
  WarningSubscriptionSchema,
];
export const METADATA_MIGRATIONS: { name: string; class: Constructor<Migration> }[] = [
  { name: '0001-load-ledger', class: Migration0001LoadLedger },
  { name: '0002-users', class: Migration0002Users },
  { name: '0003-ranking', class: Migration0003Ranking },
  { name: '0004-supervision', class: Migration0004Supervision },
  { name: '0005-audit-log', class: Migration0005AuditLog },
  { name: '0006-notices', class: Migration0006Notices },
  { name: '0007-notice-delivery', class: Migration0007NoticeDelivery },
  { name: '0008-several-instances', class: Migration0008SeveralInstances },
  { name: '0009-consumer-warnings', class: Migration0009ConsumerWarnings },
];

export function sqlitePath(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'metadata.sqlite');
}

async function ormOptions(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Promise<Options> {
  const common: Options = {
    entities: METADATA_ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: METADATA_MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: false },
  };
  if (config.databaseUrl) {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    return { ...common, driver: PostgreSqlDriver, clientUrl: config.databaseUrl };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName: sqlitePath(config),
    // Several processes (server, ETL CLI, users CLI) share the file: WAL + a busy timeout instead of SQLITE_BUSY.
    driverOptions: { connection: { timeout: 10_000 } },
    pool: {
      afterCreate: (conn: { pragma?: (s: string) => void }, done: (e: Error | null, c: unknown) => void) => {
        conn.pragma?.('journal_mode = WAL');
        done(null, conn);
      },
    },
  };
}

/** Open the metadata store (SQLite in DATA_DIR by default, PostgreSQL by DATABASE_URL) and apply its migrations. */
export async function openMetadataStore(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Promise<MikroORM> {
  const orm = await connectMetadataStore(config);
  await orm.getMigrator().up();
  return orm;
}

/** Connect to the metadata store as it is, without migrating it (a restore checks what it copied before any change). */
export async function connectMetadataStore(config: Pick<AppConfig, 'dataDir' | 'databaseUrl'>): Promise<MikroORM> {
  return MikroORM.init(await ormOptions(config));
}
