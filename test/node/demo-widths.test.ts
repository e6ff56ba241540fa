// The demo (demo/, built with its own Vite config) has no sideways page scroll from a 320 px phone to a
// 1440 px desktop: each tab, seen by the role it is for, at 320, 390, 768, 1024 and 1440 px, in headless
// Chromium. Wide content (tables) may scroll inside its widget, never the page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, renderedCosellTags, ROOT, serveStatic, type StaticServer } from './support/hosts.js';

const WIDTHS = [320, 390, 768, 1024, 1440];
/** Each tab with the roles that use it. */
const VISITS: { tab: string; roles: string[] }[] = [
  { tab: 'partners', roles: ['seller'] },
  { tab: 'refer', roles: ['seller', 'finance'] },
  { tab: 'pipeline', roles: ['partner-manager'] },
  { tab: 'revshare', roles: ['finance'] },
];

let out: string;
let server: StaticServer;
let browser: Browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'cosell-demo-'));
  await build({ configFile: join(ROOT, 'demo/vite.config.ts'), logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
  server = await serveStatic(out);
  browser = await launchChromium();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/**
 * How far the page is wider than the window, and the elements that reach past its right edge (open
 * shadow roots included). A string, so that tsx's helpers (`__name`) stay out of the page.
 */
const MEASURE = `(() => {
  const culprits = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > window.innerWidth + 0.5 && culprits.length < 8) {
        const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        culprits.push(el.localName + classes + ' right ' + Math.round(rect.right));
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
})()`;

async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number; culprits: string[] }>(MEASURE);
}

describe('the demo at phone to desktop widths', () => {
  for (const { tab, roles } of VISITS) {
    for (const role of roles) {
      test(`${tab} tab as ${role}: no sideways page scroll at ${WIDTHS.join(', ')} px`, { timeout: 120_000 }, async () => {
        const { page, errors } = await openPage(browser, new URL(`?tab=${tab}&role=${role}`, server.url).href);
        await renderedCosellTags(page);
        const failures: string[] = [];
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          // Two frames: container queries and the virtualizer settle after a resize.
          await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
          const measured = await overflow(page);
          if (measured.scrollWidth > measured.innerWidth) failures.push(`${width} px: page ${measured.scrollWidth} px wide; ${measured.culprits.join('; ')}`);
        }
        assert.deepEqual(failures, []);
        assert.deepEqual(errors, []);
        await page.context().close();
      });
    }
  }
});
