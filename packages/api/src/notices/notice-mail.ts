/**
 * The 通报 by e-mail (issue 14 §3): when SMTP_URL is set, each delivery of a month just published is mailed, with the
 * 通报 PDF attached, to every active chief account of the recipient unit that has an e-mail address. It runs after the
 * publication committed, never inside it: a failed send retries, then records FAILED with the server's answer on the
 * delivery; the publication stands either way. A delivery left PENDING by a server that stopped before (or while)
 * sending is sent by the sweep: at start-up and every few minutes, each PENDING delivery untouched for `staleAfterMs`
 * is claimed (compare-and-set on its mailUpdatedAt, so two servers never both take it) and mailed.
 * With several api instances the one whose publication committed dispatches, and the sweep's claim keeps any other
 * from mailing the same delivery twice (README "Several api instances").
 */
import { NoticeDelivery, UserAccount } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import nodemailer from 'nodemailer';

/** The 通报 PDF of a month for one recipient unit (the 通报 feature's renderer, wired in server/wire.ts). */
export type NoticePdf = (month: string, parentCode: string, cityCode: string) => Promise<Buffer>;

export interface NoticeMailer {
  /** Mail the month's PENDING deliveries; call after the publication committed. Resolves when all are settled. */
  dispatch(month: string, parentCode: string): Promise<void>;
  /** Claim and mail every PENDING delivery untouched since `now − staleAfterMs`; resolves to how many it claimed. */
  resendStale(now?: Date): Promise<number>;
  /** A sweep (resendStale) now, then every `sweepEveryMs` until stop(). */
  startSweeping(): void;
  stop(): void;
  /** Resolves when every dispatch and sweep started so far has settled (shutdown, tests). */
  settled(): Promise<void>;
}

export interface NoticeMailerOptions {
  orm: MikroORM;
  smtpUrl: string;
  noticePdf: NoticePdf;
  /** Waits before the 2nd, 3rd… attempt; default 5 s, 30 s, 2 min (four attempts). */
  retryDelaysMs?: readonly number[];
  /** A PENDING delivery untouched this long is re-sent by the sweep; default 10 min (longer than any retry wait). */
  staleAfterMs?: number;
  /** Time between sweeps; default 5 min. */
  sweepEveryMs?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000];
const DEFAULT_STALE_AFTER_MS = 10 * 60_000;
const DEFAULT_SWEEP_EVERY_MS = 5 * 60_000;

/** The server's answer, without addresses (staff's, still not the audience of this column) and bounded to the column. */
export function mailFailureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<address>')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 255) || 'unknown error'
  );
}

/** A 5xx answer (auth refused, recipient rejected…) or a refused login will not change on a retry. */
function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  return (typeof e.responseCode === 'number' && e.responseCode >= 500) || e.code === 'EAUTH';
}

/** From: the SMTP user when it is an address, else noreply@ the SMTP host. */
function senderOf(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  return `"12315 效能评价" <${user.includes('@') ? user : `noreply@${url.hostname}`}>`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createNoticeMailer(options: NoticeMailerOptions): NoticeMailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  const from = senderOf(options.smtpUrl);
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const running = new Set<Promise<unknown>>();
  /** Deliveries this process is mailing (a sweep leaves them alone even when a retry wait makes them look stale). */
  const inFlight = new Set<number>();
  let sweeper: NodeJS.Timeout | undefined;

  async function record(id: number, change: Partial<NoticeDelivery>): Promise<void> {
    const em = options.orm.em.fork();
    await em.nativeUpdate(NoticeDelivery, { id }, { ...change, mailUpdatedAt: new Date() });
  }

  async function mailOne(delivery: NoticeDelivery): Promise<void> {
    const chiefs = await options.orm.em
      .fork()
      .find(UserAccount, { role: 'CITY_CHIEF', regionCode: delivery.cityCode, disabled: false, email: { $ne: null } });
    const to = chiefs.map((u) => u.email).filter((e): e is string => !!e);
    if (to.length === 0) {
      await record(delivery.id, { mailStatus: 'NO_ADDRESS' });
      return;
    }
    // A re-sent delivery counts on from the attempts already made; each send gets the full retry budget.
    const first = delivery.mailAttempts + 1;
    for (let attempt = first; attempt <= first + delays.length; attempt++) {
      try {
        const pdf = await options.noticePdf(delivery.month, delivery.parentCode, delivery.cityCode);
        await transport.sendMail({
          from,
          to,
          subject: `${delivery.month} 效能评价通报 / efficiency evaluation notice`,
          text:
            `${delivery.month} 月效能评价通报见附件，请登录平台签收。\n` +
            `The ${delivery.month} efficiency evaluation notice is attached; please sign for it on the platform.\n`,
          attachments: [
            {
              filename: `通报-${delivery.month}-${delivery.cityCode}.pdf`,
              content: pdf,
              contentType: 'application/pdf',
            },
          ],
        });
        await record(delivery.id, { mailStatus: 'SENT', mailAttempts: attempt, mailRecipients: to.length, mailError: null });
        return;
      } catch (error) {
        const last = attempt >= first + delays.length || isPermanent(error);
        await record(delivery.id, {
          mailStatus: last ? 'FAILED' : 'PENDING',
          mailAttempts: attempt,
          mailError: mailFailureReason(error),
        });
        if (last) return;
        await sleep(delays[attempt - first] ?? 0);
      }
    }
  }

  /** Mail deliveries one after the other; one unit's failure (even of the store) never stops the others' mail. */
  async function mailAll(deliveries: readonly NoticeDelivery[]): Promise<void> {
    for (const delivery of deliveries) {
      inFlight.add(delivery.id);
      await mailOne(delivery)
        .catch(async (error: unknown) => {
          await record(delivery.id, { mailStatus: 'FAILED', mailError: mailFailureReason(error) }).catch(() => undefined);
        })
        .finally(() => inFlight.delete(delivery.id));
    }
  }

  async function run(month: string, parentCode: string): Promise<void> {
    const pending = await options.orm.em
      .fork()
      .find(NoticeDelivery, { month, parentCode, mailStatus: 'PENDING' }, { orderBy: { cityCode: 'asc' } });
    await mailAll(pending.filter((d) => !inFlight.has(d.id)));
  }

  /** The stale PENDING deliveries this process claimed: each one's mailUpdatedAt moved to `now` if still as read. */
  async function claimStale(now: Date): Promise<NoticeDelivery[]> {
    const cutoff = new Date(now.getTime() - staleAfterMs);
    const stale = await options.orm.em.fork().find(
      NoticeDelivery,
      {
        mailStatus: 'PENDING',
        $or: [{ mailUpdatedAt: { $lt: cutoff } }, { mailUpdatedAt: null, deliveredAt: { $lt: cutoff } }],
      },
      { orderBy: { id: 'asc' } },
    );
    const claimed: NoticeDelivery[] = [];
    for (const d of stale) {
      if (inFlight.has(d.id)) continue;
      const taken = await options.orm.em
        .fork()
        .nativeUpdate(
          NoticeDelivery,
          { id: d.id, mailStatus: 'PENDING', mailUpdatedAt: d.mailUpdatedAt },
          { mailUpdatedAt: now },
        );
      if (taken === 1) claimed.push(d);
    }
    return claimed;
  }

  function track<T>(job: Promise<T>): Promise<T> {
    running.add(job);
    void job.finally(() => running.delete(job)).catch(() => undefined);
    return job;
  }

  async function sweep(now: Date): Promise<number> {
    const claimed = await claimStale(now);
    await mailAll(claimed);
    return claimed.length;
  }

  return {
    dispatch(month, parentCode) {
      return track(run(month, parentCode).catch(() => undefined));
    },
    resendStale(now = new Date()) {
      return track(sweep(now));
    },
    startSweeping() {
      if (sweeper) return;
      const tick = () => void track(sweep(new Date()).catch(() => 0));
      tick();
      sweeper = setInterval(tick, options.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS);
      sweeper.unref();
    },
    stop() {
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
    },
    async settled() {
      await Promise.all([...running]);
    },
  };
}
