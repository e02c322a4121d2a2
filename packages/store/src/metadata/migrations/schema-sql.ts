import type { Migration } from '@mikro-orm/migrations';

type SchemaBuilder = ReturnType<ReturnType<Migration['getKnex']>['schema']['createTable']>;

/**
 * Add a knex schema builder's statements one by one: the builder writes dialect-correct DDL for SQLite and
 * PostgreSQL alike, but SQLite runs one statement per call.
 */
export function addSchema(migration: Migration, builder: SchemaBuilder): void {
  for (const statement of builder.toSQL()) migration.addSql(statement.sql);
}
