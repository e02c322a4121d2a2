/**
 * `/` before and after the dashboard is built (issue 14 §4), on the real HTTP app (wireApp) with the dashboard
 * directory main.ts passes: without a build every page path answers a page saying, in Chinese and English, that the
 * dashboard is not built and the command that builds it, the start-up text says the same, and API paths stay JSON;
 * once index.html is there, the next request gets the app, without a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
});
