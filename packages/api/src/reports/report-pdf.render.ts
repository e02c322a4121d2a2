/**
 * Server-side PDF of the monthly report (issue "Dashboard" §Monthly report): a headless Chromium (Debian's, driven by
 * playwright-core) opens the dashboard's print view on this very server, signed in as the caller, waits until the page
 * says every query finished (`[data-testid=report-page][data-ready="true"]`), and prints A4.
 *
 * Each render gets a fresh profile in a temp dir (removed afterwards), so no cookie, storage or cache outlives the
 * request; the browser may only talk to the server it was pointed at (every other request is aborted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createLimiter, type Limiter } from './concurrency-limit';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium unless CHROMIUM_PATH names another (the e2e tests and benchmarks launch the same one). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The sessionStorage key the dashboard keeps its token in (DASHBOARD-SPEC "Server endpoints"). */
export const TOKEN_STORAGE_KEY = 'c12315.token';
export const READY_SELECTOR = '[data-testid=report-page][data-ready="true"]';
export const ERROR_SELECTOR = '[data-testid=state-error]';

export class ReportRenderError extends Error {}

export interface RenderOptions {
  /** The print view, on this server (http://127.0.0.1:PORT/reports/YYYY-MM?print=1&parent=CODE). */
  url: string;
  /** The caller's bearer token: the page queries the API as the caller, so it sees exactly the caller's scope. */
  token: string;
  timeoutMs?: number;
  executablePath?: string;
  /** Where the per-render profile dir is made (default: the OS temp dir). */
  tmpRoot?: string;
}

/**
 * At most 2 browsers at once, 6 waiting, for every PDF this process prints (the machine is small). Per api instance on
 * purpose: it guards this machine's cores and memory, so N instances print up to 2N (README "Several api instances").
 */
export const chromiumLimiter: Limiter = createLimiter(2, 6);

export interface BrowserOptions {
  timeoutMs?: number;
  executablePath?: string;
  tmpRoot?: string;
  /** The one origin the page may load from; null: nothing at all (a page given by setContent). */
  allowedOrigin: string | null;
}

/**
 * A headless Chromium with a fresh profile in a temp dir (removed afterwards, so no cookie, storage or cache outlives
 * the call), every request outside `allowedOrigin` aborted, its first page handed to `use`.
 */
export async function withChromiumPage<T>(
  options: BrowserOptions,
  use: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const timeout = options.timeoutMs ?? 60_000;
  const profile = fs.mkdtempSync(path.join(options.tmpRoot ?? os.tmpdir(), 'c12315-pdf-'));
  // Loaded on first use: the API starts without the browser driver in memory.
  const { chromium } = await import('playwright-core');
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath ?? chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1280, height: 900 },
      timeout,
    });
    try {
      await context.route('**/*', (route) =>
        options.allowedOrigin !== null && new URL(route.request().url()).origin === options.allowedOrigin
          ? route.continue()
          : route.abort('blockedbyclient'),
      );
      const page = context.pages()[0] ?? (await context.newPage());
      return await use(page, context);
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export async function renderReportPdf(options: RenderOptions): Promise<Buffer> {
  const timeout = options.timeoutMs ?? 60_000;
  const allowedOrigin = new URL(options.url).origin;
  return withChromiumPage({ ...options, allowedOrigin }, async (page, context) => {
    // Before any script of the app runs, so its first query already carries the token.
    await context.addInitScript({
      content: `try { sessionStorage.setItem(${JSON.stringify(TOKEN_STORAGE_KEY)}, ${JSON.stringify(options.token)}); } catch (e) {}`,
    });
    const response = await page.goto(options.url, { waitUntil: 'domcontentloaded', timeout });
    if (!response || !response.ok()) {
      throw new ReportRenderError(`the report page answered HTTP ${response?.status() ?? 'nothing'} (is the dashboard built?)`);
    }
    await page.waitForSelector(`${READY_SELECTOR}, ${ERROR_SELECTOR}`, { state: 'attached', timeout });
    if (await page.$(ERROR_SELECTOR)) throw new ReportRenderError('the report page shows an error');
    return await page.pdf({ format: 'A4', printBackground: true });
  });
}
