// A gateway with the Salesforce backend in front of the fake org, both on loopback ports, and a
// browser that signs in through the real redirects (gateway login → org authorize → org login page →
// org authorize → gateway callback) with its own cookie jar. Both servers are on 127.0.0.1, whose
// cookies a browser keeps per host, not per port: the org's `sid` and the gateway's cookies share a
// jar, as they would for two services on one host name.
import { createServer, type AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import makeFetchCookie from 'fetch-cookie';
import { EventSource } from 'eventsource';
import { createGateway, type GatewayOptions } from '../../../gateway/server.js';
import { salesforceBackend, type SalesforceBackend } from '../../../gateway/salesforce.js';
import type { SessionStore } from '../../../gateway/token-vault.js';
import { RestAdapter, type EventSourceConstructor } from '../../../src/rest/rest-adapter.js';
import { FakeSalesforceOrg } from '../../fixtures/salesforce/fake-org.js';
import { loadOrgAccess } from '../../fixtures/salesforce/org-access-files.js';
import { seedOrg, type DomainSeed, type SeededOrg } from '../../fixtures/salesforce/seed.js';
import { startFakeSalesforce, type FakeServer } from '../../fixtures/salesforce/server.js';
import { TEST_COOKIE_SECRET } from './gateway.js';
import type { FastifyInstance } from 'fastify';

export const TEST_CLIENT = { clientId: '3MVG9-cosell-gateway', clientSecret: 'a-consumer-secret' };
export const TEST_TOKEN_KEY = Buffer.alloc(32, 7);

export interface SalesforceGateway {
  url: string;
  app: FastifyInstance;
  org: FakeSalesforceOrg;
  orgServer: FakeServer;
  seeded: SeededOrg;
  backend: SalesforceBackend;
  /** The session store the gateway gave the backend (where the sealed tokens are). */
  store: SessionStore;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The fake org on a loopback port, seeded. */
export interface RunningOrg {
  org: FakeSalesforceOrg;
  orgServer: FakeServer;
  seeded: SeededOrg;
}

export async function startOrg(seed: DomainSeed): Promise<RunningOrg> {
  const org = new FakeSalesforceOrg({ multiCurrency: true, access: loadOrgAccess() });
  const orgServer = await startFakeSalesforce(org);
  org.instanceUrl = orgServer.url;
  return { org, orgServer, seeded: seedOrg(org, seed) };
}

/**
 * A gateway in front of its own fake org, or of `shared` (several gateways, one org: the org is
 * then the caller's to close). `callbackUrl` (default its own) is where the org sends the browser
 * back: another gateway's, as a load balancer would.
 */
export async function startSalesforceGateway(
  seed: DomainSeed,
  options: Partial<GatewayOptions> = {},
  shared?: RunningOrg,
  callbackUrl?: string,
): Promise<SalesforceGateway> {
  const { org, orgServer, seeded } = shared ?? (await startOrg(seed));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const callback = callbackUrl ?? `${url}/api/v1/auth/callback`;
  // One External Client App, each gateway's callback registered on it.
  const client = org.oauth.clients.find((c) => c.clientId === TEST_CLIENT.clientId);
  if (client) client.redirectUris.push(callback);
  else org.oauth.clients.push({ ...TEST_CLIENT, redirectUris: [callback] });
  const backend = salesforceBackend({ loginUrl: orgServer.url, ...TEST_CLIENT, callbackUrl: callback, tokenKey: TEST_TOKEN_KEY, retry: { baseDelayMs: 5 } });
  let store: SessionStore | undefined;
  const attach = backend.attachStore!.bind(backend);
  backend.attachStore = (given, prefix) => {
    store = given;
    attach(given, prefix);
  };
  const app = await createGateway({ cookieSecret: TEST_COOKIE_SECRET, rateLimitPerMinute: false, ...options, backend });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url, app, org, orgServer, seeded, backend, store: store!,
    close: async () => {
      await app.close();
      if (!shared) await orgServer.close();
    },
  };
}

/** What a browser received: every response, redirects included, with its headers and body. */
export interface Received {
  url: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** A browser: a cookie jar over a fetch that records every response it gets. */
export function recordingBrowser(): { fetch: typeof fetch; received: Received[] } {
  const received: Received[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const isStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    received.push({ url, status: response.status, headers: [...response.headers], body: isStream ? '' : await response.clone().text() });
    return response;
  };
  return { fetch: makeFetchCookie(recording), received };
}

/** Sign in as the org user with this username through every redirect; answers the session the gateway then returns. */
export async function signInThroughOrg(gateway: SalesforceGateway, browser: typeof fetch, username: string, landsOn = gateway.url): Promise<unknown> {
  const loginPage = await browser(`${gateway.url}/api/v1/auth/login?returnTo=${encodeURIComponent('/api/v1/session')}`);
  assert.equal(loginPage.status, 200);
  const page = new URL(loginPage.url);
  assert.equal(`${page.origin}${page.pathname}`, `${gateway.orgServer.url}/login`, 'the browser is at the org\'s login page');
  await loginPage.text();
  const signedIn = await browser(`${gateway.orgServer.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, startURL: page.searchParams.get('startURL') ?? '' }).toString(),
  });
  assert.equal(signedIn.status, 200, await signedIn.clone().text());
  assert.equal(signedIn.url, `${landsOn}/api/v1/session`, 'back on the gateway, signed in');
  return signedIn.json();
}

/** A RestAdapter in that browser (no partner stats: the Salesforce backend has none; live changes only when asked for). */
export function salesforceRestAdapter(gateway: SalesforceGateway, browser: typeof fetch, liveChanges = false): RestAdapter {
  return new RestAdapter({
    baseUrl: gateway.url, fetch: browser, liveChanges, partnerStats: false,
    ...(liveChanges ? { EventSource: EventSource as unknown as EventSourceConstructor } : {}),
  });
}
