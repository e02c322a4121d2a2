import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** The load ledger. Written with the schema builder so one migration serves SQLite and PostgreSQL. */
export class Migration0001LoadLedger extends Migration {
  override async up(): Promise<void> {
    addSchema(
      this,
      this.getKnex().schema.createTable('load_ledger', (t) => {
        t.increments('id').primary();
        t.string('file_name', 1024).notNullable();
        t.bigInteger('file_size').notNullable();
        t.string('sha256', 64).notNullable().index();
        t.string('format', 16).notNullable();
        t.string('encoding', 16).nullable();
        t.datetime('started_at').notNullable();
        t.datetime('finished_at').nullable();
        t.string('status', 16).notNullable();
        for (const c of [
          'rows_read',
          'inserted',
          'replaced',
          'unchanged',
          'older_ignored',
          'rejected',
          'warnings',
          'conflicts',
        ]) {
          t.integer(c).notNullable().defaultTo(0);
        }
        t.json('dropped_columns').notNullable();
        t.json('unknown_columns').notNullable();
        t.string('reject_file', 1024).nullable();
        t.string('run_by', 128).notNullable();
        t.text('error').nullable();
      }),
    );
  }

  override async down(): Promise<void> {
    addSchema(this, this.getKnex().schema.dropTable('load_ledger'));
  }
}
