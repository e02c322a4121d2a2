/**
 * The 通报's sentences, written from the numbers the API's services returned (ranking, its snapshot, hotspots). Pure:
 * no I/O and no indicator formula — every rate, count and point here was computed by the ranking service; this file
 * only words them (and the month-on-month change of the received count, a comparison of two of its totals).
 */
import type { NoticeSection, NoticeUnit, NoticeValue } from './notice.model';

export interface NoticeHotspot {
  name: string;
  count: number;
  previousCount: number;
  spike: boolean;
}

export interface NoticeFacts {
  month: string;
  /** 全省 / 全市. */
  scopeWord: string;
  /** 市 / 县（区）: what a ranked unit is called. */
  unitWord: string;
  configVersion: number;
  /** The ranking's totals of the parent region (its own units included), by indicator id. */
  totals: Record<string, NoticeValue>;
  previousReceived: number | null;
  yearAgoReceived: number | null;
  /** Targets of the ranking configuration, by indicator id (scored indicators only). */
  targets: Record<string, number>;
  /** Rank order, as the ranking lists them. */
  units: NoticeUnit[];
  redList: { regionCodes: string[]; tieAtCut: boolean };
  blackList: { regionCodes: string[]; tieAtCut: boolean };
  /** The overdue count is taken at the start of this day (min(asOf, month end + 1)). */
  overdueAsOf: string;
  operators: NoticeHotspot[];
  industries: NoticeHotspot[];
}

/** 2026-06 → 2026年6月. */
export function monthZh(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** 2026-07-05 → 2026年7月5日 (GB/T 9704-2012 §7.3.5.1 writes 成文日期 in Arabic numerals, no leading zeros). */
export function dateZh(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export function percent(value: number | null): string {
  return value === null ? '无数据' : `${value.toFixed(2)}%`;
}

export function score(value: number | null): string {
  return value === null ? '无评分' : value.toFixed(2);
}

/** The change of a count against an earlier one, as 环比/同比 are written. */
export function changeZh(label: string, current: number, earlier: number | null, earlierLabel: string): string {
  if (earlier === null || earlier === 0) return `${label}无可比数据（${earlierLabel}${earlier ?? 0}件）`;
  if (current === earlier) return `与${earlierLabel}持平`;
  const pct = (Math.abs(current - earlier) / earlier) * 100;
  return `${label}${current > earlier ? '增长' : '下降'}${pct.toFixed(1)}%（${earlierLabel}${earlier}件）`;
}

function count(v: NoticeValue | undefined): number {
  return v?.value ?? 0;
}

function rateAgainstTarget(name: string, v: NoticeValue | undefined, target: number | undefined): string {
  const base = `${name}为${percent(v?.value ?? null)}`;
  const detail = v && v.value !== null ? `（${v.numerator}/${v.denominator}）` : '';
  if (target === undefined || !v || v.value === null) return `${base}${detail}`;
  const gap = v.value - target;
  if (gap >= 0) return `${base}${detail}，达到目标值（${target}%）`;
  return `${base}${detail}，低于目标值（${target}%）${Math.abs(gap).toFixed(2)}个百分点`;
}

function rankChange(u: NoticeUnit): string {
  if (u.rank === null) return '本月无评分';
  if (u.previousRank === null) return '上月无排名';
  if (u.rank < u.previousRank) return `较上月上升${u.previousRank - u.rank}位`;
  if (u.rank > u.previousRank) return `较上月下降${u.rank - u.previousRank}位`;
  return '名次与上月持平';
}

function movementZh(u: NoticeUnit): string {
  if (u.movement.length === 0) return '';
  const moves = u.movement.map(
    (m) => `${m.nameZh}得分${m.pointsDelta > 0 ? '增加' : '减少'}${Math.abs(m.pointsDelta).toFixed(2)}分`,
  );
  return `，得分变化较大的指标：${moves.join('、')}`;
}

function unitList(units: NoticeUnit[], codes: string[]): NoticeUnit[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return codes.map((c) => byCode.get(c)).filter((u): u is NoticeUnit => u !== undefined);
}

function rankingParagraphs(f: NoticeFacts): string[] {
  const top = unitList(f.units, f.redList.regionCodes);
  // With six or fewer scored units the two lists overlap: the bottom names only those not already at the top.
  const bottom = unitList(f.units, f.blackList.regionCodes).filter((u) => !f.redList.regionCodes.includes(u.code));
  const withScore = (us: NoticeUnit[]) => us.map((u) => `${u.name}（${score(u.score)}分）`).join('、');
  if (top.length === 0) return [`${monthZh(f.month)}各${f.unitWord}均无评分（各项评分指标均无数据）。`];
  const out = [
    `按照效能评价办法（评价配置第${f.configVersion}版），${monthZh(f.month)}综合得分前三名的是：${withScore(top)}` +
      `${f.redList.tieAtCut ? '（另有单位与第三名同分）' : ''}` +
      (bottom.length > 0
        ? `；后三名的是：${withScore(bottom)}${f.blackList.tieAtCut ? '（另有单位与倒数第三名同分）' : ''}。`
        : `（参评单位共${top.length}个）。`),
  ];
  const moved = [...top, ...bottom].map((u) => `${u.name}${rankChange(u)}${movementZh(u)}`);
  out.push(`${moved.join('；')}。`);
  const unscored = f.units.filter((u) => u.rank === null);
  if (unscored.length > 0) out.push(`${unscored.map((u) => u.name).join('、')}本月无评分（各项评分指标均无数据）。`);
  return out;
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function overdueParagraph(f: NoticeFacts): string {
  const total = count(f.totals.overdue_open);
  const when = `截至${dateZh(previousDay(f.overdueAsOf))}`;
  if (total === 0) return `${when}，${f.scopeWord}无超期未办结案件。`;
  const withOverdue = f.units
    .filter((u) => u.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code))
    .map((u) => `${u.name}${u.overdue}件`);
  const none = f.units.length - withOverdue.length;
  return (
    `${when}，${f.scopeWord}超期未办结案件共${total}件，其中${withOverdue.join('、') || '本级单位'}` +
    `${none > 0 ? `；其余${none}个${f.unitWord}无超期未办结案件` : ''}。各地要逐件督办，限期办结。`
  );
}

function hotspotParagraph(f: NoticeFacts): string {
  if (f.operators.length === 0) return `${monthZh(f.month)}${f.scopeWord}未登记食品安全类投诉举报。`;
  const ops = f.operators.map((o) => `${o.name}（${o.count}件，上月${o.previousCount}件）`).join('、');
  let text = `${monthZh(f.month)}食品安全类投诉举报较为集中的经营者是：${ops}。`;
  if (f.industries.length > 0) text += `从行业看，主要集中在${f.industries.map((i) => `${i.name}（${i.count}件）`).join('、')}。`;
  const spikes = f.operators.filter((o) => o.spike).map((o) => o.name);
  if (spikes.length > 0)
    text += `其中${spikes.join('、')}件数不少于前三个月之和，属异常增长，请属地市场监管部门重点关注、及时处置。`;
  return text;
}

export function noticeSections(f: NoticeFacts): NoticeSection[] {
  const m = monthZh(f.month);
  const t = f.totals;
  const received = count(t.received);
  return [
    {
      heading: null,
      paragraphs: [
        `为推动12315投诉举报处理工作提质增效，根据投诉举报处理效能评价办法，现将${m}${f.scopeWord}12315投诉举报处理效能评价情况通报如下：`,
      ],
    },
    {
      heading: '一、总体情况',
      paragraphs: [
        `${m}，${f.scopeWord}12315平台共登记投诉、举报、咨询和建议${received}件（其中投诉${count(t.complaints)}件、` +
          `举报${count(t.reports)}件、咨询${count(t.consultations)}件、建议${count(t.suggestions)}件），` +
          `${changeZh('环比', received, f.previousReceived, '上月')}，${changeZh('同比', received, f.yearAgoReceived, '去年同月')}。`,
        `${rateAgainstTarget('办结率', t.completion_rate, f.targets.completion_rate)}；` +
          `${rateAgainstTarget('按时办结率', t.on_time_completion_rate, f.targets.on_time_completion_rate)}。`,
      ],
    },
    { heading: '二、效能评价排名情况', paragraphs: rankingParagraphs(f) },
    { heading: '三、超期未办结情况', paragraphs: [overdueParagraph(f)] },
    { heading: '四、食品安全投诉举报热点', paragraphs: [hotspotParagraph(f)] },
    {
      heading: '五、工作要求',
      paragraphs: [
        `各${f.unitWord}要对照评价结果，认真查找投诉举报处理中存在的问题。排名靠后的单位要深入分析原因，制定整改措施，` +
          '切实提高按时办结率和调解成功率；对超期未办结案件要逐件督办、限期办结；对食品安全热点要加强监管，依法处置。',
      ],
    },
  ];
}
