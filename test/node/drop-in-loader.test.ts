// The built drop-in (dist/cosell.min.js) is an autoloader: in headless Chromium, a page registers no
// element until its tag appears, then fetches that element's chunk and the shared ones only — no
// other element's chunk, and on an English page no language's chunk. Run after `npm run build`.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropInPage, embeddedGateway, memoryAdapterSetup, restAdapterSetup, smallSeed, visitDropInPages } from '../../scripts/drop-in-pages.mjs';

const OTHER_ELEMENTS = /(pipeline-board|revshare-summary|my-referrals|partner-card)/;

let seed: unknown;
before(async () => {
  seed = await smallSeed();
});

describe('the drop-in loader (dist/cosell.min.js)', () => {
  test('registers a tag only once it appears, then fetches only its chunk and no language', async () => {
    const defined: Record<string, boolean> = {};
    const { lazy } = await visitDropInPages(
      { lazy: dropInPage('<cosell-provider locale="en-US"></cosell-provider>', memoryAdapterSetup(seed)) },
      {
        ready: () => customElements.get('cosell-provider') !== undefined,
        act: async (_name, page) => {
          defined.before = await page.evaluate(() => customElements.get('cosell-referral-form') !== undefined);
          await page.evaluate(() => document.querySelector('cosell-provider')!.append(Object.assign(document.createElement('cosell-referral-form'), { partnerId: 'p-northwind' })));
          await page.waitForFunction(() => customElements.get('cosell-referral-form') && document.querySelector('cosell-referral-form')?.shadowRoot?.querySelector('form'), undefined, { timeout: 30_000 });
          defined.after = true;
        },
      },
    );
    assert.equal(defined.before, false, 'the form is not registered before its tag appears');
    assert.equal(defined.after, true);
    const files = lazy!.files.map((f) => f.file);
    assert.ok(files.some((file) => /^cosell\/referral-form/.test(file)), `the form's chunk was fetched: ${files.join(', ')}`);
    assert.deepEqual(files.filter((file) => OTHER_ELEMENTS.test(file)), [], 'no other element was fetched');
    assert.deepEqual(files.filter((file) => /locale-/.test(file)), [], 'an English page fetches no language');
    assert.deepEqual(files.filter((file) => /demo/.test(file)), [], 'nor the demo-data generator');
    assert.deepEqual(lazy!.errors, []);
  });

  test('a German page fetches German and no other language', async () => {
    const { german } = await visitDropInPages({
      german: dropInPage('<cosell-provider locale="de-AT"><cosell-referral-form partner-id="p-northwind"></cosell-referral-form></cosell-provider>', memoryAdapterSetup(seed)),
    });
    const languages = german!.files.map((f) => f.file).filter((file) => /locale-/.test(file));
    assert.equal(languages.length, 1, languages.join(', '));
    assert.match(languages[0]!, /locale-de-/);
  });

  test('a referral form with a RestAdapter fetches neither zod\'s compiler nor the bulk-parsing, list-widget or demo adapter code', async () => {
    const gateway = await embeddedGateway(seed);
    try {
      const { form } = await visitDropInPages(
        { form: dropInPage('<cosell-provider locale="en-US"><cosell-referral-form partner-id="p-northwind"></cosell-referral-form></cosell-provider>', restAdapterSetup()) },
        { api: gateway.api },
      );
      assert.deepEqual(form!.errors, []);
      const files = form!.files.map((f) => f.file);
      assert.ok(files.includes('cosell/rest.js'), files.join(', '));
      // z.compile's own error message marks zod's compiler wherever a bundler put it.
      const compiler = files.filter((file) => readFileSync(join(import.meta.dirname, '../../dist', file), 'utf8').includes('z.compile does not support'));
      assert.deepEqual(compiler, [], 'no fetched file carries zod\'s compiler');
      assert.deepEqual(files.filter((file) => /(records|rules|memory)/.test(file)), [], 'nor the bulk-parsing or list-widget chunks, nor MemoryAdapter');
    } finally {
      await gateway.close();
    }
  });
});
