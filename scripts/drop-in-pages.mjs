// Real pages over the built drop-in (dist/cosell.min.js and dist/cosell/), in headless /usr/bin/chromium:
// what JavaScript each page fetches, with the gzip size a static server with gzip would send
// (level 9, as `npm run size` and Vite report). Used by `npm run size` and test/node/drop-in-loader.test.ts.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

/** A page: the loader's one script line, the markup, and a module script that sets the provider's adapter. */
export function dropInPage(markup, setup = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>drop-in</title></head><body>
${markup}
<script type="module" src="./cosell.min.js"></script>
${setup ? `<script type="module">${setup}</script>` : ''}
</body></html>`;
}

/** One seller, one partner: enough for a form to render, inlined in the page (no demo-data generator). */
export async function smallSeed() {
  const { createDemoData } = await import(join(DIST, 'src/demo-data.js'));
  const demo = createDemoData({ seed: 1, currentUserId: 'u-seller-dana' });
  return { currentUser: demo.currentUser, users: demo.users, partners: demo.partners.slice(0, 3), referrals: demo.referrals.slice(0, 40), agreements: demo.agreements, statements: demo.statements };
}

/** Sets a MemoryAdapter (cosell/memory.js) over `seed` on the page's provider. */
export function memoryAdapterSetup(seed) {
  return `import { MemoryAdapter } from './cosell/memory.js';
document.querySelector('cosell-provider').adapter = new MemoryAdapter(${JSON.stringify(seed)});`;
}

/** Sets a RestAdapter (cosell/rest.js) on the page's provider, talking to the gateway on the page's own origin. */
export function restAdapterSetup() {
  return `import { RestAdapter } from './cosell/rest.js';
document.querySelector('cosell-provider').adapter = new RestAdapter();`;
}

/**
 * A real gateway (dist/gateway, built by `npm run build`) over `seed`, in process, for a page's
 * `/api/` requests on its own origin: { api(request, response), close() }. Pass `api` to
 * visitDropInPages.
 */
export async function embeddedGateway(seed) {
  const { createGateway } = await import(join(DIST, 'gateway/server.js'));
  const { embeddedBackend } = await import(join(DIST, 'gateway/embedded.js'));
  const app = await createGateway({ backend: embeddedBackend(seed), cookieSecret: 'a-size-page-secret-long-enough-0123456789', rateLimitPerMinute: false });
  await app.ready();
  return { api: (request, response) => app.routing(request, response), close: () => app.close() };
}

/** Chromium for the page visits: CHROME_PATH or /usr/bin/chromium (never a downloaded one). */
export const chromiumPath = () => process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * The files a drop-in page loads, read from the built module graph instead of a browser: the loader
 * and what it imports, for each `cosell-*` tag in the markup the chunk the loader's table names and
 * everything it imports statically, the page's own module script's imports, and the provider's
 * language chunk when the page is not English. The drop-in makes no other dynamic import on these
 * pages, so this is what Chromium fetches (at 0b07ada both gave 65.04 kB for one form and 108.52 kB
 * for five widgets). Same shape as visitDropInPages: { name: { files, errors } }.
 */
export function dropInPageFiles(pages) {
  if (!existsSync(join(DIST, 'cosell.min.js'))) throw new Error('No dist/cosell.min.js: run `npm run build` first.');
  const loader = readFileSync(join(DIST, 'cosell.min.js'), 'utf8');
  const chunkOf = new Map([...loader.matchAll(/["'`](cosell-[a-z-]+)["'`]\s*,\s*\(\)\s*=>\s*import\(\s*["'`]\.\/([^"'`]+)["'`]/g)].map((m) => [m[1], m[2]]));
  const closure = (file, seen) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)) closure(resolve(dirname(file), m[1]), seen);
  };
  const results = {};
  for (const [name, html] of Object.entries(pages)) {
    const seen = new Set();
    closure(join(DIST, 'cosell.min.js'), seen);
    for (const tag of new Set([...html.matchAll(/<(cosell-[a-z-]+)/g)].map((m) => m[1]))) if (chunkOf.has(tag)) closure(join(DIST, chunkOf.get(tag)), seen);
    for (const m of html.matchAll(/\bfrom\s*'\.\/(cosell\/[^']+\.js)'/g)) closure(join(DIST, m[1]), seen);
    const language = /<cosell-provider[^>]*\blocale="([a-z]+)/.exec(html)?.[1];
    if (language && language !== 'en') {
      const file = readdirSync(join(DIST, 'cosell')).find((f) => f.startsWith(`locale-${language}-`) && f.endsWith('.js'));
      if (file) seen.add(join(DIST, 'cosell', file));
    }
    results[name] = {
      errors: [],
      files: [...seen].map((path) => {
        const code = readFileSync(path);
        return { file: relative(DIST, path), bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
      }),
    };
  }
  return results;
}

/**
 * Opens each page and waits until every cosell-* element in it has rendered (or `ready` holds), then
 * lists the JavaScript it fetched: [{ file, bytes, gzip }]. `pages` is { name: html }.
 */
export async function visitDropInPages(pages, { ready, act, api } = {}) {
  if (!existsSync(join(DIST, 'cosell.min.js'))) throw new Error('No dist/cosell.min.js: run `npm run build` first.');
  let current = '';
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(current);
    if (api && path.startsWith('/api/')) return api(request, response);
    const file = join(DIST, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (!file.endsWith('.js') || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  const results = {};
  try {
    for (const [name, html] of Object.entries(pages)) {
      current = html;
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const fetched = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.endsWith('.js')) fetched.push(path.slice(1));
      });
      await page.goto(url);
      /* global document, customElements -- runs in the page */
      await page.waitForFunction(ready ?? (() => {
        const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cosell-') && el.localName !== 'cosell-provider');
        return elements.every((el) => customElements.get(el.localName) && el.shadowRoot?.childElementCount && !el.shadowRoot.querySelector('[data-kind="loading"]'));
      }), undefined, { timeout: 30_000 });
      if (act) await act(name, page);
      await page.waitForLoadState('networkidle');
      results[name] = {
        errors,
        files: [...new Set(fetched)].map((file) => {
          const code = readFileSync(join(DIST, file));
          return { file, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
        }),
      };
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  return results;
}
