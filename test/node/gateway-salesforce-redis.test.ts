// Scale-out with the Salesforce backend: two gateways in front of one (fake) org, sharing one real
// redis-server (started here on a loopback port). A browser signed in through one is served by the
// other without signing in again, a token refresh is done once for both, signing out on either
// revokes for both, and a referral written through one reaches live-change listeners on the other.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import type { CrmChange } from '../../src/adapters/adapter.js';
import { CSRF_HEADER } from '../../src/rest/contract.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { listenUntil, referralInput } from './support/gateway.js';
import { startRedis } from './support/redis.js';
import { recordingBrowser, salesforceRestAdapter, signInThroughOrg, startOrg, startSalesforceGateway, type RunningOrg, type SalesforceGateway } from './support/salesforce-gateway.js';

const CASEY = contractSeed.currentUser.email!;
/** seedOrg's usernames for the seed's sellers (no email in the seed). */
const SAM = 'usellersam@example.com';
const KIM = 'usellerkim@example.com';

const input = (n: number, partnerId: string, company: string) =>
  referralInput(`c0ffee00-0000-4000-8000-0000000e${String(n).padStart(4, '0')}`, company, partnerId);

describe('two Salesforce gateways on one Redis', { timeout: 60_000 }, () => {
  const stops: (() => Promise<void>)[] = [];
  let org: RunningOrg;
  let a: SalesforceGateway;
  let b: SalesforceGateway;
  let redis: Redis;
  let redisUrl: string;
  const refreshes = () => org.org.oauth.grants.filter((g) => g === 'refresh_token').length;
  const codeExchanges = () => org.org.oauth.grants.filter((g) => g === 'authorization_code').length;
  const grantsKept = async () => (await redis.keys('sf:salesforce-grant:*')).length;

  before(async () => {
    const server = await startRedis();
    stops.push(server.stop);
    redisUrl = server.url;
    redis = new Redis(server.url);
    stops.unshift(async () => void (await redis.quit()));
    org = await startOrg(contractSeed);
    stops.unshift(() => org.orgServer.close());
    for (const name of ['a', 'b'] as const) {
      const gateway = await startSalesforceGateway(contractSeed, { redisUrl: server.url, redisPrefix: 'sf:' }, org);
      stops.unshift(() => gateway.close());
      if (name === 'a') a = gateway;
      else b = gateway;
    }
  });
  after(async () => {
    for (const stop of stops) await stop();
  });

  /** Casey signed in through A; adapters on A and B in her browser, each having made one call. */
  async function caseyOnA() {
    const browser = recordingBrowser();
    const session = (await signInThroughOrg(a, browser.fetch, CASEY)) as { csrfToken: string; user: { id: string } };
    const onA = salesforceRestAdapter(a, browser.fetch);
    const onB = salesforceRestAdapter(b, browser.fetch);
    await onA.listPartners();
    await onB.listPartners();
    return { browser, session, onA, onB, casey: org.seeded.ids.get(contractSeed.currentUser.id)! };
  }

  it('serves on B a sign-in made through A, with no second sign-in, and keeps the tokens sealed in Redis', async () => {
    const exchanged = codeExchanges();
    const { browser, session, onB, casey } = await caseyOnA();
    assert.equal(session.user.id, casey);
    const me = await browser.fetch(`${b.url}/api/v1/session`);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { user: { id: string } }).user.id, casey);
    assert.equal((await onB.listReferrals({ pageSize: 4 })).referrals.length, 4);
    assert.equal(codeExchanges(), exchanged + 1, 'one authorization code exchanged: B asked for no sign-in');
    assert.ok(!browser.received.some((r) => r.url.startsWith(`${b.url}/api/v1/auth/`)), 'the browser never went through B\'s sign-in');
    // What Redis holds of the sign-in is sealed: no token in it.
    const values = await Promise.all((await redis.keys('sf:salesforce-grant:*')).map((key) => redis.get(key)));
    assert.ok(values.length >= 1);
    for (const value of values) {
      assert.match(value ?? '', /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      for (const token of org.org.oauth.issued) assert.ok(!(value ?? '').includes(token));
    }
  });

  it('completes on B a sign-in started on a third gateway (the load balancer sends the callback elsewhere): the PKCE verifier is in Redis', async () => {
    // C sends the org's answer to B's callback, as a load balancer in front of both would.
    const c = await startSalesforceGateway(contractSeed, { redisUrl: redisUrl, redisPrefix: 'sf:' }, org, `${b.url}/api/v1/auth/callback`);
    stops.unshift(() => c.close());
    const browser = recordingBrowser();
    const session = (await signInThroughOrg(c, browser.fetch, SAM, b.url)) as { user: { id: string; role: string } };
    assert.equal(session.user.role, 'seller');
    assert.ok(browser.received.some((r) => r.url.startsWith(`${b.url}/api/v1/auth/callback`) && r.status === 302), 'B took the callback');
    assert.equal((await browser.fetch(`${c.url}/api/v1/me`)).status, 200, 'and C serves the session B made');
  });

  it('refreshes an expired token once when both gateways meet the 401 at the same moment', async () => {
    const { onA, onB, casey } = await caseyOnA();
    const before = refreshes();
    for (const token of org.org.oauth.accessTokensOf(casey)) org.org.expireToken(token);
    const pages = await Promise.all([onA.listReferrals({ pageSize: 2 }), onB.listReferrals({ pageSize: 2 }), onA.listAgreements(), onB.listAgreements()]);
    assert.deepEqual(pages.slice(0, 2).map((p) => (p as { referrals: unknown[] }).referrals.length), [2, 2]);
    assert.equal(refreshes(), before + 1, 'one refresh served both gateways');
    assert.equal(org.org.oauth.accessTokensOf(casey).length, 1, 'one live access token');
  });

  it('uses on B the token A refreshed, without refreshing again', async () => {
    const { onA, onB, casey } = await caseyOnA();
    const before = refreshes();
    for (const token of org.org.oauth.accessTokensOf(casey)) org.org.expireToken(token);
    assert.equal((await onA.listReferrals({ pageSize: 1 })).referrals.length, 1);
    assert.equal(refreshes(), before + 1);
    // B's connection still holds the old token: the org refuses it, and B takes A's new one from Redis.
    assert.equal((await onB.listReferrals({ pageSize: 1 })).referrals.length, 1);
    assert.equal(refreshes(), before + 1, 'B did not refresh');
  });

  it('reads a user\'s partners from the org once for both gateways: the partner cache is shared through Redis', async () => {
    const { onA, onB } = await caseyOnA();
    const partnerQueries = () => org.org.calls({ path: /\/query$/ }).filter((c) => /\bFROM\s+\w*Partner__c\b/i.test(c.soql ?? '')).length;
    const before = partnerQueries();
    // A filter no earlier test read (the cache is per user and read, for 30 s).
    const filter = { market: 'DE' };
    const throughA = await onA.listPartners(filter);
    assert.equal(partnerQueries(), before + 1);
    const throughB = await onB.listPartners(filter);
    assert.deepEqual(throughB, throughA);
    assert.equal(partnerQueries(), before + 1, 'B answered from what A read');
    assert.ok((await redis.keys('sf:partners:*')).length >= 1);
  });

  it('revokes the tokens at the org and ends the session on both when signed out on B', async () => {
    const kept = await grantsKept();
    const { browser, session, onA, casey } = await caseyOnA();
    assert.equal(await grantsKept(), kept + 1);
    const refresh = org.org.oauth.issued.filter((t) => t.startsWith('5Aep')).at(-1)!;
    const access = org.org.oauth.accessTokensOf(casey).at(-1)!;
    assert.ok(org.org.oauth.refreshValid(refresh));
    const out = await browser.fetch(`${b.url}/api/v1/auth/logout`, { method: 'POST', headers: { [CSRF_HEADER]: session.csrfToken } });
    assert.equal(out.status, 204);
    assert.equal(org.org.oauth.refreshValid(refresh), false, 'the refresh token is revoked at the org');
    assert.equal(org.org.oauth.userOf(access), undefined, 'and the access token with it');
    assert.equal(await grantsKept(), kept, 'Redis keeps nothing of the sign-in');
    // A, which had served this browser (its connection cached), refuses it too.
    assert.equal((await browser.fetch(`${a.url}/api/v1/me`)).status, 401);
    assert.equal((await browser.fetch(`${b.url}/api/v1/me`)).status, 401);
    await assert.rejects(onA.listPartners());
  });

  it('brings a referral a seller creates through A to a manager listening on B, and not to another seller', async () => {
    const manager = recordingBrowser();
    const seller = recordingBrowser();
    const other = recordingBrowser();
    await signInThroughOrg(a, manager.fetch, CASEY);
    const sam = (await signInThroughOrg(a, seller.fetch, SAM)) as { user: { id: string } };
    const kim = (await signInThroughOrg(a, other.fetch, KIM)) as { user: { id: string } };
    const board = salesforceRestAdapter(b, manager.fetch, true);
    const kimsBoard = salesforceRestAdapter(b, other.fetch, true);
    const samOnA = salesforceRestAdapter(a, seller.fetch);
    const kimOnA = salesforceRestAdapter(a, other.fetch);
    const partner = (await samOnA.listPartners())[0]!;
    // B serves the Salesforce backend's live changes (an event stream, not "not supported").
    const stream = await manager.fetch(`${b.url}/api/v1/changes`, { headers: { accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    await stream.body?.cancel();

    const isCreated = (id: () => string | undefined) => (change: CrmChange) => change.type === 'referral-created' && change.referral.id === id();
    let samsId: string | undefined;
    let kimsId: string | undefined;
    const managerHears = listenUntil(board, isCreated(() => samsId));
    const kimHears = listenUntil(kimsBoard, isCreated(() => kimsId));
    try {
      await Promise.all([board.whenLive(), kimsBoard.whenLive()]);
      const created = await samOnA.createReferral(input(1, partner.id, 'Through A Ltd'));
      samsId = created.id;
      assert.equal(created.seller.id, sam.user.id);
      // Kim's own, after Sam's: once she hears it, she would have heard Sam's.
      const hers = await kimOnA.createReferral(input(2, partner.id, 'Kim Through A Ltd'));
      kimsId = hers.id;
      assert.equal(hers.seller.id, kim.user.id);
      // A change may arrive before its id is known here: look again in what was seen.
      const heardBy = (listening: typeof managerHears, id: string) =>
        listening.seen.some(isCreated(() => id)) ? Promise.resolve() : listening.heard.then(() => undefined);
      await heardBy(managerHears, created.id);
      await heardBy(kimHears, hers.id);
      assert.ok(managerHears.seen.some(isCreated(() => created.id)), 'the manager on B heard the referral made through A');
      const kimSaw = kimHears.seen.flatMap((c) => (c.type === 'reset' ? [] : [c.referral.id]));
      assert.ok(kimSaw.includes(hers.id));
      assert.ok(!kimSaw.includes(created.id), 'Kim does not hear of Sam\'s referral: the org does not share it with her');
    } finally {
      managerHears.stop();
      kimHears.stop();
    }
  });
});
