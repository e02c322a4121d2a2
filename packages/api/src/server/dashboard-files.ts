/**
 * The dashboard's files at `/` (packages/dashboard/dist, built by `pnpm build`). Until they are built, every page path
 * answers a short page saying so and the command that builds them (issue 14 §4: `pnpm start` on a fresh checkout
 * used to answer 404 at `/` with no hint), and the server's start-up log says the same. The files are looked for on
 * each request, so a build made while the server runs is served on the next reload, without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Express, RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** The command that builds the dashboard, run at the repository root (root package.json `build`). */
export const DASHBOARD_BUILD_COMMAND = 'pnpm build';

/**
 * Paths of the app shell: client-side routes (/ranking, /overdue …); API paths never fall through to it, nor a
 * missing file of the build (a 404, not the shell read as a script).
 */
const PAGE_PATHS = /^\/(?!graphql|healthz|internal|export|api\/|assets\/).*/;

/**
 * How long a browser keeps a file of the build. The files under assets/ are named by their content (a new build
 * names new files): kept a year, never asked again. index.html names the current ones: asked again each time (a
 * 304 when unchanged), so the reload after a new build never runs the last build's scripts, which are gone.
 */
const NO_CACHE = 'no-cache';
function cacheControl(dir: string, file: string): string {
  const served = path.relative(dir, file).replace(/\.(br|gz)$/, '');
  if (served.split(path.sep)[0] === 'assets') return 'public, max-age=31536000, immutable';
  return served.endsWith('.html') ? NO_CACHE : 'public, max-age=3600';
}

export function dashboardBuilt(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

/** For the start-up log (zh + en), '' when the dashboard is built. */
export function dashboardStartupNotice(dir: string): string {
  if (dashboardBuilt(dir)) return '';
  return (
    `仪表盘尚未构建：在项目根目录运行 ${DASHBOARD_BUILD_COMMAND}，完成后刷新浏览器即可（无需重启服务）。\n` +
    `dashboard not built (no ${path.join(dir, 'index.html')}): run ${DASHBOARD_BUILD_COMMAND} at the repository root, ` +
    'then reload the page (no restart needed).\n'
  );
}

// No path of the machine in a page anyone can open: the log names the directory.
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>仪表盘尚未构建 · Dashboard not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6}pre{background:#f4f5f7;padding:.75rem 1rem;border-radius:6px}</style>
</head>
<body>
<h1>仪表盘尚未构建</h1>
<p>12315 效能评价的 API 已在运行（<code>/graphql</code>），但仪表盘的页面文件还没有构建。在项目根目录运行：</p>
<pre>${DASHBOARD_BUILD_COMMAND}</pre>
<p>完成后刷新本页即可，无需重启服务。</p>
<hr>
<h1 lang="en">The dashboard is not built</h1>
<p lang="en">The 12315 API is running (<code>/graphql</code>), but the dashboard's files have not been built yet. At the repository root, run:</p>
<pre>${DASHBOARD_BUILD_COMMAND}</pre>
<p lang="en">then reload this page; the server need not restart.</p>
</body>
</html>
`;

/**
 * Serves the dashboard from `dir`, or the page saying how to build it while `dir` has no index.html. A file the build
 * also wrote as `.br` or `.gz` (vite.config.ts) goes out that way to a browser that accepts it, Brotli first.
 */
export function mountDashboard(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  // The middleware lists the compressed files when it is made: made again when a build has written files (the build
  // writes index.html, then the compressed files into assets/).
  const assets = path.join(dir, 'assets');
  const options = {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      setHeaders: (res: { setHeader(n: string, v: string): void }, file: string) =>
        res.setHeader('Cache-Control', cacheControl(dir, file)),
    },
  };
  const mtime = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  let served: { build: string; handler: RequestHandler } | null = null;
  app.use((req, res, next) => {
    const build = `${mtime(index)}:${mtime(assets)}`;
    if (served?.build !== build) served = { build, handler: expressStaticGzip(dir, options) };
    served.handler(req, res, next);
  });
  app.get(PAGE_PATHS, (_req, res) => {
    if (dashboardBuilt(dir)) {
      res.sendFile(index, { headers: { 'Cache-Control': NO_CACHE } });
      return;
    }
    // 503: the page exists once built; no-store, so the built app replaces this page on the next reload.
    res.status(503).set('Cache-Control', 'no-store').type('html').send(NOT_BUILT_PAGE);
  });
}
