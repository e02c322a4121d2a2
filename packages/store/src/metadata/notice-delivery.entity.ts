import { EntitySchema } from '@mikro-orm/core';

/**
 * The 通报 delivered to a city bureau (issue 14 §3): one per (published month, province parent, recipient unit — a city,
 * or a county of a 直辖市, as the ranking ranks them). Created in the same flush as the month's ranking snapshot, so a
 * month published once delivers once. The e-mail columns record what happened to the copy sent by SMTP, which runs
 * after the publication committed and never undoes it.
 */
export const NOTICE_MAIL_STATUSES = [
  /** SMTP_URL unset at publication: nothing is sent. */
  'OFF',
  /** Waiting for (or in) the send that follows the publication; left so by a stopped server, the sweep re-sends it. */
  'PENDING',
  /** Sent: every recipient address of the unit accepted by the SMTP server. */
  'SENT',
  /** No account of the unit's chiefs has an e-mail address. */
  'NO_ADDRESS',
  /** Every attempt failed: `mailError` says why. */
  'FAILED',
] as const;
export type NoticeMailStatus = (typeof NOTICE_MAIL_STATUSES)[number];

export class NoticeDelivery {
  id!: number;
  month!: string;
  /** The province (or 直辖市) whose ranking was published. */
  parentCode!: string;
  /** The recipient unit (GB/T 2260 code). */
  cityCode!: string;
  deliveredAt: Date = new Date();
  mailStatus: NoticeMailStatus = 'OFF';
  /** Addresses the message went to (a count: the addresses stay on the accounts). */
  mailRecipients = 0;
  mailAttempts = 0;
  /** The last failure's reason (the SMTP server's answer), at most 255 characters; never an address or password. */
  mailError: string | null = null;
  mailUpdatedAt: Date | null = null;
}

export const NoticeDeliverySchema = new EntitySchema<NoticeDelivery>({
  class: NoticeDelivery,
  tableName: 'notice_delivery',
  uniques: [{ properties: ['month', 'parentCode', 'cityCode'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    month: { type: 'string', length: 7 },
    parentCode: { type: 'string', length: 6 },
    cityCode: { type: 'string', length: 6, index: true },
    deliveredAt: { type: 'datetime' },
    mailStatus: { type: 'string', length: 16 },
    mailRecipients: { type: 'integer' },
    mailAttempts: { type: 'integer' },
    mailError: { type: 'string', length: 255, nullable: true },
    mailUpdatedAt: { type: 'datetime', nullable: true },
  },
});

/**
 * 签收: the first chief of the unit who opened its 通报, and when. One per delivery (unique): a second opening, or a
 * racing one, leaves the first signature standing. Only the staff account (id and user name), nothing else.
 */
export class NoticeReceipt {
  id!: number;
  deliveryId!: number;
  userId!: number;
  username!: string;
  signedAt: Date = new Date();
}

export const NoticeReceiptSchema = new EntitySchema<NoticeReceipt>({
  class: NoticeReceipt,
  tableName: 'notice_receipt',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    deliveryId: { type: 'integer', unique: true },
    userId: { type: 'integer' },
    username: { type: 'string', length: 64 },
    signedAt: { type: 'datetime' },
  },
});
