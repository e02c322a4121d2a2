/**
 * Assembles the api from open stores: the schema with every feature's resolvers, authentication, exports, and (in
 * demo mode) the seeded users. Used by main.ts and by the tests that start the real server.
 */

import type { AppConfig, ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { Express } from 'express';
import { assertAuthConfig } from '../auth/auth-secret';
import { seedDemoUsers } from '../auth/demo-users';
import { authUserFromRequest } from '../auth/tokens';
import { EXPORT_ROUTES } from '../exports';
import { createNoticeMailer, type NoticeMailer, type NoticePdf } from '../notices/notice-mail';
import { renderNoticePdf } from '../notices/notice-pdf.render';
import { buildAppSchema } from '../schema';
import { createApp } from './app';
import { dashboardStartupNotice } from './dashboard-files';

export interface WireOptions {
  config: AppConfig;
  ch: ClickHouseClient;
  orm: MikroORM;
  localToken: string;
  /** Seed one user per role into an empty user table and return the text announcing them. */
  demo?: boolean;
  /** The dashboard's build directory; when it holds no build yet, `announce` says how to build it. */
  staticDir?: string;
  /** The 通报 PDF mailed to each recipient unit when SMTP_URL is set (default: the 通报 feature's renderer). */
  noticePdf?: NoticePdf;
  /** Waits between e-mail attempts (tests shorten them); default notice-mail.ts's. */
  noticeMailRetryDelaysMs?: readonly number[];
}

/** The 通报 mailed to each unit: the province's document with the unit's own page (notices/notice-pdf.render.ts). */
const defaultNoticePdf =
  (deps: { ch: ClickHouseClient; orm: MikroORM; config: AppConfig }): NoticePdf =>
  (month, parentCode, cityCode) =>
    renderNoticePdf({ ch: deps.ch, orm: deps.orm }, { month, parentCode, city: cityCode });

export async function wireApp(
  options: WireOptions,
): Promise<{ app: Express; announce: string; noticeMailer: NoticeMailer | undefined }> {
  const { config, ch, orm } = options;
  assertAuthConfig(config);
  const schema = await buildAppSchema();
  const deps = { ch, orm, config };
  const noticeMailer = config.smtpUrl
    ? createNoticeMailer({
        orm,
        smtpUrl: config.smtpUrl,
        noticePdf: options.noticePdf ?? defaultNoticePdf(deps),
        retryDelaysMs: options.noticeMailRetryDelaysMs,
      })
    : undefined;
  // Deliveries a stopped server left PENDING are sent now and by a sweep every few minutes (notice-mail.ts).
  noticeMailer?.startSweeping();
  const { app } = await createApp({
    config,
    ch,
    orm,
    schema,
    localToken: options.localToken,
    authenticate: async (header) => authUserFromRequest(header, { orm, config }),
    exports: Object.fromEntries(Object.entries(EXPORT_ROUTES).map(([route, make]) => [route, make(deps)])),
    staticDir: options.staticDir,
    noticeMailer,
  });
  let announce = options.staticDir ? dashboardStartupNotice(options.staticDir) : '';
  if (options.demo && !config.production) {
    const province = process.env.DEMO_PROVINCE ?? '140000';
    const city = process.env.DEMO_CITY ?? `${province.slice(0, 2)}0100`;
    const seeded = await seedDemoUsers(orm, province, city);
    if (seeded.length > 0) {
      announce += `demo users (passwords shown once):\n${seeded
        .map((u) => `  ${u.username.padEnd(12)} ${u.password}  ${u.role} ${u.regionCode}`)
        .join('\n')}\n`;
    }
  }
  return { app, announce, noticeMailer };
}
