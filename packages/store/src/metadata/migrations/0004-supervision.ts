import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** Supervision actions (督办) on cases. Schema builder, so one migration serves SQLite and PostgreSQL. */
export class Migration0004Supervision extends Migration {
  override async up(): Promise<void> {
    addSchema(
      this,
      this.getKnex().schema.createTable('supervision_actions', (t) => {
        t.increments('id').primary();
        t.string('case_id', 64).notNullable().index();
        t.string('handling_unit_code', 16).notNullable();
        t.integer('user_id').notNullable();
        t.string('username', 128).notNullable();
        t.string('role', 32).notNullable();
        t.text('note').notNullable();
        t.string('deadline', 10).notNullable();
        t.datetime('created_at').notNullable();
      }),
    );
  }

  override async down(): Promise<void> {
    addSchema(this, this.getKnex().schema.dropTable('supervision_actions'));
  }
}
