/**
 * The 通报 as a .docx (the `docx` package), editable in Word and WPS: the same content and tables as the PDF
 * (notice-tables.ts) in the GB/T 9704-2012 layout — A4, margins 37/26/35/28 mm (2098/1474/1984/1587 twips), 22 lines
 * of 28.95 pt, red 发文机关标志 and separator line, page numbers "— 1 —" in 4号 宋体 as PAGE fields, odd pages right
 * and even pages left (§7.5). Fonts are named as the standard has them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312,
 * 宋体) with the east-Asian font set; Word and WPS substitute their own when a machine lacks one.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { NoticeContent, NoticeDocument } from './notice.model';
import type { NoticeDeps, NoticeRequest } from './notice-content.service';
import { noticeDocument } from './notice-document';
import { rankingTable, type TextTable, unitPage, unitTable } from './notice-tables';

const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
export const DOCX_PAGE = {
  width: 11906,
  height: 16838,
  top: twips(37),
  right: twips(26),
  bottom: twips(35),
  left: twips(28),
  /** The footer's baseline region ends 23 mm above the page's edge: its dashes 7 mm under the 版心. */
  footer: twips(23),
} as const;
const BODY_WIDTH = DOCX_PAGE.width - DOCX_PAGE.left - DOCX_PAGE.right;
/** 225 mm ÷ 22 lines. */
const LINE = Math.round((225 * MM) / 22);
const RED = 'E60012';

export const DOCX_FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt. */
const SIZE = { mark: 60, title: 44, annexTitle: 36, body: 32, footer: 28, table: 21 } as const;

function run(text: string, font: string, size: number, extra: { color?: string; bold?: boolean } = {}): TextRun {
  return new TextRun({ text, size, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font }, ...extra });
}

const exact = (before = 0) => ({ line: LINE, lineRule: LineRuleType.EXACT, before, after: 0 });
const blank = () => new Paragraph({ spacing: exact(), children: [run('', DOCX_FONT.body, SIZE.body)] });

function bodyParagraph(text: string, font: string = DOCX_FONT.body): Paragraph {
  return new Paragraph({
    spacing: exact(),
    indent: { firstLine: 2 * 320 },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, font, SIZE.body)],
  });
}

function table(t: TextTable): Table {
  const widths = t.header.map(() => Math.floor(BODY_WIDTH / t.header.length));
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(text, header ? DOCX_FONT.hei : DOCX_FONT.body, SIZE.table)],
        }),
      ],
    });
  return new Table({
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

function annexHeading(no: string, title: string): Paragraph[] {
  return [
    new Paragraph({ pageBreakBefore: true, spacing: exact(), children: [run(no, DOCX_FONT.hei, SIZE.body)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: 200 },
      children: [run(title, DOCX_FONT.title, SIZE.annexTitle)],
    }),
  ];
}

function mainDocument(c: NoticeContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (!c.published)
    out.push(new Paragraph({ children: [run('未发布稿（排名尚未发布，数字随数据更新）', DOCX_FONT.hei, SIZE.body)] }));
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: twips(35), after: 0 },
      children: [run(c.issuer, DOCX_FONT.title, SIZE.mark, { color: RED })],
    }),
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact(),
      border: { bottom: { color: RED, style: BorderStyle.SINGLE, size: 8, space: 11 } },
      children: [run(c.docNumber, DOCX_FONT.body, SIZE.body)],
    }),
    blank(),
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 1.1), lineRule: LineRuleType.EXACT },
      children: [run(c.title, DOCX_FONT.title, SIZE.title)],
    }),
    blank(),
    new Paragraph({ spacing: exact(), children: [run(`${c.recipients.join('、')}：`, DOCX_FONT.body, SIZE.body)] }),
  );
  for (const s of c.sections) {
    if (s.heading) out.push(bodyParagraph(s.heading, DOCX_FONT.hei));
    for (const p of s.paragraphs) out.push(bodyParagraph(p));
  }
  out.push(blank());
  c.attachments.forEach((a, i) => {
    out.push(
      new Paragraph({
        spacing: exact(),
        indent: { left: i === 0 ? 2 * 320 : 5 * 320 },
        children: [run(`${i === 0 ? '附件：' : ''}${i + 1}. ${a}`, DOCX_FONT.body, SIZE.body)],
      }),
    );
  });
  out.push(blank(), blank());
  for (const line of [c.issuer, c.date]) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: exact(),
        indent: { right: 4 * 320 },
        children: [run(line, DOCX_FONT.body, SIZE.body)],
      }),
    );
  }
  return out;
}

function footer(alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }) {
  const children: ParagraphChild[] = [
    run('— ', DOCX_FONT.song, SIZE.footer),
    new TextRun({ children: [PageNumber.CURRENT], size: SIZE.footer, font: { ascii: DOCX_FONT.song, eastAsia: DOCX_FONT.song } }),
    run(' —', DOCX_FONT.song, SIZE.footer),
  ];
  return new Footer({ children: [new Paragraph({ alignment, indent, children })] });
}

export function noticeDocxDocument(doc: NoticeDocument): Document {
  const c = doc.content;
  const children: (Paragraph | Table)[] = [
    ...mainDocument(c),
    ...annexHeading('附件1', c.attachments[0] ?? ''),
    table(rankingTable(c)),
    ...annexHeading('附件2', c.attachments[1] ?? ''),
  ];
  for (const u of c.units) {
    children.push(
      new Paragraph({ spacing: { before: 200 }, children: [run(u.name, DOCX_FONT.kai, SIZE.body)] }),
      table(unitTable(u)),
    );
  }
  const unit = doc.unitCode ? c.units.find((u) => u.code === doc.unitCode) : undefined;
  if (unit) {
    const page = unitPage(c, unit);
    children.push(
      new Paragraph({
        pageBreakBefore: true,
        alignment: AlignmentType.CENTER,
        spacing: { after: 200 },
        children: [run(page.title, DOCX_FONT.title, SIZE.annexTitle)],
      }),
      ...page.paragraphs.map((p) => bodyParagraph(p)),
      table(unitTable(unit)),
    );
  }
  return new Document({
    title: c.title,
    creator: c.issuer,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height },
            margin: {
              top: DOCX_PAGE.top,
              right: DOCX_PAGE.right,
              bottom: DOCX_PAGE.bottom,
              left: DOCX_PAGE.left,
              footer: DOCX_PAGE.footer,
              header: twips(15),
            },
          },
        },
        // §7.5: odd pages right, even pages left, one character (4号: 280 twips) in from the edge of the 版心.
        footers: {
          default: footer(AlignmentType.RIGHT, { right: 280 }),
          even: footer(AlignmentType.LEFT, { left: 280 }),
        },
        children,
      },
    ],
  });
}

export async function noticeDocx(doc: NoticeDocument): Promise<Buffer> {
  return Packer.toBuffer(noticeDocxDocument(doc));
}

/** The 通报 of a month as .docx bytes, for code that needs no HTTP request (the caller checks the scope). */
export async function renderNoticeDocx(
  deps: NoticeDeps & { today?: string },
  req: NoticeRequest & { city?: string },
): Promise<Buffer> {
  return noticeDocx(await noticeDocument(deps, req));
}
