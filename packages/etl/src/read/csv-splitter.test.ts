import { parse } from 'csv-parse/sync';
import { CsvSplitter } from './csv-splitter';

/** Split `text` in the given chunk sizes; records plus whether a quote was left open. */
function split(text: string, chunkSizes: number[] = [text.length]): { records: string[][]; unclosed: boolean } {
  const splitter = new CsvSplitter();
  const records: string[][] = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] ?? 1);
    splitter.push(text.slice(at, at + size), false, (r) => records.push([...r]));
    at += size;
  }
  splitter.push('', true, (r) => records.push([...r]));
  return { records, unclosed: splitter.unclosedQuote };
}

/** What the reader got from csv-parse with the options it used before. */
function reference(text: string): { records: string[][]; unclosed: boolean } {
  let unclosed = false;
  const records = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err?.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
    },
  }) as string[][];
  return { records, unclosed };
}

describe('CsvSplitter', () => {
  it('splits RFC 4180 records: quotes, escaped quotes, delimiters inside quotes, CRLF', () => {
    expect(split('a,b\r\n"x,1","he said ""hi"""\r\n"multi\r\nline",\r\n').records).toEqual([
      ['a', 'b'],
      ['x,1', 'he said "hi"'],
      ['multi\r\nline', ''],
    ]);
  });
  it('keeps stray quotes as text (relax_quotes) and counts a blank line as a record', () => {
    expect(split('A,"bad"x\nB,某某"牌"酒\n\nC,""\n').records).toEqual([['A', '"bad"x'], ['B', '某某"牌"酒'], [''], ['C', '']]);
  });
  it('a quote never closed leaves the rest of the input unreturned and flags it', () => {
    expect(split('A,1\nB,"open\nC,2\n')).toEqual({ records: [['A', '1']], unclosed: true });
  });
  it('the first line break fixes the delimiter: a lone \\n in a CRLF file is text', () => {
    expect(split('a,b\r\nc\nd,e\r\n').records).toEqual([
      ['a', 'b'],
      ['c\nd', 'e'],
    ]);
  });
  it('agrees with csv-parse on 3,000 random inputs cut into random chunks', () => {
    // A small deterministic generator: the alphabet is every character the state machine cares about.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', '"', '"', ',', '\n', '\r\n', '\r', ' ', '汉'];
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const len = rand(40);
      for (let i = 0; i < len; i++) text += alphabet[rand(alphabet.length)];
      const chunks = [1 + rand(5), 1 + rand(3), 1 + rand(50)];
      const expected = reference(text);
      expect({ text, ...split(text, chunks) }).toEqual({ text, ...expected });
      expect({ text, ...split(text) }).toEqual({ text, ...expected });
    }
  });
});
