// The intranet example (examples/intranet) against the real gateway bin, as `npx cosell-gateway`
// runs it on a fresh clone: gateway/bin.mjs in its own process with the embedded backend, the page
// served by Vite on another port of 127.0.0.1 (another origin, same site), driven in headless Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { SESSION_COOKIE } from '../../src/rest/contract.js';
import { launchChromium, openPage, renderedCosellTags, ROOT, submitReferralThroughTheForm } from './support/hosts.js';

/** A port nothing listens on now (the gateway's PORT must be known before it starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

interface GatewayProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** `node gateway/bin.mjs` with `env`; resolves once /healthz answers, fails when the process exits first. */
async function startGatewayBin(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'gateway/bin.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 200))]);
    if (code !== 'waiting') throw new Error(`cosell-gateway exited (${code}) before it served:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`cosell-gateway did not answer /healthz within 60 s:\n${output}`);
    }
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

let browser: Browser;
let vite: ViteDevServer;
let pageOrigin: string;
let gateway: GatewayProcess;

before(async () => {
  vite = await createViteServer({ configFile: join(ROOT, 'examples/intranet/vite.config.mjs'), server: { port: 0, strictPort: false } });
  await vite.listen();
  pageOrigin = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
  // What the README says to run: the embedded backend, with the intranet page's origin allowed.
  gateway = await startGatewayBin({ COSELL_ALLOWED_ORIGINS: pageOrigin });
  browser = await launchChromium();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await gateway?.stop();
  await vite?.close();
});

/** Signs in through the page's own form and waits for the page to say who is signed in. */
async function signIn(page: Page, userId: string): Promise<string> {
  await page.locator('#sign-in select').selectOption(userId);
  await page.locator('#sign-in button[type="submit"]').click();
  await page.waitForFunction(() => /Signed in as|Could not/.test(document.querySelector('#signed-in')?.textContent ?? ''), undefined, { timeout: 20_000 });
  return (await page.textContent('#signed-in')) ?? '';
}

describe('intranet example: examples/intranet with RestAdapter against `npx cosell-gateway`', () => {
  test('a seller signs in, sees the partner, submits a referral and finds it in my referrals; no token reaches the page', { timeout: 120_000 }, async () => {
    const { page, errors } = await openPage(browser, `${pageOrigin}/?gateway=${encodeURIComponent(gateway.url)}`);
    // Every answer the browser gets from the gateway, to look for tokens in (the SSE stream has no body to read here).
    const answers: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(gateway.url) && !/event-stream/.test(response.headers()['content-type'] ?? '')) {
        answers.push(response.allHeaders().then(async (headers) => `${JSON.stringify(headers)}\n${await response.text().catch(() => '')}`));
      }
    });

    assert.equal(await signIn(page, 'u-seller-dana'), 'Signed in as Dana Whitfield');
    await renderedCosellTags(page);
    assert.equal(await page.evaluate(async () => (await document.querySelector('cosell-provider')!.ready)?.name), 'Dana Whitfield');
    // The partner card shows the partner the gateway's embedded backend holds.
    await page.locator('cosell-partner-card').getByText('Northwind CRM').first().waitFor();

    const company = `Intranet Trial ${Date.now().toString(36)}`;
    assert.match(await submitReferralThroughTheForm(page, company), new RegExp(`Referral of ${company} sent \\(.+\\)`));
    await page.locator('cosell-my-referrals').getByText(company).first().waitFor({ timeout: 15_000 });
    // A fresh page (new context, new cookies) signed in as the same seller reads it back from the gateway.
    const second = await openPage(browser, `${pageOrigin}/?gateway=${encodeURIComponent(gateway.url)}`);
    assert.equal(await signIn(second.page, 'u-seller-dana'), 'Signed in as Dana Whitfield');
    await second.page.locator('cosell-my-referrals').getByText(company).first().waitFor({ timeout: 15_000 });
    assert.deepEqual(second.errors, []);
    await second.page.context().close();

    // The session cookie is HttpOnly (the page cannot read it) and nothing the gateway sent carries a token.
    assert.ok(!(await page.evaluate(() => document.cookie)).includes(SESSION_COOKIE));
    const seen = await Promise.all(answers);
    assert.ok(seen.length > 5, `the page talked to the gateway (${seen.length} answers)`);
    for (const answer of seen) assert.doesNotMatch(answer, /access_token|refresh_token|bearer |authorization/i);
    assert.deepEqual(errors, []);
    await page.context().close();
    assert.doesNotMatch(gateway.output(), /"level":(50|60)/, 'the gateway logged no error');
  });

});
