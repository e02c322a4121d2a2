import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/**
 * State several api instances must agree on (README "Several api instances"): the failed sign-ins the login rate
 * limit counts (login-failure.entity.ts), and an index on the load ledger's status, which every cached read asks
 * (is a load running?) before it serves an answer. Schema builder: one migration for SQLite and PostgreSQL.
 */
export class Migration0008SeveralInstances extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('login_failure', (t) => {
        t.increments('id').primary();
        t.string('key', 200).notNullable();
        t.bigInteger('failed_at_ms').notNullable();
        t.index(['key', 'failed_at_ms']);
        t.index(['failed_at_ms']);
      }),
    );
    addSchema(
      this,
      knex.schema.alterTable('load_ledger', (t) => {
        t.index(['status']);
      }),
    );
  }

  override async down(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.alterTable('load_ledger', (t) => {
        t.dropIndex(['status']);
      }),
    );
    addSchema(this, knex.schema.dropTable('login_failure'));
  }
}
