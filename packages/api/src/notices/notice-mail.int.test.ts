/**
 * The 通报 by e-mail (issue 14 §3) against a real SMTP server started here (`smtp-server`, with authentication), through
 * the real HTTP app (wireApp builds the mailer from SMTP_URL): publishing a month mails each chief with an address one
 * message with the PDF attached — a real PDF Chromium prints for the unit — and records SENT on the delivery; a server
 * refusing the login leaves FAILED with its reason and the publication intact; a transient refusal is retried; with
 * SMTP_URL unset nothing is sent; a delivery a stopped server left PENDING is sent by the next server's sweep.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { regionsUnder } from '@c12315/domain';
import { openStores, type Stores } from '@c12315/etl';
import { loadConfig, NoticeDelivery } from '@c12315/store';
import { simpleParser } from 'mailparser';
import { type Browser, chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { createUserAccount } from '../auth/user-accounts.service';
import type { AuthUser } from '../context';
import { publishRanking } from '../ranking/ranking-publication';
import { chromiumPath } from '../reports/report-pdf.render';

jest.setTimeout(120_000);

const SMTP_USER = 'notices';
const SMTP_PASSWORD = 'Smtp-pass-2026';
const SHANXI_CITIES = regionsUnder('140000', 'CITY').map((r) => r.code);
const PUBLISH = 'mutation P($m: String!) { publishRanking(month: $m, asOf: "2026-11-05") { published } }';
const RANKING = 'query R($m: String!) { ranking(month: $m, asOf: "2026-11-05") { published } }';

interface Received {
  rcptTo: string[];
  subject: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

let dataDir: string;
let stores: Stores;
let browser: Browser;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
/** Answers to give the next DATA commands (a transient refusal), else accept. */
const refuseNextData: string[] = [];
let connections = 0;
/** The PDF each unit's message should carry, as the renderer built it. */
const printed = new Map<string, Buffer>();

/** The injected `noticePdf`: a real PDF, printed by Chromium from a tiny page naming the month and the unit. */
async function noticePdf(month: string, parentCode: string, cityCode: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<h1>通报 ${month}</h1><p>${parentCode} → ${cityCode}</p>`);
    const pdf = await page.pdf({ format: 'A4' });
    printed.set(`${month} ${cityCode}`, pdf);
    return pdf;
  } finally {
    await page.close();
  }
}

async function startSmtp(): Promise<void> {
  smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = refuseNextData.shift();
        if (refusal) {
          callback(Object.assign(new Error(refusal), { responseCode: 451 }));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            attachments: mail.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content,
            })),
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}

const smtpUrl = (password = SMTP_PASSWORD) => `smtp://${SMTP_USER}:${password}@127.0.0.1:${smtpPort}`;

async function app(smtpUrlValue: string | null): Promise<TestServer> {
  return startTestServer('unused-', {
    stores,
    config: { smtpUrl: smtpUrlValue },
    wire: { noticePdf, noticeMailRetryDelaysMs: [50, 50] },
  });
}

async function tokenOf(server: TestServer, username: string, password: string): Promise<string> {
  const res = await server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: password,
  });
  return (res.body.data?.login as { token: string }).token;
}

async function deliveriesOf(month: string): Promise<Map<string, NoticeDelivery>> {
  const rows = await stores.orm.em.fork().find(NoticeDelivery, { month });
  return new Map(rows.map((d) => [d.cityCode, d]));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-mail-'));
  stores = await openStores(loadConfig({ DATA_DIR: dataDir }));
  browser = await chromium.launch({ executablePath: chromiumPath() });
  await startSmtp();
  const who = { actor: 'test' };
  const add = (username: string, role: string, regionCode: string, email: string | null) =>
    createUserAccount(stores.orm, { username, password: 'Shanxi2026pw', role, regionCode, email }, who);
  await add('sx-admin', 'PROVINCE_ADMIN', '140000', 'admin@sx.example.cn');
  await add('ty-chief', 'CITY_CHIEF', '140100', 'chief@taiyuan.example.cn');
  await add('ty-deputy', 'CITY_CHIEF', '140100', 'deputy@taiyuan.example.cn');
  await add('dt-chief', 'CITY_CHIEF', '140200', 'chief@datong.example.cn');
  await add('yq-chief', 'CITY_CHIEF', '140300', null); // no address: nothing to send to 阳泉
  await add('ty-analyst', 'ANALYST', '140100', 'analyst@taiyuan.example.cn'); // not a recipient: no chief
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await stores?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('SMTP_URL set: each chief with an address gets one message with the unit’s PDF; the deliveries say SENT', async () => {
  const server = await app(smtpUrl());
  try {
    const admin = await tokenOf(server, 'sx-admin', 'Shanxi2026pw');
    const published = await server.gql(PUBLISH, { m: '2026-10' }, admin);
    expect(published.body).toEqual({ data: { publishRanking: { published: true } } });
    expect(server.noticeMailer).toBeDefined();
    await server.noticeMailer?.settled();

    const byAddress = new Map<string, Received[]>();
    for (const message of received) {
      for (const address of message.rcptTo) byAddress.set(address, [...(byAddress.get(address) ?? []), message]);
    }
    expect([...byAddress.keys()].sort()).toEqual([
      'chief@datong.example.cn',
      'chief@taiyuan.example.cn',
      'deputy@taiyuan.example.cn',
    ]);
    for (const [address, messages] of byAddress) {
      expect({ address, count: messages.length }).toEqual({ address, count: 1 });
      const [message] = messages as [Received];
      const city = address.endsWith('datong.example.cn') ? '140200' : '140100';
      expect(message.subject).toContain('2026-10');
      expect(message.attachments).toHaveLength(1);
      const [pdf] = message.attachments as [Received['attachments'][number]];
      expect(pdf).toMatchObject({ contentType: 'application/pdf', filename: `通报-2026-10-${city}.pdf` });
      expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.content.equals(printed.get(`2026-10 ${city}`) as Buffer)).toBe(true);
    }

    const deliveries = await deliveriesOf('2026-10');
    expect(deliveries.size).toBe(SHANXI_CITIES.length);
    expect(deliveries.get('140100')).toMatchObject({ mailStatus: 'SENT', mailRecipients: 2, mailAttempts: 1, mailError: null });
    expect(deliveries.get('140200')).toMatchObject({ mailStatus: 'SENT', mailRecipients: 1, mailAttempts: 1 });
    for (const code of SHANXI_CITIES.filter((c) => c !== '140100' && c !== '140200')) {
      expect({ code, status: deliveries.get(code)?.mailStatus }).toEqual({ code, status: 'NO_ADDRESS' });
    }
  } finally {
    await server.close();
  }
});

test('a transient refusal (451) is retried and then sent', async () => {
  const server = await app(smtpUrl());
  try {
    received.length = 0;
    refuseNextData.push('Try again later');
    const admin = await tokenOf(server, 'sx-admin', 'Shanxi2026pw');
    expect((await server.gql(PUBLISH, { m: '2026-08' }, admin)).body.errors).toBeUndefined();
    await server.noticeMailer?.settled();
    const deliveries = await deliveriesOf('2026-08');
    expect(deliveries.get('140100')).toMatchObject({ mailStatus: 'SENT', mailAttempts: 2, mailError: null });
    expect(deliveries.get('140200')).toMatchObject({ mailStatus: 'SENT', mailAttempts: 1 });
    expect(received.flatMap((m) => m.rcptTo).sort()).toEqual([
      'chief@datong.example.cn',
      'chief@taiyuan.example.cn',
      'deputy@taiyuan.example.cn',
    ]);
  } finally {
    await server.close();
  }
});

test('the server refusing the login: deliveries FAILED with the reason, the publication intact', async () => {
  const server = await app(smtpUrl('wrong-password'));
  try {
    received.length = 0;
    const admin = await tokenOf(server, 'sx-admin', 'Shanxi2026pw');
    expect((await server.gql(PUBLISH, { m: '2026-09' }, admin)).body).toEqual({
      data: { publishRanking: { published: true } },
    });
    await server.noticeMailer?.settled();
    expect(received).toEqual([]);
    const deliveries = await deliveriesOf('2026-09');
    expect(deliveries.size).toBe(SHANXI_CITIES.length);
    for (const code of ['140100', '140200']) {
      const d = deliveries.get(code);
      // A refused login is permanent: no retry.
      expect({ code, status: d?.mailStatus, attempts: d?.mailAttempts }).toEqual({ code, status: 'FAILED', attempts: 1 });
      expect(d?.mailError).toMatch(/535/);
      expect(d?.mailError).not.toContain('wrong-password');
    }
    expect((await server.gql(RANKING, { m: '2026-09' }, admin)).body).toEqual({ data: { ranking: { published: true } } });
    const chief = await tokenOf(server, 'ty-chief', 'Shanxi2026pw');
    const receipts = await server.gql(
      'query { noticeReceipts(month: "2026-09") { rows { recipient { code } mailStatus mailError } } }',
      {},
      admin,
    );
    const rows = (receipts.body.data?.noticeReceipts as { rows: { recipient: { code: string }; mailStatus: string }[] }).rows;
    expect(rows.find((r) => r.recipient.code === '140100')).toMatchObject({
      mailStatus: 'FAILED',
      mailError: expect.stringMatching(/535/),
    });
    expect((await server.gql('{ unreadNoticeCount }', {}, chief)).body.data).toEqual({ unreadNoticeCount: 3 });
  } finally {
    await server.close();
  }
});

test('SMTP_URL unset: nothing is sent, the deliveries say OFF', async () => {
  const server = await app(null);
  try {
    const before = connections;
    received.length = 0;
    const admin = await tokenOf(server, 'sx-admin', 'Shanxi2026pw');
    expect((await server.gql(PUBLISH, { m: '2026-07' }, admin)).body.errors).toBeUndefined();
    expect(server.noticeMailer).toBeUndefined();
    const deliveries = await deliveriesOf('2026-07');
    expect(deliveries.size).toBe(SHANXI_CITIES.length);
    expect(new Set([...deliveries.values()].map((d) => d.mailStatus))).toEqual(new Set(['OFF']));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connections).toBe(before);
    expect(received).toEqual([]);
  } finally {
    await server.close();
  }
});

test('a delivery a stopped server left PENDING is sent by the next server’s sweep, once; a fresh one is left to its sender', async () => {
  // The publication committed with SMTP_URL set, then its server stopped before mailing: no dispatch ran.
  const admin = { id: 1, username: 'sx-admin', role: 'PROVINCE_ADMIN', regionCode: '140000' } as AuthUser;
  await publishRanking(
    { ch: stores.ch, em: stores.orm.em.fork(), config: { ...stores.config, smtpUrl: smtpUrl() } },
    { month: '2026-06', level: 'CITY', parentCode: '140000', asOf: '2026-11-05' },
    admin,
  );
  const left = await deliveriesOf('2026-06');
  expect(new Set([...left.values()].map((d) => d.mailStatus))).toEqual(new Set(['PENDING']));
  // Published a quarter of an hour ago, except 大同's: just now (the server that published it may still be sending).
  await stores.orm.em
    .fork()
    .nativeUpdate(
      NoticeDelivery,
      { month: '2026-06', cityCode: { $ne: '140200' } },
      { deliveredAt: new Date(Date.now() - 15 * 60_000) },
    );
  received.length = 0;
  const server = await app(smtpUrl());
  try {
    await server.noticeMailer?.settled();
    let deliveries = await deliveriesOf('2026-06');
    expect(deliveries.get('140100')).toMatchObject({ mailStatus: 'SENT', mailAttempts: 1, mailRecipients: 2, mailError: null });
    expect(deliveries.get('140200')).toMatchObject({ mailStatus: 'PENDING', mailAttempts: 0 });
    for (const code of SHANXI_CITIES.filter((c) => c !== '140100' && c !== '140200')) {
      expect({ code, status: deliveries.get(code)?.mailStatus }).toEqual({ code, status: 'NO_ADDRESS' });
    }
    expect(received.flatMap((m) => m.rcptTo).sort()).toEqual(['chief@taiyuan.example.cn', 'deputy@taiyuan.example.cn']);
    expect(received.every((m) => m.subject.includes('2026-06') && m.attachments.length === 1)).toBe(true);
    // A sweep a quarter of an hour on: 大同's has gone stale too and is sent; 太原's is not sent again.
    expect(await server.noticeMailer?.resendStale(new Date(Date.now() + 15 * 60_000))).toBe(1);
    deliveries = await deliveriesOf('2026-06');
    expect(deliveries.get('140200')).toMatchObject({ mailStatus: 'SENT', mailAttempts: 1, mailRecipients: 1 });
    expect(received.flatMap((m) => m.rcptTo).sort()).toEqual([
      'chief@datong.example.cn',
      'chief@taiyuan.example.cn',
      'deputy@taiyuan.example.cn',
    ]);
    expect(await server.noticeMailer?.resendStale(new Date(Date.now() + 30 * 60_000))).toBe(0);
  } finally {
    await server.close();
  }
});
