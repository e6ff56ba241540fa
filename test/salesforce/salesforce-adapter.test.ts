// SalesforceAdapter in Chromium: jsforce's browser build (global fetch) → msw → the fake org.
import { expect } from '@open-wc/testing';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { referralPages } from '../../src/adapters/adapter.js';
import { CrmError } from '../../src/errors.js';
import type { Referral } from '../../src/domain/referral.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { fetchOrgAccess } from '../fixtures/salesforce/org-access-http.js';
import { seedOrg, type DomainSeed } from '../fixtures/salesforce/seed.js';
import { translateIds } from '../fixtures/salesforce/id-translation.js';
import { INSTANCE_URL, serveOrg } from '../fixtures/salesforce/msw.js';

async function start(seed: DomainSeed, multiCurrency = true) {
  const org = new FakeSalesforceOrg({ multiCurrency, access: await fetchOrgAccess() });
  await serveOrg(org);
  const seeded = seedOrg(org, seed);
  const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: INSTANCE_URL, accessToken: seeded.token }), retry: { baseDelayMs: 5 } });
  return { org, seeded, adapter };
}

// The org enforces the shipped permission sets and sharing here too: as a partner manager and as a seller.
for (const role of ['partner-manager', 'seller'] as const) {
  runCrmAdapterContract('SalesforceAdapter in Chromium (msw)', async (seed) => {
    const { adapter, seeded } = await start(seed);
    return translateIds(adapter, seeded.ids);
  }, undefined, { role });
}

/** Sees every referral and may move them (a seller would see only their own). */
const MANAGER = { id: 'u-pm', name: 'Pat Manager', email: 'pat@example.com', role: 'partner-manager' as const };

const PARTNER = {
  id: 'p-1', name: 'Acme Contact Center', integration: { name: 'Acme CTI', status: 'generally-available' as const },
  lifecycle: { step: 'referrals' as const, activePrograms: [] }, markets: ['US'], useCases: ['Contact center'],
};

function referrals(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      id: `r-${i}`, externalId: crypto.randomUUID(), partnerId: 'p-1',
      prospect: { company: `Company ${i}`, country: 'US', contactName: 'Casey', contactEmail: `c${i}@example.com` },
      useCase: 'Contact center', estimatedArr: { amountMinor: 100_000, currency: 'USD' }, consentToContact: true,
      existingCustomer: false, seller: { id: 's-1', name: 'Sam Seller' }, stage: 'submitted' as const, submittedAt: at, stageChangedAt: at, version: 0,
    };
  });
}

describe('SalesforceAdapter in the browser: the fewest calls, through jsforce’s fetch transport', () => {
  it('lists 2,500 referrals in 2 query calls, creates in 1, moves in 1 and moves 250 in 2', async () => {
    const { org, seeded, adapter } = await start({ partners: [PARTNER], referrals: referrals(2500), currentUser: MANAGER }, false);
    await adapter.findDuplicateReferrals({ company: 'warm-up' }); // describe + org currency, once
    let before = org.calls().length;
    const sizes: number[] = [];
    for await (const page of referralPages(adapter)) sizes.push(page.referrals.length);
    expect(sizes).to.deep.equal([2000, 500]);
    expect(org.calls().length - before).to.equal(2);

    before = org.calls().length;
    const created = await adapter.createReferral({
      externalId: crypto.randomUUID(), partnerId: seeded.ids.get('p-1')!, useCase: 'Contact center',
      prospect: { company: 'Browser Buyer GmbH', country: 'DE', contactName: 'Kim', contactEmail: 'kim@buyer.example.com' },
      estimatedArr: { amountMinor: 990_000, currency: 'USD' }, consentToContact: true, existingCustomer: false,
    });
    expect(org.calls().length - before).to.equal(1);
    expect(org.record('Referral__c', created.id)?.Company_Key__c).to.equal('browserbuyer');

    before = org.calls().length;
    const moved = await adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
    expect(moved.version).to.equal(1);
    expect(org.calls().length - before).to.equal(1);

    const page = await adapter.listReferrals({ pageSize: 250 });
    before = org.calls().length;
    const results = await adapter.moveReferrals(page.referrals.map((r: Referral) => ({ id: r.id, move: { to: 'qualified', expectedVersion: r.version } })));
    expect(org.calls().length - before).to.equal(2);
    expect(results.filter((r) => !(r instanceof CrmError)).length).to.equal(250);
    expect(adapter.apiUsage?.used).to.equal(org.apiUsed);
  });

  it('maps HTTP failures the same way as in Node', async () => {
    const { org, adapter } = await start({ partners: [PARTNER] }, false);
    // The API limit is retried (RetryPolicy, five attempts by default); when it outlasts them → rate-limit.
    org.failNext({ status: 403, times: 5, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    const limited = await adapter.listPartners().catch((e: unknown) => e);
    expect(CrmError.is(limited, 'rate-limit')).to.equal(true);
    org.failNext({ path: /\/query/, status: 503, times: 1, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] });
    expect((await adapter.listPartners()).length).to.equal(1);
    org.failNext({ path: /\/query/, status: 200, rawBody: '{"records": [' });
    const malformed = await adapter.listPartners().catch((e: unknown) => e);
    expect(CrmError.is(malformed, 'bad-data')).to.equal(true);
  });
});
