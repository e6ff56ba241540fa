import { randomBytes } from 'node:crypto';
import { z } from '../src/domain/zod.js';
import { parseTokenKey } from './token-vault.js';

const digits = (name: string) => z.string().check(z.regex(/^\d+$/, `${name} must be a whole number`));
/** A string that is a URL for which `test` holds. */
const urlThat = (test: (url: URL, value: string) => boolean, message: string) =>
  z.string().check(
    z.refine((value) => {
      try {
        return test(new URL(value), value);
      } catch {
        return false;
      }
    }, message),
  );
const origin = urlThat((url, value) => url.origin === value, 'each origin is scheme://host[:port], with no path or trailing slash');
const httpUrl = (name: string) => urlThat((url) => ['https:', 'http:'].includes(url.protocol), `${name} must be an https:// (or, on a test machine, http://) URL`);

/** The environment the gateway reads, checked at start. */
export const GatewayEnvSchema = z.object({
  PORT: z.optional(digits('PORT')),
  HOST: z.optional(z.string().check(z.minLength(1))),
  /** `memory`: the embedded demo data (default); `salesforce`: an org, each user signed in through OAuth. */
  COSELL_BACKEND: z.optional(z.enum(['memory', 'salesforce'])),
  /** Salesforce: "https://login.salesforce.com", "https://test.salesforce.com" or the org's My Domain URL. */
  COSELL_SALESFORCE_LOGIN_URL: z.optional(httpUrl('COSELL_SALESFORCE_LOGIN_URL')),
  /** Salesforce: the External Client App's consumer key. */
  COSELL_SALESFORCE_CLIENT_ID: z.optional(z.string().check(z.minLength(1))),
  /** Salesforce: its consumer secret; leave unset for an app that uses PKCE alone. */
  COSELL_SALESFORCE_CLIENT_SECRET: z.optional(z.string().check(z.minLength(1))),
  /** Salesforce: this gateway's https://…/api/v1/auth/callback, registered as the app's callback URL. */
  COSELL_SALESFORCE_CALLBACK_URL: z.optional(httpUrl('COSELL_SALESFORCE_CALLBACK_URL')),
  /** Salesforce: REST API version (default 64.0). */
  COSELL_SALESFORCE_API_VERSION: z.optional(z.string().check(z.regex(/^\d{2,3}\.0$/, 'COSELL_SALESFORCE_API_VERSION is like 64.0'))),
  /** Seals users' CRM tokens at rest (AES-256-GCM): 32 bytes as 64 hex digits or base64. */
  COSELL_TOKEN_KEY: z.optional(z.string().check(z.refine((value) => parseTokenKey(value) !== undefined, 'COSELL_TOKEN_KEY must be 32 bytes: 64 hex digits or 44 base64 characters (openssl rand -base64 32)'))),
  /** Signs the session and CSRF cookies; at least 32 characters. Required unless the backend is `memory`. */
  COSELL_COOKIE_SECRET: z.optional(z.string().check(z.minLength(32, 'COSELL_COOKIE_SECRET must be at least 32 characters'))),
  /** Comma-separated origins of the pages that may call the gateway. */
  COSELL_ALLOWED_ORIGINS: z.optional(z.string()),
  /** The demo user sessions start as (embedded backend). */
  COSELL_DEMO_USER: z.optional(z.string().check(z.minLength(1))),
  /** Requests per client IP per minute; 0 turns the limit off. */
  COSELL_RATE_LIMIT: z.optional(digits('COSELL_RATE_LIMIT')),
  COSELL_BODY_LIMIT: z.optional(digits('COSELL_BODY_LIMIT')),
  COSELL_SESSION_TTL: z.optional(digits('COSELL_SESSION_TTL')),
  COSELL_PARTNER_CACHE_SECONDS: z.optional(digits('COSELL_PARTNER_CACHE_SECONDS')),
  COSELL_TRUST_PROXY: z.optional(z.enum(['true', 'false'])),
  /** redis://[user:password@]host:port[/db]: share sessions, rate limits and live changes with other gateways. */
  REDIS_URL: z.optional(urlThat((url) => ['redis:', 'rediss:'].includes(url.protocol), 'REDIS_URL must be a redis:// or rediss:// URL')),
  LOG_LEVEL: z.optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
});

/** Where the Salesforce backend signs users in (COSELL_BACKEND=salesforce). */
export interface SalesforceGatewayConfig {
  loginUrl: string;
  clientId: string;
  /** Undefined: a public client, PKCE alone. */
  clientSecret: string | undefined;
  callbackUrl: string;
  apiVersion: string | undefined;
  /** 32 bytes. */
  tokenKey: Buffer;
}

export interface GatewayConfig {
  port: number;
  host: string;
  backend: 'memory' | 'salesforce';
  /** Set when the backend is salesforce. */
  salesforce: SalesforceGatewayConfig | undefined;
  cookieSecret: string;
  /** True when no secret was configured and one was made for this process. */
  cookieSecretGenerated: boolean;
  allowedOrigins: string[];
  demoUserId: string | undefined;
  rateLimitPerMinute: number | false;
  bodyLimit: number;
  sessionTtlSeconds: number;
  /** How long partners read per user are kept (0: off). */
  partnerCacheSeconds: number;
  trustProxy: boolean;
  /** Set: sessions, rate limits and live changes are shared through this Redis. */
  redisUrl: string | undefined;
  logLevel: string;
}

export class GatewayConfigError extends Error {
  override name = 'GatewayConfigError';
}

/** The configuration from environment variables; a wrong one throws naming each variable. */
export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  const known = Object.fromEntries(Object.keys(GatewayEnvSchema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])));
  const result = GatewayEnvSchema.safeParse(known);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new GatewayConfigError(`cosell-gateway: the environment is not valid\n${lines.join('\n')}`);
  }
  const e = result.data;
  const origins = (e.COSELL_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const badOrigins = origins.filter((o) => !origin.safeParse(o).success);
  if (badOrigins.length > 0) {
    throw new GatewayConfigError(`cosell-gateway: COSELL_ALLOWED_ORIGINS: ${badOrigins.join(', ')} — each origin is scheme://host[:port], with no path or trailing slash`);
  }
  const backend = e.COSELL_BACKEND ?? 'memory';
  if (!e.COSELL_COOKIE_SECRET && backend !== 'memory') {
    throw new GatewayConfigError('cosell-gateway: COSELL_COOKIE_SECRET is required (at least 32 characters) for a backend other than memory');
  }
  let salesforce: SalesforceGatewayConfig | undefined;
  if (backend === 'salesforce') {
    const needed = {
      COSELL_SALESFORCE_LOGIN_URL: 'the org\'s login URL (https://login.salesforce.com, https://test.salesforce.com or its My Domain URL)',
      COSELL_SALESFORCE_CLIENT_ID: 'the External Client App\'s consumer key',
      COSELL_SALESFORCE_CALLBACK_URL: 'this gateway\'s https://…/api/v1/auth/callback, registered as the app\'s callback URL',
      COSELL_TOKEN_KEY: 'a 32-byte key that seals users\' tokens at rest (openssl rand -base64 32)',
    } as const;
    const missing = (Object.keys(needed) as (keyof typeof needed)[]).filter((name) => !e[name]);
    if (missing.length > 0) {
      throw new GatewayConfigError(`cosell-gateway: COSELL_BACKEND=salesforce needs\n${missing.map((name) => `  ${name}: ${needed[name]}`).join('\n')}`);
    }
    salesforce = {
      loginUrl: e.COSELL_SALESFORCE_LOGIN_URL!,
      clientId: e.COSELL_SALESFORCE_CLIENT_ID!,
      clientSecret: e.COSELL_SALESFORCE_CLIENT_SECRET,
      callbackUrl: e.COSELL_SALESFORCE_CALLBACK_URL!,
      apiVersion: e.COSELL_SALESFORCE_API_VERSION,
      tokenKey: parseTokenKey(e.COSELL_TOKEN_KEY!)!,
    };
  }
  const rate = e.COSELL_RATE_LIMIT === undefined ? 600 : Number(e.COSELL_RATE_LIMIT);
  return {
    port: e.PORT === undefined ? 8787 : Number(e.PORT),
    host: e.HOST ?? '127.0.0.1',
    backend,
    salesforce,
    cookieSecret: e.COSELL_COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
    cookieSecretGenerated: !e.COSELL_COOKIE_SECRET,
    allowedOrigins: origins,
    demoUserId: e.COSELL_DEMO_USER,
    rateLimitPerMinute: rate === 0 ? false : rate,
    bodyLimit: e.COSELL_BODY_LIMIT === undefined ? 64 * 1024 : Number(e.COSELL_BODY_LIMIT),
    sessionTtlSeconds: e.COSELL_SESSION_TTL === undefined ? 8 * 3600 : Number(e.COSELL_SESSION_TTL),
    partnerCacheSeconds: e.COSELL_PARTNER_CACHE_SECONDS === undefined ? 30 : Number(e.COSELL_PARTNER_CACHE_SECONDS),
    trustProxy: e.COSELL_TRUST_PROXY === 'true',
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}
