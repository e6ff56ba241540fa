// A plain Vite app that imports `cosell/salesforce` from the packed package builds with no plugin
// and no polyfill, and runs in Chromium against the fake org (CORS, like a production origin).
// Run: `npm run test:consumer` (builds the library first). Not part of test:node: it takes ~20 s.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { startFakeSalesforce, type FakeServer } from '../fixtures/salesforce/server.js';
import { PARTNERS } from '../fixtures/salesforce/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('a consumer app built from the packed package', () => {
  let app: string;
  let sf: FakeServer;
  let web: Server;
  let token: string;
  before(async () => {
    // Inside the worktree, so the app's dependencies (zod) resolve from the root node_modules.
    app = mkdtempSync(join(ROOT, '.tmp-consumer-'));
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    mkdirSync(join(app, 'node_modules/cosell'), { recursive: true });
    execFileSync('tar', ['-xzf', join(app, packed), '-C', join(app, 'node_modules/cosell'), '--strip-components=1']);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(app, 'index.html'), '<!doctype html><html lang="en"><head><title>consumer</title></head><body><script type="module" src="./main.js"></script></body></html>');
    writeFileSync(join(app, 'main.js'), `
      import { SalesforceAdapter, connectWithToken } from 'cosell/salesforce';
      const q = new URLSearchParams(location.search);
      const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: q.get('sf'), accessToken: q.get('token') }) });
      adapter.listPartners().then(
        (partners) => { document.body.dataset.partners = partners.map((p) => p.name).join('|'); document.body.dataset.usage = String(adapter.apiUsage?.used); },
        (error) => { document.body.dataset.error = error.kind + ': ' + error.message; },
      );
    `);
    const org = new FakeSalesforceOrg();
    sf = await startFakeSalesforce(org);
    token = seedOrg(org, { partners: PARTNERS }).token;
  });
  after(async () => {
    await sf?.close();
    web?.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('builds with a plain Vite config, with jsforce inside and no Node built-in left external', async () => {
    const warnings: string[] = [];
    await build({
      root: app, configFile: false, logLevel: 'warn',
      customLogger: { info() {}, warn: (m: string) => void warnings.push(m), warnOnce: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
      build: { outDir: 'dist', minify: false },
    });
    assert.deepEqual(warnings.filter((w) => /externalized for browser compatibility|could not be resolved/i.test(w)), []);
    const js = readdirSync(join(app, 'dist/assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(app, 'dist/assets', f), 'utf8')).join('\n');
    assert.match(js, /services\/oauth2\/userinfo/, 'the adapter is in the bundle');
    assert.doesNotMatch(js, /from\s*["'](jsforce|stream|events|buffer|util|process)["']/);
  });

  it('runs in Chromium and reads partners over REST', async () => {
    const dist = join(app, 'dist');
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
    web = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      try {
        const body = readFileSync(join(dist, path === '/' ? 'index.html' : path));
        res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/?sf=${encodeURIComponent(sf.url)}&token=${encodeURIComponent(token)}`);
      await page.waitForFunction(() => document.body.dataset.partners !== undefined || document.body.dataset.error !== undefined, undefined, { timeout: 20_000 });
      assert.equal(await page.evaluate(() => document.body.dataset.error), undefined);
      assert.equal(await page.evaluate(() => document.body.dataset.partners), 'Acme Contact Center|Beta Analytics');
      assert.match((await page.evaluate(() => document.body.dataset.usage)) ?? '', /^\d+$/, 'Sforce-Limit-Info read across origins');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
