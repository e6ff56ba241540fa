import { expect, fixture, html } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/revshare-summary/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellRevshareSummary } from '../../components/revshare-summary/revshare-summary.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import { parseMoneyInput } from '../../src/format.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';

/** The summary on the demo data through a real adapter: what it shows adds up, and it recovers from a failure. */
const demo = createDemoData({ seed: 1, referrals: 300 });
const asOf = DEMO_REFERENCE_DATE.slice(0, 10);

async function mount(role: 'finance' | 'partner-manager', attributes: { partner?: string; from: string; to: string }) {
  const currentUser = demo.users.find((u) => u.role === role && u.partnerIds.length === 0)!;
  const faulty = new FaultyAdapter(new MemoryAdapter({ ...demo, currentUser }));
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter}>
    <cosell-revshare-summary partner-id=${attributes.partner ?? ''} from=${attributes.from} to=${attributes.to} as-of=${asOf}></cosell-revshare-summary>
  </cosell-provider>`);
  await provider.ready;
  const el = provider.querySelector<CosellRevshareSummary>('cosell-revshare-summary')!;
  return { el, faulty, provider };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).to.equal(true);
}

const cents = (text: string | null | undefined) => parseMoneyInput(text?.trim() ?? '', 'en-US', 'USD')?.amountMinor;

describe('<cosell-revshare-summary> on the demo data', () => {
  it('shows KPIs that are the sums of the statement rows, per currency', async () => {
    const { el } = await mount('finance', { partner: 'p-atlas', from: '2026-07', to: '2026-09' });
    const root = el.shadowRoot!;
    await until(() => root.querySelectorAll('tr[data-statement]').length > 0);
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('tr[data-statement]')];
    expect(rows.length).to.equal(3);
    // The first amount in a cell (the due cell may add a line about credits): columns 4 due, 5 remitted, 6 outstanding.
    const amount = (cell: Element | null | undefined) => cents(/-?\$[\d,]+\.\d\d/.exec(cell?.textContent ?? '')?.[0]);
    const column = (i: number) => rows.reduce((s, r) => s + (amount(r.cells[i]) ?? Number.NaN), 0);
    const kpi = (name: string) => amount(root.querySelector(`[data-kpi="${name}"] dd`));
    expect(kpi('due')).to.equal(column(4));
    expect(kpi('remitted')).to.equal(column(5));
    expect(kpi('outstanding')).to.equal(column(6));
    expect(column(4)).to.be.greaterThan(0);
    expect(el.shownStatements.map((s) => s.statement.id)).to.deep.equal(['stm-atlas-2026-07', 'stm-atlas-2026-08', 'stm-atlas-2026-09']);
    await expect(el).to.be.accessible();
  });

  it('shows the error with Retry when the CRM fails, and loads on Retry', async () => {
    const currentUser = demo.users.find((u) => u.role === 'finance')!;
    const faulty = new FaultyAdapter(new MemoryAdapter({ ...demo, currentUser }));
    faulty.failNext('listStatements', 'network');
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter}>
      <cosell-revshare-summary partner-id="p-northwind" from="2026-01" to="2026-06" as-of=${asOf}></cosell-revshare-summary>
    </cosell-provider>`);
    await provider.ready;
    const el = provider.querySelector<CosellRevshareSummary>('cosell-revshare-summary')!;
    const root = el.shadowRoot!;
    await until(() => root.querySelector('[data-kind="error"]') !== null);
    expect(root.querySelector('[data-kind="error"]')!.textContent).to.contain('offline');
    root.querySelector<HTMLButtonElement>('button[part="retry"]')!.click();
    await until(() => root.querySelectorAll('tr[data-statement]').length === 6);
    expect(faulty.count('listStatements')).to.equal(2);
  });
});
