/**
 * The Salesforce backend of the gateway: the SalesforceAdapter (jsforce) server-side, one jsforce
 * Connection per signed-in user, so the org's sharing and field security apply to each request as
 * they would to that user. Users sign in with the OAuth 2.0 web-server flow with PKCE (and the
 * client secret when the app has one); their tokens stay in the gateway's session store, sealed
 * with AES-256-GCM (token-vault.ts), and never reach a browser. On a 401 the access token is
 * refreshed once (the refresh shared by concurrent calls, and by every gateway on the same Redis)
 * and the call retried once; signing out revokes the refresh token at the org.
 *
 * Live changes: what users write through the gateway (referrals created and moved) is reported to
 * the gateway's change feed (shared through Redis with every other gateway), and each listener gets
 * only the changes to referrals the org lets them read. Changes made in the org by other means
 * (Salesforce's own pages, Apex, integrations) are not reported: that needs Change Data Capture.
 */
import { randomBytes } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import { LRUCache } from 'lru-cache';
import { z } from '../src/domain/zod.js';
import type { CrmAdapter, CrmChange } from '../src/adapters/adapter.js';
import type { Referral } from '../src/domain/referral.js';
import { CrmError, parseRecord } from '../src/errors.js';
import { authorizationUrl, connectWithToken, createPkcePair, DEFAULT_API_VERSION, SalesforceAdapter, type ApiUsage, type RetryOptions, type SalesforceMappingInput } from '../src/salesforce/index.js';
import type { CrmSignIn, GatewayBackend } from './embedded.js';
import { MemorySessionStore, TokenVault, type SessionStore } from './token-vault.js';

export interface SalesforceBackendOptions {
  /** "https://login.salesforce.com", "https://test.salesforce.com" or the org's My Domain URL. */
  loginUrl: string;
  /** The External Client App's consumer key. */
  clientId: string;
  /** Its consumer secret; leave out for an app that uses PKCE alone. */
  clientSecret?: string;
  /** This gateway's `/api/v1/auth/callback` URL, registered as the app's callback URL. */
  callbackUrl: string;
  /** 32 bytes: seals the tokens at rest (AES-256-GCM). */
  tokenKey: Uint8Array;
  /** OAuth scopes (default "api refresh_token"). */
  scope?: string;
  apiVersion?: string;
  mapping?: SalesforceMappingInput;
  retry?: RetryOptions;
  /** How long a sign-in's tokens are kept (default 8 hours: the session's lifetime). */
  grantTtlSeconds?: number;
}

/** What the gateway keeps per sign-in (sealed): never sent to the browser. */
const GrantSchema = z.object({
  userId: z.string().check(z.minLength(1)),
  instanceUrl: z.string().check(z.minLength(1)),
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.optional(z.string().check(z.minLength(1))),
});
type Grant = z.infer<typeof GrantSchema>;
/** The org's token endpoint answer (the fields the gateway uses). */
const TokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  instance_url: z.string().check(z.minLength(1)),
  /** "https://…/id/<orgId>/<userId>" */
  id: z.string().check(z.regex(/\/id\/\w+\/\w+$/)),
  refresh_token: z.optional(z.string()),
});
const PendingSchema = z.object({ verifier: z.string(), returnTo: z.string() });
const PENDING_TTL_SECONDS = 600;
/** The longest one refresh may hold a sign-in's refresh lock (another gateway waits for it meanwhile). */
const REFRESH_LOCK_SECONDS = 15;
const REFRESH_POLL_MS = 50;

export interface SalesforceBackend extends GatewayBackend {
  readonly signIn: CrmSignIn;
  /** The org's latest reported API usage (`Sforce-Limit-Info`), across every signed-in user. */
  apiUsage(): ApiUsage | undefined;
}

export function salesforceBackend(options: SalesforceBackendOptions): SalesforceBackend {
  const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
  const grantTtl = options.grantTtlSeconds ?? 8 * 3600;
  const oauth = new OAuth2({
    loginUrl: options.loginUrl,
    clientId: options.clientId,
    ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
    redirectUri: options.callbackUrl,
  });
  let store: SessionStore = new MemorySessionStore();
  let vault = new TokenVault(options.tokenKey, store);
  let prefix = 'cosell:';
  const grantKey = (grant: string) => `${prefix}salesforce-grant:${grant}`;
  const refreshLockKey = (grant: string) => `${prefix}salesforce-refresh:${grant}`;
  const pendingKey = (state: string) => `${prefix}salesforce-sign-in:${state}`;
  const readGrant = async (grant: string): Promise<Grant | undefined> => {
    const record = await vault.read(grantKey(grant));
    const parsed = GrantSchema.safeParse(record);
    return parsed.success ? parsed.data : undefined;
  };
  const ended = () => new CrmError('auth', 'Your Salesforce session has ended. Sign in again.');

  // One adapter (and jsforce Connection) per sign-in, kept while it is used.
  const adapters = new LRUCache<string, { adapter: SalesforceAdapter; crm: CrmAdapter }>({ max: 2000, ttl: 3600_000, updateAgeOnGet: true });
  let lastUsage: ApiUsage | undefined;
  const refreshing = new Map<string, Promise<string>>();

  /** Exchange the refresh token for a new access token and keep it (the caller holds the sign-in's refresh lock). */
  const exchange = async (grant: string, record: Grant & { refreshToken: string }): Promise<string> => {
    let tokens;
    try {
      tokens = parseRecord(TokenResponseSchema, await oauth.refreshToken(record.refreshToken), { record: 'Salesforce token response', source: 'crm' });
    } catch (cause) {
      // invalid_grant: revoked or expired; the sign-in is over.
      await vault.delete(grantKey(grant));
      adapters.delete(grant);
      throw new CrmError('auth', 'Your Salesforce session has ended. Sign in again.', { cause });
    }
    await vault.write(grantKey(grant), { ...record, accessToken: tokens.access_token, instanceUrl: tokens.instance_url }, grantTtl);
    return tokens.access_token;
  };

  /**
   * A new access token for this sign-in, from one refresh however many calls and gateways meet the
   * 401: calls in this process share one promise; across gateways, the one that claims the
   * sign-in's refresh lock in the session store (Redis) refreshes, and the others wait for the new
   * token to appear in the vault rather than refreshing again.
   */
  const refreshShared = async (grant: string, staleToken: string | undefined): Promise<string> => {
    const giveUpAt = Date.now() + REFRESH_LOCK_SECONDS * 1000;
    for (;;) {
      const record = await readGrant(grant);
      if (!record) throw ended();
      if (record.accessToken !== staleToken) return record.accessToken;
      const { refreshToken } = record;
      if (!refreshToken) throw ended();
      if (await store.claim(refreshLockKey(grant), REFRESH_LOCK_SECONDS)) {
        try {
          // Read again: another gateway may have refreshed between the read above and the claim.
          const current = await readGrant(grant);
          if (!current) throw ended();
          if (current.accessToken !== staleToken) return current.accessToken;
          return await exchange(grant, { ...current, refreshToken: current.refreshToken ?? refreshToken });
        } finally {
          await store.delete(refreshLockKey(grant)).catch(() => undefined);
        }
      }
      if (Date.now() > giveUpAt) throw new CrmError('unavailable', 'Salesforce sign-in is being renewed. Retry shortly.', { retryAfter: 1 });
      await new Promise((resolve) => setTimeout(resolve, REFRESH_POLL_MS));
    }
  };
  const refresh = (grant: string, staleToken: string | undefined): Promise<string> => {
    let pending = refreshing.get(grant);
    if (!pending) {
      pending = refreshShared(grant, staleToken);
      refreshing.set(grant, pending);
      void pending.finally(() => refreshing.delete(grant)).catch(() => undefined);
    }
    return pending;
  };

  // Live changes: the writes made through this gateway, to its feed.
  const listeners = new Set<(change: CrmChange) => void>();
  const report = (type: 'referral-created' | 'referral-updated', referral: Referral): Referral => {
    for (const listener of [...listeners]) listener({ type, referral });
    return referral;
  };
  /** The adapter, with every successful write reported as a live change. */
  const reporting = (adapter: SalesforceAdapter): CrmAdapter => ({
    capabilities: adapter.capabilities,
    getCurrentUser: (o) => adapter.getCurrentUser(o),
    getPartner: (id, o) => adapter.getPartner(id, o),
    listPartners: (f, o) => adapter.listPartners(f, o),
    searchPartners: (q, f, o) => adapter.searchPartners(q, f, o),
    createReferral: async (input, o) => report('referral-created', await adapter.createReferral(input, o)),
    findDuplicateReferrals: (probe, o) => adapter.findDuplicateReferrals(probe, o),
    getReferral: (id, o) => adapter.getReferral(id, o),
    listReferrals: (r, o) => adapter.listReferrals(r, o),
    moveReferral: async (id, move, o) => report('referral-updated', await adapter.moveReferral(id, move, o)),
    moveReferrals: async (moves, o) => {
      const results = await adapter.moveReferrals(moves, o);
      for (const result of results) if (!(result instanceof CrmError)) report('referral-updated', result);
      return results;
    },
    listAgreements: (p, o) => adapter.listAgreements(p, o),
    listStatements: (q, o) => adapter.listStatements(q, o),
  });

  const adapterOf = async (userId: string, grant: string | undefined): Promise<CrmAdapter> => {
    if (!grant) throw ended();
    const cached = adapters.get(grant);
    if (cached) return cached.crm;
    const record = await readGrant(grant);
    if (!record || record.userId !== userId) throw ended();
    const connection = connectWithToken({ instanceUrl: record.instanceUrl, accessToken: record.accessToken, apiVersion });
    const adapter = new SalesforceAdapter({
      connection,
      apiVersion,
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      getAccessToken: () => refresh(grant, connection.accessToken ?? undefined),
    });
    const crm = reporting(adapter);
    adapters.set(grant, { adapter, crm });
    return crm;
  };

  const signIn: CrmSignIn = {
    async begin(returnTo) {
      const { verifier, challenge } = await createPkcePair();
      const state = randomBytes(24).toString('base64url');
      await vault.write(pendingKey(state), { verifier, returnTo }, PENDING_TTL_SECONDS);
      const scope = options.scope ?? 'api refresh_token';
      const url = authorizationUrl({ loginUrl: options.loginUrl, clientId: options.clientId, redirectUri: options.callbackUrl, scope }, challenge, state);
      return { url, state };
    },
    async complete(state, code) {
      const pending = PendingSchema.safeParse(await vault.take(pendingKey(state)));
      if (!pending.success) throw new CrmError('auth', 'This sign-in has expired or was already used. Sign in again.');
      let tokens;
      try {
        tokens = parseRecord(TokenResponseSchema, await oauth.requestToken(code, { code_verifier: pending.data.verifier }), { record: 'Salesforce token response', source: 'crm' });
      } catch (cause) {
        throw new CrmError('auth', 'Salesforce did not accept this sign-in. Sign in again.', { cause });
      }
      const userId = tokens.id.split('/').pop()!;
      const grant = randomBytes(24).toString('base64url');
      const record: Grant = {
        userId,
        instanceUrl: tokens.instance_url,
        accessToken: tokens.access_token,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      };
      await vault.write(grantKey(grant), record, grantTtl);
      return { userId, grant, returnTo: pending.data.returnTo };
    },
    async end(grant) {
      const record = await readGrant(grant);
      await vault.delete(grantKey(grant));
      adapters.delete(grant);
      // The refresh token: revoking it ends every access token issued from it.
      const token = record?.refreshToken ?? record?.accessToken;
      if (token) await oauth.revokeToken(token).catch(() => undefined);
    },
  };

  return {
    name: 'salesforce',
    // Whoever the org signed in; each call checks the sign-in is still there.
    hasUser: () => true,
    adapterFor: adapterOf,
    signIn,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // The org's sharing decides: the listener's own sign-in reads the referral (one call per change and listener).
    async maySee(_userId, referral, as) {
      if (!as) return false;
      try {
        await as.getReferral(referral.id);
        return true;
      } catch {
        return false;
      }
    },
    attachStore(given: SessionStore, keyPrefix: string) {
      store = given;
      vault = new TokenVault(options.tokenKey, given);
      prefix = keyPrefix;
    },
    apiUsage() {
      for (const { adapter } of adapters.values()) {
        const usage = adapter.apiUsage;
        if (usage && (!lastUsage || usage.at >= lastUsage.at)) lastUsage = usage;
      }
      return lastUsage;
    },
  };
}
