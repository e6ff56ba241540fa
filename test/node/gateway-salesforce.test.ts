// The gateway's Salesforce backend against the fake org: sign-in through the real OAuth redirects,
// tokens that never reach the browser and are sealed at rest, one refresh on a 401, revocation on
// sign-out, each user seeing what the org's sharing lets them, and the start-up configuration.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { loadConfig, GatewayConfigError } from '../../gateway/config.js';
import { MemorySessionStore } from '../../gateway/token-vault.js';
import { CSRF_HEADER } from '../../src/rest/contract.js';
import { CrmError } from '../../src/errors.js';
import { recordingBrowser, salesforceRestAdapter, signInThroughOrg, startSalesforceGateway, type SalesforceGateway } from './support/salesforce-gateway.js';

const running: SalesforceGateway[] = [];
after(() => Promise.all(running.map((gateway) => gateway.close())));
const CASEY = contractSeed.currentUser.email!;
/** seedOrg's username for the seed's Sam Seller (no email in the seed). */
const SAM = 'usellersam@example.com';

async function start(): Promise<SalesforceGateway> {
  const gateway = await startSalesforceGateway(contractSeed);
  running.push(gateway);
  return gateway;
}

/** Casey signed in, her adapter having made one call; her org user id. */
async function caseySignedIn() {
  const gateway = await start();
  const browser = recordingBrowser();
  const session = (await signInThroughOrg(gateway, browser.fetch, CASEY)) as { csrfToken: string };
  const adapter = salesforceRestAdapter(gateway, browser.fetch);
  await adapter.listPartners();
  return { gateway, browser, session, adapter, casey: gateway.seeded.ids.get(contractSeed.currentUser.id)! };
}

describe('gateway with the Salesforce backend', () => {
  it('signs in through the org and never sends a token to the browser', async () => {
    const gateway = await start();
    const browser = recordingBrowser();
    const session = (await signInThroughOrg(gateway, browser.fetch, CASEY)) as { user: { id: string; name: string; role: string } };
    assert.equal(session.user.id, gateway.seeded.ids.get(contractSeed.currentUser.id));
    assert.equal(session.user.role, 'partner-manager');
    const adapter = salesforceRestAdapter(gateway, browser.fetch);
    assert.equal((await adapter.listPartners()).length, contractSeed.partners.length);
    const page = await adapter.listReferrals({ pageSize: 5 });
    assert.equal(page.referrals.length, 5);
    // The calls reached the org as Casey, with a token the gateway holds.
    assert.ok(gateway.org.calls({ path: /\/query$/ }).length > 0);
    const issued = gateway.org.oauth.issued;
    assert.ok(issued.length >= 2, 'an access and a refresh token were issued');
    const fromGateway = browser.received.filter((r) => r.url.startsWith(gateway.url));
    assert.ok(fromGateway.length >= 4, 'login, callback, session and the API calls');
    for (const response of fromGateway) {
      const text = `${response.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${response.body}`;
      for (const token of issued) assert.ok(!text.includes(token), `${response.url} carries a token`);
      assert.ok(!/"(access_token|refresh_token)"/.test(text), `${response.url} has a token response`);
    }
    // The session cookie is HttpOnly and SameSite=Lax.
    const callback = fromGateway.find((r) => r.url.includes('/auth/callback'))!;
    const cookie = callback.headers.find(([k, v]) => k === 'set-cookie' && v.startsWith('cosell_session='));
    assert.match(cookie?.[1] ?? '', /HttpOnly/);
    assert.match(cookie?.[1] ?? '', /SameSite=Lax/);
  });

  it('keeps the tokens sealed at rest (AES-256-GCM), not in plaintext', async () => {
    const gateway = await start();
    const browser = recordingBrowser();
    await signInThroughOrg(gateway, browser.fetch, CASEY);
    assert.ok(gateway.store instanceof MemorySessionStore);
    const raw = gateway.store.rawValues();
    assert.ok(raw.length >= 1, 'the sign-in is kept');
    for (const value of raw) {
      assert.match(value, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      for (const token of gateway.org.oauth.issued) assert.ok(!value.includes(token));
      assert.ok(!Buffer.from(value.split('.')[3]!, 'base64url').toString('latin1').includes('00DDn'));
    }
  });

  it('refreshes an expired access token once, and the calls succeed', async () => {
    const { gateway, adapter, casey } = await caseySignedIn();
    const before = gateway.org.oauth.accessTokensOf(casey);
    assert.equal(before.length, 2, 'the seed\'s token and the sign-in\'s');
    for (const token of before) gateway.org.expireToken(token);
    // Two calls at once both meet the 401: one refresh serves both.
    const [page, agreements] = await Promise.all([adapter.listReferrals({ pageSize: 3 }), adapter.listAgreements('p-nobody-' + 'x')]);
    assert.equal(page.referrals.length, 3);
    assert.deepEqual(agreements, []);
    assert.equal(gateway.org.oauth.grants.filter((g) => g === 'refresh_token').length, 1);
    assert.equal(gateway.org.oauth.accessTokensOf(casey).length, 1);
    assert.equal((await adapter.listReferrals({ pageSize: 3 })).referrals.length, 3);
    assert.equal(gateway.org.oauth.grants.filter((g) => g === 'refresh_token').length, 1, 'no refresh while the new token works');
  });

  it('ends the sign-in when the refresh token is revoked at the org: 401, and sign in again', async () => {
    const { gateway, adapter, casey } = await caseySignedIn();
    const refresh = gateway.org.oauth.issued.find((t) => t.startsWith('5Aep'))!;
    await gateway.org.handle({ method: 'POST', url: '/services/oauth2/revoke', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${refresh}` });
    for (const token of gateway.org.oauth.accessTokensOf(casey)) gateway.org.expireToken(token);
    await assert.rejects(adapter.listReferrals({ pageSize: 1 }), (e: unknown) => CrmError.is(e, 'auth'));
  });

  it('revokes the tokens at the org on sign-out, and the org then refuses them', async () => {
    const { gateway, browser, session, casey } = await caseySignedIn();
    const refresh = gateway.org.oauth.issued.find((t) => t.startsWith('5Aep'))!;
    const access = gateway.org.oauth.accessTokensOf(casey).at(-1)!;
    assert.ok(gateway.org.oauth.refreshValid(refresh));

    // Without the CSRF token, sign-out is refused and changes nothing.
    const forged = await browser.fetch(`${gateway.url}/api/v1/auth/logout`, { method: 'POST' });
    assert.equal(forged.status, 403);
    assert.ok(gateway.org.oauth.refreshValid(refresh));

    const out = await browser.fetch(`${gateway.url}/api/v1/auth/logout`, { method: 'POST', headers: { [CSRF_HEADER]: session.csrfToken } });
    assert.equal(out.status, 204);
    assert.equal(gateway.org.oauth.refreshValid(refresh), false);
    assert.equal(gateway.org.oauth.userOf(access), undefined);
    const direct = await fetch(`${gateway.orgServer.url}/services/data/v64.0/query?q=SELECT+Id+FROM+Partner__c`, { headers: { authorization: `Bearer ${access}` } });
    assert.equal(direct.status, 401, 'the org refuses the revoked token');
    assert.deepEqual(gateway.store instanceof MemorySessionStore ? gateway.store.rawValues() : [], [], 'nothing of the sign-in is kept');
    const me = await browser.fetch(`${gateway.url}/api/v1/me`);
    assert.equal(me.status, 401);
  });

  it('runs each request as its own user: a seller sees only what the org\'s sharing lets him', async () => {
    const gateway = await start();
    const manager = recordingBrowser();
    const seller = recordingBrowser();
    await signInThroughOrg(gateway, manager.fetch, CASEY);
    const sam = (await signInThroughOrg(gateway, seller.fetch, SAM)) as { user: { id: string; role: string } };
    assert.equal(sam.user.role, 'seller');
    const all = await salesforceRestAdapter(gateway, manager.fetch).listReferrals({ pageSize: 100 });
    const his = await salesforceRestAdapter(gateway, seller.fetch).listReferrals({ pageSize: 100 });
    const seeded = contractSeed.referrals ?? [];
    const samsInSeed = seeded.filter((r) => r.seller.id === 'u-seller-sam').length;
    assert.equal(all.referrals.length, seeded.length);
    assert.ok(samsInSeed > 0 && samsInSeed < seeded.length);
    assert.equal(his.referrals.length, samsInSeed);
    assert.ok(his.referrals.every((r) => r.seller.id === sam.user.id));
    // A referral of Kim's is not there for Sam, even by id.
    const kims = all.referrals.find((r) => r.seller.id !== sam.user.id)!;
    await assert.rejects(salesforceRestAdapter(gateway, seller.fetch).getReferral(kims.id), (e: unknown) => CrmError.is(e, 'not-found'));
  });

  it('exposes the org\'s API usage (Sforce-Limit-Info) on /metrics', async () => {
    const { gateway, adapter } = await caseySignedIn();
    await adapter.listReferrals({ pageSize: 2 });
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.match(text, new RegExp(`^cosell_crm_api_requests_used ${gateway.org.apiUsed}$`, 'm'));
    assert.match(text, new RegExp(`^cosell_crm_api_requests_limit ${gateway.org.apiLimit}$`, 'm'));
  });

  it('refuses a callback whose state this browser did not start, and a demo sign-in', async () => {
    const gateway = await start();
    const browser = recordingBrowser();
    const forged = await browser.fetch(`${gateway.url}/api/v1/auth/callback?code=aPrxforged&state=forged`);
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as { reason: string }).reason, 'sign-in-state');
    const denied = await browser.fetch(`${gateway.url}/api/v1/auth/callback?error=access_denied&error_description=end-user+denied`);
    assert.equal(denied.status, 401);
    const session = await browser.fetch(`${gateway.url}/api/v1/session`);
    assert.equal(session.status, 401);
    assert.match(((await session.json()) as { detail: string }).detail, /auth\/login/);
    const away = await browser.fetch(`${gateway.url}/api/v1/auth/login?returnTo=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    assert.equal(away.status, 422);
  });
});

describe('COSELL_BACKEND=salesforce configuration', () => {
  const secret = 'x'.repeat(32);
  it('names every missing setting', () => {
    assert.throws(
      () => loadConfig({ COSELL_BACKEND: 'salesforce', COSELL_COOKIE_SECRET: secret }),
      (e: unknown) =>
        e instanceof GatewayConfigError &&
        ['COSELL_SALESFORCE_LOGIN_URL', 'COSELL_SALESFORCE_CLIENT_ID', 'COSELL_SALESFORCE_CALLBACK_URL', 'COSELL_TOKEN_KEY'].every((name) => e.message.includes(name)) &&
        !e.message.includes('COSELL_SALESFORCE_CLIENT_SECRET'),
    );
    assert.throws(() => loadConfig({ COSELL_BACKEND: 'salesforce' }), /COSELL_COOKIE_SECRET/);
  });

  it('refuses a token key that is not 32 bytes and a login URL that is not one', () => {
    const env = {
      COSELL_BACKEND: 'salesforce', COSELL_COOKIE_SECRET: secret, COSELL_SALESFORCE_CLIENT_ID: 'id',
      COSELL_SALESFORCE_CALLBACK_URL: 'https://gw.example/api/v1/auth/callback',
    };
    assert.throws(() => loadConfig({ ...env, COSELL_SALESFORCE_LOGIN_URL: 'login.salesforce.com', COSELL_TOKEN_KEY: 'short' }), (e: unknown) =>
      e instanceof GatewayConfigError && /COSELL_TOKEN_KEY/.test(e.message) && /COSELL_SALESFORCE_LOGIN_URL/.test(e.message));
  });

  it('reads a complete configuration, with or without a client secret', () => {
    const config = loadConfig({
      COSELL_BACKEND: 'salesforce', COSELL_COOKIE_SECRET: secret, COSELL_SALESFORCE_LOGIN_URL: 'https://login.salesforce.com',
      COSELL_SALESFORCE_CLIENT_ID: '3MVG9', COSELL_SALESFORCE_CALLBACK_URL: 'https://gw.example/api/v1/auth/callback',
      COSELL_TOKEN_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    assert.equal(config.backend, 'salesforce');
    assert.equal(config.salesforce?.clientSecret, undefined);
    assert.equal(config.salesforce?.tokenKey.length, 32);
  });
});
