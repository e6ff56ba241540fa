/**
 * Ways to get a jsforce Connection for SalesforceAdapter. Tokens live in memory only (never in
 * localStorage); the PKCE code verifier is the one thing kept, in sessionStorage, across the redirect.
 */
import { Connection, OAuth2 } from 'jsforce';
import { CrmError } from '../errors.js';
import type { AccessTokenProvider } from './client.js';

export const DEFAULT_API_VERSION = '64.0';

const tokenProviders = new WeakMap<Connection, AccessTokenProvider>();

/** The `getAccessToken()` registered for this connection by one of the helpers below, if any. */
export function tokenProviderOf(connection: Connection): AccessTokenProvider | undefined {
  return tokenProviders.get(connection);
}

export interface TokenConnectionOptions {
  /** "https://mydomain.my.salesforce.com" (or a same-origin proxy path in a dev server). */
  instanceUrl: string;
  accessToken: string;
  apiVersion?: string;
}

/** A connection from an instance URL and an access token the host already has. */
export function connectWithToken({ instanceUrl, accessToken, apiVersion = DEFAULT_API_VERSION }: TokenConnectionOptions): Connection {
  return new Connection({ instanceUrl, accessToken, version: apiVersion });
}

export interface TokenProviderConnectionOptions {
  instanceUrl: string;
  /** Called now, and again (once per failure) when Salesforce answers 401 INVALID_SESSION_ID. */
  getAccessToken: AccessTokenProvider;
  apiVersion?: string;
}

/** A connection whose token comes from the host, asked again when the session expires. */
export async function connectWithTokenProvider(options: TokenProviderConnectionOptions): Promise<Connection> {
  const accessToken = await options.getAccessToken();
  const connection = connectWithToken({ instanceUrl: options.instanceUrl, accessToken, apiVersion: options.apiVersion });
  tokenProviders.set(connection, options.getAccessToken);
  return connection;
}

export interface OAuthOptions {
  /** The External Client App's consumer key. */
  clientId: string;
  /** Where Salesforce sends the user back (registered as the app's callback URL). */
  redirectUri: string;
  /** "https://login.salesforce.com", "https://test.salesforce.com" or the org's My Domain URL. */
  loginUrl?: string;
  scope?: string;
  apiVersion?: string;
  /** Defaults to window.sessionStorage. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const VERIFIER_KEY = 'cosell.salesforce.pkce';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function storageOf(options: OAuthOptions): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const storage = options.storage ?? globalThis.sessionStorage;
  if (!storage) throw new TypeError('OAuth with PKCE needs sessionStorage (or pass `storage`).');
  return storage;
}

/** PKCE pair: a 64-byte random verifier and its S256 challenge (Web Crypto, browser and Node). */
export async function createPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(64)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

/**
 * Step 1 of the OAuth 2.0 web-server flow with PKCE: returns the authorization URL to send the
 * user to. The verifier and a random state are kept in sessionStorage until the callback.
 */
export async function beginAuthorization(options: OAuthOptions): Promise<string> {
  const { verifier, challenge } = await createPkcePair();
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  storageOf(options).setItem(VERIFIER_KEY, JSON.stringify({ verifier, state }));
  return authorizationUrl(options, challenge, state);
}

/** The authorization URL of the web-server flow for this PKCE challenge and state (browser or server). */
export function authorizationUrl(options: Pick<OAuthOptions, 'clientId' | 'redirectUri' | 'loginUrl' | 'scope'>, challenge: string, state: string): string {
  const oauth = new OAuth2({ loginUrl: options.loginUrl, clientId: options.clientId, redirectUri: options.redirectUri });
  const url = new URL(oauth.authzServiceUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    ...(options.scope ? { scope: options.scope } : {}),
  }).toString();
  return url.toString();
}

/**
 * Step 2, on the redirect page: exchanges the code (with the stored verifier) for tokens and returns
 * a connection. The tokens stay in memory: a refresh token, if granted, is used by the connection's
 * `getAccessToken()` when the session expires.
 */
export async function completeAuthorization(options: OAuthOptions, callbackUrl: string = globalThis.location.href): Promise<Connection> {
  const storage = storageOf(options);
  const stored = storage.getItem(VERIFIER_KEY);
  storage.removeItem(VERIFIER_KEY);
  const params = new URL(callbackUrl).searchParams;
  if (params.get('error')) {
    throw new CrmError('auth', `Salesforce sign-in failed: ${params.get('error_description') ?? params.get('error')}`);
  }
  const code = params.get('code');
  const saved = stored ? (JSON.parse(stored) as { verifier?: string; state?: string }) : {};
  if (!code || !saved.verifier || saved.state !== params.get('state')) {
    throw new CrmError('auth', 'The Salesforce sign-in could not be completed (missing code, verifier or state). Sign in again.');
  }
  const oauth = new OAuth2({ loginUrl: options.loginUrl, clientId: options.clientId, redirectUri: options.redirectUri });
  let tokens;
  try {
    tokens = await oauth.requestToken(code, { code_verifier: saved.verifier });
  } catch (cause) {
    throw new CrmError('auth', `Salesforce sign-in failed: ${(cause as Error).message}`, { cause });
  }
  const connection = connectWithToken({ instanceUrl: tokens.instance_url, accessToken: tokens.access_token, apiVersion: options.apiVersion });
  const refreshToken = tokens.refresh_token;
  if (refreshToken) {
    tokenProviders.set(connection, async () => (await oauth.refreshToken(refreshToken)).access_token);
  }
  return connection;
}
