#!/usr/bin/env node
// `npm run size` (after `npm run build`): the gzip size of every built entry point, and the drop-in in
// real pages (the loader alone, one referral form, all five widgets, a German page) against its goals,
// with the files each page fetched. `--check` exits 1 when a goal is not met.
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUNDLE = 'dist/cosell.min.js';
/** The drop-in's goals (issue 14), JavaScript a page fetches, gzip, in kB (1 kB = 1000 bytes, as Vite prints). */
export const GOALS_KB = { loader: 6, form: 35, five: 70 };

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * A library entry and every dist module it imports statically by relative path (externals like lit and
 * zod are not counted): what a page loads. Modules reached only by a dynamic `import()` (each language's
 * messages) are loaded on demand and collected in `lazy`.
 */
function moduleClosure(entry, lazy = new Set()) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(resolve(dirname(file), match[1]));
    }
    for (const match of source.matchAll(/\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']/g)) lazy.add(resolve(dirname(file), match[1]));
  };
  visit(resolve(entry));
  for (const file of seen) lazy.delete(file);
  return [...seen];
}

async function main() {
  if (!existsSync('dist')) {
    console.error('No dist/: run `npm run build` first.');
    process.exit(1);
  }
  const entries = [
    ['cosell', 'dist/src/index.js'],
    ['cosell/define', 'dist/components/define.js'],
    ['cosell/rest', 'dist/src/rest/index.js'],
    ...globSync('dist/components/*/define.js')
      .sort()
      .map((file) => [`cosell/define/${file.split('/').at(-2)}`, file]),
  ];
  console.log('Library entry points (own modules, unminified; lit, @lit/*, zod and idb are external):');
  for (const [name, file] of entries) {
    if (!existsSync(file)) continue;
    const files = moduleClosure(file);
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    console.log(`  ${name.padEnd(34)} ${kb(text.length).padStart(10)}  gzip ${kb(gzip(text)).padStart(9)}  (${files.length} modules)`);
  }

  const lazy = new Set();
  const page = moduleClosure('dist/components/define.js', lazy);
  const languages = [...lazy].filter((f) => f.includes('/generated/locales/')).sort();
  console.log(`\nLanguages, each loaded on demand by a dynamic import (an English page loads none; ${languages.filter((f) => page.includes(f)).length} in the static graph of cosell/define):`);
  for (const file of languages) {
    const text = readFileSync(file, 'utf8');
    console.log(`  ${relative('dist', file).padEnd(34)} ${kb(text.length).padStart(10)}  gzip ${kb(gzip(text)).padStart(9)}`);
  }

  if (!existsSync(BUNDLE)) {
    console.error(`\nNo ${BUNDLE}: run \`npm run build\`.`);
    process.exit(1);
  }
  const iife = 'dist/cosell.iife.min.js';
  if (existsSync(iife)) {
    const classic = readFileSync(iife, 'utf8');
    console.log(`\nClassic script ${iife} (one file, every element and language, for Salesforce loadScript): minified ${kb(classic.length)}, gzip ${kb(gzip(classic))}`);
  }
  const over = printPageTransfers(await pageTransfers());
  if (over && process.argv.includes('--check')) process.exit(1);
}

/** What dominates a page's JavaScript: each fetched file by what it is. */
const kind = (file) => (file === BUNDLE.slice(5) ? 'loader' : file.replace(/^cosell\//, '').replace(/-[\w-]{8}\.js$|\.js$/, ''));

/**
 * The drop-in in real pages (headless Chromium): JavaScript fetched, gzip, against the goals (issue 14).
 * "One widget" is a referral form on a page with a RestAdapter (cosell/rest.js) talking to a real
 * gateway on the page's origin: the drop-in as a site ships it, and the page the goal applies to. The
 * same pages with a MemoryAdapter (cosell/memory.js, for demos and tests: it brings zod's compiler and
 * the bulk parsing) are measured beside them, without a goal. Without Chromium at /usr/bin/chromium
 * (or CHROME_PATH) the files are read from the built module graph instead (dropInPageFiles), which is
 * what Chromium fetches on these pages; `method` says which.
 * One row per page: { page, files: [{ file, gzip }], total, goal, met, languages, errors }.
 */
export async function pageTransfers() {
  const { chromiumPath, dropInPage, dropInPageFiles, embeddedGateway, memoryAdapterSetup, restAdapterSetup, smallSeed, visitDropInPages } = await import('./drop-in-pages.mjs');
  const seed = await smallSeed();
  const memory = memoryAdapterSetup(seed);
  const rest = restAdapterSetup();
  const provider = (inner, locale = 'en-US') => `<cosell-provider locale="${locale}">${inner}</cosell-provider>`;
  const form = '<cosell-referral-form partner-id="p-northwind" prospect-company="Acme Logistics" prospect-country="US"></cosell-referral-form>';
  const five = `<cosell-partner-card partner-id="p-northwind"></cosell-partner-card>${form}<cosell-my-referrals></cosell-my-referrals><cosell-pipeline-board partner-id="p-northwind"></cosell-pipeline-board><cosell-revshare-summary partner-id="p-northwind" from="2026-01" to="2026-06"></cosell-revshare-summary>`;
  const pages = {
    'the loader alone (no cosell-* tag)': [dropInPage(''), GOALS_KB.loader],
    'one referral form (RestAdapter)': [dropInPage(provider(form), rest), GOALS_KB.form],
    'one referral form (MemoryAdapter)': [dropInPage(provider(form), memory), undefined],
    'all five widgets (RestAdapter)': [dropInPage(provider(five), rest), GOALS_KB.five],
    'all five widgets (MemoryAdapter)': [dropInPage(provider(five), memory), undefined],
    'one referral form in German (RestAdapter)': [dropInPage(provider(form, 'de-DE'), rest), undefined],
  };
  const html = Object.fromEntries(Object.entries(pages).map(([name, [page]]) => [name, page]));
  const chromium = existsSync(chromiumPath());
  let visited;
  if (chromium) {
    const gateway = await embeddedGateway(seed);
    try {
      visited = await visitDropInPages(html, { api: gateway.api });
    } finally {
      await gateway.close();
    }
  } else {
    visited = dropInPageFiles(html);
  }
  const method = chromium ? 'headless Chromium' : `the built module graph (no Chromium at ${chromiumPath()})`;
  return Object.entries(pages).map(([page, [, goal]]) => {
    const { files, errors } = visited[page];
    const total = files.reduce((sum, f) => sum + f.gzip, 0);
    return {
      page,
      method,
      files: files.sort((a, b) => b.gzip - a.gzip).map((f) => ({ file: kind(f.file), gzip: f.gzip })),
      total,
      goal,
      met: goal === undefined ? undefined : total <= goal * 1000,
      languages: files.filter((f) => /locale-/.test(f.file)).map((f) => kind(f.file)),
      errors,
    };
  });
}

/** "met", or "not met, over by …", for a row of pageTransfers(). */
export const verdict = (row) => (row.goal === undefined ? '' : row.met ? `goal ≤ ${row.goal} kB: met` : `goal ≤ ${row.goal} kB: NOT MET, over by ${kb(row.total - row.goal * 1000)}`);

function printPageTransfers(rows) {
  console.log(`\nThe drop-in in a page (${rows[0]?.method}; JavaScript fetched, gzip level 9 of each file):`);
  for (const row of rows) {
    console.log(`  ${row.page.padEnd(42)} ${String(row.files.length).padStart(2)} files  gzip ${kb(row.total).padStart(9)}  ${verdict(row)}${row.errors.length ? `  (page errors: ${row.errors.join('; ')})` : ''}`);
    console.log(`    ${row.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}`);
    console.log(`    languages fetched: ${row.languages.length ? row.languages.join(', ') : 'none'}`);
  }
  return rows.some((row) => row.met === false);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(join(import.meta.dirname, 'size.mjs'))) await main();
