// Live changes: a change made through one session reaches a RestAdapter listening in another, over
// the gateway's Server-Sent Events; a stream reopened with Last-Event-ID gets what it missed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import type { CrmChange } from '../../src/adapters/adapter.js';
import { embeddedBackend } from '../../gateway/embedded.js';
import { browserAdapter, browserFetch, listenUntil, readEvents, referralInput, startGateway, type RunningGateway } from './support/gateway.js';

const input = referralInput;

describe('live changes over SSE', { timeout: 15_000 }, () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway(contractSeed);
  });
  after(() => gateway.close());

  it('reports a referral created and moved in another session to a listening RestAdapter', async () => {
    const board = browserAdapter(gateway.url);
    const seller = browserAdapter(gateway.url);
    assert.equal(board.capabilities.liveChanges, true);
    const { seen, heard: moved, stop } = listenUntil(board, (change) => change.type === 'referral-updated');
    try {
      await board.whenLive();
      const created = await seller.createReferral(input('c0ffee00-0000-4000-8000-00000000bb01', 'Live Wire Inc'));
      await seller.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 }).catch(() => undefined);
      await moved;
      assert.deepEqual(seen.map((c) => c.type), ['referral-created', 'referral-updated']);
      assert.equal(seen[0]!.type === 'referral-created' && seen[0]!.referral.id, created.id);
    } finally {
      stop();
    }
  });

  it('replays what a stream missed when it reconnects with Last-Event-ID, and resets on an unknown id', async () => {
    const f = browserFetch();
    await f(`${gateway.url}/api/v1/session`);
    const writer = browserAdapter(gateway.url);
    const open = (lastEventId?: string) =>
      f(`${gateway.url}/api/v1/changes`, { headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } });

    // First connection: wait for ready, then one change, and remember its id.
    const first = await open();
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/event-stream/);
    const one = writer.createReferral(input('c0ffee00-0000-4000-8000-00000000bb02', 'Missed Nothing Ltd'));
    const firstEvents = await readEvents(first, (events) => events.some((e) => e.event === 'change'));
    await one;
    const lastId = firstEvents.find((e) => e.event === 'change')!.id!;

    // Disconnected: two more changes happen.
    const a = await writer.createReferral(input('c0ffee00-0000-4000-8000-00000000bb03', 'While Away One'));
    const b = await writer.createReferral(input('c0ffee00-0000-4000-8000-00000000bb04', 'While Away Two'));

    const again = await open(lastId);
    const replayed = await readEvents(again, (events) => events.some((e) => e.event === 'ready'));
    const ids = replayed.filter((e) => e.event === 'change').map((e) => (JSON.parse(e.data) as { referral: { id: string } }).referral.id);
    assert.deepEqual(ids, [a.id, b.id]);

    const stranger = await open('someone-else.42');
    const reset = await readEvents(stranger, (events) => events.some((e) => e.event === 'ready'));
    assert.deepEqual(reset.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as unknown), [{ type: 'reset' }]);
  });

  it('refuses the stream without a session, as a problem document', async () => {
    const response = await fetch(`${gateway.url}/api/v1/changes`, { headers: { accept: 'text/event-stream' } });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('content-type') ?? '', /problem\+json/);
  });
});

describe('live changes per user: a stream carries only the referrals its user may see', { timeout: 15_000 }, () => {
  let gateway: RunningGateway;
  before(async () => {
    // A CRM whose sharing shows a seller only their own referrals (in the embedded data everyone sees all).
    const embedded = embeddedBackend(contractSeed);
    gateway = await startGateway(contractSeed, { backend: { ...embedded, maySee: (userId, referral) => referral.seller.id === userId } });
  });
  after(() => gateway.close());

  it("a seller's open board hears their own referrals and not another seller's", async () => {
    const signedIn = async (userId: string) => {
      const adapter = browserAdapter(gateway.url);
      await adapter.signInAsDemoUser(userId);
      return adapter;
    };
    // Each seller writes in one browser and watches the board in another: the board hears only the stream.
    const [sam, kim, samBoard, kimBoard] = await Promise.all(['u-seller-sam', 'u-seller-kim', 'u-seller-sam', 'u-seller-kim'].map(signedIn));
    const lastOf = (company: string) => (change: CrmChange) => change.type === 'referral-created' && change.referral.prospect.company === company;
    const samHears = listenUntil(samBoard!, lastOf('Sam Last'));
    const kimHears = listenUntil(kimBoard!, lastOf('Kim Last'));
    try {
      await Promise.all([samBoard!.whenLive(), kimBoard!.whenLive()]);
      await sam!.createReferral(input('c0ffee00-0000-4000-8000-00000000bc01', 'Sam First'));
      await kim!.createReferral(input('c0ffee00-0000-4000-8000-00000000bc02', 'Kim First'));
      await sam!.createReferral(input('c0ffee00-0000-4000-8000-00000000bc03', 'Sam Last'));
      await kim!.createReferral(input('c0ffee00-0000-4000-8000-00000000bc04', 'Kim Last'));
      await Promise.all([samHears.heard, kimHears.heard]);
      const companies = (seen: CrmChange[]) => seen.map((change) => (change.type === 'reset' ? 'reset' : change.referral.prospect.company));
      assert.deepEqual(companies(samHears.seen), ['Sam First', 'Sam Last']);
      assert.deepEqual(companies(kimHears.seen), ['Kim First', 'Kim Last']);
    } finally {
      samHears.stop();
      kimHears.stop();
    }
  });
});
