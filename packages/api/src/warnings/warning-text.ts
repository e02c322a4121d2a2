/**
 * The draft 消费提示 of a month's rises, written in Chinese from the numbers (pure: the counts and baselines are the
 * rise rule's, hotspots/rises.service.ts). Staff edit it before publishing; nothing here is published as is.
 */
import type { Rise } from '../hotspots/rises.service';
import type { RiseDimension } from '../hotspots/rises.sql';
import { monthZh } from '../notices/notice-text';

const SECTION: Readonly<Record<RiseDimension, string>> = {
  PROBLEM_CATEGORY: '问题类别',
  INDUSTRY: '行业',
  OPERATOR: '经营者',
  CHANNEL: '投诉举报渠道',
};
const ORDER: readonly RiseDimension[] = ['PROBLEM_CATEGORY', 'INDUSTRY', 'OPERATOR', 'CHANNEL'];
const NUMERAL = ['一', '二', '三', '四'];

/** A count the Chinese way: 12,345 → 1.23万件; below 万 as is. */
export function countZh(n: number): string {
  return n >= 10_000 ? `${(n / 10_000).toFixed(2).replace(/\.?0+$/, '')}万件` : `${n}件`;
}

/** A baseline (a mean, one decimal) in 件. */
function meanZh(v: number): string {
  return v >= 10_000 ? countZh(v) : `${Number.isInteger(v) ? v : v.toFixed(1)}件`;
}

function riseSentence(r: Rise, baselineMonths: number): string {
  const what = r.dimension === 'CHANNEL' ? `经“${r.label}”渠道登记的投诉举报` : `涉及“${r.label}”的投诉举报`;
  const vsTrailing =
    r.trailingBaseline > 0
      ? `为前${baselineMonths}个月月均（${meanZh(r.trailingBaseline)}）的${(r.count / r.trailingBaseline).toFixed(1)}倍`
      : `前${baselineMonths}个月没有同类投诉举报`;
  const vsLastYear =
    r.lastYear === null ? '' : r.lastYear > 0 ? `，去年同月${countZh(r.lastYear)}` : '，去年同月没有同类投诉举报';
  return `${what}${countZh(r.count)}，${vsTrailing}${vsLastYear}。`;
}

export interface WarningDraft {
  title: string;
  text: string;
}

export function warningDraft(month: string, regionName: string, rises: readonly Rise[], baselineMonths: number): WarningDraft {
  const title = `${regionName}${monthZh(month)}消费提示`;
  if (rises.length === 0) {
    return {
      title,
      text: `${monthZh(month)}，${regionName}12315投诉举报中未发现明显高于往期水平的问题类别、行业、经营者或渠道。`,
    };
  }
  const lines = [`${monthZh(month)}，${regionName}12315投诉举报中，以下方面明显高于往期水平，提请广大消费者注意：`];
  let section = 0;
  for (const dimension of ORDER) {
    const ofDimension = rises.filter((r) => r.dimension === dimension);
    if (ofDimension.length === 0) continue;
    lines.push(`${NUMERAL[section]}、${SECTION[dimension]}`);
    section += 1;
    ofDimension.forEach((r, i) => {
      lines.push(`（${i + 1}）${riseSentence(r, baselineMonths)}`);
    });
  }
  lines.push(
    '消费提示：请选择证照齐全、信誉良好的经营者，签订合同前仔细阅读条款，保留好购物凭证、聊天记录和付款记录；' +
      '遇到消费纠纷，可先与经营者协商，协商不成的，可通过全国12315平台（www.12315.cn）或拨打12315热线投诉举报。',
  );
  return { title, text: lines.join('\n') };
}
