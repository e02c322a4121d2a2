import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** The 通报's numbering configuration and its frozen issues (notice.entity.ts, issue 14 §1). */
export class Migration0006Notices extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('notice_config', (t) => {
        t.increments('id').primary();
        t.string('issuer_code', 9).notNullable().unique();
        t.string('doc_prefix', 32).notNullable();
        t.integer('first_number').notNullable();
        t.datetime('updated_at').notNullable();
        t.string('updated_by', 128).notNullable();
      }),
    );
    addSchema(
      this,
      knex.schema.createTable('notice_issue', (t) => {
        t.increments('id').primary();
        t.string('issuer_code', 9).notNullable();
        t.string('month', 7).notNullable();
        t.integer('year').notNullable();
        t.integer('number').notNullable();
        t.json('content').notNullable();
        t.datetime('frozen_at').notNullable();
        t.unique(['issuer_code', 'month']);
        t.unique(['issuer_code', 'year', 'number']);
      }),
    );
  }

  override async down(): Promise<void> {
    addSchema(this, this.getKnex().schema.dropTable('notice_issue'));
    addSchema(this, this.getKnex().schema.dropTable('notice_config'));
  }
}
