import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** Ranking configuration versions and published ranking snapshots (ranking-config / ranking-snapshot entities). */
export class Migration0003Ranking extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('ranking_config', (t) => {
        t.increments('id').primary();
        t.integer('version').notNullable().unique();
        t.json('indicators').notNullable();
        t.string('rule_table', 128).notNullable();
        t.datetime('created_at').notNullable();
        t.string('created_by', 128).notNullable();
        t.text('note').nullable();
      }),
    );
    addSchema(
      this,
      knex.schema.createTable('ranking_snapshot', (t) => {
        t.increments('id').primary();
        t.string('month', 7).notNullable();
        t.string('level', 16).notNullable();
        t.string('parent_code', 9).notNullable();
        t.string('as_of', 10).notNullable();
        t.integer('config_version').notNullable();
        t.json('payload').notNullable();
        t.datetime('published_at').notNullable();
        t.string('published_by', 128).notNullable();
        t.unique(['month', 'level', 'parent_code']);
      }),
    );
  }

  override async down(): Promise<void> {
    addSchema(this, this.getKnex().schema.dropTable('ranking_snapshot'));
    addSchema(this, this.getKnex().schema.dropTable('ranking_config'));
  }
}
