// A phone or a narrow CRM sidebar (320 px): no widget spills out of its box. Wide content (the board's
// columns, tables) scrolls inside the widget; the widget never widens the page.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';

const demo = createDemoData({ referrals: 60 });
const seller = demo.users.find((u) => u.role === 'seller')!;
const partnerId = demo.partners[0]!.id;

const WIDGETS = [
  { tag: 'cosell-partner-card', template: html`<cosell-partner-card partner-id=${partnerId}></cosell-partner-card>`, user: demo.currentUser },
  { tag: 'cosell-referral-form', template: html`<cosell-referral-form partner-id=${partnerId}></cosell-referral-form>`, user: seller },
  { tag: 'cosell-my-referrals', template: html`<cosell-my-referrals></cosell-my-referrals>`, user: seller },
  { tag: 'cosell-pipeline-board', template: html`<cosell-pipeline-board></cosell-pipeline-board>`, user: demo.currentUser },
  { tag: 'cosell-revshare-summary', template: html`<cosell-revshare-summary></cosell-revshare-summary>`, user: demo.currentUser },
];

describe('narrow widths', () => {
  before(() => setViewport({ width: 320, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const widget of WIDGETS) {
    it(`<${widget.tag}> fits 320 px`, async () => {
      const adapter = new MemoryAdapter({ ...demo, currentUser: widget.user }, { now: () => new Date(DEMO_REFERENCE_DATE) });
      const provider = await fixture<CosellProvider>(
        html`<div style="width: 320px"><cosell-provider .adapter=${adapter} now=${DEMO_REFERENCE_DATE} locale="en-US">${widget.template}</cosell-provider></div>`,
      );
      const element = provider.querySelector<HTMLElement>(widget.tag)!;
      await waitUntil(() => element.shadowRoot?.querySelector('[part~="state"][data-kind="loading"]') === null && element.shadowRoot.childElementCount > 0, 'loaded');
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const box = element.getBoundingClientRect();
      expect(box.width).to.be.at.most(320);
      const spilling: string[] = [];
      const walk = (root: ShadowRoot | Element) => {
        for (const child of root.querySelectorAll('*')) {
          const rect = child.getBoundingClientRect();
          // Inside a scrolling container, overflow is the container's; only what pokes out of the widget counts.
          if (rect.width > 0 && rect.right > box.right + 1 && !insideScroller(child, element)) spilling.push(`${child.localName}${child.getAttribute('part') ? `[part=${child.getAttribute('part')}]` : ''} right ${Math.round(rect.right)}`);
          if (child.shadowRoot) walk(child.shadowRoot);
        }
      };
      walk(element.shadowRoot!);
      expect(spilling, spilling.join('\n')).to.deep.equal([]);
    });
  }
});

function insideScroller(node: Element, host: HTMLElement): boolean {
  let current: Element | null = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host) ?? null;
  while (current && current !== host) {
    const overflowX = getComputedStyle(current).overflowX;
    if (overflowX === 'auto' || overflowX === 'scroll' || overflowX === 'hidden' || overflowX === 'clip') return true;
    current = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host ?? null);
  }
  return false;
}
