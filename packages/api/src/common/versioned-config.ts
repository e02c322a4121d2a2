/**
 * A configuration kept as append-only versions in the metadata DB (the ranking configuration, the 消费预警 rule):
 * version 1 = the defaults, created on first use; a change is a new version with its audit entry in the same flush;
 * `baseVersion`, when given, is the version the administrator edited — if another change was saved since, nothing is
 * saved and the CONFLICT says so (no lost update). Two saves at the same instant: the unique version lets one win and
 * the other gets the same CONFLICT; two first reads at once: one creates version 1, the other reads it.
 */
import type { AuditEntry } from '@c12315/store';
import { type EntityName, type RequiredEntityData, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { AppContext } from '../context';
import { conflict } from './errors';

type EntityManager = AppContext['em'];

export interface ConfigVersion {
  version: number;
  createdBy: string;
  createdAt: Date;
}

export interface VersionedConfig<T extends ConfigVersion> {
  /** The newest version, version 1 (the defaults) created when there is none. */
  current(em: EntityManager): Promise<T>;
  /** Append the version after `current` built by `next`, with the audit entry `audit` builds, in one flush. */
  append(
    em: EntityManager,
    input: {
      baseVersion?: number | null;
      next: (current: T) => Omit<RequiredEntityData<T>, 'version'>;
      audit: (next: T, current: T) => AuditEntry;
    },
  ): Promise<T>;
}

export function versionedConfig<T extends ConfigVersion>(
  entity: EntityName<T>,
  what: string,
  defaults: () => Omit<RequiredEntityData<T>, 'version'>,
): VersionedConfig<T> {
  const latest = async (em: EntityManager): Promise<T | null> => {
    // biome-ignore lint/suspicious/noExplicitAny: MikroORM's FindOptions cannot be written for a generic entity.
    const [newest] = await em.find(entity, {}, { orderBy: { version: 'DESC' } as any, limit: 1 });
    return (newest as T | undefined) ?? null;
  };
  const changedSince = (newest: T) =>
    conflict(
      'baseVersion',
      `${what} changed meanwhile: version ${newest.version} was saved by ${newest.createdBy} at ` +
        `${newest.createdAt.toISOString()}; reload it and apply your change again`,
    );
  const current = async (em: EntityManager): Promise<T> => {
    const fork = em.fork();
    const found = await latest(fork);
    if (found) return found;
    const first = fork.create(entity, { ...defaults(), version: 1 } as RequiredEntityData<T>);
    try {
      await fork.persistAndFlush(first);
      return first;
    } catch (error) {
      // Another request created version 1 first (unique version): read the winner.
      const winner = await latest(em.fork());
      if (winner) return winner;
      throw error;
    }
  };
  return {
    current,
    async append(em, input) {
      const now = await current(em);
      if (input.baseVersion != null && input.baseVersion !== now.version) throw changedSince(now);
      const fork = em.fork();
      const next = fork.create(entity, { ...input.next(now), version: now.version + 1 } as RequiredEntityData<T>);
      fork.persist(input.audit(next, now));
      try {
        await fork.persistAndFlush(next);
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
        const winner = await latest(em.fork());
        if (!winner) throw error;
        throw changedSince(winner);
      }
      return next;
    },
  };
}
