/**
 * GET /export/report.pdf with a real headless Chromium (Debian's) against a stand-in print view: a page that reads
 * the token from sessionStorage, asks this server who it is, and only after a delay fills in the report and sets
 * data-ready="true". A PDF printed too early would say 加载中 and miss the caller's name. Text is read back with
 * pdftotext (poppler-utils).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AuditEntry, openMetadataStore } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import express from 'express';
import { Role } from '../common/graphql-types';
import type { AuthUser } from '../context';
import { createLimiter } from './concurrency-limit';
import { reportPdfHandler } from './report-pdf.route';

const USERS: Record<string, AuthUser> = {
  'tok-admin': { id: 1, username: 'admin', role: Role.PROVINCE_ADMIN, regionCode: '140000' },
  'tok-chief': { id: 2, username: 'chief', role: Role.CITY_CHIEF, regionCode: '140100' },
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>report</title></head><body>
<main data-testid="report-page" data-ready="false"><p>加载中</p></main>
<script>
const token = sessionStorage.getItem('c12315.token');
const params = new URLSearchParams(location.search);
fetch('/whoami', { headers: { Authorization: 'Bearer ' + token } }).then((r) => r.json()).then((u) => setTimeout(() => {
  const main = document.querySelector('main');
  if (params.get('parent') === '140300') { main.outerHTML = '<div data-testid="state-error">加载失败</div>'; return; }
  main.innerHTML = '<h1>月度通报 ' + location.pathname.split('/')[2] + '</h1><p>打印人 ' + u.username + '</p>' +
    '<p>范围 ' + params.get('parent') + ' print=' + params.get('print') + '</p><p>太原市 第1名</p>';
  main.setAttribute('data-ready', 'true');
}, 400));
</script></body></html>`;

let server: Server;
let base: string;
let orm: MikroORM;

/** The audit log's PDF exports, oldest first: who, which file, which parameters. */
async function pdfExports() {
  const entries = await orm.em.fork().find(AuditEntry, { action: 'EXPORT_REPORT_PDF' }, { orderBy: { id: 'asc' } });
  return entries.map((e) => ({ actor: e.actor, role: e.actorRole, region: e.regionCode, target: e.target, params: e.params }));
}
let tmpRoot: string;

beforeAll(async () => {
  // the 502 cases log their cause with a reference; keep the test output quiet
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
  orm = await openMetadataStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-meta-')), databaseUrl: null });
  const app = express();
  app.use((req, _res, next) => {
    req.user = USERS[(req.headers.authorization ?? '').replace(/^Bearer /, '')] ?? null;
    next();
  });
  app.get('/whoami', (req, res) => {
    res.json({ username: req.user?.username ?? 'anonymous' });
  });
  app.get('/reports/:month', (req, res) => {
    if (req.params.month === '2099-01') res.status(404).send('not built');
    else res.type('html').send(PAGE);
  });
  app.get('/export/report.pdf', reportPdfHandler({ orm, tmpRoot, limiter: createLimiter(1, 4), timeoutMs: 60_000 }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export/report.pdf`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await orm.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

const get = (query: string, token: string | null = 'tok-admin') =>
  fetch(`${base}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

function pdfText(bytes: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8');
}

describe('GET /export/report.pdf', () => {
  it('prints the ready print view as the caller, as an A4 PDF, and removes the browser profile', async () => {
    const res = await get('month=2026-01&parentCode=140000');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('report_140000_2026-01.pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('月度通报 2026-01');
    expect(text).toContain('打印人 admin');
    expect(text).toContain('范围 140000 print=1');
    expect(text).toContain('太原市 第1名');
    expect(text).not.toContain('加载中');
    // A4 portrait: 595 × 842 pt
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 841\.9|\/MediaBox \[0 0 595(\.\d+)? 842/);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
    // One audit entry: who printed which report.
    expect(await pdfExports()).toEqual([
      {
        actor: 'admin',
        role: 'PROVINCE_ADMIN',
        region: '140000',
        target: 'report_140000_2026-01.pdf',
        params: { month: '2026-01', parentCode: '140000' },
      },
    ]);
  });

  it("defaults parentCode to the caller's province (a city chief gets the province's city ranking)", async () => {
    const res = await get('month=2025-12', 'tok-chief');
    expect(res.status).toBe(200);
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('打印人 chief');
    expect(text).toContain('范围 140000');
    expect((await pdfExports()).slice(1)).toEqual([
      {
        actor: 'chief',
        role: 'CITY_CHIEF',
        region: '140100',
        target: 'report_140000_2025-12.pdf',
        params: { month: '2025-12', parentCode: '140000' },
      },
    ]);
  });

  it('502 when the page shows an error or the dashboard is missing; the profile is removed either way', async () => {
    const failed = await get('month=2026-01&parentCode=140300');
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('REPORT_RENDER_FAILED');
    const missing = await get('month=2099-01&parentCode=140000');
    expect(missing.status).toBe(502);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/HTTP 404/);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
    // No PDF handed out: nothing exported, nothing audited.
    expect(await pdfExports()).toHaveLength(2);
  });

  it('401 without a user, 400 naming the param, 403 outside the ranking scope — before any browser starts', async () => {
    expect((await get('month=2026-01', null)).status).toBe(401);
    expect((await get('month=2026-01', 'tok-nobody')).status).toBe(401);
    for (const [query, argument] of [
      ['', 'month'],
      ['month=2026-13', 'month'],
      ['month=2026-01&parentCode=140105', 'parentCode'],
      ['month=2026-01&parentCode=99', 'parentCode'],
      ['month=2026-01&x=1', 'x'],
      ['month=2026-01&month=2026-02', 'month'],
    ] as const) {
      const res = await get(query);
      expect([query, res.status]).toEqual([query, 400]);
      expect(((await res.json()) as { error: { argument: string } }).error.argument).toBe(argument);
    }
    // another province; a chief asking for the county ranking of another city
    expect((await get('month=2026-01&parentCode=330000')).status).toBe(403);
    expect((await get('month=2026-01&parentCode=140200', 'tok-chief')).status).toBe(403);
    expect(await pdfExports()).toHaveLength(2);
  });
});
