// Scale-out: two gateways on one Redis (a real redis-server on a loopback port, started here) share
// sessions, rate limits and live changes, so either can answer any browser behind a load balancer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CSRF_HEADER } from '../../src/rest/contract.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { embeddedBackend } from '../../gateway/embedded.js';
import { browserAdapter, browserFetch, listenUntil, readEvents, referralInput, startGateway, type RunningGateway } from './support/gateway.js';
import { cookiesOf, freePort, startRedis, type RunningRedis } from './support/redis.js';

const input = (n: number, company: string) => referralInput(`c0ffee00-0000-4000-8000-0000000d${String(n).padStart(4, '0')}`, company);

describe('two gateways on one Redis', { timeout: 30_000 }, () => {
  const stops: (() => Promise<void>)[] = [];
  let redis: RunningRedis;
  let a: RunningGateway;
  let b: RunningGateway;
  before(async () => {
    const server = await startRedis();
    stops.push(server.stop);
    redis = server;
    // One CRM behind both (as one Salesforce org is): each gateway hears its changes.
    const backend = embeddedBackend(contractSeed);
    for (const name of ['a', 'b'] as const) {
      const gateway = await startGateway(contractSeed, { backend, redisUrl: redis.url, rateLimitPerMinute: 10_000, readyTimeoutMs: 500 });
      stops.unshift(() => gateway.close());
      if (name === 'a') a = gateway;
      else b = gateway;
    }
  });
  after(async () => {
    for (const stop of stops) await stop();
  });

  it('takes a session made on one on the other, and ends it on both when signed out on either', async () => {
    const started = await fetch(`${a.url}/api/v1/session`);
    assert.equal(started.status, 200);
    const { csrfToken } = (await started.json()) as { csrfToken: string };
    const cookie = cookiesOf(started);

    const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { id: string }).id, contractSeed.currentUser.id);
    const created = await fetch(`${b.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', [CSRF_HEADER]: csrfToken },
      body: JSON.stringify(input(1, 'Either Gateway Ltd')),
    });
    assert.equal(created.status, 201);

    const signedOut = await fetch(`${b.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, [CSRF_HEADER]: csrfToken } });
    assert.equal(signedOut.status, 204);
    // The same cookie, replayed on the other gateway after sign-out: refused.
    const replayed = await fetch(`${a.url}/api/v1/me`, { headers: { cookie } });
    assert.equal(replayed.status, 401);
  });

  it('brings a change made through one to a RestAdapter listening on the other', async () => {
    const board = browserAdapter(b.url);
    const seller = browserAdapter(a.url);
    const { seen, heard: moved, stop } = listenUntil(board, (change) => change.type === 'referral-updated');
    try {
      await board.whenLive();
      const created = await seller.createReferral(input(2, 'Fan Out Inc'));
      await seller.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 }).catch(() => undefined);
      await moved;
      const mine = seen.filter((c) => c.type !== 'reset' && c.referral.id === created.id);
      assert.deepEqual(mine.map((c) => c.type), ['referral-created', 'referral-updated']);
    } finally {
      stop();
    }
  });

  it('sends each change once on the wire though both gateways heard it from the CRM', async () => {
    const f = browserFetch();
    await f(`${b.url}/api/v1/session`);
    const stream = await f(`${b.url}/api/v1/changes`, { headers: { accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    const writer = browserAdapter(a.url);
    const created = await writer.createReferral(input(7, 'Said Once Ltd'));
    await writer.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
    const last = await writer.createReferral(input(8, 'The Last Word Ltd'));
    const idOf = (data: string) => (JSON.parse(data) as { referral?: { id: string } }).referral?.id;
    const events = await readEvents(stream, (so) => so.some((e) => e.event === 'change' && idOf(e.data) === last.id));
    const mine = events.filter((e) => e.event === 'change' && idOf(e.data) === created.id).map((e) => (JSON.parse(e.data) as { type: string }).type);
    assert.deepEqual(mine, ['referral-created', 'referral-updated']);
  });

  it('replays on one what a stream on the other missed, from its Last-Event-ID', async () => {
    const f = browserFetch();
    await f(`${a.url}/api/v1/session`);
    const writer = browserAdapter(a.url);
    const open = (url: string, lastEventId?: string) =>
      f(`${url}/api/v1/changes`, { headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } });

    const first = await open(a.url);
    assert.equal(first.status, 200);
    const one = writer.createReferral(input(3, 'Seen On A Ltd'));
    const firstEvents = await readEvents(first, (events) => events.some((e) => e.event === 'change'));
    await one;
    const lastId = firstEvents.find((e) => e.event === 'change')!.id!;

    const x = await writer.createReferral(input(4, 'While Away One'));
    const y = await writer.createReferral(input(5, 'While Away Two'));
    const again = await open(b.url, lastId);
    const replayed = await readEvents(again, (events) => events.some((e) => e.event === 'ready'));
    const ids = replayed.filter((e) => e.event === 'change').map((e) => (JSON.parse(e.data) as { referral: { id: string } }).referral.id);
    assert.deepEqual(ids, [x.id, y.id]);
  });

  it('counts one rate limit across both', async () => {
    const remaining = async (url: string) => Number((await fetch(`${url}/api/v1/openapi.json`)).headers.get('x-ratelimit-remaining'));
    const first = await remaining(a.url);
    assert.ok(Number.isInteger(first) && first > 0);
    assert.equal(await remaining(b.url), first - 1);
    assert.equal(await remaining(a.url), first - 2);
  });

  it('refuses a client over the limit on the other gateway too', async () => {
    // A pair with a limit of 3 a minute, on their own keys.
    const backend = embeddedBackend(contractSeed);
    const [c, d] = [
      await startGateway(contractSeed, { backend, redisUrl: redis.url, redisPrefix: 'limits:', rateLimitPerMinute: 3 }),
      await startGateway(contractSeed, { backend, redisUrl: redis.url, redisPrefix: 'limits:', rateLimitPerMinute: 3 }),
    ];
    stops.unshift(() => c.close(), () => d.close());
    const statuses = [];
    for (const url of [c.url, d.url, c.url, d.url]) statuses.push((await fetch(`${url}/api/v1/openapi.json`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  it('fans out through Redis when each gateway has a CRM of its own (one embedded backend per process)', async () => {
    const [c, d] = [
      await startGateway(contractSeed, { redisUrl: redis.url, redisPrefix: 'apart:' }),
      await startGateway(contractSeed, { redisUrl: redis.url, redisPrefix: 'apart:' }),
    ];
    stops.unshift(() => c.close(), () => d.close());
    const board = browserAdapter(d.url);
    const { heard, stop } = listenUntil(board, (change) => change.type === 'referral-created');
    try {
      await board.whenLive();
      const created = await browserAdapter(c.url).createReferral(input(6, 'Only On C Ltd'));
      const change = await heard;
      assert.equal(change.type === 'referral-created' && change.referral.id, created.id);
    } finally {
      stop();
    }
  });

  // Last: it stops Redis.
  it('is ready while Redis answers; once it stops, not ready (503, naming Redis) and sessions answer 503 with Retry-After', async () => {
    const started = await fetch(`${a.url}/api/v1/session`);
    const cookie = cookiesOf(started);
    const ready = await fetch(`${a.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', checks: { backend: 'ok', redis: 'ok' } });
    await redis.stop();
    const unready = await fetch(`${a.url}/readyz`);
    assert.equal(unready.status, 503);
    const body = (await unready.json()) as { status: string; checks: { backend: string; redis: string } };
    assert.equal(body.status, 'unready');
    assert.equal(body.checks.backend, 'ok');
    assert.notEqual(body.checks.redis, 'ok');
    assert.equal((await fetch(`${a.url}/healthz`)).status, 200, 'the process is still up');
    const me = await fetch(`${a.url}/api/v1/me`, { headers: { cookie } });
    assert.equal(me.status, 503);
    assert.match(me.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(me.headers.get('retry-after'), '5');
    assert.equal(((await me.json()) as { type: string }).type, 'urn:cosell:problem:unavailable');
  });
});

describe('a gateway whose Redis does not answer', () => {
  it('does not start, naming REDIS_URL and the host but not the password', async () => {
    const port = await freePort();
    await assert.rejects(
      startGateway(contractSeed, { redisUrl: `redis://:hunter2-secret@127.0.0.1:${port}` }),
      (error: Error) => error.message === `REDIS_URL: no Redis answers at 127.0.0.1:${port}`,
    );
  });
});
