/**
 * 通报 delivery and 签收 (issue 14 §3) through GraphQL on both metadata stores: publishing Shanxi's city ranking puts
 * exactly one unread 通报 in each city's inbox, opening it signs for it (the first signature stands, audited once),
 * the province sees who signed and who did not; a second publication — also a racing one — delivers nothing more; a
 * city cannot sign another city's 通报 nor list the receipts. No cases are loaded: an empty month publishes too.
 */
import { regionsUnder } from '@c12315/domain';
import { AuditEntry, NoticeDelivery, NoticeReceipt } from '@c12315/store';
import { metadataBackends } from '../../test-support/metadata-backends';
import { type Harness, openHarness, testUser } from '../../test-support/test-harness';
import { RankingResolver } from '../ranking/ranking.resolver';
import { NoticeInboxResolver } from './notice-inbox.resolver';

jest.setTimeout(120_000);

const PUBLISH = `mutation P($month: String!, $level: RegionLevel, $parentCode: String) {
  publishRanking(month: $month, level: $level, parentCode: $parentCode, asOf: "2026-11-05") { published }
}`;
const INBOX = `{ noticeInbox { id month parent { code } recipient { code name } read signedAt signedBy pdfPath docxPath } }`;
const UNREAD = '{ unreadNoticeCount }';
const SIGN = 'mutation S($id: ID!) { signNotice(id: $id) { id read signedBy signedAt } }';
const RECEIPTS = `query R($month: String!, $parentCode: String) {
  noticeReceipts(month: $month, parentCode: $parentCode) {
    month published signedCount parent { code } rows { recipient { code } signed signedBy signedAt mailStatus }
  }
}`;

const SHANXI_CITIES = regionsUnder('140000', 'CITY').map((r) => r.code);
const admin = testUser('PROVINCE_ADMIN', '140000', 1);
const taiyuan = testUser('CITY_CHIEF', '140100', 11);
const taiyuanDeputy = { ...testUser('CITY_CHIEF', '140100', 13), username: 'ty-deputy' };
const datong = testUser('CITY_CHIEF', '140200', 12);
const provinceAnalyst = testUser('ANALYST', '140000', 14);
const zhejiangAdmin = testUser('PROVINCE_ADMIN', '330000', 15);

describe.each(metadataBackends())('%s metadata', (backend) => {
  let h: Harness;
  const data = async (source: string, variables: Record<string, unknown>, user: typeof admin) => {
    const result = await h.run(source, variables, user);
    if (result.errors) throw new Error(`${source.slice(0, 40)}: ${result.errors[0]?.message}`);
    return result.data as Record<string, unknown>;
  };
  const codeOf = async (source: string, variables: Record<string, unknown>, user: typeof admin) =>
    (await h.run(source, variables, user)).errors?.[0]?.extensions?.code;
  const deliveries = (month: string) => h.orm.em.fork().count(NoticeDelivery, { month });

  beforeAll(async () => {
    h = await openHarness([RankingResolver, NoticeInboxResolver], 'notice-inbox-', backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  test('publishing delivers one unread 通报 to each city; nothing before it', async () => {
    expect(SHANXI_CITIES.length).toBeGreaterThan(5);
    expect(await data(UNREAD, {}, taiyuan)).toEqual({ unreadNoticeCount: 0 });
    expect((await data(RECEIPTS, { month: '2026-10' }, admin)).noticeReceipts).toMatchObject({ published: false, rows: [] });
    await data(PUBLISH, { month: '2026-10' }, admin);
    expect(await deliveries('2026-10')).toBe(SHANXI_CITIES.length);
    for (const chief of [taiyuan, datong]) {
      expect(await data(UNREAD, {}, chief)).toEqual({ unreadNoticeCount: 1 });
      const { noticeInbox } = await data(INBOX, {}, chief);
      expect(noticeInbox).toEqual([
        expect.objectContaining({
          month: '2026-10',
          parent: { code: '140000' },
          recipient: expect.objectContaining({ code: chief.regionCode }),
          read: false,
          signedAt: null,
          signedBy: null,
          pdfPath: `/export/notice.pdf?month=2026-10&parentCode=140000&city=${chief.regionCode}`,
          docxPath: `/export/notice.docx?month=2026-10&parentCode=140000&city=${chief.regionCode}`,
        }),
      ]);
    }
  });

  test('a second publication is refused and delivers nothing; two racing ones deliver once', async () => {
    expect(await codeOf(PUBLISH, { month: '2026-10' }, admin)).toBe('BAD_USER_INPUT');
    expect(await deliveries('2026-10')).toBe(SHANXI_CITIES.length);
    expect(await data(UNREAD, {}, taiyuan)).toEqual({ unreadNoticeCount: 1 });
    const race = await Promise.all([1, 2, 3].map(() => h.run(PUBLISH, { month: '2026-09' }, admin)));
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(await deliveries('2026-09')).toBe(SHANXI_CITIES.length);
    expect(await data(UNREAD, {}, taiyuan)).toEqual({ unreadNoticeCount: 2 });
    // A county ranking is no 通报 to the cities.
    await data(PUBLISH, { month: '2026-10', level: 'COUNTY', parentCode: '140100' }, admin);
    expect(await h.orm.em.fork().count(NoticeDelivery, {})).toBe(2 * SHANXI_CITIES.length);
  });

  test('a city cannot sign another city’s 通报, nor list the receipts; other roles have no inbox', async () => {
    const { noticeInbox } = await data(INBOX, {}, taiyuan);
    const taiyuanOctober = (noticeInbox as { id: string; month: string }[]).find((n) => n.month === '2026-10');
    expect(await codeOf(SIGN, { id: taiyuanOctober?.id }, datong)).toBe('FORBIDDEN');
    expect(await codeOf(SIGN, { id: '999999' }, datong)).toBe('NOT_FOUND');
    expect(await codeOf(SIGN, { id: 'x; drop' }, datong)).toBe('BAD_USER_INPUT');
    expect(await h.orm.em.fork().count(NoticeReceipt, {})).toBe(0);
    expect(await codeOf(RECEIPTS, { month: '2026-10' }, taiyuan)).toBe('FORBIDDEN');
    expect(await codeOf(RECEIPTS, { month: '2026-10', parentCode: '140000' }, zhejiangAdmin)).toBe('FORBIDDEN');
    expect(await codeOf(RECEIPTS, { month: '2026-13' }, admin)).toBe('BAD_USER_INPUT');
    expect(await codeOf(INBOX, {}, provinceAnalyst)).toBe('FORBIDDEN');
    expect(await codeOf(SIGN, { id: taiyuanOctober?.id }, admin)).toBe('FORBIDDEN');
    expect(await codeOf(UNREAD, {}, null as never)).toBe('UNAUTHENTICATED');
  });

  test('opening signs for it: the count drops, the first signature stands, the province sees who signed and who not', async () => {
    const { noticeInbox } = await data(INBOX, {}, taiyuan);
    const october = (noticeInbox as { id: string; month: string }[]).find((n) => n.month === '2026-10');
    const signed = (await data(SIGN, { id: october?.id }, taiyuan)).signNotice as { signedBy: string; signedAt: string };
    expect(signed).toMatchObject({ id: october?.id, read: true, signedBy: taiyuan.username });
    expect(await data(UNREAD, {}, taiyuan)).toEqual({ unreadNoticeCount: 1 });
    // The deputy opens it later (and twice at once): still the first signature.
    const again = await Promise.all([1, 2].map(() => data(SIGN, { id: october?.id }, taiyuanDeputy)));
    for (const a of again) expect(a.signNotice).toEqual({ ...signed, id: october?.id, read: true });
    expect(await data(UNREAD, {}, taiyuanDeputy)).toEqual({ unreadNoticeCount: 1 });
    expect(await data(UNREAD, {}, datong)).toEqual({ unreadNoticeCount: 2 });
    const audit = await h.orm.em.fork().find(AuditEntry, { action: 'NOTICE_SIGNED' });
    expect(audit.map((a) => [a.actor, a.regionCode, a.target])).toEqual([
      [taiyuan.username, '140100', '通报 2026-10 140000 → 140100'],
    ]);

    for (const viewer of [admin, provinceAnalyst]) {
      const { noticeReceipts } = await data(RECEIPTS, { month: '2026-10' }, viewer);
      const r = noticeReceipts as { published: boolean; signedCount: number; rows: { recipient: { code: string } }[] };
      expect(r).toMatchObject({ month: '2026-10', published: true, signedCount: 1, parent: { code: '140000' } });
      expect(r.rows.map((row) => row.recipient.code)).toEqual(SHANXI_CITIES);
      expect(r.rows).toEqual(
        SHANXI_CITIES.map((code) =>
          code === '140100'
            ? { recipient: { code }, signed: true, signedBy: taiyuan.username, signedAt: signed.signedAt, mailStatus: 'OFF' }
            : { recipient: { code }, signed: false, signedBy: null, signedAt: null, mailStatus: 'OFF' },
        ),
      );
    }
    const { noticeReceipts: september } = await data(RECEIPTS, { month: '2026-09' }, admin);
    expect(september).toMatchObject({ published: true, signedCount: 0 });
  });
});
