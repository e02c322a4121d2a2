import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** Users and the sign-in audit trail (issue "GraphQL API" §Auth). Schema builder: one migration for SQLite and PostgreSQL. */
export class Migration0002Users extends Migration {
  override async up(): Promise<void> {
    const schema = () => this.getKnex().schema;
    addSchema(
      this,
      schema().createTable('users', (t) => {
        t.increments('id').primary();
        t.string('username', 64).notNullable().unique();
        t.string('password_hash', 255).notNullable();
        t.string('role', 32).notNullable();
        t.string('region_code', 6).notNullable();
        t.boolean('disabled').notNullable().defaultTo(false);
        t.datetime('created_at').notNullable();
        t.datetime('password_changed_at').notNullable();
      }),
    );
    addSchema(
      this,
      schema().createTable('auth_audit_log', (t) => {
        t.increments('id').primary();
        t.datetime('at').notNullable().index();
        t.string('event', 32).notNullable();
        t.string('username', 128).notNullable();
        t.string('actor', 128).nullable();
        t.string('ip', 64).nullable();
        t.string('detail', 255).nullable();
      }),
    );
  }

  override async down(): Promise<void> {
    addSchema(this, this.getKnex().schema.dropTable('auth_audit_log'));
    addSchema(this, this.getKnex().schema.dropTable('users'));
  }
}
