/**
 * The 通报 as one HTML page for Chromium to print (notice-pdf.render.ts), in the GB/T 9704-2012 layout: A4, 天头 37 mm,
 * 订口 28 mm, 版心 156 × 225 mm (so 26 mm right and 35 mm bottom margins), red 发文机关标志 and separator line, title in
 * 2号 (22 pt) 小标宋, body in 3号 (16 pt) 仿宋 with 22 lines of 28 characters, headings in 黑体, attachments on new
 * pages. The page numbers are Chromium's footer (NOTICE_FOOTER), outside the 版心.
 *
 * Fonts are named as the standard has them first; when a machine lacks them (Debian has none of them) the CSS falls
 * back to Noto Serif CJK SC (Bold for the title) and Noto Sans CJK SC (fonts-noto-cjk). Every text is HTML-escaped;
 * the page loads nothing.
 */
import type { NoticeContent, NoticeDocument } from './notice.model';
import { rankingTable, type TextTable, unitPage, unitTable } from './notice-tables';

export const FONT = {
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "Noto Serif CJK SC"`,
  body: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC"`,
  hei: `"黑体", "SimHei", "Noto Sans CJK SC"`,
  kai: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "Noto Sans CJK SC"`,
  song: `"宋体", "SimSun", "Noto Serif CJK SC"`,
} as const;

/** GB/T 9704-2012 §5.2.1–5.2.2, in millimetres. */
export const PAGE_MM = { width: 210, height: 297, top: 37, left: 28, right: 26, bottom: 35 } as const;
export const RED = '#E60012';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/**
 * "— 1 —" in 4号 (14 pt) 宋体, half-width digits, the dashes 7 mm under the 版心 (§7.5). Chromium's footer box sits on
 * the page's lower edge: 19.3 mm of bottom margin puts the line's middle there (the layout test measures it).
 * Centred: Chromium's footer cannot tell odd pages from even ones (the .docx puts them right and left).
 */
export const NOTICE_FOOTER = `<div style="width:100%;text-align:center;font-family:${esc(FONT.song)};font-size:14pt;line-height:1;margin-bottom:19.3mm;color:#000">— <span class="pageNumber"></span> —</div>`;

const CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT.body}; font-size: 16pt; line-height: 28.9pt; color: #000; }
p { margin: 0; }
.draft { font-family: ${FONT.hei}; }
.mark { margin-top: 35mm; text-align: center; color: ${RED}; font-family: ${FONT.title}; font-weight: 700; font-size: 30pt; line-height: 1.2; letter-spacing: 0.05em; }
.number { margin-top: 57.8pt; text-align: center; }
.rule { margin-top: 4mm; border-top: 1pt solid ${RED}; }
.title { margin-top: 57.8pt; text-align: center; font-family: ${FONT.title}; font-weight: 700; font-size: 22pt; line-height: 1.45; padding: 0 1em; }
.to { margin-top: 28.9pt; }
.body p { text-indent: 2em; text-align: justify; }
.body h2 { margin: 0; text-indent: 2em; font-family: ${FONT.hei}; font-weight: 400; font-size: 16pt; }
.annex { margin-top: 28.9pt; padding-left: 5em; text-indent: -3em; }
.sign { margin-top: 57.8pt; text-align: right; }
.sign div { display: inline-block; text-align: center; margin-right: 4em; }
.page { break-before: page; }
.annex-no { font-family: ${FONT.hei}; }
.annex-title { margin: 14pt 0; text-align: center; font-family: ${FONT.title}; font-weight: 700; font-size: 18pt; line-height: 1.45; }
h3 { margin: 10pt 0 4pt; font-family: ${FONT.kai}; font-weight: 400; font-size: 16pt; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 10.5pt; line-height: 1.35; break-inside: auto; }
th, td { border: 0.5pt solid #000; padding: 2pt 2pt; text-align: center; overflow-wrap: anywhere; }
table.ranking { font-size: 9pt; }
th { font-family: ${FONT.hei}; font-weight: 400; }
tr { break-inside: avoid; }
.sheet { width: ${PAGE_MM.width - PAGE_MM.left - PAGE_MM.right}mm; }
`;

/** Column widths in % (the rest share what is left): the ranking's first four columns, the unit table's first. */
const WIDTHS: Record<string, number[]> = { ranking: [6, 11, 9, 7], unit: [34] };

function table(t: TextTable, cls: 'ranking' | 'unit'): string {
  const fixed = WIDTHS[cls] ?? [];
  const rest = (100 - fixed.reduce((a, b) => a + b, 0)) / (t.header.length - fixed.length);
  const cols = t.header.map((_, i) => `<col style="width:${(fixed[i] ?? rest).toFixed(2)}%">`).join('');
  const head = `<tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table class="${cls}"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function mainDocument(c: NoticeContent): string {
  const sections = c.sections
    .map((s) => (s.heading ? `<h2>${esc(s.heading)}</h2>` : '') + s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join(''))
    .join('');
  const annex = c.attachments.map((a, i) => (i === 0 ? `附件：${i + 1}. ${esc(a)}` : `<br>${i + 1}. ${esc(a)}`)).join('');
  return [
    c.published ? '' : `<p class="draft">未发布稿（排名尚未发布，数字随数据更新）</p>`,
    `<div class="mark">${esc(c.issuer)}</div>`,
    `<p class="number">${esc(c.docNumber)}</p>`,
    `<div class="rule"></div>`,
    `<div class="title">${esc(c.title)}</div>`,
    `<p class="to">${esc(c.recipients.join('、'))}：</p>`,
    `<div class="body">${sections}</div>`,
    `<p class="annex">${annex}</p>`,
    `<div class="sign"><div><p>${esc(c.issuer)}</p><p>${esc(c.date)}</p></div></div>`,
  ].join('\n');
}

function attachments(c: NoticeContent): string {
  const first = `<section class="page"><p class="annex-no">附件1</p><div class="annex-title">${esc(c.attachments[0] ?? '')}</div>${table(rankingTable(c), 'ranking')}<p style="font-size:10.5pt;line-height:1.4;margin-top:6pt">注：括号内为指标权重（评价配置第${c.configVersion}版）；得分为该指标的评分，无数据的指标不计分，其权重按比例分摊。</p></section>`;
  const units = c.units.map((u) => `<h3>${esc(u.name)}</h3>${table(unitTable(u), 'unit')}`).join('');
  const second = `<section class="page"><p class="annex-no">附件2</p><div class="annex-title">${esc(c.attachments[1] ?? '')}</div>${units}</section>`;
  return first + second;
}

function ownPage(c: NoticeContent, code: string): string {
  const unit = c.units.find((u) => u.code === code);
  if (!unit) return '';
  const page = unitPage(c, unit);
  return `<section class="page"><div class="annex-title">${esc(page.title)}</div><div class="body">${page.paragraphs
    .map((p) => `<p>${esc(p)}</p>`)
    .join('')}</div>${table(unitTable(unit), 'unit')}</section>`;
}

/** The whole document: the 通报, its attachments, and — for a unit's copy — its own page. */
export function noticeHtml(doc: NoticeDocument): string {
  const c = doc.content;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${CSS}</style></head><body><main class="sheet">${mainDocument(c)}${attachments(c)}${doc.unitCode ? ownPage(c, doc.unitCode) : ''}</main></body></html>`;
}
