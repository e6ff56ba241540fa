// OAuth 2.0 web-server flow with PKCE against the fake org's authorize/token endpoints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { beginAuthorization, completeAuthorization, SalesforceAdapter, tokenProviderOf } from '../../src/salesforce/index.js';
import { CrmError } from '../../src/errors.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { startFakeSalesforce } from '../fixtures/salesforce/server.js';
import { PARTNERS } from '../fixtures/salesforce/harness.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

describe('OAuth web-server flow with PKCE', () => {
  it('keeps only the verifier in session storage, exchanges the code, and refreshes in memory', async () => {
    const org = new FakeSalesforceOrg();
    const server = await startFakeSalesforce(org);
    org.instanceUrl = server.url;
    try {
      const { userId } = seedOrg(org, { partners: PARTNERS });
      const storage = memoryStorage();
      const options = { clientId: '3MVG9-cosell', redirectUri: 'https://app.example.com/callback', loginUrl: server.url, storage };
      const url = new URL(await beginAuthorization(options));
      assert.equal(url.origin + url.pathname, `${server.url}/services/oauth2/authorize`);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(url.searchParams.get('response_type'), 'code');
      const stored = JSON.parse(storage.map.get('cosell.salesforce.pkce')!) as { verifier: string; state: string };
      assert.ok(stored.verifier.length >= 43);
      assert.equal(url.searchParams.get('state'), stored.state);
      assert.ok(!url.toString().includes(stored.verifier), 'the verifier never leaves the browser before the token call');

      // Salesforce shows its login page, then redirects back with a code for that challenge.
      const code = org.authorize(url.searchParams.get('code_challenge')!, userId);
      const connection = await completeAuthorization(options, `https://app.example.com/callback?code=${code}&state=${stored.state}`);
      assert.equal(storage.map.size, 0, 'the verifier is removed; no token is stored');
      assert.equal(connection.instanceUrl, server.url);
      const adapter = new SalesforceAdapter({ connection });
      assert.equal((await adapter.listPartners()).length, 2);

      // The session expires: the refresh token (in memory) gets a new access token, once.
      org.expireToken(connection.accessToken!);
      assert.ok(tokenProviderOf(connection));
      assert.equal((await adapter.listPartners()).length, 2);
    } finally {
      await server.close();
    }
  });

  it('refuses a callback whose state does not match, or a wrong verifier', async () => {
    const org = new FakeSalesforceOrg();
    const server = await startFakeSalesforce(org);
    try {
      const { userId } = seedOrg(org, {});
      const storage = memoryStorage();
      const options = { clientId: 'x', redirectUri: 'https://app.example.com/cb', loginUrl: server.url, storage };
      const url = new URL(await beginAuthorization(options));
      const code = org.authorize(url.searchParams.get('code_challenge')!, userId);
      await assert.rejects(completeAuthorization(options, `https://app.example.com/cb?code=${code}&state=forged`), (e: unknown) => CrmError.is(e, 'auth'));
      // A fresh authorization whose code was issued for another challenge: the token endpoint refuses the verifier.
      const again = new URL(await beginAuthorization(options));
      const wrong = org.authorize('not-the-challenge', userId);
      await assert.rejects(completeAuthorization(options, `https://app.example.com/cb?code=${wrong}&state=${again.searchParams.get('state')!}`), (e: unknown) => CrmError.is(e, 'auth'));
      await assert.rejects(completeAuthorization(options, 'https://app.example.com/cb?error=access_denied&error_description=end-user+denied'), (e: unknown) => CrmError.is(e, 'auth') && /denied/.test(e.message));
    } finally {
      await server.close();
    }
  });
});
