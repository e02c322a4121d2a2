import type { AppConfig, ClickHouseClient } from '@c12315/store';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Role } from './common/graphql-types';
import type { NoticeMailer } from './notices/notice-mail';

/** The signed-in user as the token carries it; the region is the user's scope (schema.graphql header). */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  regionCode: string;
}

/** Per-request context: a fresh `em` fork per request (MikroORM), the shared ClickHouse client. */
export interface AppContext {
  user: AuthUser | null;
  ch: ClickHouseClient;
  orm: MikroORM;
  em: EntityManager;
  config: AppConfig;
  /** Client address, for rate limits and the audit trail. */
  ip: string;
  /** Mails a published month's 通报 when SMTP_URL is set (server/wire.ts); absent: nothing is mailed. */
  noticeMailer?: NoticeMailer;
}
