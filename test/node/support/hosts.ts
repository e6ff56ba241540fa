// Shared by the host tests: build and pack once, serve a folder over loopback HTTP, drive Chromium.
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, globSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** Runs a command (npm, npx) in `cwd`; its output is attached to the error when it fails. */
export async function sh(cwd: string, command: string, args: string[], timeoutMs = 240_000): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`, { cause: error });
  }
}

/** `npm run build`, then the package as users get it: `npm pack` → examples/cosell.tgz. */
export async function buildAndPack(): Promise<string> {
  await sh(ROOT, 'npm', ['run', 'build', '--silent']);
  const examples = join(ROOT, 'examples');
  for (const old of globSync('cosell*.tgz', { cwd: examples })) rmSync(join(examples, old));
  await sh(ROOT, 'npm', ['pack', '--silent', '--pack-destination', examples]);
  const [packed] = globSync('cosell-*.tgz', { cwd: examples });
  if (!packed) throw new Error('npm pack wrote no tarball');
  const tarball = join(examples, 'cosell.tgz');
  renameSync(join(examples, packed), tarball);
  return tarball;
}

/** The example's own dependencies from the npm registry, plus the packed cosell (no lockfile: the tarball changes each build). */
export async function installExample(dir: string): Promise<void> {
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error']);
}

/** Every tag the built package registers, from dist/components/<element>/define.js. */
export function builtTags(): Map<string, string> {
  const tags = new Map<string, string>();
  for (const file of globSync('dist/components/*/define.js', { cwd: ROOT })) {
    const match = /customElements\.define\(\s*["'`](cosell-[a-z-]+)["'`]/.exec(readFileSync(join(ROOT, file), 'utf8'));
    if (match) tags.set(match[1]!, file.split('/').at(-2)!);
  }
  return tags;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** A static file server on loopback: `dir` at `/`, plus `routes` (URL path → file) for files kept elsewhere. */
export async function serveStatic(dir: string, routes: Record<string, string> = {}): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    let file = routes[path] ?? join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh page that records uncaught errors and console errors, so a test can assert there were none. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // No request leaves the machine: outside images (partner logos in the demo data) get a blank picture.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>' }),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

/**
 * Waits until every upgraded cosell-* element in the page has rendered something that is neither the
 * loading nor the error state, and returns their tags. Reads open shadow roots.
 */
export async function renderedCosellTags(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    // Every cosell-* tag in the page, defined or not: the autoloader defines each as its chunk arrives,
    // so on a loaded machine some are still undefined after the first ones render.
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('cosell-'));
    return elements.length > 0 && elements.every((el) => {
      if (!customElements.get(el.localName)) return false;
      if (el.localName === 'cosell-provider') return true;
      const root = el.shadowRoot;
      return root !== null && root.childElementCount > 0 && !root.querySelector('[data-kind="loading"], [data-kind="error"]');
    });
  }, undefined, { timeout: 20_000 });
  return page.evaluate(() =>
    [...new Set([...document.querySelectorAll('*')].map((el) => el.localName))].filter((tag) => tag.startsWith('cosell-') && customElements.get(tag)),
  );
}

/**
 * Fills the referral form as a seller would (the company, country and partner come from attributes;
 * `company`, when given, replaces the company) and submits it; returns what the host page says once
 * it hears cosell-referral-submitted.
 */
export async function submitReferralThroughTheForm(page: Page, company?: string): Promise<string> {
  const form = page.locator('cosell-referral-form');
  if (company !== undefined) await form.locator('[data-field="company"]').fill(company);
  await form.locator('[data-field="contactName"]').fill('Jo Park');
  await form.locator('[data-field="contactEmail"]').fill('jo.park@acmelogistics.example');
  await form.locator('[data-field="useCase"]').selectOption({ index: 1 });
  await form.locator('[data-field="arr"]').fill('12,500');
  await form.locator('[data-field="consent"]').check();
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction(() => /Referral of .+ sent/.test(document.querySelector('#outcome')?.textContent ?? ''), undefined, { timeout: 15_000 });
  return (await page.textContent('#outcome')) ?? '';
}
