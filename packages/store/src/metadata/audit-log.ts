/**
 * The one way to write the audit log (audit-log.entity.ts): the api's auth, users, export, ranking features and the
 * ETL's loader call it from the place each action happens. There is no update or delete here, by design.
 */
import type { EntityManager } from '@mikro-orm/core';
import { type AuditAction, AuditEntry, type AuditParams } from './audit-log.entity';

export interface AuditRecord {
  action: AuditAction;
  actor: string;
  actorRole?: string | null;
  regionCode?: string | null;
  target?: string | null;
  detail?: string | null;
  params?: AuditParams | null;
  ip?: string | null;
}

/** Bounded to the columns' widths: a typed user name or a file path is the caller's, not ours to fail on. */
function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * A new entry, for a caller that persists it in the same flush as the action it records (a published snapshot, a
 * configuration version, a ledger entry): both are stored or neither.
 */
export function newAuditEntry(record: AuditRecord): AuditEntry {
  const entry = new AuditEntry();
  entry.at = new Date();
  entry.action = record.action;
  entry.actor = clip(record.actor, 128) ?? '?';
  entry.actorRole = clip(record.actorRole, 32);
  entry.regionCode = clip(record.regionCode, 6);
  entry.target = clip(record.target, 1024);
  entry.detail = clip(record.detail, 255);
  entry.params = record.params ?? null;
  entry.ip = clip(record.ip, 64);
  return entry;
}

/** Append one entry on its own (a fork and a flush: a caller's unit of work is never flushed by the audit). */
export async function recordAudit(em: EntityManager, record: AuditRecord): Promise<AuditEntry> {
  const entry = newAuditEntry(record);
  await em.fork().persistAndFlush(entry);
  return entry;
}
