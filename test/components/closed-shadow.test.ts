// Every element registered by `cosell/define` works with closed shadow roots, as under Salesforce
// Lightning Web Security (configureCosell before the elements are created). New widgets are picked up
// automatically: the test records what components/define.ts registers.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { configureCosell } from '../../components/base/config.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData } from '../../src/demo-data.js';
import type { CosellProvider } from '../../components/provider/provider.js';

const registered: string[] = [];

before(async () => {
  configureCosell({ shadowMode: 'closed' });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    registered.push(name);
    define(name, constructor, options);
  };
  try {
    await import('../../components/define.js');
  } finally {
    customElements.define = define;
  }
});

after(() => {
  configureCosell({ shadowMode: 'open' });
});

/** Lit keeps the root it rendered into as `renderRoot`, also when the shadow root is closed. */
const rootOf = (element: Element) => (element as unknown as { renderRoot: ShadowRoot }).renderRoot;

describe('closed shadow roots (configureCosell({ shadowMode: "closed" }))', () => {
  it('registers the provider and every widget', () => {
    expect(registered).to.include('cosell-provider');
  });

  it('every element renders into a closed shadow root, themed by its provider', async () => {
    const adapter = new MemoryAdapter(createDemoData({ seed: 1 }));
    const provider = await fixture<CosellProvider>(html`<cosell-provider theme="dark" .adapter=${adapter}></cosell-provider>`);
    const widgets = registered.filter((tag) => tag.startsWith('cosell-') && tag !== 'cosell-provider').map((tag) => {
      const element = document.createElement(tag);
      element.setAttribute('partner-id', 'p-northwind');
      element.setAttribute('from', '2026-01');
      element.setAttribute('to', '2026-06');
      provider.append(element);
      return element;
    });
    await provider.ready;
    expect(widgets.length, 'widgets registered by cosell/define').to.be.greaterThan(0);
    expect(provider.shadowRoot).to.equal(null);
    expect(rootOf(provider).mode).to.equal('closed');
    for (const element of widgets) {
      expect(element.shadowRoot, element.localName).to.equal(null);
      const root = rootOf(element);
      expect(root.mode, element.localName).to.equal('closed');
      await waitUntil(() => root.childElementCount > 0 && !root.querySelector('[data-kind="loading"]'), `${element.localName} renders`, { timeout: 10_000 });
      expect(root.querySelector('[data-kind="error"]'), `${element.localName} shows no error`).to.equal(null);
      const host = getComputedStyle(element);
      expect(host.getPropertyValue('--cosell-color-surface').trim(), `${element.localName} gets the dark tokens`).to.equal('#242424');
    }
  });
});
