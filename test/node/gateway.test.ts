// The gateway over HTTP on a loopback port: sessions, CSRF, origins, and bad input, each refused with
// its own RFC 9457 problem document and changing nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { CrmError } from '../../src/errors.js';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { CSRF_HEADER, problemType, ProblemSchema } from '../../src/rest/contract.js';
import { embeddedBackend, type GatewayBackend } from '../../gateway/embedded.js';
import { GatewayConfigError, loadConfig } from '../../gateway/config.js';
import { browserFetch, startGateway, type RunningGateway } from './support/gateway.js';

const referral = (externalId: string, overrides: Record<string, unknown> = {}) => ({
  externalId,
  partnerId: 'p-alpha',
  prospect: { company: 'Blue Yonder Airlines Inc', country: 'US', contactName: 'Jo Buyer', contactEmail: 'jo@blueyonder.example.com' },
  useCase: 'Screen pop',
  estimatedArr: { amountMinor: 2_400_000, currency: 'USD' },
  consentToContact: true,
  ...overrides,
});

/** A simulated browser: its own cookies, and the CSRF token its session handed out. */
async function signedIn(gateway: RunningGateway): Promise<{ call: (path: string, init?: RequestInit) => Promise<Response>; csrfToken: string }> {
  const f = browserFetch();
  const call = (path: string, init: RequestInit = {}) => f(`${gateway.url}/api/v1${path}`, init);
  const session = (await (await call('/session')).json()) as { csrfToken: string };
  return { call, csrfToken: session.csrfToken };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function problem(response: Response, status: number, kind: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = ProblemSchema.parse(await response.json());
  assert.equal(body.type, problemType(kind as 'validation'));
  assert.equal(body.status, status);
  return body;
}

async function referralCount(call: (path: string) => Promise<Response>): Promise<number> {
  return ((await (await call('/referrals?pageSize=1')).json()) as { total: number }).total;
}

describe('the gateway', () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway(contractSeed, { allowedOrigins: ['https://intranet.example'], bodyLimit: 4096 });
  });
  after(() => gateway.close());

  it('starts a demo session as a signed, HttpOnly, SameSite=Lax cookie, and hands out a CSRF token', async () => {
    const response = await fetch(`${gateway.url}/api/v1/session`);
    assert.equal(response.status, 200);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('cosell_session='));
    assert.ok(session, cookies.join('\n'));
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.match(decodeURIComponent(session.split(';')[0]!), /"u":"u-pm-casey".*\.[A-Za-z0-9+/_-]+$/, 'signed');
    const body = (await response.json()) as { user: { id: string }; csrfToken: string };
    assert.equal(body.user.id, contractSeed.currentUser.id);
    assert.ok(body.csrfToken.length > 10);
  });

  it('refuses a call without a session as auth, and a forged session cookie the same way', async () => {
    await problem(await fetch(`${gateway.url}/api/v1/partners`), 401, 'auth');
    const forged = encodeURIComponent(JSON.stringify({ u: 'u-pm-casey', iat: Math.floor(Date.now() / 1000) }));
    const body = await problem(await fetch(`${gateway.url}/api/v1/me`, { headers: { cookie: `cosell_session=${forged}.bad` } }), 401, 'auth');
    assert.equal(body.reason, 'no-session');
  });

  it('refuses a write without the CSRF header, or with a wrong one, and creates nothing', async () => {
    const { call, csrfToken } = await signedIn(gateway);
    const before = await referralCount(call);
    const missing = await problem(await call('/referrals', post(referral('c0ffee00-0000-4000-8000-00000000aa01'))), 403, 'permission');
    assert.equal(missing.reason, 'csrf');
    const wrong = await problem(
      await call('/referrals', post(referral('c0ffee00-0000-4000-8000-00000000aa01'), { [CSRF_HEADER]: `${csrfToken}x` })),
      403,
      'permission',
    );
    assert.equal(wrong.reason, 'csrf');
    assert.equal(await referralCount(call), before);
    // The same write with the token goes through.
    const ok = await call('/referrals', post(referral('c0ffee00-0000-4000-8000-00000000aa01'), { [CSRF_HEADER]: csrfToken }));
    assert.equal(ok.status, 201);
    assert.match(ok.headers.get('location') ?? '', /^\/api\/v1\/referrals\/.+/);
    assert.equal(await referralCount(call), before + 1);
  });

  it('answers bad input with a validation problem naming each field, unknown fields included, and changes nothing', async () => {
    const { call, csrfToken } = await signedIn(gateway);
    const before = await referralCount(call);
    const body = referral('c0ffee00-0000-4000-8000-00000000aa02', {
      prospect: { company: 'Acme', country: 'US', contactName: 'Jo', contactEmail: 'not-an-email', shoeSize: 44 },
      estimatedArr: { amountMinor: 'lots', currency: 'USD' },
      sneaky: true,
    });
    const bad = await problem(await call('/referrals', post(body, { [CSRF_HEADER]: csrfToken })), 422, 'validation');
    assert.deepEqual(Object.keys(bad.fieldErrors ?? {}).sort(), ['estimatedArr.amountMinor', 'prospect.contactEmail', 'prospect.shoeSize', 'sneaky']);
    assert.deepEqual(bad.fieldErrors?.sneaky, ['Unknown field']);
    assert.equal(await referralCount(call), before);

    const query = await problem(await call('/referrals?pageSize=lots&stages=won&colour=red'), 422, 'validation');
    assert.deepEqual(Object.keys(query.fieldErrors ?? {}).sort(), ['colour', 'pageSize', 'stages.0']);
  });

  it('answers unreadable JSON, a body over the limit and a wrong media type with their own problems', async () => {
    const { call, csrfToken } = await signedIn(gateway);
    const before = await referralCount(call);
    const json = await problem(await call('/referrals', post('{"externalId":', { [CSRF_HEADER]: csrfToken })), 400, 'validation');
    assert.equal(json.reason, 'invalid-json');
    const big = await problem(
      await call('/referrals', post(referral('c0ffee00-0000-4000-8000-00000000aa03', { notes: 'x'.repeat(5000) }), { [CSRF_HEADER]: csrfToken })),
      413,
      'validation',
    );
    assert.equal(big.reason, 'body-too-large');
    const text = await problem(
      await call('/referrals', { method: 'POST', headers: { 'content-type': 'text/plain', [CSRF_HEADER]: csrfToken }, body: 'hello' }),
      415,
      'validation',
    );
    assert.equal(text.reason, 'media-type');
    assert.equal(await referralCount(call), before);
  });

  it('refuses pages on origins not on the list, and lets listed ones in with credentials', async () => {
    const { call } = await signedIn(gateway);
    const refused = await problem(await call('/partners', { headers: { origin: 'https://evil.example' } }), 403, 'permission');
    assert.equal(refused.reason, 'origin');
    const allowed = await call('/partners', { headers: { origin: 'https://intranet.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://intranet.example');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
  });

  it('answers an unknown route and an unknown record with not-found problems', async () => {
    const { call } = await signedIn(gateway);
    await problem(await call('/nothing-here'), 404, 'not-found');
    const missing = await problem(await call('/referrals/ref-missing'), 404, 'not-found');
    assert.match(missing.detail ?? '', /ref-missing/);
  });

  it('makes one referral of the same submission sent twice at once', async () => {
    const { call, csrfToken } = await signedIn(gateway);
    const before = await referralCount(call);
    const body = referral('c0ffee00-0000-4000-8000-00000000aa04');
    const [a, b] = await Promise.all([call('/referrals', post(body, { [CSRF_HEADER]: csrfToken })), call('/referrals', post(body, { [CSRF_HEADER]: csrfToken }))]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as { id: string }[];
    assert.equal(ra!.id, rb!.id);
    assert.equal(await referralCount(call), before + 1);
  });

  it('sends a conflict with the current record, which RestAdapter hands back as CrmError details', async () => {
    const adapter = new RestAdapter({ baseUrl: gateway.url, fetch: browserFetch() });
    const current = await adapter.getReferral('ref-c03');
    const error = await adapter.moveReferral('ref-c03', { to: 'proposal', expectedVersion: current.version + 1 }).catch((e: unknown) => e);
    assert.ok(CrmError.is(error, 'conflict'), String(error));
    assert.deepEqual(error.details, current);
  });
});

describe('the gateway over time and under load', () => {
  it('refuses an expired session with its own reason, and RestAdapter starts a new demo session', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const gateway = await startGateway(contractSeed, { sessionTtlSeconds: 3600, now: () => now });
    try {
      const f = browserFetch();
      await f(`${gateway.url}/api/v1/session`);
      assert.equal((await f(`${gateway.url}/api/v1/me`)).status, 200);
      now += 3601 * 1000;
      const expired = await problem(await f(`${gateway.url}/api/v1/me`), 401, 'auth');
      assert.equal(expired.reason, 'session-expired');
      const adapter = new RestAdapter({ baseUrl: gateway.url, fetch: f });
      assert.equal((await adapter.getCurrentUser()).id, contractSeed.currentUser.id);
    } finally {
      await gateway.close();
    }
  });

  it('answers past the rate limit with 429, Retry-After and a rate-limit problem', async () => {
    const gateway = await startGateway(contractSeed, { rateLimitPerMinute: 3 });
    try {
      const f = browserFetch();
      const adapter = new RestAdapter({ baseUrl: gateway.url, fetch: f });
      await adapter.listPartners(); // session + partners: 2 requests
      await adapter.listPartners(); // 3
      const response = await f(`${gateway.url}/api/v1/partners`);
      await problem(response, 429, 'rate-limit');
      assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
      // A wait longer than RestAdapter's limit reaches the caller, with the wait in retryAfter.
      const error = await adapter.listPartners().catch((e: unknown) => e);
      assert.ok(CrmError.is(error, 'rate-limit'), String(error));
      assert.ok((error.retryAfter ?? 0) > 5, String(error.retryAfter));
    } finally {
      await gateway.close();
    }
  });

  it('retries a read after a 503 whose Retry-After is short; a move (it carries its expected version) up to the attempts, then says so', async () => {
    const embedded = embeddedBackend(contractSeed);
    let failures = 0;
    let reads = 0;
    const flaky: GatewayBackend = {
      ...embedded,
      adapterFor: (userId) => {
        const adapter = embedded.adapterFor(userId);
        const unavailable = () => new CrmError('unavailable', 'The CRM is down for a moment', { retryAfter: 0 });
        return {
          ...adapter,
          listPartners: (filter, options) => {
            if (reads++ > 0) return adapter.listPartners(filter, options);
            failures++;
            return Promise.reject(unavailable());
          },
          moveReferral: () => {
            failures++;
            return Promise.reject(unavailable());
          },
        };
      },
    };
    const gateway = await startGateway(contractSeed, { backend: flaky });
    try {
      const adapter = new RestAdapter({ baseUrl: gateway.url, fetch: browserFetch(), retry: { attempts: 3 } });
      assert.equal((await adapter.listPartners()).length, 3);
      assert.deepEqual([failures, reads], [1, 2], 'one failure, then the retry succeeded');
      const error = await adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: 0 }).catch((e: unknown) => e);
      assert.ok(CrmError.is(error, 'unavailable'), String(error));
      assert.equal(error.retryAfter, 0);
      assert.equal(error.gaveUp, 'move');
      assert.equal(failures, 1 + 3, 'the move was tried the configured three times');
    } finally {
      await gateway.close();
    }
  });
});

describe('gateway probes and metrics', () => {
  it('answers /healthz and /readyz, and /readyz 503 naming the check when the backend does not answer', async () => {
    const embedded = embeddedBackend(contractSeed);
    let reachable = true;
    const backend: GatewayBackend = { ...embedded, ready: () => (reachable ? Promise.resolve() : Promise.reject(new Error('the CRM refused the connection'))) };
    const gateway = await startGateway(contractSeed, { backend, rateLimitPerMinute: 1 });
    try {
      const health = await fetch(`${gateway.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', backend: 'embedded' });
      const ready = await fetch(`${gateway.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', checks: { backend: 'ok' } });
      reachable = false;
      const unready = await fetch(`${gateway.url}/readyz`);
      assert.equal(unready.status, 503, 'probes are not rate-limited either: the limit here is 1 a minute');
      assert.deepEqual(await unready.json(), { status: 'unready', checks: { backend: 'the CRM refused the connection' } });
    } finally {
      await gateway.close();
    }
  });

  it('counts requests and their latency by route on /metrics, in Prometheus text', async () => {
    const gateway = await startGateway(contractSeed);
    try {
      const adapter = new RestAdapter({ baseUrl: gateway.url, fetch: browserFetch() });
      await adapter.listPartners();
      await adapter.listPartners();
      const response = await fetch(`${gateway.url}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await response.text();
      const count = (route: string) =>
        text
          .split('\n')
          .filter((line) => line.startsWith('cosell_gateway_request_duration_seconds_count{') && line.includes(`route="${route}"`))
          .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      assert.equal(count('/api/v1/partners'), 2);
      assert.equal(count('/api/v1/session'), 1);
      assert.match(text, /cosell_gateway_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/partners"/);
      assert.match(text, /^process_cpu_user_seconds_total /m);
    } finally {
      await gateway.close();
    }
  });
});

describe('gateway configuration', () => {
  it('starts with nothing configured: embedded data on 127.0.0.1:8787, a secret made for the process', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.backend, 'memory');
    assert.equal(config.cookieSecretGenerated, true);
    assert.ok(config.cookieSecret.length >= 32);
  });

  it('takes REDIS_URL as a redis:// or rediss:// URL, and nothing else', () => {
    assert.equal(loadConfig({}).redisUrl, undefined);
    assert.equal(loadConfig({ REDIS_URL: 'redis://:pw@cache.internal:6379/2' }).redisUrl, 'redis://:pw@cache.internal:6379/2');
    assert.equal(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380' }).redisUrl, 'rediss://cache.internal:6380');
    assert.throws(() => loadConfig({ REDIS_URL: 'cache.internal:6379' }), /REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('names each variable that is wrong', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty', COSELL_COOKIE_SECRET: 'short' }), (error: unknown) => {
      assert.ok(error instanceof GatewayConfigError);
      assert.match(error.message, /PORT/);
      assert.match(error.message, /COSELL_COOKIE_SECRET/);
      return true;
    });
    assert.throws(() => loadConfig({ COSELL_ALLOWED_ORIGINS: 'https://ok.example,https://bad.example/' }), /COSELL_ALLOWED_ORIGINS: https:\/\/bad\.example\//);
  });
});
