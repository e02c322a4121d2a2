/**
 * The few pieces of SpreadsheetML (ECMA-376 Part 1 §18) an export needs besides the sheet's rows (xlsx-rows.ts), read
 * from the XML text without building a tree: the workbook's first sheet and date system, the styles that make a number
 * a date, the shared strings. Strings are read as Excel reads them: rich-text runs joined, phonetic runs (`<rPh>`)
 * left out, `_xHHHH_` escapes decoded, XML line ends normalised and entities decoded once.
 */
import path from 'node:path';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    if (e.charCodeAt(0) !== 35) return ENTITIES[e] as string;
    const code = e.charCodeAt(1) === 120 ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Character data as an XML parser reports it: line ends normalised (XML 1.0 §2.11), CDATA literal, entities decoded. */
export function xmlText(raw: string): string {
  const s = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (s.indexOf('<![CDATA[') < 0) return decodeEntities(s);
  let out = '';
  let at = 0;
  for (;;) {
    const open = s.indexOf('<![CDATA[', at);
    if (open < 0) return out + decodeEntities(s.slice(at));
    const close = s.indexOf(']]>', open);
    out += decodeEntities(s.slice(at, open)) + s.slice(open + 9, close < 0 ? s.length : close);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** ST_Xstring escapes: `_x000D_` is a carriage return, `_x005F_` an underscore (ECMA-376 Part 1 §22.9.2.19). */
export function unescapeXstring(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of one start tag (`<c r="A1" t="s">`), values decoded. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const nameEnd = tag.search(/[\s/>]/);
  ATTRIBUTE.lastIndex = nameEnd < 0 ? tag.length : nameEnd;
  for (let m = ATTRIBUTE.exec(tag); m; m = ATTRIBUTE.exec(tag)) found.set(m[1] as string, xmlText(m[2] ?? m[3] ?? ''));
  return found;
}

/** An attribute by local name whatever its namespace prefix (`r:id`). */
function attributeByLocalName(attrs: Map<string, string>, local: string): string | undefined {
  for (const [name, value] of attrs) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Is the character after a tag name the end of the name (so `<c` does not match `<col`)? */
export function endsName(code: number): boolean {
  return code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The namespace prefix of the part's root element (`x:` in `<x:worksheet>`), '' when it has none. */
export function rootPrefix(xml: string, local: string): string | null {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m ? (m[1] ?? '') : null;
}

/**
 * Hands out each complete `<name …>…</name>` (or `<name …/>`) element of a part fed in chunks. The prefix is taken
 * from the root element once it has been seen.
 */
export class ElementScanner {
  private buf = '';
  private open: string | null = null;
  private close = '';
  /** The part's namespace prefix (`x:`), once its root element has been seen. */
  prefix = '';
  constructor(
    private readonly root: string,
    private readonly name: string,
  ) {}

  push(text: string, onElement: (xml: string) => void): void {
    this.buf = this.buf === '' ? text : this.buf + text;
    if (this.open === null) {
      const prefix = rootPrefix(this.buf, this.root);
      if (prefix === null) return;
      this.prefix = prefix;
      this.open = `<${prefix}${this.name}`;
      this.close = `</${prefix}${this.name}>`;
    }
    const buf = this.buf;
    const open = this.open;
    const close = this.close;
    let at = 0;
    for (;;) {
      let start = buf.indexOf(open, at);
      while (start >= 0 && start + open.length < buf.length && !endsName(buf.charCodeAt(start + open.length))) {
        start = buf.indexOf(open, start + open.length);
      }
      if (start < 0 || start + open.length >= buf.length) {
        // Keep a tail that may hold the start of the next element.
        at = start < 0 ? Math.max(at, buf.length - open.length) : start;
        break;
      }
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        at = start;
        break;
      }
      if (buf.charCodeAt(gt - 1) === 0x2f) {
        onElement(buf.slice(start, gt + 1));
        at = gt + 1;
        continue;
      }
      const end = buf.indexOf(close, gt);
      if (end < 0) {
        at = start;
        break;
      }
      onElement(buf.slice(start, end + close.length));
      at = end + close.length;
    }
    this.buf = at >= buf.length ? '' : buf.slice(at);
  }
}

/** The text of a string item (`<si>`, `<is>`): its `<t>` elements in order, phonetic runs left out. */
export function stringItemText(xml: string): string {
  const body = xml.indexOf('rPh') >= 0 ? xml.replace(/<([\w.-]+:)?rPh[\s>][\s\S]*?<\/([\w.-]+:)?rPh>/g, '') : xml;
  let out = '';
  const t = /<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t>)/g;
  for (let m = t.exec(body); m; m = t.exec(body)) out += xmlText(m[1] ?? '');
  return unescapeXstring(out);
}

/** Built-in number formats that show a date or time (ECMA-376 Part 1 §18.8.30; 27–36 and 50–58 in zh-CN). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quoted text, escapes and [brackets], it has a date or time letter. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsYMDHS]/.test(bare) && !/^(General|@)$/i.test(bare.trim());
}

/** Per cell style index (`<c s="…">`): does its number format show a date? */
export function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:[\w.-]+:)?numFmt\s[^>]*>/g)) {
    const attrs = attributes(m[0]);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs[\s>][\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(stylesXml)?.[0] ?? '';
  return [...xfs.matchAll(/<(?:[\w.-]+:)?xf[\s>/][^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).get('numFmtId') ?? 0);
    const code = custom.get(id);
    return code === undefined ? BUILT_IN_DATE_FORMATS.has(id) : isDateFormatCode(code);
  });
}

export interface WorkbookParts {
  /** The first sheet of the workbook (tab order), its shared strings and styles (null when the package has none). */
  sheet: string;
  sharedStrings: string | null;
  styles: string | null;
  /** The 1904 date system (Excel for Mac before 2011). */
  date1904: boolean;
}

/** Where a relationship's target lives in the package, from the part that owns the relationship. */
function resolveTarget(owner: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(owner), target));
}

function relationships(relsXml: string | null, owner: string): { type: string; id: string; target: string }[] {
  if (!relsXml) return [];
  return [...relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { type: a.get('Type') ?? '', id: a.get('Id') ?? '', target: resolveTarget(owner, a.get('Target') ?? '') };
  });
}

const relsPathOf = (part: string) => path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

/** The workbook's parts, found through the package relationships as a spreadsheet application finds them. */
export async function workbookParts(read: (name: string) => Promise<string | null>): Promise<WorkbookParts | null> {
  const root = relationships(await read('_rels/.rels'), '');
  const workbook = root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookXml = await read(workbook);
  if (!workbookXml) return null;
  const rels = relationships(await read(relsPathOf(workbook)), workbook);
  const firstSheet = /<(?:[\w.-]+:)?sheet\s[^>]*>/.exec(workbookXml)?.[0];
  const sheetId = firstSheet ? attributeByLocalName(attributes(firstSheet), 'id') : undefined;
  const sheet = rels.find((r) => r.id === sheetId)?.target;
  if (!sheet) return null;
  const pr = /<(?:[\w.-]+:)?workbookPr\s[^>]*>/.exec(workbookXml)?.[0];
  const date1904 = pr ? ['1', 'true'].includes(attributes(pr).get('date1904') ?? '') : false;
  const ofType = (suffix: string, fallback: string) => rels.find((r) => r.type.endsWith(suffix))?.target ?? fallback;
  return {
    sheet,
    sharedStrings: ofType('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: ofType('/styles', 'xl/styles.xml'),
    date1904,
  };
}

/** The content of the first child element `<name>` of a cell (its `<v>`, `<is>`), null when there is none. */
export function childContent(xml: string, open: string, close: string): string | null {
  let at = xml.indexOf(open);
  while (at >= 0 && !endsName(xml.charCodeAt(at + open.length))) at = xml.indexOf(open, at + open.length);
  if (at < 0) return null;
  const gt = xml.indexOf('>', at);
  if (xml.charCodeAt(gt - 1) === 0x2f) return '';
  const end = xml.indexOf(close, gt);
  return xml.slice(gt + 1, end < 0 ? xml.length : end);
}
