// `node bench/compare-board.mjs [git-ref] [sizes]` (through npx): the board's first render in the
// working tree against another commit (default main), runs interleaved on the same bench page
// (bench/pages/cosell.html, unchanged). Besides wall time it reports the renderer main thread's CPU
// time until the first cards are painted (trace `tdur`), which stays comparable when the machine is
// busy. A development aid; `npm run bench` is the figure of record.
//
//   BENCH_RUNS (default 5), BENCH_PORT (default 5313; the ref's page is served on the next port).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { mainThreadTasks } from './trace.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const root = fileURLToPath(new URL('..', import.meta.url));
const ref = process.argv[2] ?? 'main';
const sizes = (process.argv[3] ?? '100,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const port = Number(process.env.BENCH_PORT ?? 5313);

const scratch = mkdtempSync(join(tmpdir(), 'cosell-compare-'));
const refTree = join(scratch, 'tree');
execFileSync('git', ['worktree', 'add', '--detach', refTree, ref], { cwd: root, stdio: 'ignore' });
if (!existsSync(join(refTree, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(refTree, 'node_modules'));

const trees = { [ref]: refTree, 'working tree': root };
const servers = [];
const urls = {};
try {
  let p = port;
  for (const [name, tree] of Object.entries(trees)) {
    const pages = join(tree, 'bench/pages');
    const outDir = join(scratch, `out-${p}`);
    await build({ configFile: false, root: pages, base: '/', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', rollupOptions: { input: { cosell: join(pages, 'cosell.html') } } } });
    servers.push(await preview({ configFile: false, root: pages, build: { outDir }, preview: { port: p, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' }));
    urls[name] = `http://127.0.0.1:${p}`;
    p++;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'] });
  try {
    for (const n of sizes) {
      const samples = Object.fromEntries(Object.keys(trees).map((name) => [name, []]));
      for (let run = 0; run < runs; run++) for (const name of Object.keys(trees)) samples[name].push(await once(browser, urls[name], n));
      for (const [name, list] of Object.entries(samples)) {
        const m = (key) => median(list.map((s) => s[key])).toFixed(0);
        console.log(`${n.toLocaleString('en-US').padStart(6)} cards  ${name.padEnd(14)} first render ${m('firstMs').padStart(4)} ms  main-thread CPU ${m('cpuMs').padStart(4)} ms  all pages ${m('fullMs').padStart(4)} ms`);
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  for (const server of servers) await new Promise((resolve) => server.httpServer.close(resolve));
  execFileSync('git', ['worktree', 'remove', '--force', refTree], { cwd: root, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}

/** One fresh page: bench.render() under a trace; CPU = main-thread task time until the first cards are painted. */
async function once(browser, baseUrl, n) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/cosell.html?n=${n}`, { waitUntil: 'load' });
    await page.waitForFunction(() => globalThis.bench !== undefined);
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' });
    const result = await page.evaluate(() => globalThis.bench.render());
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    const tasks = mainThreadTasks(events);
    // Trace clocks are not the page's: the render starts with the first long task after the evaluate call.
    const first = tasks.find((e) => e.dur > 5000) ?? tasks[0];
    if (!first) throw new Error('no main-thread tasks in the trace');
    const end = first.ts + result.firstMs * 1000;
    const cpuMs = tasks.filter((e) => e.ts >= first.ts && e.ts < end).reduce((sum, e) => sum + (e.tdur ?? e.dur), 0) / 1000;
    return { ...result, cpuMs };
  } finally {
    await context.close();
  }
}

