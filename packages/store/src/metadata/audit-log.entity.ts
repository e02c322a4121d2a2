import { EntitySchema } from '@mikro-orm/core';

/**
 * The audit log (issue "Faults and abuse" §6): who signed in, who managed which user, who exported which list or PDF,
 * who published a ranking, who signed for (签收) which 通报, who changed the ranking configuration, who loaded which file. Append-only: the product
 * writes rows through `recordAudit` (audit-log.ts) and never updates or deletes one; the database refuses both
 * (migration 0005-audit-log's triggers).
 *
 * Never personal data: no complainant field, no password, hash or token. User names are staff accounts; `params` holds
 * an action's arguments (an export's filters, a load's file digest), never case content.
 */
export const AUDIT_ACTIONS = [
  'LOGIN_OK',
  'LOGIN_FAILED',
  'LOGIN_RATE_LIMITED',
  'USER_ADDED',
  'USER_DISABLED',
  'PASSWORD_RESET',
  'EXPORT_OVERDUE_CSV',
  'EXPORT_REPORT_PDF',
  'EXPORT_XLSX',
  'EXPORT_NOTICE_PDF',
  'EXPORT_NOTICE_DOCX',
  'NOTICE_CONFIG_CHANGED',
  'RANKING_PUBLISHED',
  'RANKING_CONFIG_CHANGED',
  'FILE_LOAD',
  'NOTICE_SIGNED',
  'WARNING_DRAFT_SAVED',
  'WARNING_PUBLISHED',
  'WARNING_RULE_CHANGED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An action's arguments: flat values only (strings, numbers, booleans, lists of them). */
export type AuditParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export class AuditEntry {
  id!: number;
  at: Date = new Date();
  action!: AuditAction;
  /** Who acted: a staff user name, `cli:<os user>` (users CLI), the ETL's `--user` (or OS user), `demo-seed`. */
  actor!: string;
  /** The actor's role when signed in over the API; null for CLI actions and failed sign-ins. */
  actorRole: string | null = null;
  /**
   * The region the entry belongs to (its scope): the account concerned for sign-in and user management, the signed-in
   * actor's region otherwise. Null: not bound to a region (a file load changes the shared store; a sign-in attempt
   * for an unknown name) — every PROVINCE_ADMIN sees those.
   */
  regionCode: string | null = null;
  /** What was acted on: a user name, a file name, an export's or ranking's key. */
  target: string | null = null;
  /** A short reason or note for the operators (e.g. "wrong password"); never shown to the caller who failed. */
  detail: string | null = null;
  params: AuditParams | null = null;
  /** The client's address over HTTP (staff workstations; kept to trace sign-in attacks); null from a CLI. */
  ip: string | null = null;
}

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  class: AuditEntry,
  tableName: 'audit_log',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    at: { type: 'datetime', index: true },
    action: { type: 'string', length: 32 },
    actor: { type: 'string', length: 128 },
    actorRole: { type: 'string', length: 32, nullable: true },
    regionCode: { type: 'string', length: 6, nullable: true },
    target: { type: 'string', length: 1024, nullable: true },
    detail: { type: 'string', length: 255, nullable: true },
    params: { type: 'json', nullable: true },
    ip: { type: 'string', length: 64, nullable: true },
  },
});
