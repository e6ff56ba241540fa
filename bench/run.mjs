// `npm run bench`: builds the bench pages, serves them, drives headless Chromium and prints one
// table per figure; writes them all to bench/results/latest.md.
//
// Every bench/*.bench.mjs module joins automatically. It exports
//   default async function (context) => { title, sections: [{ heading, columns, rows, notes? }] }
// where `context` is { browser, baseUrl, runs, root, median, measurePage } (see below), and may export
// `pages` (an object of name → html path under bench/pages) to be built and served with the others.
import { readdirSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const outDir = join(root, 'node_modules/.cache/cosell-bench'); // outside git and lint
const port = Number(process.env.BENCH_PORT ?? 5313);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const only = process.argv.slice(2);

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--js-flags=--expose-gc',
  // performance.measureUserAgentSpecificMemory() (cross-origin isolated pages) measures at once.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const started = performance.now();
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const modules = [];
for (const file of files) modules.push({ file, module: await import(pathToFileURL(join(benchDir, file)).href) });

// 1. Build every page the modules ask for (production build, minified, like a real app).
const input = Object.assign({}, ...modules.map(({ module }) => module.pages ?? {}));
const inputPaths = Object.fromEntries(Object.entries(input).map(([name, page]) => [name, join(benchDir, 'pages', page)]));
if (Object.keys(inputPaths).length) {
  await build({
    configFile: false,
    root: join(benchDir, 'pages'),
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: inputPaths } },
  });
  cpSync(join(root, 'node_modules/jkanban/dist'), join(outDir, 'jkanban'), { recursive: true });
}

// 2. Serve them, 3. drive Chromium.
const server = await preview({ configFile: false, root: join(benchDir, 'pages'), build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1', headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }, logLevel: 'warn' });
const baseUrl = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** Open a fresh page (own context, so no cache or heap is shared), call `fn(page, cdp)`, close it. */
async function measurePage(url, fn) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${baseUrl}${url}`, { waitUntil: 'load' });
    await page.waitForFunction(() => globalThis.bench !== undefined);
    const cdp = await context.newCDPSession(page);
    let timer;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${url}: no result within 60 s`)), 60_000)));
    try {
      const result = await Promise.race([fn(page, cdp), timeout]);
      if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
      return result;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close();
  }
}

const chromiumVersion = browser.version();
const results = [];
try {
  for (const { file, module } of modules) {
    const t = performance.now();
    const result = await module.default({ browser, baseUrl, runs, root, median, measurePage });
    results.push(result);
    console.error(`${file}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

// 4. Print and save.
const cell = (v) => String(v ?? '');
function table({ columns, rows }) {
  const lines = [`| ${columns.join(' | ')} |`, `| ${columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}
const header = `# Benchmarks\n\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Chromium ${chromiumVersion} (headless) · median of ${runs} runs · ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`;
const body = results
  .map((r) => [`## ${r.title}`, ...r.sections.map((s) => [s.heading ? `### ${s.heading}` : '', table(s), s.notes ?? ''].filter(Boolean).join('\n\n'))].join('\n\n'))
  .join('\n\n');
const markdown = `${header}\n${body}\n`;
console.log(markdown);
if (only.length === 0) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', 'latest.md'), markdown);
  console.error('Written to bench/results/latest.md');
}
