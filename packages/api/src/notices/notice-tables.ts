/**
 * The 通报's tables and the per-unit page, as rows of text: attachment 1 (the ranking with score and points),
 * attachment 2 (each unit's indicators) and a unit's own page. The PDF (notice-html.ts) and the .docx (notice-docx.ts)
 * both lay these out, so the two files say the same.
 */
import type { NoticeContent, NoticeUnit, NoticeValue } from './notice.model';
import { monthZh, percent, score } from './notice-text';

export interface TextTable {
  header: string[];
  rows: string[][];
}

export function valueText(v: NoticeValue): string {
  if (v.value === null) return '无数据';
  switch (v.unit) {
    case '%':
      return percent(v.value);
    case 'yuan':
      return `${v.value.toFixed(2)}元`;
    case 'days':
      return `${v.value.toFixed(2)}天`;
    default:
      return `${v.value}件`;
  }
}

function pointsText(points: number | null | undefined): string {
  return points === null || points === undefined ? '—' : points.toFixed(2);
}

/** Attachment 1: 排名, 单位, 综合得分, 上月排名, then the points of each scored indicator (its weight in the header). */
export function rankingTable(c: NoticeContent): TextTable {
  return {
    header: ['排名', '单位', '综合得分', '上月排名', ...c.scoredIndicators.map((i) => `${i.nameZh}（${i.weight}）`)],
    rows: c.units.map((u) => [
      u.rank === null ? '无评分' : String(u.rank),
      u.name,
      score(u.score),
      u.previousRank === null ? '—' : String(u.previousRank),
      ...c.scoredIndicators.map((i) => pointsText(u.values.find((v) => v.indicatorId === i.id)?.points)),
    ]),
  };
}

/** Attachment 2 (one per unit) and the unit's own page: every indicator with its numerator/denominator and points. */
export function unitTable(u: NoticeUnit): TextTable {
  return {
    header: ['指标', '数值', '分子/分母', '得分'],
    rows: u.values.map((v) => [
      v.nameZh,
      valueText(v),
      v.denominator === null ? '—' : `${v.numerator}/${v.denominator}`,
      pointsText(v.points),
    ]),
  };
}

/** The unit's own page (per-city variant): its title and the sentences above its table. */
export function unitPage(c: NoticeContent, u: NoticeUnit): { title: string; paragraphs: string[] } {
  const rank = u.rank === null ? '本月无评分' : `综合得分${score(u.score)}分，排第${u.rank}名（共${c.units.length}个单位）`;
  const previous = u.previousRank === null ? '上月无排名' : `上月排第${u.previousRank}名`;
  const below = c.scoredIndicators
    .map((i) => ({ i, v: u.values.find((v) => v.indicatorId === i.id) }))
    .filter(({ i, v }) => v?.value !== null && v?.value !== undefined && v.value < i.target)
    .map(({ i, v }) => `${i.nameZh}${percent(v?.value ?? null)}（目标${i.target}%）`);
  const moves = u.movement.map((m) => `${m.nameZh}${m.pointsDelta > 0 ? '增加' : '减少'}${Math.abs(m.pointsDelta).toFixed(2)}分`);
  const paragraphs = [
    `${monthZh(c.month)}，${u.name}${rank}，${previous}${moves.length > 0 ? `；得分变化较大的指标：${moves.join('、')}` : ''}。`,
    below.length > 0 ? `未达到目标值的指标：${below.join('、')}。` : '各项评分指标均达到目标值或无数据。',
    `超期未办结案件${u.overdue}件${u.overdue > 0 ? '，请逐件督办，限期办结' : ''}。`,
  ];
  return { title: `${u.name}${monthZh(c.month)}12315投诉举报处理效能评价情况`, paragraphs };
}
