// The revenue-share summary in a phone-sized column (390 px) and a 320 px CRM sidebar: KPI tiles
// wrap, nothing is cut off, and the chart is drawn at its container's width (its text stays 11 px)
// instead of an 880 px drawing shrunk to a third.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/define.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';

const demo = createDemoData({ seed: 1 });
const finance = demo.users.find((u) => u.role === 'finance')!;

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** The summary of a year (or `to` month) of Northwind statements, signed in as finance, in a `width` px frame. */
async function mount(width: number, to = '2026-12'): Promise<HTMLElement> {
  const adapter = new MemoryAdapter({ ...demo, currentUser: finance }, { now: () => new Date(DEMO_REFERENCE_DATE) });
  const frame = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px"><cosell-provider .adapter=${adapter} now=${DEMO_REFERENCE_DATE} locale="en-US"
      ><cosell-revshare-summary partner-id="p-northwind" from="2026-01" to=${to}></cosell-revshare-summary></cosell-provider
    ></div>`,
  );
  const summary = frame.querySelector<HTMLElement>('cosell-revshare-summary')!;
  await waitUntil(() => summary.shadowRoot?.querySelector('svg.chart'), 'the chart did not render', { timeout: 10_000 });
  await frames();
  return summary;
}

for (const width of [390, 320]) {
  describe(`<cosell-revshare-summary> in a ${width} px container`, () => {
    before(() => setViewport({ width: width + 40, height: 900 }));
    after(() => setViewport({ width: 800, height: 600 }));

    it('draws the chart at its container’s width, every part inside it', async () => {
      const summary = await mount(width);
      const chart = summary.shadowRoot!.querySelector<SVGSVGElement>('svg.chart')!;
      const drawn = chart.viewBox.baseVal.width;
      const shown = chart.getBoundingClientRect().width;
      expect(shown).to.be.at.most(summary.getBoundingClientRect().width + 0.5);
      // Scale 1 (within the 8 px the width is rounded to): an 11 px axis label is 11 px on screen.
      expect(drawn / shown, `drawn ${drawn} px wide, shown ${shown} px`).to.be.within(0.97, 1.03);
      const label = chart.querySelector<SVGTextElement>('text.x-label')!;
      expect(label.getBoundingClientRect().height).to.be.at.least(10);
      // Every label and bar inside the drawing.
      const frame = chart.getBoundingClientRect();
      for (const part of chart.querySelectorAll<SVGGraphicsElement>('g text, g rect, .tick text')) {
        const box = part.getBoundingClientRect();
        expect(box.left, part.outerHTML).to.be.at.least(frame.left - 0.5);
        expect(box.right, part.outerHTML).to.be.at.most(frame.right + 0.5);
      }
      // Axis labels do not run into each other.
      const labels = [...chart.querySelectorAll<SVGTextElement>('text.x-label')].map((t) => t.getBoundingClientRect());
      for (let i = 1; i < labels.length; i++) expect(labels[i]!.left, 'axis labels overlap').to.be.at.least(labels[i - 1]!.right);
    });

    it('wraps the KPI tiles and cuts off none of their figures; nothing scrolls sideways', async () => {
      const summary = await mount(width);
      const root = summary.shadowRoot!;
      const kpis = root.querySelector<HTMLElement>('[part="kpis"]')!;
      const tiles = [...kpis.querySelectorAll<HTMLElement>('.kpi')];
      expect(new Set(tiles.map((t) => Math.round(t.getBoundingClientRect().top))).size, 'the tiles wrap into rows').to.be.greaterThan(1);
      for (const tile of tiles) {
        expect(tile.getBoundingClientRect().right, tile.dataset.kpi).to.be.at.most(kpis.getBoundingClientRect().right + 0.5);
        const figure = tile.querySelector('dd')!;
        expect(figure.scrollWidth, `${tile.dataset.kpi} is cut off`).to.be.at.most(figure.clientWidth);
      }
      const legend = root.querySelector<HTMLElement>('.legend')!;
      expect(legend.scrollWidth).to.be.at.most(legend.clientWidth);
      const box = summary.getBoundingClientRect();
      const spilling = [...root.querySelectorAll('*')].filter((el) => {
        const rect = el.getBoundingClientRect();
        return rect.width > 0 && rect.right > box.right + 0.5 && !el.closest('.table-wrap, .visually-hidden');
      });
      expect(spilling.map((el) => el.localName + (el.className ? `.${String((el as HTMLElement).className)}` : ''))).to.deep.equal([]);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    });
  });
}

describe('<cosell-revshare-summary> chart in a wide container', () => {
  it('is drawn at the container’s width there too', async () => {
    const summary = await mount(1000, '2026-06');
    const chart = summary.shadowRoot!.querySelector<SVGSVGElement>('svg.chart')!;
    expect(chart.viewBox.baseVal.width / chart.getBoundingClientRect().width).to.be.within(0.97, 1.03);
    // Six months, each with room for its "Overdue" word where one is due.
    expect(chart.querySelectorAll('text.x-label')).to.have.length(6);
  });
});
