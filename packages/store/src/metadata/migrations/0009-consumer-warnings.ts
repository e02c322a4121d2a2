import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

/** 消费预警 (consumer-warning.entity.ts): rise rule versions, drafted and published warnings, subscriptions. */
export class Migration0009ConsumerWarnings extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('warning_rule_config', (t) => {
        t.increments('id').primary();
        t.integer('version').notNullable().unique();
        t.json('params').notNullable();
        t.datetime('created_at').notNullable();
        t.string('created_by', 128).notNullable();
        t.text('note').nullable();
      }),
    );
    addSchema(
      this,
      knex.schema.createTable('consumer_warning', (t) => {
        t.increments('id').primary();
        t.string('month', 7).notNullable();
        t.string('region_code', 6).notNullable();
        t.string('title', 200).notNullable();
        t.text('text').notNullable();
        t.string('status', 16).notNullable();
        t.integer('rule_version').notNullable();
        t.datetime('created_at').notNullable();
        t.string('author', 128).notNullable();
        t.datetime('updated_at').notNullable();
        t.datetime('published_at').nullable().index();
        t.string('published_by', 128).nullable();
        t.index(['month', 'region_code']);
      }),
    );
    addSchema(
      this,
      knex.schema.createTable('warning_subscription', (t) => {
        t.increments('id').primary();
        t.integer('user_id').notNullable().unique();
        t.string('username', 64).notNullable();
        t.string('region_code', 6).notNullable();
        t.datetime('created_at').notNullable();
        t.datetime('seen_at').notNullable();
      }),
    );
  }

  override async down(): Promise<void> {
    const knex = this.getKnex();
    addSchema(this, knex.schema.dropTable('warning_subscription'));
    addSchema(this, knex.schema.dropTable('consumer_warning'));
    addSchema(this, knex.schema.dropTable('warning_rule_config'));
  }
}
