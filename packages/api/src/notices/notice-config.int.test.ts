/** `pnpm api notice-config` on a real SQLite metadata store: the 发文字号 a notice takes, bad flags refused. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditEntry, NoticeConfig, openMetadataStore } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { runNoticeConfigCommand } from './notice-config.command';
import { docNumber, nextNoticeNumber, noticeNumbering } from './notice-config.service';

let orm: MikroORM;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-config-'));
  orm = await openMetadataStore({ dataDir: dir, databaseUrl: null });
});
afterAll(async () => {
  await orm.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runNoticeConfigCommand(args, { orm, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('notice numbering', () => {
  it('defaults to the province abbreviation + 市监 from 1; a city issuer to its name + 市监', async () => {
    expect(await noticeNumbering(orm.em, '620000')).toEqual({ docPrefix: '甘市监', firstNumber: 1 });
    expect(await noticeNumbering(orm.em, '140100')).toEqual({ docPrefix: '太原市监', firstNumber: 1 });
    expect(docNumber('甘市监', 2026, 12)).toBe('甘市监〔2026〕12号');
    expect((await cli('--region', '620000')).out).toContain('620000: 甘市监〔年份〕1号');
  });

  it('saves a prefix and first number per issuer, audited; the next notice takes them', async () => {
    const r = await cli('--region', '620000', '--prefix', '甘市监函', '--first-number', '12');
    expect(r.code).toBe(0);
    expect(await noticeNumbering(orm.em, '620000')).toEqual({ docPrefix: '甘市监函', firstNumber: 12 });
    expect(await nextNoticeNumber(orm.em, '620000', 2026, 12)).toBe(12);
    // another province is untouched; a second change keeps what it does not name
    expect(await noticeNumbering(orm.em, '140000')).toEqual({ docPrefix: '晋市监', firstNumber: 1 });
    expect((await cli('--region', '620000', '--first-number', '20')).code).toBe(0);
    expect(await noticeNumbering(orm.em, '620000')).toEqual({ docPrefix: '甘市监函', firstNumber: 20 });
    expect(await orm.em.fork().count(NoticeConfig, {})).toBe(1);
    const audit = await orm.em.fork().find(AuditEntry, { action: 'NOTICE_CONFIG_CHANGED' }, { orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.target, a.params])).toEqual([
      ['620000', { docPrefix: '甘市监函', firstNumber: 12 }],
      ['620000', { docPrefix: '甘市监函', firstNumber: 20 }],
    ]);
  });

  it('refuses a bad region, prefix or number, naming the flag in Chinese and English, and saves nothing', async () => {
    for (const [args, flag] of [
      [['--region', '140105', '--prefix', 'X'], '--region'],
      [['--region', '620000', '--prefix', '甘〔市监'], '--prefix'],
      [['--region', '620000', '--first-number', '0'], '--first-number'],
      [['--region', '620000', '--first-number', '1.5'], '--first-number'],
      [['--prefix', 'X'], '--region'],
    ] as const) {
      const r = await cli(...args);
      expect([args, r.code]).toEqual([args, 64]);
      expect(r.err).toContain(flag);
    }
    expect(await noticeNumbering(orm.em, '620000')).toEqual({ docPrefix: '甘市监函', firstNumber: 20 });
  });
});
