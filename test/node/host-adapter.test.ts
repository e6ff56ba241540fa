import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostAdapter, type HostCalls } from '../../src/adapters/host-adapter.js';
import { CrmError } from '../../src/errors.js';
import type { Partner } from '../../src/domain/partner.js';
import type { Referral, ReferralInput } from '../../src/domain/referral.js';

const northwind: Partner = {
  id: 'a01-northwind', name: 'Northwind CRM', summary: 'Sales CRM', integration: { name: 'Connect', status: 'generally-available' },
  lifecycle: { step: 'referrals', activePrograms: ['referrals'] }, markets: ['US'], useCases: ['Click to dial'], links: [], acceptanceWindowDays: 5,
};
const helpwise: Partner = { ...northwind, id: 'a01-helpwise', name: 'Helpwise Desk', useCases: ['Screen pop', 'Click to dial'] };

const input: ReferralInput = {
  externalId: '5b0c1a9e-8d7e-4f3a-9c2b-1e2d3f4a5b6c', partnerId: northwind.id,
  prospect: { company: 'Acme Logistics', country: 'US', contactName: 'Jo Park', contactEmail: 'jo@acme.example' },
  useCase: 'Click to dial', estimatedArr: { amountMinor: 12_000_00, currency: 'USD' }, consentToContact: true, existingCustomer: false,
};
const saved: Referral = {
  ...input, id: 'a02-1', seller: { id: '005-1', name: 'Dana Whitfield' }, stage: 'submitted',
  submittedAt: '2026-11-02T10:00:00.000Z', stageChangedAt: '2026-11-02T10:00:00.000Z', version: 0,
};

/** A host that records its calls; each function answers as an LWC's Apex call would (JSON text). */
function host(overrides: Partial<HostCalls> = {}): { calls: string[]; host: HostCalls } {
  const calls: string[] = [];
  const answer = (name: string, value: unknown) => () => {
    calls.push(name);
    return Promise.resolve(JSON.stringify(value));
  };
  return {
    calls,
    host: {
      getCurrentUser: answer('getCurrentUser', { id: '005-1', name: 'Dana Whitfield', role: 'seller' }),
      getPartner: answer('getPartner', northwind),
      listPartners: answer('listPartners', [northwind, helpwise]),
      createReferral: answer('createReferral', saved),
      findDuplicateReferrals: answer('findDuplicateReferrals', []),
      getReferral: answer('getReferral', saved),
      listReferrals: answer('listReferrals', { referrals: [saved, { ...saved, id: 'a02-2', stage: 'nonsense' }], nextCursor: 'c2' }),
      moveReferral: answer('moveReferral', { ...saved, stage: 'accepted', version: 1 }),
      listAgreements: answer('listAgreements', []),
      listStatements: answer('listStatements', []),
      ...overrides,
    },
  };
}

describe('HostAdapter: a CrmAdapter over host-provided functions (the Salesforce LWC wrapper uses it)', () => {
  test('parses the JSON a host returns into domain records, with schema defaults', async () => {
    const adapter = new HostAdapter(host().host);
    assert.deepEqual(await adapter.getCurrentUser(), { id: '005-1', name: 'Dana Whitfield', role: 'seller', partnerIds: [] });
    assert.equal((await adapter.getPartner(northwind.id)).name, 'Northwind CRM');
    assert.equal((await adapter.moveReferral('a02-1', { to: 'accepted', expectedVersion: 0 })).stage, 'accepted');
  });

  test('a record that fails its schema is a bad-data CrmError naming the field', async () => {
    const adapter = new HostAdapter(host({ getPartner: () => Promise.resolve({ ...northwind, integration: { name: 'x', status: 'rumoured' } }) }).host);
    await assert.rejects(adapter.getPartner('a01'), (error: unknown) => CrmError.is(error, 'bad-data') && /integration\.status/.test(error.message));
    const notJson = new HostAdapter(host({ getCurrentUser: () => Promise.resolve('<html>login</html>') }).host);
    await assert.rejects(notJson.getCurrentUser(), (error: unknown) => CrmError.is(error, 'bad-data'));
  });

  test('validates a referral before it reaches the host, and sends the parsed input', async () => {
    const { calls, host: h } = host();
    const adapter = new HostAdapter(h);
    await assert.rejects(adapter.createReferral({ ...input, consentToContact: false as true }), (error: unknown) =>
      CrmError.is(error, 'validation') && 'consentToContact' in error.fieldErrors);
    assert.deepEqual(calls, []);
    let sent: unknown;
    const recording = new HostAdapter(host({ createReferral: (value) => ((sent = value), Promise.resolve(saved)) }).host);
    assert.equal((await recording.createReferral(input)).id, 'a02-1');
    assert.deepEqual(sent, input);
  });

  test('an Apex error whose message is JSON keeps its kind and field errors', async () => {
    const apexError = { status: 400, body: { message: JSON.stringify({ kind: 'validation', message: 'Check the email', fieldErrors: { 'prospect.contactEmail': ['Not an email'] } }) } };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- LWC rejects Apex calls with a plain object
    const adapter = new HostAdapter(host({ createReferral: () => Promise.reject(apexError) }).host);
    await assert.rejects(adapter.createReferral(input), (error: unknown) =>
      CrmError.is(error, 'validation') && error.message === 'Check the email' && error.fieldErrors['prospect.contactEmail']?.[0] === 'Not an email');
  });

  test('LWC server errors map to kinds by status; anything else is unavailable', async () => {
    const cases: [unknown, string][] = [
      [{ status: 403, body: { message: 'Insufficient access' } }, 'permission'],
      [{ status: 401, body: [{ message: 'Session expired' }] }, 'auth'],
      [{ status: 404, body: { message: 'gone' } }, 'not-found'],
      [{ status: 0, body: { message: 'Disconnected' } }, 'network'],
      [{ status: 500, body: { message: 'System.LimitException' } }, 'unavailable'],
      [new CrmError('conflict'), 'conflict'],
      [new Error('boom'), 'unavailable'],
    ];
    for (const [thrown, kind] of cases) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- LWC rejects Apex calls with a plain object
      const adapter = new HostAdapter(host({ getReferral: () => Promise.reject(thrown) }).host);
      await assert.rejects(adapter.getReferral('a02-1'), (error: unknown) => CrmError.is(error) && error.kind === kind, `${JSON.stringify(thrown)} → ${kind}`);
    }
  });

  test('an aborted call does not reach the host and rejects with the AbortError', async () => {
    const { calls, host: h } = host();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(new HostAdapter(h).listPartners({}, { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(calls, []);
  });

  test('a host call that never answers fails as unavailable after timeoutMs, so the person can retry', { timeout: 5000 }, async () => {
    const { host: h } = host({ createReferral: () => new Promise(() => {}) });
    const started = Date.now();
    await assert.rejects(new HostAdapter(h, { timeoutMs: 50 }).createReferral(input), { name: 'CrmError', kind: 'unavailable' });
    assert.ok(Date.now() - started < 2000);
  });

  test('aborting while the host call runs rejects at once with the AbortError', { timeout: 5000 }, async () => {
    const { host: h } = host({ moveReferral: () => new Promise(() => {}) });
    const controller = new AbortController();
    const moving = new HostAdapter(h).moveReferral('a02-1', { to: 'accepted', expectedVersion: 0 }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(moving, { name: 'AbortError' });
  });

  test("Lightning's lost connection (Disconnected or Canceled, no status) is a network error, not [object Object]", async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an LWC Apex call rejects with a plain object
    const { host: h } = host({ createReferral: () => Promise.reject({ body: { message: 'Disconnected or Canceled' }, ok: false, headers: {} }) });
    await assert.rejects(new HostAdapter(h).createReferral(input), (error: CrmError) => error.kind === 'network' && !/object Object/.test(error.message));
  });

  test('an LWC error without a status keeps its words', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an LWC Apex call rejects with a plain object
    const { host: h } = host({ getReferral: () => Promise.reject({ body: [{ message: 'Too many SOQL queries: 101' }] }) });
    await assert.rejects(new HostAdapter(h).getReferral('a02-1'), (error: CrmError) => error.kind === 'unavailable' && /Too many SOQL queries/.test(error.message));
  });

  test('a referral page skips records that fail the schema and reports them', async () => {
    const page = await new HostAdapter(host().host).listReferrals({ partnerId: northwind.id });
    assert.deepEqual(page.referrals.map((r) => r.id), ['a02-1']);
    assert.equal(page.nextCursor, 'c2');
    assert.equal(page.skipped?.[0]?.id, 'a02-2');
    assert.match(page.skipped?.[0]?.message ?? '', /stage/);
  });

  test('without searchPartners, partners are searched by name first, then integration and use case', async () => {
    const adapter = new HostAdapter(host().host);
    assert.deepEqual((await adapter.searchPartners('help')).map((p) => p.id), ['a01-helpwise']);
    assert.deepEqual((await adapter.searchPartners('click to')).map((p) => p.id), ['a01-helpwise', 'a01-northwind']);
    assert.deepEqual((await adapter.searchPartners('northwind')).map((p) => p.id), ['a01-northwind']);
  });

  test('partner stats are a capability only when the host provides them', async () => {
    assert.equal(new HostAdapter(host().host).capabilities.partnerStats, false);
    assert.equal(new HostAdapter(host().host).getPartnerStats, undefined);
    const withStats = new HostAdapter(host({ getPartnerStats: () => Promise.resolve({ openReferrals: 3, wonArr: [{ amountMinor: 100, currency: 'USD' }] }) }).host);
    assert.equal(withStats.capabilities.partnerStats, true);
    assert.equal((await withStats.getPartnerStats!('a01'))?.openReferrals, 3);
  });
});
