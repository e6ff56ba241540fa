// A second widget on Salesforce: <cosell-revshare-summary> reads agreements and statements (with
// their lines) from Revshare_*__c through SalesforceAdapter → jsforce → msw → the fake org.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/revshare-summary/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { fetchOrgAccess } from '../fixtures/salesforce/org-access-http.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { INSTANCE_URL, serveOrg } from '../fixtures/salesforce/msw.js';

const line = (id: string, amountMinor: number) => ({
  id, customerId: `c-${id}`, customer: `Customer ${id}`, kind: amountMinor < 0 ? ('refund' as const) : ('charge' as const),
  billed: { amountMinor, currency: 'USD' }, customerSince: '2026-01', recurring: true,
});

describe('<cosell-revshare-summary> on Salesforce', () => {
  it('shows what Salesforce holds: billed totals across statements and their lines', async () => {
    const org = new FakeSalesforceOrg({ multiCurrency: true, access: await fetchOrgAccess() });
    await serveOrg(org);
    const seeded = seedOrg(org, {
      partners: [{ id: 'p-1', name: 'Northwind Voice', integration: { name: 'NW', status: 'generally-available' }, lifecycle: { step: 'referrals', activePrograms: [] } }],
      currentUser: { id: 'u-pm', name: 'Pat Manager', role: 'partner-manager' },
      agreements: [{ id: 'ag-1', partnerId: 'p-1', currency: 'USD', startDate: '2026-01-01', paymentTermsDays: 30, rates: [{ effectiveFrom: '2026-01-01', firstYear: { kind: 'flat', rateBps: 2000 }, renewal: { kind: 'flat', rateBps: 1000 } }] }],
      statements: [
        { id: 'st-1', partnerId: 'p-1', agreementId: 'ag-1', period: '2026-01', currency: 'USD', remitted: { amountMinor: 20_000, currency: 'USD' }, lines: [line('a', 100_000)] },
        { id: 'st-2', partnerId: 'p-1', agreementId: 'ag-1', period: '2026-02', currency: 'USD', remitted: { amountMinor: 0, currency: 'USD' }, lines: [line('b', 150_000), line('c', -50_000)] },
      ],
    });
    const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: INSTANCE_URL, accessToken: seeded.token }) });
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-US" currency="USD">
      <cosell-revshare-summary partner-id=${seeded.ids.get('p-1')!} from="2026-01" to="2026-02" as-of="2026-04-15"></cosell-revshare-summary>
    </cosell-provider>`);
    const el = provider.querySelector('cosell-revshare-summary')!;
    await waitUntil(() => el.shadowRoot!.querySelector('section[data-currency="USD"] [data-kpi="billed"] dd'), 'the summary never rendered', { timeout: 10_000 });
    const kpi = (name: string) => el.shadowRoot!.querySelector(`section[data-currency="USD"] [data-kpi="${name}"] dd`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect(kpi('billed')).to.equal('$2,000.00');
    expect(kpi('remitted')).to.equal('$200.00');
    expect(el.shadowRoot!.querySelectorAll('table[part="statements"] > tbody > tr[data-statement]').length).to.equal(2);
    expect(org.calls({ path: /\/query$/ }).some((c) => c.soql?.includes('FROM Revshare_Statement_Line__c'))).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
