/**
 * The parts of an XLSX package (a zip file) by name, read through its central directory with yauzl (ZIP64 included):
 * small parts whole as text, the sheet as a stream of inflated UTF-8 text that also says how far into the file it has
 * read (for a progress bar).
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { limitExceeded, type ReadLimits } from './read-limits';

/** Below this many inflated bytes a part's compression ratio is not checked (a small part may be one run of zeros). */
const RATIO_FLOOR_BYTES = 8 << 20;

export interface ZipPackage {
  has(name: string): boolean;
  /** The whole part as UTF-8 text, or null when the package has no such part. */
  text(name: string): Promise<string | null>;
  /**
   * The part's inflated bytes in chunks, at most maxXlsxPartBytes; `onRawBytes` is told how far into the file the
   * reading has come.
   */
  bytes(name: string, onRawBytes?: (position: number) => void): AsyncGenerator<Buffer>;
  /** The part's text in chunks, at most maxSharedStringsBytes (a character cut at a chunk boundary is kept). */
  chunks(name: string): AsyncGenerator<string>;
  close(): void;
}

const openZip = promisify(yauzl.open) as (path: string, options: yauzl.Options) => Promise<yauzl.ZipFile>;

/**
 * Every part is bounded as it inflates (issue 13 §1, zip bombs): at most `maxXlsxPartBytes` (and, for a part read
 * whole, `maxSharedStringsBytes`), at most `maxXlsxRatio` inflated bytes per compressed byte, never more than the
 * central directory declares. The declared sizes are checked first, so an honest bomb is refused before any is read.
 */
export async function openZipPackage(filePath: string, limits: ReadLimits): Promise<ZipPackage> {
  const zip = await openZip(filePath, { lazyEntries: true, autoClose: false, decodeStrings: true });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  // The entry's bytes as stored: deflated ones are inflated here (counting the raw bytes read, for progress).
  const rawStream = (entry: yauzl.Entry) =>
    new Promise<Readable>((resolve, reject) => {
      const done = (err: Error | null, stream: Readable) => (err ? reject(err) : resolve(stream));
      if (entry.compressionMethod === 0) zip.openReadStream(entry, done);
      else zip.openReadStream(entry, { decompress: false }, done);
    });

  const where = (name: string) => ({ zh: `部件 ${name}`, en: `part ${name}` });
  const tooLarge = (name: string, limit: 'maxXlsxPartBytes' | 'maxSharedStringsBytes', max: number, size: number) =>
    limitExceeded(filePath, limit, max, where(name), {
      zh: `解压后至少 ${size} 字节`,
      en: `at least ${size} bytes inflated`,
    });
  const ratioTooHigh = (name: string, ratio: number) =>
    limitExceeded(filePath, 'maxXlsxRatio', limits.maxXlsxRatio, where(name), {
      zh: `压缩比 ${Math.floor(ratio)}:1`,
      en: `compression ratio ${Math.floor(ratio)}:1`,
    });

  async function* bytes(
    name: string,
    onRawBytes?: (position: number) => void,
    maxBytes: { limit: 'maxXlsxPartBytes' | 'maxSharedStringsBytes'; max: number } = {
      limit: 'maxXlsxPartBytes',
      max: limits.maxXlsxPartBytes,
    },
  ): AsyncGenerator<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw new Error(`the package has no part ${name}`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new Error(`part ${name} uses compression method ${entry.compressionMethod} (only stored and deflate)`);
    }
    const declared = entry.uncompressedSize;
    if (declared > maxBytes.max) throw tooLarge(name, maxBytes.limit, maxBytes.max, declared);
    if (declared > RATIO_FLOOR_BYTES && declared > limits.maxXlsxRatio * Math.max(1, entry.compressedSize)) {
      throw ratioTooHigh(name, declared / Math.max(1, entry.compressedSize));
    }
    const raw = await rawStream(entry);
    let position = entry.relativeOffsetOfLocalHeader;
    let rawBytes = 0;
    raw.on('data', (chunk: Buffer) => {
      position += chunk.length;
      rawBytes += chunk.length;
      onRawBytes?.(position);
    });
    const inflated = entry.compressionMethod === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 1 << 18 })) : raw;
    raw.on('error', (err) => inflated.destroy(err));
    let size = 0;
    try {
      for await (const chunk of inflated as AsyncIterable<Buffer>) {
        size += chunk.length;
        // The central directory may lie about a part: the bytes themselves are bounded.
        if (size > maxBytes.max) throw tooLarge(name, maxBytes.limit, maxBytes.max, size);
        if (size > RATIO_FLOOR_BYTES && size > limits.maxXlsxRatio * Math.max(1, rawBytes)) {
          throw ratioTooHigh(name, size / Math.max(1, rawBytes));
        }
        if (size > declared) {
          throw new Error(`part ${name} inflates to more than the ${declared} bytes its directory entry declares`);
        }
        yield chunk;
      }
    } finally {
      raw.destroy();
      inflated.destroy();
    }
  }

  async function* chunks(name: string): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    // Parts read as text are held whole (the shared strings, the workbook, its styles and relationships).
    for await (const chunk of bytes(name, undefined, { limit: 'maxSharedStringsBytes', max: limits.maxSharedStringsBytes })) {
      const text = decoder.write(chunk);
      if (text !== '') yield text;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  }

  return {
    has: (name) => entries.has(name),
    async text(name) {
      if (!entries.has(name)) return null;
      let text = '';
      for await (const chunk of chunks(name)) text += chunk;
      return text;
    },
    bytes,
    chunks,
    close: () => zip.close(),
  };
}
