// `node bench/profile-board.mjs [cards]` (through npx): a CPU profile of the board's bench page
// (bench/pages/cosell.html, built unminified so functions keep their names) while it renders `cards`
// referrals (default 100,000) and then makes one stage move. Prints the functions with the most self
// time and writes the whole profile to node_modules/.cache/cosell-profile/board-<cards>.cpuprofile
// (open it in Chromium's DevTools, Performance panel). A development aid, like compare-board.mjs.
//
//   BENCH_PORT (default 5313).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { mainThreadTasks } from './trace.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const n = Number(process.argv[2] ?? 100_000);
const port = Number(process.env.BENCH_PORT ?? 5313);
const pages = join(root, 'bench/pages');
const outDir = join(root, 'node_modules/.cache/cosell-profile');

await build({
  configFile: false,
  root: pages,
  base: '/',
  logLevel: 'warn',
  build: { outDir: join(outDir, 'site'), emptyOutDir: true, target: 'es2022', minify: false, rollupOptions: { input: { cosell: join(pages, 'cosell.html') } } },
});
const server = await preview({ configFile: false, root: pages, build: { outDir: join(outDir, 'site') }, preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/cosell.html?n=${n}`, { waitUntil: 'load' });
  await page.waitForFunction(() => globalThis.bench !== undefined, undefined, { timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  mkdirSync(outDir, { recursive: true });
  const render = await profiled(cdp, `board-${n}-render`, () => page.evaluate(() => globalThis.bench.render()));
  console.log(`${n.toLocaleString('en-US')} cards: first cards ${render.firstMs.toFixed(0)} ms, every card loaded ${render.fullMs.toFixed(0)} ms`);
  const move = await profiled(cdp, `board-${n}-move`, () => page.evaluate(() => globalThis.bench.move()));
  console.log(`one stage move until the next frame: ${move.toFixed(1)} ms`);
  // The profiler samples only while JS runs: a second move under a trace gives the main thread's whole work (script, style, layout, paint).
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' });
  const again = await page.evaluate(() => globalThis.bench.move());
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  const tasks = mainThreadTasks(events);
  const work = tasks.reduce((sum, e) => sum + (e.tdur ?? e.dur), 0) / 1000;
  const longest = Math.max(0, ...tasks.map((e) => (e.tdur ?? e.dur) / 1000));
  console.log(`a second move: ${again.toFixed(1)} ms until the next frame; main-thread work ${work.toFixed(1)} ms in ${tasks.length} tasks, the longest ${longest.toFixed(1)} ms`);
  await context.close();
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

/** Run `fn` under the CPU profiler; print the 25 functions with the most self time; write the profile. */
async function profiled(cdp, name, fn) {
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  const file = join(outDir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const dt = new Map();
  // timeDeltas[i] is the time before sample i: a sample lasts until the next one (as DevTools counts).
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const self = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const t = dt.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += t;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  console.log(`${name}: busy ${(busy / 1000).toFixed(1)} ms (${file})`);
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((100 * t) / busy).toFixed(1).padStart(5)} %  ${(t / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  }
  return result;
}

