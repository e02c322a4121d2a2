/**
 * `/` before and after the dashboard is built (issue 14 §4), on the real HTTP app (wireApp) with the dashboard
 * directory main.ts passes: without a build every page path answers a page saying, in Chinese and English, that the
 * dashboard is not built and the command that builds it, the start-up text says the same, and API paths stay JSON;
 * once index.html is there, the next request gets the app, without a restart; a file the build also wrote compressed
 * (.br, .gz) goes out compressed to a browser that accepts it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { DASHBOARD_BUILD_COMMAND } from './dashboard-files';

let server: TestServer;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-dist-'));
  server = await startTestServer('dashboard-files-', { staticDir: dist });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the dashboard not built yet', () => {
  it('the start-up text names the command, in Chinese and English, and where the build is looked for', () => {
    expect(DASHBOARD_BUILD_COMMAND).toBe('pnpm build');
    expect(server.announce).toContain(`仪表盘尚未构建：在项目根目录运行 pnpm build`);
    expect(server.announce).toContain(
      `dashboard not built (no ${path.join(dist, 'index.html')}): run pnpm build at the repository root`,
    );
  });

  it.each(['/', '/ranking?month=2026-01'])('%s answers a page saying so and how to build it', async (route) => {
    const response = await fetch(`${server.url}${route}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<h1>仪表盘尚未构建</h1>');
    expect(html).toContain('The dashboard is not built');
    expect(html.match(/<pre>pnpm build<\/pre>/g)).toHaveLength(2);
    // No path of the server's machine in a page anyone can open.
    expect(html).not.toContain(dist);
  });

  it('API paths never answer the page', async () => {
    expect(await server.get('/healthz')).toMatchObject({ status: 200, text: '{"status":"ok"}' });
    const missing = await server.get('/export/nothing.csv');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('仪表盘');
  });
});

describe('built while the server runs', () => {
  it('the next request gets the app shell, at / and at a client route', async () => {
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>12315 效能评价</title><div id="root"></div>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1);');
    for (const route of ['/', '/ranking?month=2026-01']) {
      const page = await server.get(route);
      expect([route, page.status]).toEqual([route, 200]);
      expect(page.text).toContain('<div id="root"></div>');
    }
    expect(await server.get('/assets/app.js')).toMatchObject({ status: 200, text: 'console.log(1);' });
  });

  it('a file built with .br and .gz beside it goes out compressed to a browser that accepts it, Brotli first', async () => {
    const code = `export const ranking = ${JSON.stringify('效能评价排名 '.repeat(400))};\n`;
    const file = path.join(dist, 'assets', 'ranking-page.js');
    fs.writeFileSync(file, code);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(code));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(code));
    // Raw bytes as sent, and what they decode to.
    const get = async (acceptEncoding: string) => {
      const response = await fetch(`${server.url}/assets/ranking-page.js`, { headers: { 'accept-encoding': acceptEncoding } });
      const encoding = response.headers.get('content-encoding');
      const text = await response.text();
      return {
        status: response.status,
        encoding,
        type: response.headers.get('content-type'),
        vary: response.headers.get('vary'),
        text,
      };
    };
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const answer = await get(accept);
      expect([accept, answer.status, answer.encoding]).toEqual([accept, 200, encoding]);
      expect(answer.text).toBe(code);
      expect(answer.type).toMatch(/^(text|application)\/javascript/);
      expect(answer.vary).toMatch(/Accept-Encoding/i);
    }
    expect((await fetch(`${server.url}/assets/ranking-page.js`)).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    // A file the build left uncompressed (too small) is sent as it is.
    const plain = await fetch(`${server.url}/assets/app.js`, { headers: { 'accept-encoding': 'br' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1);');
  });

  it('the files of a build, named by their content, are kept a year; index.html is asked again each time', async () => {
    for (const route of ['/', '/index.html', '/ranking?month=2026-01']) {
      const response = await fetch(`${server.url}${route}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect([route, response.status, response.headers.get('cache-control')]).toEqual([route, 200, 'no-cache']);
    }
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A file the build no longer has (a page of the last build asking for its scripts) is missing, not the app shell.
    const gone = await fetch(`${server.url}/assets/index-0ld.js`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).not.toContain('<div id="root">');
  });
});
