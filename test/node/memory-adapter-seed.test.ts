// MemoryAdapter's seed checks (issue 14 item 2): partners, users, agreements and statements are
// checked when the adapter is made; referrals (a seed may hold 100,000) are indexed then and checked
// with the referral schema when first read — a page, a lookup, a filter or the partner stats that
// reach one. A bad referral is a `bad-data` CrmError naming it at that read, on every read path, and
// is never handed out or silently left out. Moved here from the browser suite: none of it needs a DOM.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryAdapter, type MemorySeed } from '../../src/adapters/memory-adapter.js';
import { createDemoData } from '../../src/demo-data.js';
import { bulkReferralSchema } from '../../src/domain/bulk-referral.js';
import { ReferralSchema } from '../../src/domain/referral.js';
import { CrmError } from '../../src/errors.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Every page of an unfiltered listing, walked to the end. */
async function everyPage(adapter: MemoryAdapter, filter: Parameters<MemoryAdapter['listReferrals']>[0] = {}): Promise<number> {
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await adapter.listReferrals({ ...filter, pageSize: 1000, ...(cursor ? { cursor } : {}) });
    seen += page.referrals.length;
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

function assertNames(error: unknown, message: RegExp | string, field: string, label = ''): void {
  assert.ok(CrmError.is(error, 'bad-data'), `${label}: ${String(error)}`);
  if (typeof message === 'string') assert.ok(error.message.includes(message), `${label}: ${error.message}`);
  else assert.match(error.message, message, label);
  assert.ok(error.message.includes(field), `${label}: ${error.message}`);
  assert.ok(error.fieldErrors && field in error.fieldErrors, `${label}: ${JSON.stringify(error.fieldErrors)}`);
}

describe('MemoryAdapter seed validation', () => {
  it('refuses a bad partner when made, naming the record and the field', () => {
    const [first, ...rest] = contractSeed.partners;
    const error = (() => {
      try {
        return new MemoryAdapter({ ...contractSeed, partners: [...rest, { ...first!, id: 'p-broken', name: '' }] });
      } catch (e) {
        return e;
      }
    })();
    assertNames(error, 'p-broken', 'name');
  });

  it('refuses a bad statement when made, and a bad referral when it is read, naming them', async () => {
    const statements = contractSeed.statements ?? [];
    const badStatement = { ...statements[0]!, id: 'stm-bad', period: '2026-13' };
    assert.throws(() => new MemoryAdapter({ ...contractSeed, statements: [badStatement] }), (e: unknown) => CrmError.is(e, 'bad-data') && /stm-bad.*period/.test(e.message));
    const referrals = contractSeed.referrals ?? [];
    const badReferral = { ...referrals[0]!, id: 'ref-bad', prospect: { ...referrals[0]!.prospect, contactEmail: 'nope' } };
    const adapter = new MemoryAdapter({ ...contractSeed, referrals: [badReferral] });
    assertNames(await thrown(() => adapter.getReferral('ref-bad')), /ref-bad.*prospect\.contactEmail/, 'prospect.contactEmail');
    assertNames(await thrown(() => adapter.listReferrals()), /ref-bad.*prospect\.contactEmail/, 'prospect.contactEmail');
  });

  it('refuses two referrals with the same id or externalId when made', () => {
    const referrals = contractSeed.referrals ?? [];
    const sameId = { ...referrals[1]!, id: referrals[0]!.id };
    assert.throws(() => new MemoryAdapter({ ...contractSeed, referrals: [referrals[0]!, sameId] }), /ref-c01 is used twice/);
    const sameExternal = { ...referrals[1]!, externalId: referrals[0]!.externalId };
    assert.throws(() => new MemoryAdapter({ ...contractSeed, referrals: [referrals[0]!, sameExternal] }), /externalId/);
  });

  it('checks a referral whose index fields are not plain when made (no id, a submittedAt that is no date)', () => {
    const good = (contractSeed.referrals ?? [])[0]!;
    assert.throws(() => new MemoryAdapter({ ...contractSeed, referrals: [{ ...good, submittedAt: 'yesterday' }] }), (e: unknown) => CrmError.is(e, 'bad-data') && /Seed referral 0 \(ref-c01\).*submittedAt/.test(e.message));
    const { id: _id, ...noId } = good;
    assert.throws(() => new MemoryAdapter({ ...contractSeed, referrals: [noId as typeof good] }), (e: unknown) => CrmError.is(e, 'bad-data') && /Seed referral 0 \(no id\).*id/.test(e.message));
  });
});

describe('MemoryAdapter seed validation in bulk (checked per page, when first read)', () => {
  const bulk = createDemoData({ seed: 3, referrals: 3000 });

  it('refuses one bad referral among thousands, when read, with the error the schema gives it alone', async () => {
    const at = 1234;
    const bad = { ...bulk.referrals[at]!, prospect: { ...bulk.referrals[at]!.prospect, country: 'usa' } };
    const referrals = bulk.referrals.map((r, i) => (i === at ? bad : r));
    const adapter = new MemoryAdapter({ ...bulk, referrals });
    // Pages that do not hold it are handed out; the one that does is refused, every time it is asked for.
    const first = await adapter.listReferrals({ pageSize: 10 });
    assert.equal(first.referrals.length, 10);
    assert.ok(!first.referrals.some((r) => r.id === bad.id));
    const message = `Seed referral ${at} (${bad.id}) is not valid — prospect.country: Use a two-letter ISO 3166 country code, such as US`;
    for (const read of [() => everyPage(adapter), () => everyPage(adapter), () => adapter.getReferral(bad.id)]) {
      const error = await thrown(read);
      assert.ok(CrmError.is(error, 'bad-data'));
      assert.equal(error.message, message);
      assert.deepEqual(error.fieldErrors, { 'prospect.country': ['Use a two-letter ISO 3166 country code, such as US'] });
    }
  });

  it('refuses and names a bad record whichever rule it breaks, on every read path (the lazy path skips no check)', async () => {
    const at = 2345;
    const good = bulk.referrals[at]!;
    const cases: [string, unknown, string][] = [
      ['externalId', { ...good, externalId: 'not-a-uuid' }, 'externalId'],
      ['stage', { ...good, stage: 'won' }, 'stage'],
      ['version', { ...good, version: -1 }, 'version'],
      ['submittedAt', { ...good, submittedAt: '2026-02-30T10:00:00Z' }, 'submittedAt'],
      ['amount', { ...good, estimatedArr: { ...good.estimatedArr, amountMinor: 0 } }, 'estimatedArr.amountMinor'],
      ['currency', { ...good, estimatedArr: { ...good.estimatedArr, currency: 'usd1' } }, 'estimatedArr.currency'],
      ['email', { ...good, prospect: { ...good.prospect, contactEmail: 'a@b' } }, 'prospect.contactEmail'],
      ['company', { ...good, prospect: { ...good.prospect, company: '   ' } }, 'prospect.company'],
      ['seller', { ...good, seller: { ...good.seller, name: '' } }, 'seller.name'],
      ['notes', { ...good, notes: 'x'.repeat(4001) }, 'notes'],
      ['history', { ...good, stageHistory: [{ from: null, to: 'submitted', at: good.submittedAt, by: '' }] }, 'stageHistory.0.by'],
      ['consent', { ...good, consentToContact: 'yes' }, 'consentToContact'],
      ['closedAt', { ...good, closedAt: 'yesterday' }, 'closedAt'],
    ];
    const named = `Seed referral ${at} (${good.id}) is not valid`;
    for (const [rule, bad, field] of cases) {
      const referrals = bulk.referrals.map((r, i) => (i === at ? bad : r)) as MemorySeed['referrals'];
      // Made without reading it: the record is checked when something reaches it.
      const adapter = new MemoryAdapter({ ...bulk, referrals });
      const reads: [string, () => Promise<unknown>][] = [
        ['getReferral', () => adapter.getReferral(good.id)],
        ['every page', () => everyPage(adapter)],
        ['a filtered listing', () => everyPage(adapter, { partnerId: good.partnerId })],
        ['a text search', () => everyPage(adapter, { q: 'zzz-no-such-company' })],
        ['partner stats', () => adapter.getPartnerStats(good.partnerId)],
        ['a move', () => adapter.moveReferral(good.id, { to: 'accepted', expectedVersion: good.version })],
      ];
      for (const [path, read] of reads) assertNames(await thrown(read), named, field, `${rule} via ${path}`);
    }
  });

  it('hands out the good records of a seed with a bad one, and pages that do not reach it', async () => {
    const bad = { ...bulk.referrals[bulk.referrals.length - 1]!, stage: 'won' } as unknown as (typeof bulk.referrals)[number];
    const adapter = new MemoryAdapter({ ...bulk, referrals: [...bulk.referrals.slice(0, -1), bad] });
    const page = await adapter.listReferrals({ pageSize: 500 });
    assert.equal(page.referrals.length, 500);
    assert.equal(page.total, bulk.referrals.length);
    for (const referral of page.referrals) assert.ok(ReferralSchema.safeParse(referral).success);
    assert.equal((await adapter.getReferral(bulk.referrals[0]!.id)).id, bulk.referrals[0]!.id);
    assertNames(await thrown(() => everyPage(adapter)), `(${bad.id}) is not valid`, 'stage');
  });

  it('stores what the schema makes of each record (trimmed, upper-cased, defaults, unknown keys dropped)', async () => {
    const [first, ...rest] = bulk.referrals;
    const { existingCustomer: _dropped, ...withoutDefault } = first!;
    const loose = { ...withoutDefault, useCase: '  Analytics  ', extra: 'dropped', prospect: { ...first!.prospect, company: '  Acme  ', country: ' gb ' } };
    const adapter = new MemoryAdapter({ ...bulk, referrals: [loose, ...rest] });
    assert.deepEqual(await adapter.getReferral(first!.id), ReferralSchema.parse(loose));
    const listed = (await adapter.listReferrals({ pageSize: 5000 })).referrals.find((r) => r.id === first!.id)!;
    assert.deepEqual([listed.useCase, listed.prospect.company, listed.prospect.country, listed.existingCustomer, 'extra' in listed], ['Analytics', 'Acme', 'GB', false, false]);
  });

  it('the compiled bulk schema agrees with ReferralSchema on every record, valid or not, issues included', () => {
    const base = bulk.referrals[0]!;
    const broken: unknown[] = [
      { ...base, externalId: 'not-a-uuid' },
      { ...base, id: '' },
      { ...base, stage: 'won' },
      { ...base, version: 1.5 },
      { ...base, version: -1 },
      { ...base, submittedAt: '2026-02-30T10:00:00Z' },
      { ...base, closedAt: 'yesterday' },
      { ...base, estimatedArr: { amountMinor: 0, currency: 'USD' } },
      { ...base, estimatedArr: { amountMinor: 2 ** 53, currency: 'USD' } },
      { ...base, estimatedArr: { amountMinor: 100, currency: 'usd' } },
      { ...base, seller: { id: 's', name: '' } },
      { ...base, prospect: { ...base.prospect, contactEmail: 'a@b' } },
      { ...base, prospect: { ...base.prospect, company: '   ' } },
      { ...base, prospect: { ...base.prospect, website: 'not a site' } },
      { ...base, notes: 'x'.repeat(4001) },
      { ...base, consentToContact: 'yes' },
      { ...base, stageHistory: [{ from: null, to: 'submitted', at: base.submittedAt, by: '' }] },
      null,
      'a referral',
    ];
    const compiled = bulkReferralSchema();
    for (const record of [...bulk.referrals, ...broken]) {
      const fast = compiled.safeParse(record);
      const runtime = ReferralSchema.safeParse(record);
      assert.equal(fast.success, runtime.success, JSON.stringify(record)?.slice(0, 120));
      if (fast.success && runtime.success) assert.deepEqual(fast.data, runtime.data);
      else assert.deepEqual(fast.error?.issues, runtime.error?.issues);
    }
  });
});
