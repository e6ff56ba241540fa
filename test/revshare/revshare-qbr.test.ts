import { expect, fixture, html } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/revshare-summary/define.js';
import { Announcer } from '../../components/base/announcer.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellRevshareSummary } from '../../components/revshare-summary/revshare-summary.js';
import type { User } from '../../src/domain/user.js';
import { agreement, flat, line, statement } from '../node/revshare-fixtures.js';
import { agreements, asOf, referrals, statements } from './revshare-scenario.js';

/**
 * The summary as finance uses it in a QBR (issue 13): partners with their totals, the ageing of what is
 * unpaid, disputed months in the chart, labelled rates, CSVs with the currency's digits, a per-partner
 * export, and an announced sort. On the hand-checked book of revshare-scenario.ts (as of 2026-07-20).
 */

const finance: User = { id: 'u-fin', name: 'Fran Finance', role: 'finance', partnerIds: [] };

/** p-2's March: Gamma €800.00, all above the €1,000.00 tier → €80.00 due, nothing remitted, disputed. */
const disputedMarch = statement('2026-03', [line(80_000, { customer: 'Gamma', currency: 'EUR', since: '2026-02' })], {
  id: 's-eur-mar',
  agreementId: 'a-2',
  partnerId: 'p-2',
  currency: 'EUR',
  disputed: true,
});
/** p-3 (USD, 10 % first year / 8 % renewal): one month whose renewal line comes before its first-year line. */
const p3 = agreement({ id: 'a-3', partnerId: 'p-3', rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(800) }] });
const p3March = statement('2026-03', [line(50_000, { customer: 'Delta', since: '2024-01' }), line(100_000, { customer: 'Echo', since: '2026-03' })], {
  id: 's-p3-mar',
  agreementId: 'a-3',
  partnerId: 'p-3',
  remitted: 13_000,
});

async function settle(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
  }
}

async function summary(options: { partner?: string; extra?: boolean } = {}) {
  const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary
    from="2026-01"
    to="2026-06"
    as-of=${asOf}
    .user=${finance}
    .localeSettings=${{ locale: 'en-US', currency: 'USD' }}
    .agreements=${options.extra ? [...agreements, p3] : agreements}
    .statements=${options.extra ? [...statements, disputedMarch, p3March] : statements}
    .referrals=${referrals}
  ></cosell-revshare-summary>`);
  if (options.partner) el.partnerId = options.partner;
  await settle(el);
  return el;
}

const root = (el: CosellRevshareSummary) => el.shadowRoot!;
const text = (node: Element | null | undefined) => node?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
const partnerRows = (el: CosellRevshareSummary) => [...root(el).querySelectorAll<HTMLTableRowElement>('table[part="statements"] > tbody > tr[data-partner-row]')];
const statementIds = (el: CosellRevshareSummary) => [...root(el).querySelectorAll<HTMLTableRowElement>('table[part="statements"] > tbody > tr[data-statement]')].map((r) => r.dataset.statement);

describe('<cosell-revshare-summary> for a QBR', () => {
  it('groups statements by partner, a totals row each, closed until opened', async () => {
    const el = await summary({ extra: true });
    const rows = partnerRows(el);
    expect(rows.map((r) => r.dataset.partnerRow)).to.deep.equal(['p-1', 'p-2', 'p-3']);
    // Several partners: only their totals until one is opened.
    expect(statementIds(el)).to.deep.equal([]);
    expect([...rows[0]!.cells].map((c) => text(c))).to.deep.equal([
      '▸ p-1 6 statements', '$7,000.00', '', '$690.00', '$140.00', '$550.00', '⚠ 3 overdue, $450.00', 'QBR export (CSV), p-1',
    ]);
    expect([...rows[1]!.cells].map((c) => text(c)).slice(1, 7)).to.deep.equal(['€2,300.00', '', '€180.00', '€100.00', '€80.00', '⚑ 1 disputed, €80.00']);
    const toggle = rows[0]!.querySelector<HTMLButtonElement>('button.partner-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await settle(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(statementIds(el)).to.deep.equal(['s-jan', 's-feb', 's-mar', 's-apr', 's-may', 's-jun']);
    // The rows are the partner's, in the table's order, inside its row group.
    expect(root(el).querySelector('tbody[data-partner="p-1"] tr[data-statement="s-feb"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens the one partner shown', async () => {
    const el = await summary({ partner: 'p-1' });
    expect(partnerRows(el).length).to.equal(1);
    expect(statementIds(el).length).to.equal(6);
  });

  it('ages what is unpaid by days past due as of the summary’s today', async () => {
    const el = await summary();
    const cells = [...root(el).querySelectorAll('[data-ageing="USD"] tbody td')].map((c) => text(c));
    // Jun $100 not yet due (07-30); May $150 20 days; Apr $60 51 days; Feb $240 112 days.
    expect(cells).to.deep.equal(['$100.00 1 statement', '$150.00 1 statement', '$60.00 1 statement', '$0.00', '$240.00 1 statement', '$550.00']);
    expect([...root(el).querySelectorAll('[data-ageing="USD"] thead th')].map((c) => text(c))).to.deep.equal(['Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total']);
    // EUR is all remitted: nothing to age.
    expect(root(el).querySelector('[data-ageing="EUR"]')).to.equal(null);
  });

  it('takes today for the ageing from the provider’s clock', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider now="2026-08-10T09:00:00Z" .user=${finance}>
      <cosell-revshare-summary from="2026-01" to="2026-06" .agreements=${agreements} .statements=${statements}></cosell-revshare-summary>
    </cosell-provider>`);
    const el = provider.querySelector<CosellRevshareSummary>('cosell-revshare-summary')!;
    await settle(el);
    // On 2026-08-10: Jun 11 days past due, May 41, Apr 72, Feb 133.
    const cells = [...root(el).querySelectorAll('[data-ageing="USD"] tbody td')].map((c) => text(c).split(' ')[0]);
    expect(cells).to.deep.equal(['$0.00', '$100.00', '$150.00', '$60.00', '$240.00', '$550.00']);
  });

  it('draws and names disputed months in the chart, its legend and its table', async () => {
    const el = await summary({ extra: true });
    const chart = root(el).querySelector('section[data-currency="EUR"] svg.chart')!;
    const disputed = [...chart.querySelectorAll('g.bucket[data-disputed="true"]')];
    expect(disputed.map((b) => b.getAttribute('data-key'))).to.deep.equal(['2026-03']);
    expect(disputed[0]!.querySelector('rect.disputed-mark')).to.not.equal(null);
    expect(text(disputed[0]!.querySelector('.disputed-badge'))).to.equal('⚑');
    expect(text(disputed[0]!.querySelector('text.x-disputed'))).to.equal('Disputed');
    const legend = root(el).querySelector('section[data-currency="EUR"] .legend')!;
    expect([...legend.querySelectorAll('span')].map((s) => text(s))).to.deep.equal(['Due', 'Remitted', '! Overdue', '⚑ Disputed']);
    const march = [...root(el).querySelectorAll('[data-series="EUR"] tbody tr')].map((r) => text(r))[2];
    expect(march).to.equal('Mar 2026 €80.00 €0.00 €80.00 — ⚑ 1 disputed, €80.00');
  });

  it('labels rates by cohort, first year before renewal, whatever the order of the lines', async () => {
    const el = await summary({ extra: true, partner: 'p-3' });
    const row = root(el).querySelector<HTMLTableRowElement>('tr[data-statement="s-p3-mar"]')!;
    expect(text(row.cells[3])).to.equal('first year 10%, renewal 8%');
    expect(el.statementsCsv().split('\r\n')[1]).to.equal('2026-03,p-3,p-3,USD,1500.00,"first year 10%, renewal 8%",140.00,0.00,140.00,0.00,130.00,10.00,Overdue,2026-04-30,s-p3-mar');
  });

  it('exports one partner for the QBR: its statements, then its totals', async () => {
    const el = await summary();
    const csv = el.partnerCsv('p-1').split('\r\n');
    expect(csv.length).to.equal(1 + 6 + 1 + 1);
    expect(csv.slice(1, 7).every((l) => l.includes(',p-1,'))).to.equal(true);
    expect(csv[7]).to.equal('Total,p-1,p-1,USD,7000.00,,690.00,,690.00,,140.00,550.00,,,');
    const downloads: Blob[] = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      downloads.push(blob as Blob);
      return original(blob);
    };
    try {
      root(el).querySelector<HTMLButtonElement>('tr[data-partner-row="p-1"] button.partner-export')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    expect((await downloads[0]!.text()).replace(/^\ufeff/, '')).to.equal(el.partnerCsv('p-1'));
  });

  it('announces a sort through the one announcer', async () => {
    const el = await summary({ partner: 'p-1' });
    expect(root(el).querySelector('[aria-live]')).to.equal(null);
    root(el).querySelector<HTMLButtonElement>('th[data-sort="due"] button')!.click();
    await settle(el);
    expect(Announcer.regionOf(el)?.textContent).to.equal('Statements sorted by Due, ascending.');
    root(el).querySelector<HTMLButtonElement>('th[data-sort="due"] button')!.click();
    await settle(el);
    expect(Announcer.regionOf(el)?.textContent).to.equal('Statements sorted by Due, descending.');
  });
});
