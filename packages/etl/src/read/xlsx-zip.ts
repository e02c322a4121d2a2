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

export interface ZipPackage {
  has(name: string): boolean;
  /** The whole part as UTF-8 text, or null when the package has no such part. */
  text(name: string): Promise<string | null>;
  /** The part's inflated bytes in chunks; `onRawBytes` is told how far into the file the reading has come. */
  bytes(name: string, onRawBytes?: (position: number) => void): AsyncGenerator<Buffer>;
  /** The part's text in chunks (a character cut at a chunk boundary is kept for the next chunk). */
  chunks(name: string): AsyncGenerator<string>;
  close(): void;
}

const openZip = promisify(yauzl.open) as (path: string, options: yauzl.Options) => Promise<yauzl.ZipFile>;

export async function openZipPackage(filePath: string): Promise<ZipPackage> {
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

  async function* bytes(name: string, onRawBytes?: (position: number) => void): AsyncGenerator<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw new Error(`the package has no part ${name}`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new Error(`part ${name} uses compression method ${entry.compressionMethod} (only stored and deflate)`);
    }
    const raw = await rawStream(entry);
    let position = entry.relativeOffsetOfLocalHeader;
    raw.on('data', (chunk: Buffer) => {
      position += chunk.length;
      onRawBytes?.(position);
    });
    const inflated = entry.compressionMethod === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 1 << 18 })) : raw;
    raw.on('error', (err) => inflated.destroy(err));
    try {
      yield* inflated as AsyncIterable<Buffer>;
    } finally {
      raw.destroy();
      inflated.destroy();
    }
  }

  async function* chunks(name: string): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    for await (const chunk of bytes(name)) {
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
