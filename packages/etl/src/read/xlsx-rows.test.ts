import { parseRow, type RowSpan, type SheetBook, type SheetRow, SheetRowScanner } from './xlsx-rows';

/** The rows of a sheet holding `rowsXml`, as its bytes hold them, fed to the scanner `chunk` bytes at a time. */
function sheetRows(rowsXml: string, sheet: SheetBook, prefix = '', chunk = 1 << 20): SheetRow[] {
  const data = Buffer.from(
    `<${prefix}worksheet xmlns="…"><${prefix}sheetData>${rowsXml}</${prefix}sheetData></${prefix}worksheet>`,
  );
  const scanner = new SheetRowScanner();
  const rows: SheetRow[] = [];
  const onRow = (span: RowSpan) => rows.push(parseRow(span, sheet, scanner.names ?? undefined));
  for (let i = 0; i < data.length; i += chunk) scanner.push(data.subarray(i, i + chunk), onRow);
  return rows;
}

/** One `<row>` element. */
const parsed = (xml: string, sheet: SheetBook, prefix = '') => sheetRows(xml, sheet, prefix)[0] as SheetRow;

const book: SheetBook = {
  sharedStrings: ['登记编号', '投诉', '富文本'],
  // style 0 General, 1 a date format, 2 a plain number format
  dateStyles: [false, true, false],
  date1904: false,
};

describe('parseRow', () => {
  test('every cell type as Excel shows it', () => {
    const row = parsed(
      '<row r="7" spans="1:12">' +
        '<c r="A7" t="s"><v>1</v></c>' +
        '<c r="B7" t="str"><v>广州 &amp; 深圳 &lt;店&gt; &#x4E2D;&#25991;</v></c>' +
        '<c r="C7" s="1"><v>45658.5</v></c>' +
        '<c r="D7" s="2"><v>88.5</v></c>' +
        '<c r="E7" t="b"><v>1</v></c>' +
        '<c r="F7" t="e"><v>#N/A</v></c>' +
        '<c r="G7" t="inlineStr"><is><r><t>调解</t></r><r><rPr><b/></rPr><t xml:space="preserve">成功 </t></r>' +
        '<rPh sb="0" eb="2"><t>ちょうてい</t></rPh></is></c>' +
        '<c r="H7" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>' +
        '<c r="I7" s="1"><f>C7+1</f><v>45659.5</v></c>' +
        '<c r="J7" s="1"/>' +
        '<c r="K7" t="str"><v>第一行_x000D_&#13;\r\n第二行 _x005F_x0041_</v></c>' +
        '<c r="L7"><v></v></c>' +
        '</row>',
      book,
    );
    expect(row.number).toBe(7);
    expect(row.cells).toEqual([
      '投诉',
      '广州 & 深圳 <店> 中文',
      new Date(Date.UTC(2025, 0, 1, 12)),
      88.5,
      true,
      '#N/A',
      '调解成功 ',
      'ab',
      new Date(Date.UTC(2025, 0, 2, 12)),
      null,
      // _x000D_ and &#13; are carriage returns; a raw CR LF in the XML is one line feed (XML 1.0 §2.11).
      '第一行\r\r\n第二行 _x0041_',
      null,
    ]);
  });

  test('columns from references (sparse rows), else one after another; rows without a number follow the previous', () => {
    const sparse = parsed('<row r="3"><c r="C3"><v>1</v></c><c r="AB3"><v>2</v></c></row>', book);
    expect(sparse.cells.length).toBe(28);
    expect(sparse.cells[2]).toBe(1);
    expect(sparse.cells[27]).toBe(2);
    expect(sparse.cells[0]).toBeUndefined();
    const plain = sheetRows(
      '<row r="8"/><row><c><v>1</v></c><c t="s"><v>0</v></c><c r="E9"><v>5</v></c><c><v>6</v></c></row>',
      book,
    )[1] as SheetRow;
    expect(plain.number).toBe(9);
    expect(plain.cells).toEqual([1, '登记编号', undefined, undefined, 5, 6]);
    expect(parsed('<row r="12"/>', book)).toEqual({ number: 12, cells: [] });
  });

  test('any quoting and spacing XML allows, and a namespace prefix', () => {
    const row = parsed(
      "<x:row r='4'>\n<x:c\n r='B4'  t = 'str' ><x:v>甲</x:v></x:c><x:c r=\"C4\"\ts=\"1\"><x:v>0.25</x:v></x:c></x:row>",
      book,
      'x:',
    );
    expect(row).toEqual({ number: 4, cells: [undefined, '甲', new Date(Date.UTC(1899, 11, 30, 6))] });
  });

  test('numbers exactly as parseFloat reads them', () => {
    const texts = [
      '0',
      '-0',
      '007',
      '5.',
      '.5',
      '0.25',
      '88.50',
      '45658.34734953704',
      '45658.347349537037',
      '1.5E-3',
      '9007199254740993',
      '0.0000000000000000000000001',
      '-12.345',
      '1.2.3',
      '12abc',
      ' 12',
      '-',
      '.',
      'abc',
    ];
    const xml = `<row r="2">${texts.map((t) => `<c><v>${t}</v></c>`).join('')}</row>`;
    expect(parsed(xml, book).cells).toEqual(texts.map((t) => Number.parseFloat(t)));
  });

  test('the 1904 date system and ISO dates', () => {
    const mac = { ...book, date1904: true };
    expect(parsed('<row r="2"><c r="A2" s="1"><v>0</v></c></row>', mac).cells).toEqual([new Date(Date.UTC(1904, 0, 1))]);
    const iso = parsed('<row r="2"><c r="A2" t="d"><v>2025-03-05T14:03:00</v></c><c t="d"><v>不是日期</v></c></row>', book);
    expect(iso.cells).toEqual([new Date(Date.UTC(2025, 2, 5, 14, 3)), '不是日期']);
  });
});

describe('SheetRowScanner', () => {
  test('the same rows whatever the chunking of the bytes (a character cut between chunks included)', () => {
    const rows =
      '<row r="1"><c r="A1" t="str"><v>登记编号</v></c></row><row r="2"/>' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3" t="str"><v>调解成功</v></c></row><rowBreaks/>';
    const whole = sheetRows(rows, book);
    expect(whole).toEqual([
      { number: 1, cells: ['登记编号'] },
      { number: 2, cells: [] },
      { number: 3, cells: [3, '调解成功'] },
    ]);
    for (const size of [1, 2, 3, 7, 50]) expect(sheetRows(rows, book, '', size)).toEqual(whole);
  });
});
