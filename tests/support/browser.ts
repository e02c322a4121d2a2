/**
 * Debian's Chromium driven by playwright-core for the end-to-end tests and the dashboard benchmark, with the helpers
 * they share: sign-in through the login page, waiting on data-testid text, screenshots at desktop and phone widths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../packages/api/src/reports/report-pdf.render';
import { ROOT } from './stack';

export const ARTIFACTS = path.join(ROOT, 'artifacts/e2e');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Wait until the element's text contains `text` (or matches it); returns the text. */
export async function waitForText(page: Page, testId: string, text: string | RegExp, timeout = 30_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([sel, source, flags]) => {
      const el = document.querySelector(sel as string);
      const content = el?.textContent ?? '';
      const ok =
        flags === null ? content.includes(source as string) : new RegExp(source as string, flags as string).test(content);
      return ok ? content : false;
    },
    [byTestId(testId), typeof text === 'string' ? text : text.source, typeof text === 'string' ? null : text.flags] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

export async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.textContent(byTestId(testId))) ?? '').trim();
}

/** The page at 1280 px and at 375 px (full page), into artifacts/e2e/<name>-<width>.png. */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const files: string[] = [];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(300); // let charts and tables re-lay out
    const file = path.join(ARTIFACTS, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return files;
}

/** Sign in through the login page; resolves once the header shows the user. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.fill(byTestId('login-username'), username);
  await page.fill(byTestId('login-password'), password);
  await page.click(byTestId('login-submit'));
  await waitForText(page, 'header-user', username);
}

/** Click something that downloads a file (fetch + blob in the dashboard); returns the file's bytes. */
export async function download(page: Page, testId: string, saveAs: string, timeout = 120_000): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), page.click(byTestId(testId))]);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const target = path.join(ARTIFACTS, saveAs);
  await file.saveAs(target);
  return fs.readFileSync(target);
}
