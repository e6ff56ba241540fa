// Over 400 lines because the /api/v1 routes, the sessions and the probes share one Fastify scope
// (its hooks and decorators). CRM sign-in lives in sign-in.ts, sealed token storage in token-vault.ts.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyRedis from '@fastify/redis';
import { Redis } from 'ioredis';
import fastifySse from '@fastify/sse';
import fastifyMetrics from 'fastify-metrics';
import promClient from 'prom-client';
import { z } from '../src/domain/zod.js';
import type { CrmAdapter, CrmChange } from '../src/adapters/adapter.js';
import { CrmError } from '../src/errors.js';
import {
  AgreementQuerySchema,
  API_PREFIX,
  BatchMoveBodySchema,
  CSRF_HEADER,
  DuplicateQuerySchema,
  fromQuery,
  MoveBodySchema,
  PartnerFilterQuerySchema,
  PartnerSearchQuerySchema,
  PROBLEM_CONTENT_TYPE,
  ReferralInputBodySchema,
  ReferralPageQuerySchema,
  SESSION_COOKIE,
  SignInBodySchema,
  StatementQuerySchema,
  type Session,
} from '../src/rest/contract.js';
import { PartnerSchema } from '../src/domain/partner.js';
import type { GatewayBackend } from './embedded.js';
import { localFeed, RedisChangeFeed, type FeedEntry, type LiveFeed } from './changes.js';
import { openApiDocument } from './openapi.js';
import { PartnerCache, type Parses } from './partner-cache.js';
import { GatewayRefusal, parseRequest, toProblem } from './problem.js';
import { registerSignInRoutes } from './sign-in.js';
import { MemorySessionStore, RedisSessionStore } from './token-vault.js';

export interface GatewayOptions {
  backend: GatewayBackend;
  /** Signs the session and CSRF cookies; at least 32 characters. */
  cookieSecret: string;
  /** Origins (scheme://host[:port]) whose pages may call the gateway, besides its own. */
  allowedOrigins?: readonly string[];
  /** A session older than this is refused as expired (default 8 hours). */
  sessionTtlSeconds?: number;
  /** Requests per client IP per minute (default 600); `false` turns the limit off. */
  rateLimitPerMinute?: number | false;
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Fastify's logger (default off). */
  logger?: FastifyServerOptions['logger'];
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (so cookies get `Secure`). */
  trustProxy?: boolean;
  /**
   * Share sessions, rate limits, the partner cache and live changes with every gateway on this Redis (redis://…), so
   * several run behind one load balancer. Without it each gateway keeps them to itself.
   */
  redisUrl?: string;
  /** Prefix of every Redis key this gateway uses (default `cosell:`). */
  redisPrefix?: string;
  /** How long `/readyz` waits for the backend and Redis to answer (default 2000 ms). */
  readyTimeoutMs?: number;
  /** The clock for session ages, in milliseconds. */
  now?: () => number;
  /**
   * Partners read per user are kept this long (default 30 s; 0 turns it off), and the same read in
   * flight is shared, so a page of widgets asking for partners costs the CRM one call (with Redis,
   * one call for every gateway on it). Writes and partner stats are never cached.
   */
  partnerCacheSeconds?: number;
}

export { SESSION_COOKIE };
/** u: the user; iat: when signed in (seconds); g: the sign-in's grant (its tokens kept server-side), for a CRM sign-in. */
const SessionCookieSchema = z.object({ u: z.string().check(z.minLength(1)), iat: z.number(), g: z.optional(z.string().check(z.minLength(1))) });
/** With Redis the cookie names a session kept there (so signing out ends it on every gateway). */
const SessionIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{32}$/));
/** A session's user, and the grant of a CRM sign-in. */
interface SignedIn {
  userId: string;
  grant?: string;
}
/** The grant named by a session record, if it is one. */
function grantOf(record: string): string | undefined {
  try {
    const parsed = SessionCookieSchema.safeParse(JSON.parse(record));
    return parsed.success ? parsed.data.g : undefined;
  } catch {
    return undefined;
  }
}
/** A list of partners, as the cache reads it back. */
const Partners = z.array(PartnerSchema);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What a load balancer and Prometheus call: never rate-limited, not part of the contract. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's id, set for every /api/v1 route that needs a session. */
    userId: string;
    /** The backend's adapter acting as that user, set with it. */
    crm: CrmAdapter | null;
  }
  interface FastifyInstance {
    /** Every route of the HTTP contract, as "METHOD /api/v1/path/:param" (checked against the OpenAPI document). */
    contractRoutes: string[];
  }
}

/**
 * The gateway: the `/api/v1` HTTP contract that `RestAdapter` speaks, served over any backend (by
 * default the embedded demo data). Sessions are a signed, HttpOnly, SameSite=Lax cookie naming the
 * user; every write needs the CSRF token from `GET /api/v1/session`; pages on other origins need to
 * be on the allow-list; every error is an RFC 9457 problem document.
 */
export async function createGateway(options: GatewayOptions): Promise<FastifyInstance> {
  if (options.cookieSecret.length < 32) throw new Error('The cookie secret must be at least 32 characters');
  const { backend } = options;
  const now = options.now ?? Date.now;
  const ttlMs = (options.sessionTtlSeconds ?? 8 * 3600) * 1000;
  const allowed = new Set(options.allowedOrigins ?? []);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  app.decorateRequest('userId', '');
  app.decorateRequest('crm', null);
  const contractRoutes: string[] = [];
  app.decorate('contractRoutes', contractRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (route.url.startsWith(API_PREFIX) && method !== 'HEAD' && method !== 'OPTIONS') contractRoutes.push(`${method} ${route.url}`);
    }
  });
  // Bodies are JSON; anything else is refused (415) rather than read as text.
  app.removeContentTypeParser('text/plain');

  // Shared state: one Redis connection (closed with the app), used by the rate limit, the sessions and the change feed.
  const prefix = options.redisPrefix ?? 'cosell:';
  // While Redis is unreachable a command fails at once (no offline queue) rather than waiting for it.
  const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  /** Redis, or a 503 (Retry-After 5 s) while it does not answer. */
  const inRedis = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw new CrmError('unavailable', 'Sessions are unavailable for a moment. Retry shortly.', { retryAfter: 5, cause: error });
    }
  };
  // What must not reach a browser (a CRM sign-in's tokens) is kept here, by the backend, sealed.
  backend.attachStore?.(redis ? new RedisSessionStore(redis) : new MemorySessionStore(), prefix);
  if (redis) {
    redis.on('error', (err) => app.log.warn({ err }, 'Redis'));
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      // The host only: the URL may hold a password.
      throw new Error(`REDIS_URL: no Redis answers at ${new URL(options.redisUrl!).host}`, { cause: error });
    }
    await app.register(fastifyRedis, { client: redis, closeClient: false });
    // QUIT waits for an answer, which a Redis that is down never gives: then just drop the connection.
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    });
  }

  app.setErrorHandler((error, request, reply) => {
    const { status, problem } = toProblem(error, request.url);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, type: problem.type, reason: problem.reason }, 'request refused');
    if (problem.retryAfter !== undefined) void reply.header('retry-after', String(Math.ceil(problem.retryAfter)));
    return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(problem);
  });
  app.setNotFoundHandler((request) => {
    throw new GatewayRefusal('not-found', 'no-route', `No route ${request.method} ${request.url.split('?')[0]}`);
  });

  // same-site, not same-origin: the intranet pages that call the gateway are on sibling hosts.
  await app.register(fastifyHelmet, { crossOriginResourcePolicy: { policy: 'same-site' } });
  await app.register(fastifyCors, {
    origin: [...allowed],
    credentials: true,
    allowedHeaders: ['content-type', 'accept', CSRF_HEADER],
    exposedHeaders: ['retry-after', 'location'],
    maxAge: 600,
  });
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
    getToken: (request) => request.headers[CSRF_HEADER] as string | undefined,
  });
  if (options.rateLimitPerMinute !== false) {
    await app.register(fastifyRateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      allowList: (request) => PROBES.has(request.url.split('?')[0] ?? ''),
      // Counted across every gateway on the same Redis.
      // While Redis does not answer, requests are not limited (rather than all refused).
      ...(redis ? { redis, nameSpace: `${prefix}rate-limit:`, skipOnError: true } : {}),
      errorResponseBuilder: (_request, context) =>
        new CrmError('rate-limit', `Too many requests: at most ${context.max} a minute. Retry in ${context.after}.`, {
          retryAfter: Math.ceil(context.ttl / 1000),
        }),
    });
  }

  // A page on an origin that is not ours and not on the list is refused before anything runs.
  app.addHook('onRequest', (request, _reply, done) => {
    const origin = request.headers.origin;
    if (origin === undefined || allowed.has(origin) || origin === `${request.protocol}://${request.host}`) done();
    else done(new GatewayRefusal('permission', 'origin', `Pages on ${origin} may not call this gateway`));
  });

  // Each gateway its own registry, so several in one process (tests) do not share counts.
  const metrics = new promClient.Registry();
  await app.register(fastifyMetrics, {
    endpoint: '/metrics',
    promClient,
    defaultMetrics: { enabled: true, register: metrics },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      registeredRoutesOnly: true,
      routeBlacklist: ['/metrics'],
      overrides: {
        histogram: { name: 'cosell_gateway_request_duration_seconds', registers: [metrics] },
        // Not collected (summary: false) but still made: kept off the global registry too.
        summary: { registers: [metrics] },
      },
    },
  });

  // The CRM's API usage in its rolling 24 hours, as it last reported it (Salesforce: Sforce-Limit-Info).
  if (backend.apiUsage) {
    const gauges = {
      used: "API requests used in the CRM's rolling 24 hours, as it last reported (Salesforce: Sforce-Limit-Info api-usage)",
      limit: "The CRM's API request limit for its rolling 24 hours, as it last reported",
    } as const;
    for (const [field, help] of Object.entries(gauges) as [keyof typeof gauges, string][]) {
      new promClient.Gauge({
        name: `cosell_crm_api_requests_${field}`,
        help,
        registers: [metrics],
        collect() {
          const reported = backend.apiUsage?.();
          if (reported) this.set(reported[field]);
        },
      });
    }
  }

  // Live changes: one subscription to the backend, fanned out to every browser over SSE.
  await app.register(fastifySse, { heartbeatInterval: 25_000 });
  // With Redis: every gateway adds what its backend reports to one stream and reads the stream back.
  let feed: LiveFeed = localFeed();
  if (redis) {
    const sharedFeed = new RedisChangeFeed(redis, { key: `${prefix}changes` }, (err) => app.log.warn({ err }, 'live changes: Redis'));
    await sharedFeed.start();
    feed = sharedFeed;
  }
  const unsubscribeBackend = backend.subscribe?.((change) => feed.publish(change));
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    unsubscribeBackend?.();
    for (const reply of streams) reply.sse.close();
    await feed.close();
  });

  // Operations: /healthz (the process is up), /readyz (it can serve: the backend, and Redis when
  // configured, answer), /metrics (Prometheus text: requests and latency by route, and Node's own).
  app.get('/healthz', () => Promise.resolve({ status: 'ok', backend: backend.name }));
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  const probe = async (check: () => Promise<unknown>): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    });
    try {
      await Promise.race([check(), late]);
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
  };
  app.get('/readyz', async (_request, reply) => {
    const [backendCheck, redisCheck] = await Promise.all([
      probe(() => backend.ready?.() ?? Promise.resolve()),
      redis ? probe(() => redis.ping()) : Promise.resolve(undefined),
    ]);
    const checks = { backend: backendCheck, ...(redisCheck === undefined ? {} : { redis: redisCheck }) };
    const ready = Object.values(checks).every((check) => check === 'ok');
    if (!ready) reply.log.warn({ checks }, 'not ready');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', checks });
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', (request, reply, done) => {
        if (WRITE_METHODS.has(request.method)) api.csrfProtection(request, reply, done);
        else done();
      });

      const sessionKey = (id: string) => `${prefix}session:${id}`;
      const readSession = async (request: FastifyRequest): Promise<SignedIn | 'expired' | undefined> => {
        const raw = request.cookies[SESSION_COOKIE];
        if (!raw) return undefined;
        const unsigned = request.unsignCookie(raw);
        if (!unsigned.valid || unsigned.value === null) return undefined;
        let record: string | null = unsigned.value;
        if (redis) {
          const id = SessionIdSchema.safeParse(unsigned.value);
          // Gone from Redis: signed out (on any gateway) or past its TTL.
          record = id.success ? await inRedis(() => redis.get(sessionKey(id.data))) : null;
          if (record === null) return id.success ? 'expired' : undefined;
        }
        let parsed;
        try {
          parsed = SessionCookieSchema.safeParse(JSON.parse(record));
        } catch {
          return undefined;
        }
        if (!parsed.success) return undefined;
        if (now() - parsed.data.iat * 1000 > ttlMs) return 'expired';
        return { userId: parsed.data.u, ...(parsed.data.g ? { grant: parsed.data.g } : {}) };
      };
      const writeSession = async (reply: FastifyReply, userId: string, grant?: string): Promise<void> => {
        let value = JSON.stringify({ u: userId, iat: Math.floor(now() / 1000), ...(grant ? { g: grant } : {}) });
        if (redis) {
          const id = randomBytes(24).toString('base64url');
          await inRedis(() => redis.set(sessionKey(id), value, 'EX', Math.floor(ttlMs / 1000)));
          value = id;
        }
        void reply.setCookie(SESSION_COOKIE, value, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: 'auto',
          signed: true,
          maxAge: Math.floor(ttlMs / 1000),
        });
      };
      const sessionOf = async (session: SignedIn, reply: FastifyReply): Promise<Session> => ({
        user: await (await backend.adapterFor(session.userId, session.grant)).getCurrentUser(),
        csrfToken: reply.generateCsrf(),
      });
      /** Sign out: the CRM revokes the sign-in's tokens, Redis forgets the session, the browser the cookie. */
      const endSession = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const raw = request.cookies[SESSION_COOKIE];
        const unsigned = raw ? request.unsignCookie(raw) : undefined;
        if (unsigned?.valid && unsigned.value !== null) {
          let record: string | null = unsigned.value;
          const id = SessionIdSchema.safeParse(unsigned.value);
          if (redis) record = id.success ? await inRedis(() => redis.get(sessionKey(id.data))) : null;
          const grant = record === null ? undefined : grantOf(record);
          if (grant && backend.signIn) await backend.signIn.end(grant);
          if (redis && id.success) await inRedis(() => redis.del(sessionKey(id.data)));
        }
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      };

      let document: string | undefined;
      api.get('/openapi.json', (_request, reply) => {
        document ??= JSON.stringify(openApiDocument());
        return reply.type('application/json').send(document);
      });

      // ---- session ----
      api.get('/session', async (request, reply): Promise<Session> => {
        const session = await readSession(request);
        if (typeof session === 'object' && backend.hasUser(session.userId)) return sessionOf(session, reply);
        if (backend.demoUserId === undefined) {
          throw new GatewayRefusal('auth', session === 'expired' ? 'session-expired' : 'no-session', backend.signIn ? `Sign in first: GET ${API_PREFIX}/auth/login` : 'Sign in first');
        }
        await writeSession(reply, backend.demoUserId);
        return sessionOf({ userId: backend.demoUserId }, reply);
      });
      api.post('/session', async (request, reply): Promise<Session> => {
        if (backend.demoUserId === undefined) throw new GatewayRefusal('permission', 'no-demo-sign-in', 'This gateway signs users in through the CRM');
        const { userId } = parseRequest(SignInBodySchema, request.body, 'Sign-in');
        if (!backend.hasUser(userId)) {
          throw new CrmError('validation', `No demo user ${userId}`, { fieldErrors: { userId: ['No such demo user'] } });
        }
        await writeSession(reply, userId);
        return sessionOf({ userId }, reply);
      });
      api.delete('/session', async (request, reply) => {
        await endSession(request, reply);
        return reply.code(204).send();
      });
      if (backend.signIn) {
        registerSignInRoutes(api, { signIn: backend.signIn, allowedOrigins: allowed, writeSession, endSession });
      }

      // ---- everything else runs as the signed-in user ----
      await api.register((signedIn, _options, registered) => {
        signedIn.addHook('preHandler', async (request) => {
          const session = await readSession(request);
          if (session === 'expired') throw new GatewayRefusal('auth', 'session-expired', 'Your session has expired. Sign in again.');
          if (!session || !backend.hasUser(session.userId)) throw new GatewayRefusal('auth', 'no-session', 'Sign in first: GET /api/v1/session');
          request.userId = session.userId;
          request.crm = await backend.adapterFor(session.userId, session.grant);
        });
        const crm = (request: FastifyRequest): CrmAdapter => request.crm!;
        // Per user (what a user may see is theirs), keyed by the read and its arguments; shared through Redis when set.
        const partnerTtl = (options.partnerCacheSeconds ?? 30) * 1000;
        const partnerCache =
          partnerTtl > 0
            ? new PartnerCache({ ttlMs: partnerTtl, prefix, ...(redis ? { redis } : {}), onError: (err) => app.log.warn({ err }, 'partner cache: Redis') })
            : undefined;
        const cachedPartners = <T>(request: FastifyRequest, read: string, schema: Parses<T>, load: () => Promise<T>): Promise<T> =>
          partnerCache ? partnerCache.read(request.userId, read, schema, load) : load();
        const query = (request: FastifyRequest) => fromQuery(request.query as Record<string, string | string[]>);
        const idOf = (request: FastifyRequest): string => (request.params as { id: string }).id;

        signedIn.get('/me', (request) => crm(request).getCurrentUser());

        signedIn.get('/partners', async (request) => {
          const filter = parseRequest(PartnerFilterQuerySchema, query(request), 'Partner filter');
          return { partners: await cachedPartners(request, `list ${JSON.stringify(filter)}`, Partners, () => crm(request).listPartners(filter)) };
        });
        signedIn.get('/partners/search', async (request) => {
          const { q, ...filter } = parseRequest(PartnerSearchQuerySchema, query(request), 'Partner search');
          return { partners: await cachedPartners(request, `search ${JSON.stringify([q, filter])}`, Partners, () => crm(request).searchPartners(q, filter)) };
        });
        signedIn.get('/partners/:id', (request) => cachedPartners(request, `get ${idOf(request)}`, PartnerSchema, () => crm(request).getPartner(idOf(request))));
        signedIn.get('/partners/:id/stats', async (request) => {
          const adapter = crm(request);
          if (!adapter.capabilities.partnerStats || !adapter.getPartnerStats) {
            throw new GatewayRefusal('not-found', 'not-supported', 'This CRM does not report partner stats');
          }
          return adapter.getPartnerStats(idOf(request));
        });

        signedIn.post('/referrals', async (request, reply) => {
          const input = parseRequest(ReferralInputBodySchema, request.body, 'Referral');
          const referral = await crm(request).createReferral(input);
          return reply.code(201).header('location', `${API_PREFIX}/referrals/${encodeURIComponent(referral.id)}`).send(referral);
        });
        signedIn.get('/referrals', (request) =>
          crm(request).listReferrals(parseRequest(ReferralPageQuerySchema, query(request), 'Referral filter')),
        );
        signedIn.get('/referrals/duplicates', async (request) => ({
          referrals: await crm(request).findDuplicateReferrals(parseRequest(DuplicateQuerySchema, query(request), 'Duplicate probe')),
        }));
        signedIn.get('/referrals/:id', (request) => crm(request).getReferral(idOf(request)));
        signedIn.post('/referrals/:id/move', (request) =>
          crm(request).moveReferral(idOf(request), parseRequest(MoveBodySchema, request.body, 'Stage move')),
        );
        signedIn.post('/referrals/moves', async (request) => {
          const { moves } = parseRequest(BatchMoveBodySchema, request.body, 'Stage moves');
          const adapter = crm(request);
          const results: (object | CrmError)[] = adapter.moveReferrals
            ? await adapter.moveReferrals(moves)
            : await Promise.all(moves.map(({ id, move }) => adapter.moveReferral(id, move).catch((error: unknown) => CrmError.from(error))));
          return {
            results: results.map((result) => (result instanceof CrmError ? { problem: toProblem(result).problem } : { referral: result })),
          };
        });

        signedIn.get('/changes', { sse: 'only' }, async (request, reply) => {
          if (!unsubscribeBackend) throw new GatewayRefusal('not-found', 'not-supported', 'This CRM does not report live changes');
          reply.sse.keepAlive();
          streams.add(reply);
          // Replay what a reconnecting browser missed, then everything new, in order: what arrives
          // while the replay is read is held back, and sent after it unless the replay had it.
          let sending: Promise<void> = Promise.resolve();
          // In order; a change to a referral this user may not see (the backend's sharing rule) is left out.
          const send = (message: { id?: string; event: string; data: unknown }, change?: CrmChange) => {
            sending = sending
              .then(async () => {
                if (change && change.type !== 'reset' && backend.maySee && !(await backend.maySee(request.userId, change.referral, crm(request)))) return;
                if (reply.sse.isConnected) await reply.sse.send(message);
              })
              .catch(() => undefined);
          };
          const sendEntry = (entry: FeedEntry) => send({ id: entry.id, event: 'change', data: entry.change }, entry.change);
          let held: FeedEntry[] | undefined = [];
          const unsubscribe = feed.subscribe((entry) => {
            if (held) held.push(entry);
            else sendEntry(entry);
          });
          reply.sse.onClose(() => {
            unsubscribe();
            streams.delete(reply);
          });
          // Redis not answering: a reset (reload, then listen again) rather than a stream that silently missed changes.
          const missed = await feed.since(reply.sse.lastEventId).catch((err: unknown) => {
            request.log.warn({ err }, 'live changes: no replay');
            return 'reset' as const;
          });
          const replayed = new Set<string>();
          if (missed === 'reset') {
            const lastId = await feed.lastId().catch(() => undefined);
            send({ ...(lastId === undefined ? {} : { id: lastId }), event: 'change', data: { type: 'reset' } });
          }
          else for (const entry of missed) {
            replayed.add(entry.id);
            sendEntry(entry);
          }
          for (const entry of held) if (!replayed.has(entry.id)) sendEntry(entry);
          held = undefined;
          send({ event: 'ready', data: {} });
          await sending;
        });

        signedIn.get('/agreements', async (request) => {
          const { partnerId } = parseRequest(AgreementQuerySchema, query(request), 'Agreement query');
          return { agreements: await crm(request).listAgreements(partnerId) };
        });
        signedIn.get('/statements', async (request) => ({
          statements: await crm(request).listStatements(parseRequest(StatementQuerySchema, query(request), 'Statement query')),
        }));
        registered();
      });
    },
    { prefix: API_PREFIX },
  );

  app.addHook('onClose', async () => {
    await backend.close?.();
  });
  return app;
}
