import { Migration } from '@mikro-orm/migrations';
import { addSchema } from './schema-sql';

const AUTH_EVENTS = ['LOGIN_OK', 'LOGIN_FAILED', 'LOGIN_RATE_LIMITED', 'USER_ADDED', 'USER_DISABLED', 'PASSWORD_RESET'];

/**
 * The audit log (issue "Faults and abuse" §6, audit-log.entity.ts), append-only in the database itself: a trigger
 * refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL), whatever the client. It takes over the sign-in trail
 * of 0002-users: those rows are copied (their region from the account concerned) and `auth_audit_log` is dropped.
 */
export class Migration0005AuditLog extends Migration {
  private isPostgres(): boolean {
    return this.getKnex().client.config.client === 'pg' || /postgres/i.test(String(this.getKnex().client.dialect));
  }

  override async up(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('audit_log', (t) => {
        t.increments('id').primary();
        t.datetime('at').notNullable().index();
        t.string('action', 32).notNullable();
        t.string('actor', 128).notNullable();
        t.string('actor_role', 32).nullable();
        t.string('region_code', 6).nullable().index();
        t.string('target', 1024).nullable();
        t.string('detail', 255).nullable();
        t.json('params').nullable();
        t.string('ip', 64).nullable();
      }),
    );
    this.addSql(
      'insert into audit_log (at, action, actor, region_code, target, detail, ip) ' +
        'select a.at, a.event, coalesce(a.actor, a.username), u.region_code, a.username, a.detail, a.ip ' +
        'from auth_audit_log a left join users u on u.username = a.username order by a.id',
    );
    addSchema(this, knex.schema.dropTable('auth_audit_log'));
    if (this.isPostgres()) {
      this.addSql(
        'create function audit_log_append_only() returns trigger language plpgsql as ' +
          "$$ begin raise exception 'audit_log is append-only: % refused', TG_OP; end $$",
      );
      this.addSql(
        'create trigger audit_log_no_change before update or delete on audit_log ' +
          'for each row execute function audit_log_append_only()',
      );
      this.addSql(
        'create trigger audit_log_no_truncate before truncate on audit_log ' +
          'for each statement execute function audit_log_append_only()',
      );
    } else {
      for (const op of ['UPDATE', 'DELETE']) {
        this.addSql(
          `create trigger audit_log_no_${op.toLowerCase()} before ${op} on audit_log ` +
            `begin select raise(abort, 'audit_log is append-only: ${op} refused'); end`,
        );
      }
    }
  }

  override async down(): Promise<void> {
    const knex = this.getKnex();
    addSchema(
      this,
      knex.schema.createTable('auth_audit_log', (t) => {
        t.increments('id').primary();
        t.datetime('at').notNullable().index();
        t.string('event', 32).notNullable();
        t.string('username', 128).notNullable();
        t.string('actor', 128).nullable();
        t.string('ip', 64).nullable();
        t.string('detail', 255).nullable();
      }),
    );
    this.addSql(
      knex.raw(
        'insert into auth_audit_log (at, event, username, actor, ip, detail) ' +
          `select at, action, coalesce(target, actor), actor, ip, detail from audit_log where action in (${AUTH_EVENTS.map(() => '?').join(', ')}) order by id`,
        AUTH_EVENTS,
      ),
    );
    // Dropping the table fires no row trigger; the triggers go with it.
    addSchema(this, knex.schema.dropTable('audit_log'));
    if (this.isPostgres()) this.addSql('drop function audit_log_append_only()');
  }
}
