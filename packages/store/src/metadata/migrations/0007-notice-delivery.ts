import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/**
 * 通报 delivery and 签收 (notice-delivery.entity.ts; after 0006, the 通报 numbering), and the optional work e-mail address of a staff account the
 * 通报 is mailed to. Schema builder: one migration for SQLite and PostgreSQL.
 */
export class Migration0007NoticeDelivery extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('notice_delivery', (t) => {
        t.increments('id').primary();
        t.string('month', 7).notNullable();
        t.string('parent_code', 6).notNullable();
        t.string('city_code', 6).notNullable().index();
        t.datetime('delivered_at').notNullable();
        t.string('mail_status', 16).notNullable();
        t.integer('mail_recipients').notNullable().defaultTo(0);
        t.integer('mail_attempts').notNullable().defaultTo(0);
        t.string('mail_error', 255).nullable();
        t.datetime('mail_updated_at').nullable();
        t.unique(['month', 'parent_code', 'city_code']);
      }),
    );
    addSchema(
      this,
      knex.schema.createTable('notice_receipt', (t) => {
        t.increments('id').primary();
        t.integer('delivery_id').notNullable().unique().references('id').inTable('notice_delivery');
        t.integer('user_id').notNullable();
        t.string('username', 64).notNullable();
        t.datetime('signed_at').notNullable();
      }),
    );
    addSchema(
      this,
      knex.schema.alterTable('users', (t) => {
        t.string('email', 254).nullable();
      }),
    );
  }

  override async down(): Promise<void> {
    const knex = this.getKnex();
    // Plain SQL: knex rebuilds a SQLite table to drop a column; SQLite ≥ 3.35 (better-sqlite3's) drops it in place.
    this.addSql('alter table users drop column email');
    addSchema(this, knex.schema.dropTable('notice_receipt'));
    addSchema(this, knex.schema.dropTable('notice_delivery'));
  }
}
