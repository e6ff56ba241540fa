import { expect } from '@open-wc/testing';
import { deleteDB, openDB } from 'idb';
import { MemoryAdapter, type MemorySeed } from '../../src/adapters/memory-adapter.js';
import { createDemoData } from '../../src/demo-data.js';
import { ReferralSchema, type Referral, type ReferralInput } from '../../src/domain/referral.js';
import { UNKNOWN_ACTOR } from '../../src/domain/stage-history.js';
import { CrmError } from '../../src/errors.js';
import { fingerprint, stateOf } from '../../src/adapters/memory/store.js';
import type { CrmChange } from '../../src/adapters/adapter.js';
import { contractSeed, runCrmAdapterContract } from '../contract/crm-adapter-contract.js';

runCrmAdapterContract('MemoryAdapter', (seed) => new MemoryAdapter(seed));

let dbCounter = 0;
const opened: MemoryAdapter[] = [];
const dbNames: string[] = [];

function uniqueDbName(): string {
  const name = `cosell-memory-test-${String(Date.now())}-${String(++dbCounter)}`;
  dbNames.push(name);
  return name;
}

function persistentAdapter(dbName: string, seed: MemorySeed = contractSeed): MemoryAdapter {
  const adapter = new MemoryAdapter(seed, { persistence: 'indexeddb', dbName });
  opened.push(adapter);
  return adapter;
}

function referralInput(company: string, externalId: string): ReferralInput {
  return {
    externalId,
    partnerId: 'p-alpha',
    prospect: { company, country: 'US', contactName: 'Jo Buyer', contactEmail: 'jo@example.com' },
    useCase: 'Screen pop',
    estimatedArr: { amountMinor: 1_200_000, currency: 'USD' },
    consentToContact: true,
    existingCustomer: false,
  };
}

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected an error');
}

/** An IndexedDB whose open fails, as in a private window or a locked-down browser. */
const failingIndexedDB = {
  open() {
    throw new DOMException('IndexedDB is disabled', 'SecurityError');
  },
} as unknown as IDBFactory;

describe('MemoryAdapter', () => {
  afterEach(async () => {
    for (const adapter of opened.splice(0)) await adapter.close();
    for (const name of dbNames.splice(0)) await deleteDB(name);
  });

  describe('IndexedDB persistence', () => {
    it('keeps a submitted referral and its move across a re-created adapter', async () => {
      const dbName = uniqueDbName();
      const first = persistentAdapter(dbName);
      await first.ready;
      expect(first.persistent).to.equal(true);
      const created = await first.createReferral(referralInput('Persisted Widgets Inc', '11111111-1111-4111-8111-111111111111'));
      const moved = await first.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
      const seedMove = await first.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 });
      await first.close();

      const second = persistentAdapter(dbName);
      await second.ready;
      expect(await second.getReferral(created.id)).to.deep.equal(moved);
      expect(await second.getReferral('ref-c01')).to.deep.equal(seedMove);
      const page = await second.listReferrals({ q: 'persisted widgets' });
      expect(page.referrals.map((r) => r.id)).to.deep.equal([created.id]);
    });

    it('keeps stage history, and reconstructs it for a referral saved before history was kept', async () => {
      const dbName = uniqueDbName();
      const first = persistentAdapter(dbName);
      const created = await first.createReferral(referralInput('Old Save Inc', '55555555-5555-4555-8555-555555555555'));
      const moved = await first.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
      const [lost] = await first.moveReferrals([{ id: moved.id, move: { to: 'closed-lost', expectedVersion: 1, reason: 'No budget' } }]);
      expect((lost as Referral).stageHistory?.map((c) => [c.from, c.to, c.by, c.reason])).to.deep.equal([
        [null, 'submitted', 'u-pm-casey', undefined],
        ['submitted', 'accepted', 'u-pm-casey', undefined],
        ['accepted', 'closed-lost', 'u-pm-casey', 'No budget'],
      ]);
      await first.close();

      const second = persistentAdapter(dbName);
      expect(await second.getReferral(created.id)).to.deep.equal(lost);
      await second.close();

      // What an older version saved: the same referral without stageHistory.
      const db = await openDB(dbName);
      const { stageHistory: _dropped, ...old } = (await db.get('referrals', created.id)) as Referral;
      await db.put('referrals', old);
      db.close();

      const third = persistentAdapter(dbName);
      const migrated = await third.getReferral(created.id);
      expect(migrated.stageHistory).to.deep.equal([
        { from: null, to: 'submitted', at: old.submittedAt, by: old.seller.id },
        { from: 'submitted', to: 'accepted', at: old.acceptedAt, by: UNKNOWN_ACTOR, inferred: true },
        { from: 'accepted', to: 'closed-lost', at: old.closedAt, by: UNKNOWN_ACTOR, inferred: true, reason: 'No budget' },
      ]);
      await third.close();
      // Saved back: the stored record now has its history.
      const reread = await openDB(dbName);
      expect(((await reread.get('referrals', created.id)) as Referral).stageHistory).to.deep.equal(migrated.stageHistory);
      reread.close();
    });

    it('starts clean when re-created over a different seed', async () => {
      const dbName = uniqueDbName();
      const first = persistentAdapter(dbName);
      const created = await first.createReferral(referralInput('Old Seed Inc', '99999999-9999-4999-8999-999999999999'));
      await first.close();

      const otherSeed = { ...contractSeed, referrals: (contractSeed.referrals ?? []).slice(1) };
      const second = persistentAdapter(dbName, otherSeed);
      expect(CrmError.is(await thrown(() => second.getReferral(created.id)), 'not-found')).to.equal(true);
      expect((await second.listReferrals()).total).to.equal(otherSeed.referrals.length);
      const fresh = await second.createReferral(referralInput('New Seed Inc', '99999999-9999-4999-8999-999999999998'));
      await second.close();

      const third = persistentAdapter(dbName, otherSeed);
      expect((await third.getReferral(fresh.id)).prospect.company).to.equal('New Seed Inc');
    });

    it('stays idempotent by externalId across a re-created adapter', async () => {
      const dbName = uniqueDbName();
      const request = referralInput('Once Only Ltd', '22222222-2222-4222-8222-222222222222');
      const first = persistentAdapter(dbName);
      const created = await first.createReferral(request);
      await first.close();

      const second = persistentAdapter(dbName);
      const again = await second.createReferral({ ...request });
      expect(again).to.deep.equal(created);
      expect((await second.listReferrals({ q: 'once only' })).total).to.equal(1);
    });

    it('reset() restores the seed, clears the saved copy and tells subscribers', async () => {
      const dbName = uniqueDbName();
      const adapter = persistentAdapter(dbName);
      const created = await adapter.createReferral(referralInput('Short Lived GmbH', '33333333-3333-4333-8333-333333333333'));
      await adapter.moveReferral('ref-c02', { to: 'qualified', expectedVersion: 2 });
      const changes: CrmChange['type'][] = [];
      adapter.subscribe((change) => changes.push(change.type));

      await adapter.reset();
      expect(changes).to.deep.equal(['reset']);
      expect(CrmError.is(await thrown(() => adapter.getReferral(created.id)), 'not-found')).to.equal(true);
      expect((await adapter.getReferral('ref-c02')).stage).to.equal('accepted');
      expect((await adapter.listReferrals()).total).to.equal(contractSeed.referrals?.length);
      await adapter.close();

      const reopened = persistentAdapter(dbName);
      expect(CrmError.is(await thrown(() => reopened.getReferral(created.id)), 'not-found')).to.equal(true);
      expect((await reopened.getReferral('ref-c02')).version).to.equal(2);
    });

    it('tells another tab on the same database about created and moved referrals', async () => {
      const dbName = uniqueDbName();
      const here = persistentAdapter(dbName);
      const there = persistentAdapter(dbName);
      await Promise.all([here.ready, there.ready]);
      const heard: CrmChange[] = [];
      let wake: () => void = () => undefined;
      there.subscribe((change) => {
        heard.push(change);
        wake();
      });
      const heardTwo = new Promise<void>((resolve) => (wake = () => heard.length >= 2 && resolve()));
      const created = await here.createReferral(referralInput('Two Tabs Ltd', '88888888-8888-4888-8888-888888888888'));
      await here.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
      await heardTwo;
      expect(heard.map((c) => c.type)).to.deep.equal(['referral-created', 'referral-updated']);
      const seen = await there.getReferral(created.id);
      expect(seen.stage).to.equal('accepted');
      expect(seen.version).to.equal(1);
      expect((await there.listReferrals({ q: 'two tabs' })).total).to.equal(1);
    });

    it('reset(seed) switches to another dataset', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const demo = createDemoData({ seed: 3, referrals: 40 });
      await adapter.reset(demo);
      expect((await adapter.listReferrals()).total).to.equal(40);
      expect((await adapter.getCurrentUser()).id).to.equal(demo.currentUser.id);
    });

    it('keeps working in memory when IndexedDB cannot be opened, and warns once', async () => {
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        const adapter = new MemoryAdapter(contractSeed, {
          persistence: 'indexeddb',
          dbName: uniqueDbName(),
          indexedDB: failingIndexedDB,
        });
        await adapter.ready;
        expect(adapter.persistent).to.equal(false);
        const created = await adapter.createReferral(referralInput('Offline Co', '44444444-4444-4444-8444-444444444444'));
        await adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
        expect((await adapter.getReferral(created.id)).version).to.equal(1);
        expect(warnings.length).to.equal(1);
        expect(String(warnings[0]?.[0])).to.match(/memory only/);
      } finally {
        console.warn = warn;
      }
    });

    it('reads a database an older version wrote with raw IndexedDB: version 2 without stage history, through idb', async () => {
      const dbName = uniqueDbName();
      const [seedReferral] = contractSeed.referrals ?? [];
      const { stageHistory: _none, ...old } = { ...ReferralSchema.parse(seedReferral), stage: 'accepted' as const, version: 1, acceptedAt: '2026-03-02T10:00:00.000Z', stageChangedAt: '2026-03-02T10:00:00.000Z' };
      // The format the hand-written upgrade made: 'referrals' (key path id) and 'meta' with the seed's fingerprint.
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName, 2);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('referrals', { keyPath: 'id' });
          request.result.createObjectStore('meta');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const tx = raw.transaction(['referrals', 'meta'], 'readwrite');
        tx.objectStore('referrals').put(old);
        tx.objectStore('meta').put(fingerprint(stateOf(contractSeed)), 'seed');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      raw.close();

      const adapter = persistentAdapter(dbName);
      await adapter.ready;
      expect(adapter.persistent).to.equal(true);
      const read = await adapter.getReferral(old.id);
      expect([read.stage, read.version]).to.deep.equal(['accepted', 1]);
      expect(read.stageHistory).to.deep.equal([
        { from: null, to: 'submitted', at: old.submittedAt, by: old.seller.id },
        { from: 'submitted', to: 'accepted', at: old.acceptedAt, by: UNKNOWN_ACTOR, inferred: true },
      ]);
    });

    it('upgrades a version 1 database (no seed fingerprint) to version 2 and starts clean over the seed', async () => {
      const dbName = uniqueDbName();
      const raw = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(dbName, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('referrals', { keyPath: 'id' }).put({ id: 'ref-from-v1', stage: 'won' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      raw.close();
      const adapter = persistentAdapter(dbName);
      await adapter.ready;
      expect(adapter.persistent).to.equal(true);
      expect(CrmError.is(await thrown(() => adapter.getReferral('ref-from-v1')), 'not-found')).to.equal(true);
      const created = await adapter.createReferral(referralInput('After Upgrade Ltd', '77777777-7777-4777-8777-777777777777'));
      await adapter.close();
      const db = await openDB(dbName);
      expect([db.version, [...db.objectStoreNames].sort(), ((await db.get('referrals', created.id)) as Referral).id]).to.deep.equal([2, ['meta', 'referrals'], created.id]);
      db.close();
    });

    it('steps aside when another tab opens a newer version (blocking), and keeps working in memory', async () => {
      const dbName = uniqueDbName();
      const warn = console.warn;
      const warnings: unknown[] = [];
      console.warn = (...args: unknown[]) => void warnings.push(args[0]);
      try {
        const adapter = persistentAdapter(dbName);
        await adapter.ready;
        expect(adapter.persistent).to.equal(true);
        // Opening version 3 succeeds only if this adapter's connection closes (otherwise it is blocked).
        const newer = await openDB(dbName, 3);
        newer.close();
        expect(adapter.persistent).to.equal(false);
        expect(String(warnings[0])).to.match(/upgraded.*memory only/);
        expect((await adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 })).version).to.equal(1);
        // A database newer than this code cannot be opened (VersionError): in memory, no failure.
        const older = persistentAdapter(dbName);
        await older.ready;
        expect(older.persistent).to.equal(false);
      } finally {
        console.warn = warn;
      }
    });

    it('is not persistent without persistence, and says nothing', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      await adapter.ready;
      expect(adapter.persistent).to.equal(false);
    });
  });

  describe('stage history', () => {
    it('records the submission, and every move and batch move with who, when and why', async () => {
      let tick = Date.parse('2026-11-02T09:00:00Z');
      const adapter = new MemoryAdapter(contractSeed, { now: () => new Date((tick += 60_000)) });
      const created = await adapter.createReferral(referralInput('History Co', '66666666-6666-4666-8666-666666666666'));
      expect(created.stageHistory).to.deep.equal([{ from: null, to: 'submitted', at: created.submittedAt, by: 'u-pm-casey' }]);
      const accepted = await adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
      const [rejected] = await adapter.moveReferrals([{ id: created.id, move: { to: 'rejected', expectedVersion: 1, reason: 'Too small' } }]);
      const history = (rejected as Referral).stageHistory!;
      expect(history.slice(1)).to.deep.equal([
        { from: 'submitted', to: 'accepted', at: accepted.stageChangedAt, by: 'u-pm-casey' },
        { from: 'accepted', to: 'rejected', at: (rejected as Referral).stageChangedAt, by: 'u-pm-casey', reason: 'Too small' },
      ]);
      expect((await adapter.getReferral(created.id)).stageHistory).to.deep.equal(history);
    });

    it('a failed move adds nothing to the history', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const before = await adapter.getReferral('ref-c02');
      const [result] = await adapter.moveReferrals([{ id: 'ref-c02', move: { to: 'qualified', expectedVersion: 99 } }]);
      expect(CrmError.is(result, 'conflict')).to.equal(true);
      expect(await adapter.getReferral('ref-c02')).to.deep.equal(before);
    });
  });

  describe('a retried move', () => {
    it('that landed returns the referral as saved, once; after anyone else’s change it is a conflict', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const before = await adapter.getReferral('ref-c02');
      const move = { to: 'qualified' as const, expectedVersion: before.version };
      const first = await adapter.moveReferral('ref-c02', move);
      const changes: string[] = [];
      const off = adapter.subscribe((change) => changes.push(change.type));
      // The answer was lost; the person presses again with the same move.
      const again = await adapter.moveReferral('ref-c02', move);
      expect(again).to.deep.equal(first);
      expect(again.stageHistory!.filter((c) => c.to === 'qualified')).to.have.length(1);
      const [inBatch] = await adapter.moveReferrals([{ id: 'ref-c02', move }]);
      expect(inBatch).to.deep.equal(first);
      off();
      expect(changes, 'a retry that changed nothing announces nothing').to.deep.equal([]);
      // A different move from the same old version is still a conflict.
      const [other] = await adapter.moveReferrals([{ id: 'ref-c02', move: { to: 'rejected', expectedVersion: before.version, reason: 'No' } }]);
      expect(CrmError.is(other, 'conflict')).to.equal(true);
      // After another step, the old move is a conflict too.
      await adapter.moveReferral('ref-c02', { to: 'proposal', expectedVersion: first.version });
      const [stale] = await adapter.moveReferrals([{ id: 'ref-c02', move }]);
      expect(CrmError.is(stale, 'conflict')).to.equal(true);
    });
  });

  // Seed validation (made, and lazily per read) is in test/node/memory-adapter-seed.test.ts.

  describe('roles', () => {
    it('lets a seller submit but not move, nor see revenue share', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      adapter.setCurrentUser('u-seller-sam');
      const created = await adapter.createReferral(referralInput('Seller Made Inc', '55555555-5555-4555-8555-555555555555'));
      expect(created.seller.id).to.equal('u-seller-sam');
      const move = await thrown(() => adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 }));
      expect(CrmError.is(move, 'permission')).to.equal(true);
      expect((await adapter.getReferral(created.id)).version).to.equal(0);
      expect(CrmError.is(await thrown(() => adapter.listStatements({ from: '2026-01', to: '2026-12' })), 'permission')).to.equal(true);
    });

    it('keeps a partner manager to the partners they manage', async () => {
      const adapter = new MemoryAdapter({
        ...contractSeed,
        currentUser: { id: 'u-pm-beta', name: 'Bea Manager', role: 'partner-manager', partnerIds: ['p-beta'] },
      });
      const statements = await adapter.listStatements({ from: '2026-01', to: '2026-12' });
      expect([...new Set(statements.map((s) => s.partnerId))]).to.deep.equal(['p-beta']);
      const move = await thrown(() => adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 }));
      expect(CrmError.is(move, 'permission')).to.equal(true);
      expect((await adapter.moveReferral('ref-c03', { to: 'proposal', expectedVersion: 2 })).version).to.equal(3);
    });
  });

  describe('more behaviour', () => {
    it('hands out frozen records: changing one throws and nothing stored changes', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const referral = await adapter.getReferral('ref-c01');
      expect(() => {
        (referral as { stage: string }).stage = 'closed-won';
      }).to.throw(TypeError);
      expect(() => {
        (referral.prospect as { company: string }).company = 'Changed';
      }).to.throw(TypeError);
      const page = await adapter.listReferrals({ q: 'northwind' });
      expect(() => {
        page.referrals[0]!.version = 99;
      }).to.throw(TypeError);
      const partner = await adapter.getPartner('p-alpha');
      expect(() => partner.markets.push('JP')).to.throw(TypeError);
      const again = await adapter.getReferral('ref-c01');
      expect(again.stage).to.equal('submitted');
      expect(again.prospect.company).to.equal('Northwind Traders Inc');
      expect(again.version).to.equal(0);
      expect((await adapter.getPartner('p-alpha')).markets).to.deep.equal(['US', 'GB']);
      // A move stores a new record; the one handed out before keeps what it said.
      const moved = await adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 });
      expect(moved.stage).to.equal('accepted');
      expect(referral.stage).to.equal('submitted');
    });

    it('rejects a cursor it did not give out with validation', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const error = await thrown(() => adapter.listReferrals({ cursor: 'garbage' }));
      expect(CrmError.is(error, 'validation')).to.equal(true);
    });

    it('does not repeat or skip referrals when one is created between pages', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const first = await adapter.listReferrals({ pageSize: 4 });
      await adapter.createReferral(referralInput('Between Pages Inc', '66666666-6666-4666-8666-666666666666'));
      const seen = [...first.referrals];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await adapter.listReferrals({ pageSize: 4, cursor });
        seen.push(...page.referrals);
        cursor = page.nextCursor;
      }
      const seedIds = (contractSeed.referrals ?? []).map((r) => r.id).sort();
      expect(seen.map((r) => r.id).sort()).to.deep.equal(seedIds);
    });

    it('answers a repeated filter afresh after a move', async () => {
      const adapter = new MemoryAdapter(contractSeed);
      const before = await adapter.listReferrals({ stages: ['submitted'] });
      expect(before.referrals.map((r) => r.id)).to.include('ref-c01');
      await adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 });
      const after = await adapter.listReferrals({ stages: ['submitted'] });
      expect(after.total).to.equal((before.total ?? 0) - 1);
      expect(after.referrals.map((r) => r.id)).not.to.include('ref-c01');
      expect((await adapter.listReferrals({ stages: ['accepted'] })).referrals.map((r) => r.id)).to.include('ref-c01');
    });

    it('cancels a slow call when its signal aborts', async () => {
      const adapter = new MemoryAdapter(contractSeed, { latencyMs: 200 });
      const controller = new AbortController();
      const pending = thrown(() => adapter.listPartners({}, { signal: controller.signal }));
      controller.abort();
      expect((await pending as Error).name).to.equal('AbortError');
    });

    it('uses the given clock for new referrals and the duplicate window', async () => {
      const adapter = new MemoryAdapter(contractSeed, { now: () => new Date('2026-03-15T12:00:00.000Z') });
      const created = await adapter.createReferral(referralInput('Clockwork Ltd', '77777777-7777-4777-8777-777777777777'));
      expect(created.submittedAt).to.equal('2026-03-15T12:00:00.000Z');
      const found = await adapter.findDuplicateReferrals({ company: 'Fabrikam', withinDays: 60 });
      expect(found.map((r) => r.id)).to.deep.equal(['ref-c03']);
    });

    it('by default finds duplicates submitted up to DUPLICATE_WINDOW_DAYS (180) days ago, not a millisecond more', async () => {
      let now = new Date('2026-03-15T12:00:00.000Z');
      const adapter = new MemoryAdapter(contractSeed, { now: () => now });
      const created = await adapter.createReferral(referralInput('Window Edge GmbH', '88888888-8888-4888-8888-888888888888'));
      now = new Date('2026-09-11T12:00:00.000Z'); // 180 calendar days later
      expect((await adapter.findDuplicateReferrals({ company: 'Window Edge GmbH' })).map((r) => r.id)).to.deep.equal([created.id]);
      now = new Date('2026-09-11T12:00:00.001Z');
      expect(await adapter.findDuplicateReferrals({ company: 'Window Edge GmbH' })).to.deep.equal([]);
    });

    it('filters 10,000 demo referrals exactly', async () => {
      const demo = createDemoData({ seed: 7, referrals: 10_000 });
      const adapter = new MemoryAdapter(demo);
      const expected = demo.referrals.filter(
        (r) => r.stage === 'closed-won' && r.prospect.country === 'US' && r.submittedAt >= '2025-06-01',
      );
      const page = await adapter.listReferrals({ stages: ['closed-won'], market: 'US', submittedFrom: '2025-06-01', pageSize: 10_000 });
      expect(expected.length).to.be.greaterThan(100);
      expect(page.total).to.equal(expected.length);
      expect(page.referrals.map((r) => r.id).sort()).to.deep.equal(expected.map((r) => r.id).sort());
    });
  });
});
