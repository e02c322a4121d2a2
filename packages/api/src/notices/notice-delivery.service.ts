/**
 * 通报 delivery and 签收 (issue 14 §3): publishing a month's city ranking delivers the 通报 to every ranked unit (in the
 * publication's own flush), a chief of the unit opens it from the inbox and so signs for it; the province sees who
 * signed and who did not. The 签收 is the unit's: the first chief's signature stands.
 */
import { findRegion, isWithin } from '@c12315/domain';
import { NoticeDelivery, NoticeReceipt, newAuditEntry } from '@c12315/store';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { actedBy } from '../audit/acting-user';
import { badUserInput, forbidden, notFound } from '../common/errors';
import type { Region, RegionLevel } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';
import type { NoticeInboxItem, NoticeReceiptRow, NoticeReceipts } from './notice-inbox.type';

type EntityManager = AppContext['em'];

/**
 * The deliveries of a month just published, for the publication to persist in its own flush: both are stored or
 * neither, and the snapshot's uniqueness makes the delivery exactly-once. `mailing`: SMTP_URL is set, a copy is to be
 * e-mailed once the publication has committed (notice-mail.ts).
 */
export function newNoticeDeliveries(
  publication: { month: string; parentCode: string; unitCodes: readonly string[]; at: Date },
  mailing: boolean,
): NoticeDelivery[] {
  return publication.unitCodes.map((cityCode) =>
    Object.assign(new NoticeDelivery(), {
      month: publication.month,
      parentCode: publication.parentCode,
      cityCode,
      deliveredAt: publication.at,
      mailStatus: mailing ? 'PENDING' : 'OFF',
    }),
  );
}

/** The links of a month's 通报 (export routes of the 通报 feature), for the inbox. */
export function noticeDocumentPaths(d: Pick<NoticeDelivery, 'month' | 'parentCode' | 'cityCode'>): {
  pdfPath: string;
  docxPath: string;
} {
  const query = new URLSearchParams({ month: d.month, parentCode: d.parentCode, city: d.cityCode }).toString();
  return { pdfPath: `/export/notice.pdf?${query}`, docxPath: `/export/notice.docx?${query}` };
}

function region(code: string): Region {
  const info = findRegion(code);
  return {
    code,
    name: info?.name ?? code,
    level: (info?.level ?? 'CITY') as RegionLevel,
    parentCode: info?.parentCode ?? null,
  };
}

async function receiptsOf(
  em: EntityManager,
  deliveries: readonly Pick<NoticeDelivery, 'id'>[],
): Promise<Map<number, NoticeReceipt>> {
  if (deliveries.length === 0) return new Map();
  const receipts = await em.find(NoticeReceipt, { deliveryId: { $in: deliveries.map((d) => d.id) } });
  return new Map(receipts.map((r) => [r.deliveryId, r]));
}

function inboxItem(d: NoticeDelivery, receipt: NoticeReceipt | undefined): NoticeInboxItem {
  return {
    id: String(d.id),
    month: d.month,
    parent: region(d.parentCode),
    recipient: region(d.cityCode),
    deliveredAt: d.deliveredAt.toISOString(),
    read: receipt !== undefined,
    signedAt: receipt?.signedAt.toISOString() ?? null,
    signedBy: receipt?.username ?? null,
    ...noticeDocumentPaths(d),
  };
}

/** The inbox of a chief: the 通报 addressed to the chief's own unit, newest month first. */
export async function readNoticeInbox(em: EntityManager, user: AuthUser): Promise<NoticeInboxItem[]> {
  const fork = em.fork();
  const deliveries = await fork.find(
    NoticeDelivery,
    { cityCode: user.regionCode },
    { orderBy: { month: 'desc', parentCode: 'asc' } },
  );
  const receipts = await receiptsOf(fork, deliveries);
  return deliveries.map((d) => inboxItem(d, receipts.get(d.id)));
}

export async function countUnreadNotices(em: EntityManager, user: AuthUser): Promise<number> {
  const fork = em.fork();
  const deliveries = await fork.find(NoticeDelivery, { cityCode: user.regionCode }, { fields: ['id'] });
  const receipts = await receiptsOf(fork, deliveries);
  return deliveries.length - receipts.size;
}

/**
 * 签收: the chief opening a 通报 of the own unit signs for it. Idempotent: the first signature stands (the receipt's
 * unique delivery id also settles two chiefs opening it at once), and only that one writes the audit entry, in the
 * same flush as the receipt.
 */
export async function signNotice(
  ctx: Pick<AppContext, 'em'> & { ip?: string },
  user: AuthUser,
  id: string,
): Promise<NoticeInboxItem> {
  if (!/^\d{1,15}$/.test(id)) throw badUserInput('id', `不是通报编号 / not a 通报 id: ${JSON.stringify(id.slice(0, 32))}`);
  const fork = ctx.em.fork();
  const delivery = await fork.findOne(NoticeDelivery, { id: Number(id) });
  if (!delivery) throw notFound(`通报 ${id}（不存在）/ 通报 ${id}`);
  if (delivery.cityCode !== user.regionCode) {
    throw forbidden(
      `通报 ${id} 发往 ${delivery.cityCode}，不是您的单位（${user.regionCode}）/ 通报 ${id} is addressed to ${delivery.cityCode}, not to your unit (${user.regionCode})`,
    );
  }
  let receipt = await fork.findOne(NoticeReceipt, { deliveryId: delivery.id });
  if (!receipt) {
    const signing = ctx.em.fork();
    const created = Object.assign(new NoticeReceipt(), {
      deliveryId: delivery.id,
      userId: user.id,
      username: user.username,
      signedAt: new Date(),
    });
    signing.persist(
      newAuditEntry({
        action: 'NOTICE_SIGNED',
        ...actedBy(user, ctx.ip),
        target: `通报 ${delivery.month} ${delivery.parentCode} → ${delivery.cityCode}`,
        params: { month: delivery.month, parentCode: delivery.parentCode, cityCode: delivery.cityCode },
      }),
    );
    try {
      await signing.persistAndFlush(created);
      receipt = created;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      receipt = await ctx.em.fork().findOneOrFail(NoticeReceipt, { deliveryId: delivery.id });
    }
  }
  return inboxItem(delivery, receipt);
}

/** The province's view of a month: every unit delivered to, signed or not, by whom and when, and the e-mail's fate. */
export async function readNoticeReceipts(
  em: EntityManager,
  user: AuthUser,
  month: string,
  parentCode: string | null,
): Promise<NoticeReceipts> {
  const parent = parentCode ?? `${user.regionCode.slice(0, 2)}0000`;
  const info = findRegion(parent);
  if (!info || info.level !== 'PROVINCE') {
    throw badUserInput('parentCode', `不是省级区划代码 / not a province code: ${JSON.stringify(parent.slice(0, 16))}`);
  }
  if (!isWithin(parent, user.regionCode))
    throw forbidden(
      `${parent} 的签收情况不在您的范围（${user.regionCode}）/ the 签收 of ${parent} is outside your scope (${user.regionCode})`,
    );
  const fork = em.fork();
  const deliveries = await fork.find(NoticeDelivery, { month, parentCode: parent }, { orderBy: { cityCode: 'asc' } });
  const receipts = await receiptsOf(fork, deliveries);
  const rows: NoticeReceiptRow[] = deliveries.map((d) => {
    const r = receipts.get(d.id);
    return {
      recipient: region(d.cityCode),
      deliveredAt: d.deliveredAt.toISOString(),
      signed: r !== undefined,
      signedAt: r?.signedAt.toISOString() ?? null,
      signedBy: r?.username ?? null,
      mailStatus: d.mailStatus,
      mailError: d.mailError,
      mailAttempts: d.mailAttempts,
    };
  });
  return {
    month,
    parent: region(parent),
    published: deliveries.length > 0,
    signedCount: rows.filter((r) => r.signed).length,
    rows,
  };
}
