/**
 * `pnpm api notice-config --region CODE [--prefix 甘市监] [--first-number 12]` — the 通报's 发文字号 of an issuing
 * bureau (a province, or a city for its county notice): without --prefix/--first-number it prints the numbering in
 * force; with them it saves it (audit log: NOTICE_CONFIG_CHANGED, the OS user as actor). Exit 0, 64 on a bad flag.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import { assertIssuerCode, NoticeConfigError, noticeNumbering, saveNoticeNumbering } from './notice-config.service';

export async function runNoticeConfigCommand(
  argv: string[],
  deps: { orm: MikroORM; out?: (line: string) => void; err?: (line: string) => void },
): Promise<number> {
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let values: { region?: string; prefix?: string; 'first-number'?: string };
  try {
    values = parseArgs({
      args: argv,
      options: { region: { type: 'string' }, prefix: { type: 'string' }, 'first-number': { type: 'string' } },
    }).values;
  } catch (error) {
    err(`notice-config: ${(error as Error).message}`);
    return 64;
  }
  if (!values.region) {
    err('notice-config: --region: 必填 / required (usage: notice-config --region CODE [--prefix P] [--first-number N])');
    return 64;
  }
  try {
    const change = {
      ...(values.prefix !== undefined ? { docPrefix: values.prefix } : {}),
      ...(values['first-number'] !== undefined ? { firstNumber: Number(values['first-number']) } : {}),
    };
    assertIssuerCode(values.region);
    const result =
      Object.keys(change).length === 0
        ? await noticeNumbering(deps.orm.em, values.region)
        : await saveNoticeNumbering(deps.orm.em, values.region, change, os.userInfo().username);
    out(`${values.region}: ${result.docPrefix}〔年份〕${result.firstNumber}号 起 / numbers from ${result.firstNumber}`);
    return 0;
  } catch (error) {
    if (!(error instanceof NoticeConfigError)) throw error;
    err(`notice-config: ${error.message}`);
    return 64;
  }
}
