import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/revshare-summary/define.js';
import type { CosellRevshareSummary } from '../../components/revshare-summary/revshare-summary.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { agreements, asOf, referrals, statements } from './revshare-scenario.js';

const finance: User = { id: 'u-fin', name: 'Fran Finance', role: 'finance', partnerIds: [] };
const ana: User = { id: 'u-ana', name: 'Ana Seller', role: 'seller', partnerIds: [] };

async function summary(attributes: { partner?: string; from?: string; to?: string; currency?: string; groupBy?: string; locale?: string } = {}) {
  const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary
    partner-id=${attributes.partner ?? ''}
    from=${attributes.from ?? '2026-01'}
    to=${attributes.to ?? '2026-06'}
    as-of=${asOf}
    group-by=${attributes.groupBy ?? 'month'}
    .user=${finance}
    .localeSettings=${{ locale: attributes.locale ?? 'en-US', currency: 'USD' }}
    .agreements=${agreements}
    .statements=${statements}
    .referrals=${referrals}
  ></cosell-revshare-summary>`);
  if (!attributes.partner) el.partnerId = undefined;
  if (attributes.currency) el.currency = attributes.currency;
  await settle(el);
  return el;
}

async function settle(el: CosellRevshareSummary) {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
  }
}

const root = (el: CosellRevshareSummary) => el.shadowRoot!;
const kpi = (el: CosellRevshareSummary, currency: string, name: string) =>
  root(el).querySelector(`section[data-currency="${currency}"] [data-kpi="${name}"] dd`)?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim();
const text = (node: Element | null | undefined) => node?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
const statementRows = (el: CosellRevshareSummary) => [...root(el).querySelectorAll<HTMLTableRowElement>('table[part="statements"] > tbody > tr[data-statement]')];

/** A hand-made adapter (MemoryAdapter is on another branch): it counts calls and can fail on demand. */
function scenarioAdapter(user: User, options: { fail?: CrmError[]; noAgreements?: boolean } = {}) {
  const failures = [...(options.fail ?? [])];
  const calls: string[] = [];
  const maybeFail = () => {
    const failure = failures.shift();
    if (failure) throw failure;
  };
  const adapter = {
    capabilities: { liveChanges: false, partnerStats: false, batchMoves: false },
    getCurrentUser: () => Promise.resolve(user),
    listPartners: () => Promise.resolve([{ id: 'p-1', name: 'Northwind Voice' }, { id: 'p-2', name: 'Contoso Cloud' }]),
    listAgreements: (partnerId?: string) => {
      calls.push(`listAgreements:${partnerId ?? '*'}`);
      maybeFail();
      if (user.role === 'seller') throw new CrmError('permission');
      return Promise.resolve(options.noAgreements ? [] : agreements.filter((a) => !partnerId || a.partnerId === partnerId));
    },
    listStatements: (q: { partnerId?: string; from: string; to: string }) => {
      calls.push(`listStatements:${q.partnerId ?? '*'}:${q.from}:${q.to}`);
      return Promise.resolve(statements.filter((s) => (!q.partnerId || s.partnerId === q.partnerId) && s.period >= q.from && s.period <= q.to));
    },
    listReferrals: (q: { sellerId?: string; partnerId?: string }) => {
      calls.push(`listReferrals:${q.sellerId ?? '*'}`);
      return Promise.resolve({ referrals: referrals.filter((r) => (!q.sellerId || r.seller.id === q.sellerId) && (!q.partnerId || r.partnerId === q.partnerId)) });
    },
  };
  return { adapter: adapter as unknown as CrmAdapter, calls };
}

describe('<cosell-revshare-summary>', () => {
  it('shows the KPIs per currency, exactly, never summing USD and EUR', async () => {
    const el = await summary();
    expect(kpi(el, 'USD', 'billed')).to.equal('$7,000.00');
    expect(kpi(el, 'USD', 'due')).to.equal('$690.00');
    expect(kpi(el, 'USD', 'remitted')).to.equal('$140.00');
    expect(kpi(el, 'USD', 'outstanding')).to.equal('$550.00');
    expect(kpi(el, 'USD', 'overdue')).to.equal('$450.00 3 statements');
    expect(kpi(el, 'USD', 'arr')).to.equal('$12,000.00');
    expect(kpi(el, 'USD', 'quota')).to.equal('$36,000.00');
    expect(kpi(el, 'EUR', 'due')).to.equal('€100.00');
    expect(kpi(el, 'EUR', 'overdue')).to.equal('€0.00 0 statements');
    expect(root(el).querySelectorAll('section[data-currency]').length).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('filters by partner and currency', async () => {
    const el = await summary({ partner: 'p-2' });
    expect(root(el).querySelectorAll('section[data-currency]').length).to.equal(1);
    expect(kpi(el, 'EUR', 'billed')).to.equal('€1,500.00');
    el.partnerId = undefined;
    el.currency = 'usd';
    await settle(el);
    expect([...root(el).querySelectorAll('section[data-currency]')].map((s) => s.getAttribute('data-currency'))).to.deep.equal(['USD']);
    expect(statementRows(el).length).to.equal(6);
  });

  it('lists statements with rate, due, status and due date; a row opens its lines', async () => {
    const el = await summary({ partner: 'p-1' });
    const rows = statementRows(el);
    expect(rows.map((r) => r.dataset.statement)).to.deep.equal(['s-jan', 's-feb', 's-mar', 's-apr', 's-may', 's-jun']);
    const feb = rows[1]!;
    expect([...feb.cells].map((c) => text(c))).to.deep.equal([
      '▸ Feb 2026, p-1, USD: lines', 'p-1', '$2,500.00', 'first year 10%, renewal 8%', '$240.00', '$0.00', '$240.00', '⚠Overdue', 'Mar 30, 2026',
    ]);
    expect(text(rows[3]!.cells[4])).to.equal('$100.00 after $200.00 credit');
    expect(text(rows[2]!.cells[4])).to.equal('$0.00 $200.00 credit carried forward');

    const button = feb.querySelector<HTMLButtonElement>('button.expand')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await settle(el);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const lines = root(el).querySelector(`#${button.getAttribute('aria-controls')!}`)!;
    const lineRows = [...lines.querySelectorAll(':scope > td > table > tbody > tr')].map((r) => [...r.children].map((c) => text(c)));
    expect(lineRows).to.deep.equal([
      ['Acme', '$2,000.00', '—', 'First year', '10%', '$200.00'],
      ['Beta', '$500.00', '—', 'Renewal', '8%', '$40.00'],
    ]);
    expect(text(lines.querySelector(':scope > td > table > tfoot > tr'))).to.equal('Total $2,500.00 $0.00 $240.00');
    await expect(el).to.be.accessible();
    // Keyboard alone: Space closes it, Enter opens it again.
    button.focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(root(el).querySelector('tr.lines')).to.equal(null);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(root(el).querySelector('tr.lines')).to.not.equal(null);
  });

  it('shows a refund as a credit and the carried credit in the drill-down', async () => {
    const el = await summary({ partner: 'p-1' });
    statementRows(el)[2]!.querySelector<HTMLButtonElement>('button.expand')!.click();
    await settle(el);
    const lines = root(el).querySelector('tr.lines')!;
    expect([...lines.querySelectorAll(':scope > td > table > tbody > tr')].map((r) => text(r))).to.deep.equal([
      'Acme $1,000.00 — First year 10% $100.00',
      'Acme — -$3,000.00 First year 10% -$300.00',
    ]);
    expect([...lines.querySelectorAll(':scope > td > table > tfoot > tr')].map((r) => text(r))).to.deep.equal([
      'Total $1,000.00 -$3,000.00 -$200.00',
      'Credit carried forward to next month $200.00',
      'Due $0.00',
    ]);
  });

  it('sorts by a column with buttons in the headers and aria-sort', async () => {
    const el = await summary({ partner: 'p-1' });
    const header = (key: string) => root(el).querySelector<HTMLTableCellElement>(`th[data-sort="${key}"]`)!;
    expect(header('period').getAttribute('aria-sort')).to.equal('ascending');
    expect(header('due').getAttribute('aria-sort')).to.equal('none');
    header('due').querySelector('button')!.click();
    await settle(el);
    expect(header('due').getAttribute('aria-sort')).to.equal('ascending');
    expect(header('period').getAttribute('aria-sort')).to.equal('none');
    expect(statementRows(el).map((r) => r.dataset.statement)).to.deep.equal(['s-mar', 's-jan', 's-apr', 's-jun', 's-may', 's-feb']);
    // Keyboard: focus the header button and press Enter to reverse.
    header('due').querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(header('due').getAttribute('aria-sort')).to.equal('descending');
    expect(statementRows(el).map((r) => r.dataset.statement)).to.deep.equal(['s-feb', 's-may', 's-jan', 's-apr', 's-jun', 's-mar']);
    header('status').querySelector('button')!.click();
    await settle(el);
    expect(statementRows(el).map((r) => r.dataset.statement)).to.deep.equal(['s-feb', 's-apr', 's-may', 's-jun', 's-jan', 's-mar']);
  });

  it('exports the statements and one statement’s lines as CSV, neutralising formulas', async () => {
    const el = await summary();
    const csv = el.statementsCsv().split('\r\n');
    expect(csv[0]).to.equal('Period,Partner ID,Partner,Currency,Billed,Rates,Revshare,Credit brought forward,Due,Credit carried forward,Remitted,Outstanding,Status,Due date,Statement ID');
    expect(csv).to.include('2026-02,p-1,p-1,USD,2500.00,"first year 10%, renewal 8%",240.00,0.00,240.00,0.00,0.00,240.00,Overdue,2026-03-30,s-feb');
    expect(csv).to.include('2026-03,p-1,p-1,USD,-2000.00,first year 10%,-200.00,0.00,0.00,200.00,0.00,0.00,Remitted,2026-04-30,s-mar');
    expect(csv).to.include('2026-02,p-2,p-2,EUR,1500.00,first year 5% (tier 1) / 10% (tier 2),100.00,0.00,100.00,0.00,100.00,0.00,Remitted,2026-03-30,s-eur-feb');
    expect(csv.length).to.equal(7 + 2); // header, 7 statements, trailing empty
    const lines = el.linesCsv('s-eur-feb')!.split('\r\n');
    expect(lines[0]).to.equal('Customer,Customer ID,Kind,Currency,Billed,Credits,Cohort,Rate applied,Due,Line ID');
    expect(lines[1]).to.match(/^"'=Gamma",c-=gamma,charge,EUR,1500.00,,First year,5% \(tier 1\) → 10% \(tier 2\),100.00,l-\d+$/);

    // The buttons download what the methods return.
    const downloads: Blob[] = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      downloads.push(blob as Blob);
      return original(blob);
    };
    try {
      [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Export statements (CSV)')!.click();
      // Two partners: each is a totals row until opened.
      root(el).querySelector<HTMLButtonElement>('tr[data-partner-row="p-1"] button.partner-toggle')!.click();
      await settle(el);
      statementRows(el)[0]!.querySelector<HTMLButtonElement>('button.expand')!.click();
      await settle(el);
      [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Export lines (CSV)')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    expect(downloads.length).to.equal(2);
    expect((await downloads[0]!.text()).replace(/^\ufeff/, '')).to.equal(el.statementsCsv());
    expect((await downloads[1]!.text()).replace(/^\ufeff/, '')).to.equal(el.linesCsv(statementRows(el)[0]!.dataset.statement!));
  });

  it('draws the chart with a hidden table behind it, marks overdue periods, and toggles to the table', async () => {
    const el = await summary({ partner: 'p-1' });
    const chart = root(el).querySelector('svg.chart')!;
    expect(chart.getAttribute('aria-hidden')).to.equal('true');
    const buckets = [...chart.querySelectorAll('g.bucket')];
    expect(buckets.map((b) => b.getAttribute('data-key'))).to.deep.equal(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    // Overdue: a hatch, a "!" badge and the word — not colour alone.
    const overdue = buckets.filter((b) => b.getAttribute('data-overdue') === 'true');
    expect(overdue.map((b) => b.getAttribute('data-key'))).to.deep.equal(['2026-02', '2026-04', '2026-05']);
    for (const b of overdue) {
      expect(b.querySelector('rect.overdue-hatch')).to.not.equal(null);
      expect(text(b.querySelector('.overdue-badge'))).to.equal('!');
      expect(text(b.querySelector('text.x-overdue'))).to.equal('Overdue');
    }
    const series = root(el).querySelector('[data-series="USD"]')!;
    expect(series.className).to.equal('visually-hidden');
    expect([...series.querySelectorAll('tbody tr')].map((r) => text(r))[1]).to.equal('Feb 2026 $240.00 $0.00 $240.00 ⚠ 1 overdue, $240.00 —');

    const toggle = [...root(el).querySelectorAll('button')].find((b) => text(b) === 'Show as table')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await settle(el);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(root(el).querySelector('svg.chart')).to.equal(null);
    expect(root(el).querySelector('[data-series="USD"]')!.className).to.equal('table-wrap');
    await expect(el).to.be.accessible();
  });

  it('groups by quarter', async () => {
    const el = await summary({ partner: 'p-1', groupBy: 'quarter' });
    const rows = [...root(el).querySelectorAll('[data-series="USD"] tbody tr')].map((r) => text(r));
    // Q1: due 100 + 240 + 0, remitted 100; Q2: due 100 + 150 + 100, remitted 40.
    expect(rows).to.deep.equal(['Q1 2026 $340.00 $100.00 $240.00 ⚠ 1 overdue, $240.00 —', 'Q2 2026 $350.00 $40.00 $310.00 ⚠ 2 overdue, $210.00 —']);
  });

  it('lists quota retired per seller', async () => {
    const el = await summary();
    const items = [...root(el).querySelectorAll('.quota li')].map((li) => text(li));
    expect(items).to.deep.equal([
      'Ana Seller 1 referral won $12,000.00',
      'Ben Seller 1 referral won $24,000.00',
    ]);
  });

  for (const [locale, due, date] of [
    ['en-US', '$690.00', 'Mar 30, 2026'],
    ['de-DE', '690,00\u00a0$', '30.03.2026'],
    ['ja-JP', '$690.00', '2026/03/30'],
  ] as const) {
    it(`formats amounts and dates in ${locale}`, async () => {
      const el = await summary({ partner: 'p-1', locale });
      expect(kpi(el, 'USD', 'due')).to.equal(due);
      expect(text(statementRows(el)[1]!.cells[8])).to.equal(date);
      const expected = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(7000);
      expect(kpi(el, 'USD', 'billed')).to.equal(expected);
    });
  }

  it('formats euros the German way', async () => {
    const el = await summary({ partner: 'p-2', locale: 'de-DE' });
    expect(kpi(el, 'EUR', 'billed')).to.equal('1.500,00\u00a0€');
  });

  describe('through the adapter', () => {
    it('loads agreements, statements from the agreement start, and closed-won referrals', async () => {
      const { adapter, calls } = scenarioAdapter(finance);
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary partner-id="p-1" from="2026-04" to="2026-06" as-of=${asOf} .adapter=${adapter} .user=${finance}></cosell-revshare-summary>`);
      await settle(el);
      expect(calls).to.include('listAgreements:p-1');
      expect(calls).to.include('listStatements:p-1:2026-01:2026-06');
      // April still gets March's carried credit although March is not shown.
      expect(statementRows(el).map((r) => r.dataset.statement)).to.deep.equal(['s-apr', 's-may', 's-jun']);
      expect(text(statementRows(el)[0]!.cells[4])).to.equal('$100.00 after $200.00 credit');
      expect(text(statementRows(el)[0]!.cells[1])).to.equal('Northwind Voice');
      expect(kpi(el, 'USD', 'quota')).to.equal('$24,000.00');
    });

    it('shows loading, then an error with a retry that works', async () => {
      const { adapter, calls } = scenarioAdapter(finance, { fail: [new CrmError('unavailable')] });
      const errors: Event[] = [];
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-01" to="2026-06" as-of=${asOf} .adapter=${adapter} .user=${finance} @cosell-error=${(e: Event) => errors.push(e)}></cosell-revshare-summary>`);
      await settle(el);
      const state = root(el).querySelector('[data-kind="error"]')!;
      expect(text(state)).to.contain('The CRM is unavailable right now');
      expect(errors.length).to.equal(1);
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLButtonElement>('button[part="retry"]')!.click();
      await settle(el);
      expect(root(el).querySelector('[data-kind="error"]')).to.equal(null);
      expect(kpi(el, 'USD', 'due')).to.equal('$690.00');
      expect(calls.filter((c) => c.startsWith('listAgreements')).length).to.equal(2);
    });

    it('shows the loading state while the adapter works', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { adapter } = scenarioAdapter(finance);
      const slow = { ...adapter, listAgreements: async (id?: string) => (await gate, adapter.listAgreements(id)) };
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary as-of=${asOf} .adapter=${slow} .user=${finance}></cosell-revshare-summary>`);
      expect(root(el).querySelector('[data-kind="loading"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      release();
      await settle(el);
      expect(root(el).querySelector('[data-kind="loading"]')).to.equal(null);
    });

    it('is empty when there is no agreement, and when there are no statements in the range', async () => {
      const { adapter } = scenarioAdapter(finance, { noAgreements: true });
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary partner-id="p-1" as-of=${asOf} .adapter=${adapter} .user=${finance}></cosell-revshare-summary>`);
      await settle(el);
      expect(text(root(el).querySelector('[data-kind="empty"]'))).to.equal('This partner has no revenue-share agreement yet.');
      const later = await summary({ from: '2026-09', to: '2026-10' });
      expect(text(root(later).querySelector('[data-kind="empty"]'))).to.equal('No statements for Sep 2026 – Oct 2026 yet.');
      await expect(later).to.be.accessible();
    });

    it('shows a seller only their own quota retirement, and no statements', async () => {
      const { adapter, calls } = scenarioAdapter(ana);
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-01" to="2026-06" as-of=${asOf} .adapter=${adapter} .user=${ana}></cosell-revshare-summary>`);
      await settle(el);
      expect(calls).to.deep.equal(['listReferrals:u-ana']);
      expect(root(el).querySelector('[data-kind="no-permission"]')).to.not.equal(null);
      expect(root(el).querySelector('table[part="statements"]')).to.equal(null);
      expect([...root(el).querySelectorAll('.quota li')].map((li) => li.getAttribute('data-referral'))).to.deep.equal(['r-1']);
      expect(text(root(el).querySelector('.quota p'))).to.equal('$12,000.00 retired by 1 referral closed won.');
      await expect(el).to.be.accessible();
    });

    it('asks the adapter who is signed in when no user is given, and does not reload when the same user arrives', async () => {
      const { adapter, calls } = scenarioAdapter(ana);
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-01" to="2026-06" as-of=${asOf} .adapter=${adapter}></cosell-revshare-summary>`);
      await settle(el);
      expect(calls).to.deep.equal(['listReferrals:u-ana']);
      el.user = { ...ana };
      await settle(el);
      expect(calls).to.deep.equal(['listReferrals:u-ana']);
      el.user = finance;
      await settle(el);
      expect(calls.slice(1, 2)).to.deep.equal(['listAgreements:*']);
    });

    it('shows no permission when the CRM refuses', async () => {
      const { adapter } = scenarioAdapter(finance, { fail: [new CrmError('permission', 'You may not see revenue share for this partner.')] });
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary partner-id="p-1" as-of=${asOf} .adapter=${adapter} .user=${finance}></cosell-revshare-summary>`);
      await settle(el);
      expect(text(root(el).querySelector('[data-kind="no-permission"]'))).to.equal('You may not see revenue share for this partner.');
    });

    it('reports records that do not add up as bad data', async () => {
      const wrong = statements.map((st) => (st.id === 's-feb' ? { ...st, currency: 'EUR' } : st));
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-01" to="2026-06" as-of=${asOf} .user=${finance} .agreements=${agreements} .statements=${wrong}></cosell-revshare-summary>`);
      await settle(el);
      expect(text(root(el).querySelector('[data-kind="error"]'))).to.contain('Statement s-feb is in EUR but its agreement is in USD');
    });

    it('checks records given as properties with the schemas', async () => {
      const broken = [{ ...statements[0]!, period: '2026-1' }];
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-01" to="2026-06" as-of=${asOf} .user=${finance} .agreements=${agreements} .statements=${broken}></cosell-revshare-summary>`);
      await settle(el);
      expect(text(root(el).querySelector('[data-kind="error"]'))).to.contain('The statements property is not valid — 0.period: Use a month as YYYY-MM');
    });

    it('reports bad from/to attributes instead of guessing', async () => {
      const el = await fixture<CosellRevshareSummary>(html`<cosell-revshare-summary from="2026-13" to="2026-06" as-of=${asOf}></cosell-revshare-summary>`);
      expect(text(root(el).querySelector('[data-kind="error"]'))).to.contain('YYYY-MM');
    });
  });
});
