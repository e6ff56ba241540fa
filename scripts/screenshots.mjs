#!/usr/bin/env node
/* global document */
// `npm run screenshots`: every element of the drop-in bundle (dist/cosell.min.js), in the light and
// the dark theme, at its own width and in a 390 px column (a phone, a CRM sidebar), and in Arabic and
// Japanese, rendered on demo data in headless Chromium and saved as docs/screenshots/<element>-<variant>.png.
// Builds first when dist/ is missing. Japanese needs a CJK font (Debian: apt-get install fonts-noto-cjk),
// or its text draws as boxes. Look at the pictures before committing them.
import { execFileSync } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { replaceScreenshotTable, screenshotTable } from './readme-screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');

/** Attributes and signed-in demo user per element (one line per widget); others get partner-id only. */
const PRESETS = {
  'cosell-partner-card': { attributes: { 'partner-id': 'p-northwind' }, user: 'u-seller-dana', width: 520 },
  'cosell-referral-form': { attributes: { 'partner-id': 'p-northwind', 'prospect-company': 'Acme Logistics', 'prospect-country': 'US', 'crm-record-id': '001xx000003DGb2AAG' }, user: 'u-seller-dana', width: 640 },
  'cosell-my-referrals': { attributes: { 'page-size': '8' }, user: 'u-seller-dana', width: 900 },
  'cosell-pipeline-board': { attributes: { 'partner-id': 'p-northwind' }, user: 'u-pm-sofia', width: 1280 },
  'cosell-revshare-summary': { attributes: { 'partner-id': 'p-northwind', from: '2026-01', to: '2026-06' }, user: 'u-fin-grace', width: 1100 },
};
/** Page and card backgrounds per theme: a Lightning-like grey page with the widget on a card. */
const THEMES = { light: ['#f3f3f3', '#ffffff'], dark: ['#121212', '#242424'] };
/** What is captured of each element: file suffix, theme, frame width (the preset's when absent), locale. */
const VARIANTS = [
  { name: 'light', theme: 'light' },
  { name: 'dark', theme: 'dark' },
  { name: '390-light', theme: 'light', width: 390 },
  { name: '390-dark', theme: 'dark', width: 390 },
  { name: 'ar', theme: 'light', locale: 'ar' },
  { name: 'ja', theme: 'light', locale: 'ja' },
];

function tags() {
  return globSync('dist/components/*/define.js', { cwd: ROOT })
    .map((file) => /customElements\.define\(\s*["'`](cosell-[a-z-]+)/.exec(readFileSync(join(ROOT, file), 'utf8'))?.[1])
    .filter((tag) => tag && tag !== 'cosell-provider')
    .sort();
}

function page(tag, variant) {
  const { theme } = variant;
  const preset = PRESETS[tag] ?? { attributes: { 'partner-id': 'p-northwind' }, user: undefined, width: 800 };
  const attributes = Object.entries(preset.attributes).map(([name, value]) => ` ${name}="${value}"`).join('');
  return `<!doctype html><html lang="${variant.locale ?? 'en'}"><head><meta charset="utf-8"><style>
    body { margin: 0; padding: 12px; background: ${THEMES[theme][0]}; font-family: 'Liberation Sans', Arial, sans-serif; }
    #frame { display: inline-block; padding: 16px; width: ${variant.width ?? preset.width}px; background: ${THEMES[theme][1]}; border-radius: 0.25rem; }
  </style></head><body><div id="frame"><cosell-provider theme="${theme}"${variant.locale ? ` locale="${variant.locale}"` : ''}><${tag}${attributes}></${tag}></cosell-provider></div>
  <script type="module" src="/cosell.min.js"></script>
  <script type="module">
    import { MemoryAdapter } from '/cosell/memory.js';
    import { createDemoData, DEMO_REFERENCE_DATE } from '/cosell/demo.js';
    // The demo data is dated relative to its reference day: the widgets' "today" is that day, as in the demo.
    document.querySelector('cosell-provider').now = DEMO_REFERENCE_DATE;
    document.querySelector('cosell-provider').adapter = new MemoryAdapter(createDemoData({ seed: 1${preset.user ? `, currentUserId: '${preset.user}'` : ''} }));
  </script></body></html>`;
}

async function main() {
  if (!existsSync(join(ROOT, 'dist/cosell.min.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const elements = tags();
  if (elements.length === 0) {
    console.log('No widgets in the bundle yet: nothing to capture.');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (/^\/(cosell\.min|cosell\/[\w.-]+)\.js$/.test(url.pathname) && existsSync(join(ROOT, 'dist', url.pathname))) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist', url.pathname)));
    } else if (url.pathname === '/page') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page(url.searchParams.get('tag'), VARIANTS.find((v) => v.name === url.searchParams.get('variant')) ?? VARIANTS[0]));
    } else response.writeHead(404).end();
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const tag of elements) {
      for (const { name: variant } of VARIANTS) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
        const tab = await context.newPage();
        tab.on('pageerror', (error) => console.error(`${tag} (${variant}): ${error.message}`));
        await tab.goto(`http://127.0.0.1:${server.address().port}/page?tag=${tag}&variant=${variant}`);
        await tab.waitForFunction((name) => {
          const root = document.querySelector(name)?.shadowRoot;
          return root && root.childElementCount > 0 && !root.querySelector('[data-kind="loading"]');
        }, tag, { timeout: 20_000 });
        await tab.evaluate(() => document.fonts.ready);
        const file = join(OUT, `${tag.replace(/^cosell-/, '')}-${variant}.png`);
        await tab.locator('#frame').screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${file.slice(ROOT.length + 1)}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  linkInReadme(elements);
}

/** Rewrites the README's screenshot table (between <!-- screenshots --> and <!-- /screenshots -->). */
function linkInReadme(elements) {
  const readmePath = join(ROOT, 'README.md');
  writeFileSync(readmePath, replaceScreenshotTable(readFileSync(readmePath, 'utf8'), screenshotTable(elements)));
}

await main();
