import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE, type DemoData } from '../../src/demo-data.js';
import { addMonths } from '../../src/domain/period.js';
import '../../components/provider/define.js';
import '../../components/my-referrals/define.js';
import '../../components/revshare-summary/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { nextFrame } from './cards.js';

/**
 * The bench page of `<cosell-my-referrals>` and `<cosell-revshare-summary>` (bench/widgets.bench.mjs).
 * `?n=` referrals, every one the signed-in seller's for my referrals; the revenue-share summary runs on
 * the demo world's statements for the all-partners finance user, with copies of its 10 launched partners
 * under new ids to make 14 partners × 24 months.
 */
const n = Number(new URLSearchParams(location.search).get('n') ?? 10_000);
const now = new Date(DEMO_REFERENCE_DATE);
const host = document.getElementById('host')!;

function mount(adapter: MemoryAdapter, element: HTMLElement): void {
  const provider: CosellProvider = document.createElement('cosell-provider');
  provider.adapter = adapter;
  provider.now = DEMO_REFERENCE_DATE;
  provider.append(element);
  host.append(provider);
}

/** Partners with an agreement in the summary: issue 14 measured 14 × 24 months. */
const PARTNERS = 14;

/** The demo world with `count` partners under agreement: the demo's own (10 launched), then copies of them under new ids. */
function withPartners(demo: DemoData, count: number): DemoData {
  const partners = [...demo.partners];
  const agreements = [...demo.agreements];
  const statements = [...demo.statements];
  for (let i = 0; agreements.length < count; i++) {
    const source = demo.agreements[i % demo.agreements.length]!;
    const suffix = `-copy${Math.floor(i / demo.agreements.length) + 1}`;
    const partner = demo.partners.find((p) => p.id === source.partnerId)!;
    const partnerId = `${partner.id}${suffix}`;
    partners.push({ ...partner, id: partnerId, name: `${partner.name} ${suffix.slice(1)}` });
    agreements.push({ ...source, id: `${source.id}${suffix}`, partnerId });
    for (const s of demo.statements.filter((st) => st.agreementId === source.id)) {
      statements.push({ ...s, id: `${s.id}${suffix}`, partnerId, agreementId: `${source.id}${suffix}`, lines: s.lines.map((l) => ({ ...l, id: `${l.id}${suffix}` })) });
    }
  }
  return { ...demo, partners, agreements, statements };
}

/** The element's default page size. */
const PAGE_SIZE = 50;

let list: HTMLElement | undefined;
const tbody = () => list?.shadowRoot?.querySelector('tbody') ?? null;
/** The rows shown (not counted while waiting: at 10,000 rows a count costs more than a page). */
const rowCount = () => tbody()?.querySelectorAll('tr[data-referral-id]').length ?? 0;
/** The last row: a new one when a page is in. */
const lastRow = () => tbody()?.lastElementChild ?? null;
const moreButton = () => list?.shadowRoot?.querySelector<HTMLButtonElement>('[part="load-more"]') ?? null;

const widgetsBench = {
  async myReferrals() {
    const demo = createDemoData({ seed: 1, referrals: n, now });
    const seller = demo.users.find((u) => u.role === 'seller')!;
    const referrals = demo.referrals.map((r) => ({ ...r, seller: { id: seller.id, name: seller.name } }));
    const adapter = new MemoryAdapter({ ...demo, referrals, currentUser: seller }, { now: () => now });
    await adapter.ready;
    const start = performance.now();
    list = document.createElement('cosell-my-referrals');
    mount(adapter, list);
    while (rowCount() === 0) await nextFrame();
    const firstMs = performance.now() - start;
    return { firstMs, rows: rowCount() };
  },
  /** Click "Show more" until `rows` rows are shown, there is no more, or `budgetMs` has passed; the time it took. */
  async showMoreUntil(rows: number, budgetMs: number) {
    const start = performance.now();
    let clicks = 0;
    while (moreButton() && performance.now() - start < budgetMs && (clicks + 1) * PAGE_SIZE < rows) {
      const before = lastRow();
      const button = moreButton()!;
      if (!button.disabled) {
        button.click();
        clicks++;
      }
      while (lastRow() === before && moreButton()) await nextFrame();
    }
    await nextFrame();
    return { ms: performance.now() - start, clicks, more: moreButton() !== null };
  },
  /** The rows shown. */
  rows: () => rowCount(),
  /** One "Show more": ms until the frame after the new rows are in. */
  async showMoreOnce() {
    const before = lastRow();
    const start = performance.now();
    moreButton()!.click();
    while (lastRow() === before) await nextFrame();
    return { ms: performance.now() - start };
  },
  async revshare() {
    const demo = withPartners(createDemoData({ seed: 1, referrals: 500, now }), PARTNERS);
    const finance = demo.users.find((u) => u.role === 'finance')!;
    const adapter = new MemoryAdapter({ ...demo, currentUser: finance }, { now: () => now });
    await adapter.ready;
    const lastClosed = addMonths(DEMO_REFERENCE_DATE.slice(0, 7), -1);
    const start = performance.now();
    const summary = document.createElement('cosell-revshare-summary');
    summary.setAttribute('from', addMonths(lastClosed, -23));
    summary.setAttribute('to', lastClosed);
    summary.setAttribute('as-of', DEMO_REFERENCE_DATE.slice(0, 10));
    mount(adapter, summary);
    // Until the statements table is in: a totals row per partner (each opens to its statements).
    while (!summary.shadowRoot?.querySelector('tr[data-partner-row]')) await nextFrame();
    await nextFrame();
    const ms = performance.now() - start;
    const root = summary.shadowRoot;
    return {
      ms,
      statements: summary.shownStatements.length,
      partners: root.querySelectorAll('tr[data-partner-row]').length,
    };
  },
};

export type WidgetsBench = typeof widgetsBench;
// run.mjs waits for `globalThis.bench`; its type in cards.ts is the board's page, so this one is set untyped.
Object.assign(globalThis, { bench: widgetsBench });
