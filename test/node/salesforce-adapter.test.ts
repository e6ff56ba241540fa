import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrmError } from '../../src/errors.js';
import type { Referral } from '../../src/domain/referral.js';
import { referralPages } from '../../src/adapters/adapter.js';
import { MAX_QUERY_URI_BYTES } from '../../src/salesforce/adapter.js';
import { PARTNERS, referralInput, startHarness, type Harness } from '../fixtures/salesforce/harness.js';


function seededReferrals(n: number, partnerId = 'p-1'): Referral[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(start + i * 60_000).toISOString();
    return {
      id: `r-${i}`, externalId: crypto.randomUUID(), partnerId,
      prospect: { company: `Company ${i}`, country: 'US', contactName: 'Casey', contactEmail: `c${i}@example.com` },
      useCase: 'Contact center', estimatedArr: { amountMinor: 100_000 + i, currency: 'USD' }, consentToContact: true,
      existingCustomer: false, seller: { id: 's-1', name: 'Sam Seller' }, stage: 'submitted', submittedAt: at,
      stageChangedAt: at, version: 0,
    } satisfies Referral;
  });
}

describe('SalesforceAdapter: reads and writes through the mapping', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ partners: PARTNERS, currentUser: { id: 'u-1', name: 'Pat Manager', email: 'pat@example.com', role: 'partner-manager', partnerIds: [] } });
  });
  after(() => h.close());

  it('reads partners, searches and filters them', async () => {
    const partners = await h.adapter.listPartners();
    assert.deepEqual(partners.map((p) => p.name), ['Acme Contact Center', 'Beta Analytics']);
    const acme = partners[0]!;
    assert.equal(acme.id, h.seeded.ids.get('p-1'));
    assert.deepEqual(acme.markets, ['US', 'DE']);
    assert.deepEqual(acme.useCases, ['Contact center', 'Analytics']);
    assert.deepEqual(acme.lifecycle.activePrograms, ['referrals', 'enablement']);
    assert.equal(acme.links[0]?.url, 'https://acme-cc.example/partners');
    assert.deepEqual((await h.adapter.listPartners({ market: 'gb' })).map((p) => p.name), ['Beta Analytics']);
    assert.deepEqual((await h.adapter.listPartners({ integrationStatus: ['certified'] })).map((p) => p.name), ['Beta Analytics']);
    assert.deepEqual((await h.adapter.searchPartners('analytics')).map((p) => p.name), ['Beta Analytics', 'Acme Contact Center']);
    assert.equal((await h.adapter.getPartner(acme.id)).name, 'Acme Contact Center');
    await assert.rejects(h.adapter.getPartner("' OR Name != '"), (e: unknown) => CrmError.is(e, 'not-found'));
  });

  it('answers widgets that ask for the partners at the same time with one query', async () => {
    await h.adapter.listPartners(); // the describe is done once, before
    const before = h.org.calls({ path: /\/query$/ }).length;
    const controller = new AbortController();
    const [all, gb, search, aborted] = await Promise.allSettled([
      h.adapter.listPartners(),
      h.adapter.listPartners({ market: 'GB' }),
      h.adapter.searchPartners('beta'),
      h.adapter.listPartners({}, { signal: controller.signal }),
      Promise.resolve().then(() => controller.abort()),
    ]);
    assert.equal(h.org.calls({ path: /\/query$/ }).length - before, 1, 'one query for four callers');
    assert.deepEqual(all.status === 'fulfilled' && all.value.map((p) => p.name), ['Acme Contact Center', 'Beta Analytics']);
    assert.deepEqual(gb.status === 'fulfilled' && gb.value.map((p) => p.name), ['Beta Analytics']);
    assert.deepEqual(search.status === 'fulfilled' && search.value.map((p) => p.name), ['Beta Analytics']);
    assert.equal(aborted.status, 'rejected', 'a caller that aborted gets its AbortError; the others are not cancelled');
    // Once it has settled nothing is kept: the next call asks the org again.
    await h.adapter.listPartners();
    assert.equal(h.org.calls({ path: /\/query$/ }).length - before, 2);
  });

  it('knows the current user and their role from permission sets', async () => {
    const user = await h.adapter.getCurrentUser();
    assert.equal(user.name, 'Pat Manager');
    assert.equal(user.role, 'partner-manager');
    assert.equal(user.id, h.seeded.userId);
  });

  it('creates idempotently by external id, stores the company key, and moves with a version check', async () => {
    const partnerId = h.seeded.ids.get('p-1')!;
    const input = referralInput(partnerId, { prospect: { company: 'Ácme, Inc.', website: 'https://www.acme-buyer.com/', country: 'de', contactName: 'Casey', contactEmail: 'casey@acme-buyer.com' } });
    const created = await h.adapter.createReferral(input);
    assert.equal(created.stage, 'submitted');
    assert.equal(created.version, 0);
    assert.equal(created.seller.name, 'Pat Manager');
    assert.equal(created.prospect.country, 'DE');
    assert.deepEqual(created.estimatedArr, { amountMinor: 1_250_000, currency: 'USD' });
    const stored = h.org.record('Referral__c', created.id)!;
    assert.equal(stored.Company_Key__c, 'acme');
    assert.equal(stored.Website_Key__c, 'acme-buyer.com');
    assert.equal(stored.Estimated_ARR__c, 12_500);

    const again = await h.adapter.createReferral(input);
    assert.equal(again.id, created.id);
    assert.equal(h.org.records('Referral__c').filter((r) => r.External_Id__c === input.externalId).length, 1);

    const dupes = await h.adapter.findDuplicateReferrals({ company: 'ACME inc' });
    assert.deepEqual(dupes.map((r) => r.id), [created.id]);
    assert.deepEqual((await h.adapter.findDuplicateReferrals({ company: 'Other', website: 'acme-buyer.com' })).map((r) => r.id), [created.id]);
    assert.deepEqual(await h.adapter.findDuplicateReferrals({ company: 'Nobody' }), []);

    const moved = await h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
    assert.equal(moved.stage, 'accepted');
    assert.equal(moved.version, 1);
    assert.ok(moved.acceptedAt);
    const lost = await h.adapter.moveReferral(created.id, { to: 'closed-lost', expectedVersion: 1, reason: 'Budget' });
    assert.equal(lost.closeReason, 'Budget');
    assert.ok(lost.closedAt);
    await assert.rejects(h.adapter.moveReferral(created.id, { to: 'qualified', expectedVersion: 0 }), (e: unknown) => {
      assert.ok(CrmError.is(e, 'conflict'));
      assert.equal((e.details as Referral).stage, 'closed-lost', 'the conflict carries the record as it is now');
      return true;
    });
    assert.equal(h.org.record('Referral__c', created.id)!.Stage__c, 'closed-lost', 'a stale move changes nothing');
    assert.equal((await h.adapter.getReferral(created.id)).version, 2);
  });

  it('a retried move that landed (its answer lost) is the move, once; someone else’s change in between is a conflict', async () => {
    const created = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!));
    const move = { to: 'accepted' as const, expectedVersion: created.version };
    const first = await h.adapter.moveReferral(created.id, move);
    const again = await h.adapter.moveReferral(created.id, move);
    assert.equal(again.version, first.version);
    assert.equal(again.stage, 'accepted');
    const changes = h.org.records('Referral_Stage_Change__c').filter((c) => c.Referral__c === created.id && c.To__c === 'accepted');
    assert.equal(changes.length, 1, 'the move is recorded once');
    const [inBatch] = await h.adapter.moveReferrals([{ id: created.id, move }]);
    assert.ok(!(inBatch instanceof CrmError), 'a batch retry is the move too');
    const [other] = await h.adapter.moveReferrals([{ id: created.id, move: { to: 'rejected', expectedVersion: created.version, reason: 'No' } }]);
    assert.ok(CrmError.is(other, 'conflict'), 'a different move from the old version is still a conflict');
  });

  it('takes stage labels from the org picklist', async () => {
    const fresh = await startHarness({}, {});
    fresh.org.relabel('Referral__c', 'Stage__c', 'qualified', 'Qualified (BANT)');
    const stages = await fresh.adapter.getStageDefinitions();
    await fresh.close();
    assert.equal(stages.find((s) => s.id === 'qualified')?.label, 'Qualified (BANT)');
    assert.deepEqual(stages.map((s) => s.id), ['submitted', 'accepted', 'qualified', 'proposal', 'negotiation', 'closed-won', 'closed-lost', 'rejected']);
  });

  it('records Sforce-Limit-Info and exposes API usage', async () => {
    await h.adapter.listPartners();
    assert.equal(h.adapter.apiUsage?.used, h.org.apiUsed);
    assert.equal(h.adapter.apiUsage?.limit, 100_000);
    assert.match(h.adapter.apiUsage?.header ?? '', /^api-usage=\d+\/100000$/);
  });
});

describe('SalesforceAdapter: the fewest calls', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ partners: PARTNERS, referrals: seededReferrals(4500) });
    await h.adapter.findDuplicateReferrals({ company: 'warm-up' }); // the one describe and org-currency query, cached from here on
  });
  after(() => h.close());

  it('lists 4,500 referrals in ceil(4500/2000) = 3 query calls, newest first, handing each page over as it arrives', async () => {
    const before = h.org.calls().length;
    const pages: number[] = [];
    let previous = Infinity;
    for await (const page of referralPages(h.adapter)) {
      pages.push(page.referrals.length);
      assert.equal(page.total, 4500);
      for (const r of page.referrals) {
        const t = Date.parse(r.submittedAt);
        assert.ok(t <= previous);
        previous = t;
      }
    }
    assert.deepEqual(pages, [2000, 2000, 500]);
    const calls = h.org.calls().slice(before);
    assert.equal(calls.length, 3);
    assert.equal(calls.filter((c) => /\/query$/.test(c.path)).length, 1);
    assert.equal(calls.filter((c) => /\/query\/01g\w+-\d+$/.test(c.path)).length, 2, 'follows nextRecordsUrl');
  });

  it('serves a smaller page size from the batch already fetched: no extra query calls', async () => {
    const before = h.org.calls().length;
    const page = await h.adapter.listReferrals({ pageSize: 500, partnerId: h.seeded.ids.get('p-1') });
    assert.equal(page.referrals.length, 500);
    assert.ok(page.nextCursor);
    const next = await h.adapter.listReferrals({ cursor: page.nextCursor, pageSize: 500 });
    assert.equal(next.referrals.length, 500);
    assert.notEqual(next.referrals[0]!.id, page.referrals[0]!.id);
    assert.equal(h.org.calls().length - before, 1);
    await assert.rejects(h.adapter.listReferrals({ cursor: 'https://evil.example/steal' }), (e: unknown) => CrmError.is(e, 'bad-data'));
  });

  it('filters in SOQL: stages, market, dates and free text', async () => {
    const page = await h.adapter.listReferrals({ q: 'Company 449', submittedFrom: '2026-01-01', submittedTo: '2026-01-04' });
    assert.deepEqual(page.referrals.map((r) => r.prospect.company).sort(), ['Company 449', 'Company 4490', 'Company 4491', 'Company 4492', 'Company 4493', 'Company 4494', 'Company 4495', 'Company 4496', 'Company 4497', 'Company 4498', 'Company 4499']);
    assert.equal((await h.adapter.listReferrals({ stages: ['accepted'], market: 'US' })).referrals.length, 0);
    assert.equal((await h.adapter.listReferrals({ q: '100%' })).referrals.length, 0, 'a % in the search is literal');
  });

  it('creates with one HTTP call (the upsert by external id) plus one duplicate-check query', async () => {
    const input = referralInput(h.seeded.ids.get('p-1')!);
    const before = h.org.calls().length;
    const beforeAll = h.org.requests.length;
    await h.adapter.findDuplicateReferrals({ company: input.prospect.company, website: input.prospect.website });
    await h.adapter.createReferral(input);
    const calls = h.org.calls().slice(before);
    assert.deepEqual(calls.map((c) => `${c.method} ${c.path.replace(/v\d+\.\d/, 'vXX')}`), ['GET /services/data/vXX/query', 'POST /services/data/vXX/composite']);
    const upserts = h.org.requests.slice(beforeAll).filter((r) => r.sub && r.method === 'PATCH');
    assert.deepEqual(upserts.map((r) => r.path.replace(/v\d+\.\d/, 'vXX')), [`/services/data/vXX/sobjects/Referral__c/External_Id__c/${input.externalId}`]);
  });

  it('asks Composite not to collate, so each write runs before its read-back', async () => {
    const [first] = (await h.adapter.listReferrals({ pageSize: 200, stages: ['submitted'] })).referrals;
    const before = h.org.calls().length;
    const created = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!));
    const moved = await h.adapter.moveReferral(first!.id, { to: 'accepted', expectedVersion: first!.version });
    const [batch] = await h.adapter.moveReferrals([{ id: moved.id, move: { to: 'qualified', expectedVersion: moved.version } }]);
    const composites = h.org.calls({ method: 'POST', path: /\/composite$/ }).slice(-3);
    assert.equal(h.org.calls().length - before, 3);
    assert.deepEqual(composites.map((c) => (c.body as { collateSubrequests?: boolean }).collateSubrequests), [false, false, false]);
    assert.equal(created.stage, 'submitted', 'the read-back found the referral just saved');
    assert.equal(moved.version, first!.version + 1, 'the read-back saw the move');
    assert.equal((batch as Referral).stage, 'qualified', 'the batch read-back saw the moves');
  });

  it('moves one referral with one call carrying If-Unmodified-Since', async () => {
    const [first] = (await h.adapter.listReferrals({ pageSize: 200 })).referrals;
    const before = h.org.calls().length;
    const beforeAll = h.org.requests.length;
    await h.adapter.moveReferral(first!.id, { to: 'accepted', expectedVersion: first!.version });
    assert.equal(h.org.calls().length - before, 1);
    const patch = h.org.requests.slice(beforeAll).find((r) => r.sub && r.method === 'PATCH');
    assert.match(patch?.headers['if-unmodified-since'] ?? '', /GMT$/);
  });

  it('moves 450 referrals in ceil(450/200) = 3 sObject Collections calls', async () => {
    const referrals = (await h.adapter.listReferrals({ stages: ['submitted'] })).referrals.slice(0, 450);
    const before = h.org.calls().length;
    const beforeAll = h.org.requests.length;
    const results = await h.adapter.moveReferrals(referrals.map((r) => ({ id: r.id, move: { to: 'qualified', expectedVersion: r.version } })));
    assert.equal(h.org.calls().length - before, 3);
    const collections = h.org.requests.slice(beforeAll).filter((r) => r.sub && /composite\/sobjects$/.test(r.path));
    const sizes = (method: string) => collections.filter((c) => c.method === method).map((c) => (c.body as { records: unknown[] }).records.length);
    assert.deepEqual(sizes('PATCH'), [200, 200, 50]);
    assert.deepEqual(sizes('POST'), [200, 200, 50], 'each move with its stage change, in the same Composite request');
    assert.equal(results.length, 450);
    assert.ok(results.every((r) => !(r instanceof CrmError) && r.stage === 'qualified' && r.version === 1));
    assert.ok(results.every((r) => !(r instanceof CrmError) && r.stageHistory?.at(-1)?.from === 'submitted' && r.stageHistory.at(-1)?.to === 'qualified'));
  });

  it('reports each failure of a batch move on its own', async () => {
    const [a, b] = (await h.adapter.listReferrals({ stages: ['submitted'], pageSize: 200 })).referrals;
    const results = await h.adapter.moveReferrals([
      { id: a!.id, move: { to: 'proposal', expectedVersion: a!.version } },
      { id: b!.id, move: { to: 'proposal', expectedVersion: b!.version + 5 } },
      { id: 'not-an-id', move: { to: 'proposal', expectedVersion: 0 } },
    ]);
    assert.equal((results[0] as Referral).stage, 'proposal');
    assert.ok(CrmError.is(results[1], 'conflict'));
    assert.equal(((results[1]).details as Referral).stage, 'submitted');
    assert.ok(CrmError.is(results[2], 'not-found'));
  });
});

const AGREEMENT = { id: 'ag-1', partnerId: 'p-1', currency: 'USD', startDate: '2026-01-01', rates: [{ effectiveFrom: '2026-01-01', firstYear: { kind: 'flat' as const, rateBps: 2000 }, renewal: { kind: 'flat' as const, rateBps: 1000 } }], paymentTermsDays: 30, reportingCadence: 'monthly' as const };

describe('SalesforceAdapter: currencies and revshare', () => {
  it('reads and writes CurrencyIsoCode in a multi-currency org', async () => {
    const h = await startHarness({ partners: PARTNERS }, { org: { multiCurrency: true } });
    try {
      const eur = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!, { estimatedArr: { amountMinor: 990_050, currency: 'EUR' } }));
      assert.deepEqual(eur.estimatedArr, { amountMinor: 990_050, currency: 'EUR' });
      assert.equal(h.org.record('Referral__c', eur.id)!.CurrencyIsoCode, 'EUR');
      const yen = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!, { estimatedArr: { amountMinor: 1_500_000, currency: 'JPY' } }));
      assert.equal(h.org.record('Referral__c', yen.id)!.Estimated_ARR__c, 1_500_000, 'yen have no minor unit');
      assert.deepEqual(yen.estimatedArr, { amountMinor: 1_500_000, currency: 'JPY' });
    } finally {
      await h.close();
    }
  });

  it('uses the org currency in a single-currency org and refuses another', async () => {
    const h = await startHarness({ partners: PARTNERS }, { org: { orgCurrency: 'GBP' } });
    try {
      const gbp = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!, { estimatedArr: { amountMinor: 5000, currency: 'GBP' } }));
      assert.equal(gbp.estimatedArr.currency, 'GBP');
      await assert.rejects(
        h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!)),
        (e: unknown) => CrmError.is(e, 'validation') && /GBP/.test(e.fieldErrors['estimatedArr.currency']?.[0] ?? ''),
      );
    } finally {
      await h.close();
    }
  });

  it('reads the lines of 500 statements in queries whose URI leaves half of Salesforce’s 16,384 bytes to the headers', async () => {
    const statements = Array.from({ length: 500 }, (_, i) => ({
      id: `st-${i}`, partnerId: 'p-1', agreementId: 'ag-1', period: '2026-02', currency: 'USD', remitted: { amountMinor: 0, currency: 'USD' }, disputed: false,
      lines: [{ id: `l-${i}`, customerId: `c-${i}`, customer: 'Globex', kind: 'charge' as const, billed: { amountMinor: 100 + i, currency: 'USD' }, customerSince: '2026-01', recurring: true }],
    }));
    const h = await startHarness({ partners: PARTNERS, agreements: [AGREEMENT], statements });
    try {
      const before = h.org.requests.length;
      const read = await h.adapter.listStatements({ from: '2026-01', to: '2026-03' });
      assert.equal(read.length, 500);
      assert.deepEqual(read.map((s) => s.lines.map((l) => l.billed.amountMinor)), statements.map((s) => s.lines.map((l) => l.billed.amountMinor)));
      const lineQueries = h.org.requests.slice(before).filter((r) => r.soql?.includes('FROM Revshare_Statement_Line__c'));
      // One query of all 500 ids would be a 15,288-byte URI: under 16,384 only with headers below 1.1 KB.
      for (const q of lineQueries) assert.ok(q.uri!.length <= MAX_QUERY_URI_BYTES, `a ${q.uri!.length}-byte URI`);
      assert.equal(lineQueries.length, 2, 'about 260 statement ids per query');
    } finally {
      await h.close();
    }
  });

  it('lists agreements and statements with their lines', async () => {
    const h = await startHarness({
      partners: PARTNERS,
      agreements: [{ id: 'ag-1', partnerId: 'p-1', currency: 'USD', startDate: '2026-01-01', rates: [{ effectiveFrom: '2026-01-01', firstYear: { kind: 'flat', rateBps: 2000 }, renewal: { kind: 'flat', rateBps: 1000 } }], paymentTermsDays: 30, reportingCadence: 'monthly' }],
      statements: [
        { id: 'st-1', partnerId: 'p-1', agreementId: 'ag-1', period: '2026-02', currency: 'USD', remitted: { amountMinor: 0, currency: 'USD' }, disputed: false, lines: [
          { id: 'l-1', customerId: 'c-1', customer: 'Globex', kind: 'charge', billed: { amountMinor: 100_000, currency: 'USD' }, customerSince: '2026-01', recurring: true },
          { id: 'l-2', customerId: 'c-1', customer: 'Globex', kind: 'refund', billed: { amountMinor: -2_500, currency: 'USD' }, customerSince: '2026-01', recurring: true },
        ] },
        { id: 'st-2', partnerId: 'p-1', agreementId: 'ag-1', period: '2026-05', currency: 'USD', remitted: { amountMinor: 0, currency: 'USD' }, disputed: false, lines: [] },
      ],
    });
    try {
      const partnerId = h.seeded.ids.get('p-1')!;
      const [agreement] = await h.adapter.listAgreements(partnerId);
      assert.equal(agreement?.rates[0]?.firstYear.kind, 'flat');
      const statements = await h.adapter.listStatements({ partnerId, from: '2026-01', to: '2026-03' });
      assert.equal(statements.length, 1);
      assert.deepEqual(statements[0]!.lines.map((l) => l.billed.amountMinor), [100_000, -2_500]);
      assert.equal(statements[0]!.agreementId, agreement?.id);
    } finally {
      await h.close();
    }
  });
});

