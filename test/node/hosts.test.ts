// Cosell in each host a user has, built the way users get it: the drop-in bundle in a static page,
// and the packed npm package (npm pack) installed into a Vite + TypeScript app, a React 19 app and a
// Vue 3 app, each driven in headless Chromium. The Salesforce LWC host is tested by `npm run test:lwc`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAndPack, builtTags, installExample, launchChromium, openPage, renderedCosellTags, ROOT, serveStatic, sh, submitReferralThroughTheForm } from './support/hosts.js';

let browser: Browser;

before(async () => {
  await buildAndPack();
  browser = await launchChromium();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
});

/** The provider resolved its user through the adapter it was given as a property. */
async function providerUser(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const provider = document.querySelector('cosell-provider')!;
    const user = await provider.ready;
    return user?.name;
  });
}

/**
 * Serves a host's files, opens its page in Chromium and waits until every cosell-* element in it has
 * rendered and the provider has its user; runs the host's own checks; then asserts the page logged no
 * error. `rendered` is the list of cosell-* tags that rendered.
 */
async function visitHost(
  root: string,
  routes: Record<string, string> | undefined,
  check: (page: Page, rendered: string[]) => Promise<void>,
): Promise<void> {
  const server = await serveStatic(root, routes);
  try {
    const { page, errors } = await openPage(browser, server.url);
    const rendered = await renderedCosellTags(page);
    assert.equal(await providerUser(page), 'Dana Whitfield');
    await check(page, rendered);
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    await server.close();
  }
}

/** The drop-in's files (dist/cosell.min.js and its chunks in dist/cosell/) served next to a page. */
function dropInRoutes(): Record<string, string> {
  const files = ['cosell.min.js', ...globSync('cosell/*.js', { cwd: join(ROOT, 'dist') })];
  return Object.fromEntries(files.map((file) => [`/${file}`, join(ROOT, 'dist', file)]));
}

/** The framework hosts have a "Switch to dark" button that sets the provider's theme from the framework. */
async function switchToDark(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Switch to dark' }).click();
  await page.waitForSelector('cosell-provider[theme="dark"]', { state: 'attached' });
}

describe('plain HTML: examples/plain-html with the drop-in bundle, no build step', () => {
  test('the elements in the markup render from attributes, with the adapter set by a few lines of script', async () => {
    await visitHost(join(ROOT, 'examples/plain-html'), dropInRoutes(), async (page, rendered) => {
      // Every element the package registers is in the page and rendered: a new widget is shown here too.
      assert.deepEqual(rendered.sort(), [...builtTags().keys()].sort());
      // The page's theming CSS reaches the provider's token.
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('cosell-provider')!).getPropertyValue('--cosell-color-brand').trim()), '#0b5cab');
      assert.match(await submitReferralThroughTheForm(page), /Referral of Acme Logistics sent/);
      // The bundle's zod/mini speaks English: the locale that src/domain/zod.ts configures was not dropped.
      const message = await page.evaluate(async (url) => {
        const cosell = (await import(url)) as typeof import('../../src/index.js');
        return cosell.UserSchema.safeParse({ id: '', name: 'Jo Park', role: 'seller' }).error?.issues[0]?.message;
      }, '/cosell/api.js');
      assert.equal(message, 'Too small: expected string to have >=1 characters');
      // The referral is in the CRM: a reload (IndexedDB persistence) shows it under "my referrals".
      await page.reload();
      await renderedCosellTags(page);
      await page.locator('cosell-my-referrals').getByText('Acme Logistics').first().waitFor();
    });
  });
});

describe('Vite + TypeScript: examples/vite-app with the packed package', () => {
  const dir = join(ROOT, 'examples/vite-app');

  test('installs, type-checks against the shipped declarations and builds', async () => {
    await installExample(dir);
    await sh(dir, 'npx', ['tsc', '--noEmit', '-p', '.']);
    await sh(dir, 'npx', ['vite', 'build', '--logLevel', 'error']);
  });

  test('tree-shaking keeps only the imported elements, and jsforce stays out', () => {
    const output = globSync('dist/assets/*.js', { cwd: dir }).map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    const imported = new Set([...readFileSync(join(dir, 'src/main.ts'), 'utf8').matchAll(/'cosell\/define\/([a-z-]+)'/g)].map((m) => m[1]));
    assert.ok(imported.has('provider'));
    for (const [tag, folder] of builtTags()) {
      if (imported.has(folder)) assert.ok(output.includes(tag), `${tag} is imported, so it is in the app`);
      else assert.ok(!output.includes(tag), `${tag} is not imported, so tree-shaking removed it`);
    }
    assert.ok(!/jsforce/i.test(output), 'no jsforce in an app that does not use the Salesforce adapter');
    // The English zod messages survive the app's tree-shaking (package.json lists src/domain/zod in sideEffects).
    assert.ok(output.includes('Too small: expected'), 'zod/mini is configured with its English locale');
  });

  test('runs in Chromium: the imported elements render and the provider has its adapter', async () => {
    await visitHost(join(dir, 'dist'), undefined, async (page) => {
      assert.equal(await page.getAttribute('cosell-provider', 'theme'), 'auto');
      assert.match(await submitReferralThroughTheForm(page), /Referral of Fenwick & Rowe sent/);
    });
  });
});

describe('React 19: examples/react, properties and cosell-* events from JSX', () => {
  const dir = join(ROOT, 'examples/react');

  test('installs, type-checks the JSX and builds', async () => {
    await installExample(dir);
    await sh(dir, 'npx', ['tsc', '--noEmit', '-p', '.']);
    await sh(dir, 'npx', ['vite', 'build', '--logLevel', 'error']);
  });

  test('sets the adapter as a property, re-renders attributes, and hears cosell-* events', async () => {
    await visitHost(join(dir, 'dist'), undefined, async (page) => {
      assert.equal(await page.evaluate(() => document.querySelector('cosell-provider')!.hasAttribute('adapter')), false, 'an object is never an attribute');
      await switchToDark(page);
      assert.match(await submitReferralThroughTheForm(page), /Referral of Acme Logistics sent/);
    });
  });
});

describe('Vue 3: examples/vue, isCustomElement, props and events', () => {
  const dir = join(ROOT, 'examples/vue');

  test('installs and builds without "failed to resolve component" warnings', async () => {
    await installExample(dir);
    const log = await sh(dir, 'npx', ['vite', 'build']);
    assert.doesNotMatch(log, /Failed to resolve component/i);
  });

  test('passes the adapter as a property, binds attributes and hears cosell-* events', async () => {
    await visitHost(join(dir, 'dist'), undefined, async (page) => {
      await switchToDark(page);
      assert.match(await submitReferralThroughTheForm(page), /Referral of Acme Logistics sent/);
    });
  });
});
