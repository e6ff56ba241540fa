import { z } from '../domain/zod.js';
import { PartnerSchema, type Partner } from '../domain/partner.js';
import { ReferralSchema, type MoveRequest, type Referral, type ReferralInput } from '../domain/referral.js';
import type { RevshareAgreement, RevshareStatement } from '../domain/revshare.js';
import { UserSchema, type User } from '../domain/user.js';
import { CRM_ERROR_MESSAGES, CrmError, parseRecord, type RetryAction } from '../errors.js';
import { parseRetryAfter, RetryPolicy, type RetryOptions } from '../adapters/retry.js';

export { parseRetryAfter };
import type {
  CallOptions,
  CrmAdapter,
  CrmCapabilities,
  CrmChange,
  DuplicateProbe,
  PartnerFilter,
  PartnerStats,
  ReferralPage,
  ReferralPageRequest,
  StatementQuery,
} from '../adapters/adapter.js';
import {
  AgreementListSchema,
  API_PREFIX,
  CrmChangeSchema,
  CSRF_HEADER,
  kindOfProblemType,
  kindOfStatus,
  MoveResultsSchema,
  PartnerListSchema,
  PartnerStatsSchema,
  ProblemSchema,
  ReferralListSchema,
  ReferralPageSchema,
  SessionSchema,
  StatementListSchema,
  toSearchParams,
  type Problem,
  type Session,
} from './contract.js';

export interface RestAdapterOptions {
  /**
   * Where the gateway is: an origin (`https://cosell-gateway.intranet.example`), or a path on this
   * page's origin. Default `''`: this origin. `/api/v1/...` is appended.
   */
  baseUrl?: string;
  /** The fetch to use (default `globalThis.fetch`); Node callers pass one that keeps cookies. */
  fetch?: typeof fetch;
  /**
   * Reads and writes (all idempotent: a create by its externalId, a move by its expected version)
   * are sent again after a network error, a timeout, a 5xx or a rate limit, with backoff and
   * honouring Retry-After, within a budget per action (src/adapters/retry.ts, the README's table).
   * `timeoutMs` is one attempt's limit. A Retry-After longer than the budget left reaches the caller
   * at once as a `rate-limit` or `unavailable` CrmError carrying `retryAfter`.
   */
  retry?: RetryOptions;
  /**
   * Live changes over Server-Sent Events from `GET /api/v1/changes` (default true). The browser's
   * EventSource is used; Node callers pass one that takes `{ fetch }` (the `eventsource` package).
   */
  liveChanges?: boolean;
  EventSource?: EventSourceConstructor;
  /**
   * `GET /api/v1/partners/{id}/stats` (default true). Set false for a gateway whose CRM does not
   * report partner stats (the Salesforce backend), so widgets do not ask for them.
   */
  partnerStats?: boolean;
}

/** The part of EventSource this adapter uses; the browser's, or one that also takes a fetch. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean; fetch?: typeof fetch }) => EventSourceLike;

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: object;
  body?: unknown;
  /** Safe to send again (everything but signing in and out). */
  repeatable: boolean;
  /** Whose budget it runs under (default `read`). */
  action?: RetryAction;
  signal?: AbortSignal | undefined;
}

/** A problem document (or any error response) as the CrmError it stands for. */
export function crmErrorFromProblem(status: number, problem: Problem | undefined, retryAfter?: number): CrmError {
  const kind = (problem && kindOfProblemType(problem.type)) ?? kindOfStatus(status);
  let details: unknown = problem?.details;
  if (kind === 'conflict' && details !== undefined) {
    const current = ReferralSchema.safeParse(details);
    details = current.success ? current.data : undefined;
  } else if (kind === 'duplicate' && details !== undefined) {
    const matches = z.array(ReferralSchema).safeParse(details);
    details = matches.success ? matches.data : undefined;
  }
  return new CrmError(kind, problem?.detail ?? problem?.title ?? CRM_ERROR_MESSAGES[kind], {
    fieldErrors: problem?.fieldErrors ?? {},
    details,
    retryAfter: retryAfter ?? problem?.retryAfter,
  });
}

/**
 * A CrmAdapter over fetch, against the gateway's versioned HTTP contract (`/api/v1/...`, described
 * by `/api/v1/openapi.json`). It sends the session cookie (`credentials: 'include'`) and, on every
 * write, the CSRF token the gateway handed out; it never holds a CRM token. Every answer is parsed
 * with the domain schemas; errors arrive as RFC 9457 problem documents and leave as `CrmError`.
 *
 * ```ts
 * import { RestAdapter } from 'cosell/rest';
 * provider.adapter = new RestAdapter({ baseUrl: 'https://cosell-gateway.intranet.example' });
 * ```
 */
export class RestAdapter implements CrmAdapter {
  readonly capabilities: CrmCapabilities;

  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly retry: RetryPolicy;
  private session: Promise<Session> | undefined;
  private readonly EventSourceImpl: EventSourceConstructor | undefined;
  private readonly listeners = new Set<(change: CrmChange) => void>();
  private source: EventSourceLike | undefined;
  private opening = false;
  private live: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The newest version of each referral already reported, so a write is reported once (here or from the stream). */
  private readonly reported = new Map<string, number>();

  constructor(options: RestAdapterOptions = {}) {
    this.base = `${(options.baseUrl ?? '').replace(/\/+$/, '')}${API_PREFIX}`;
    const f = options.fetch ?? globalThis.fetch;
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.fetchImpl = (input, init) => f(input, init);
    this.retry = new RetryPolicy(options.retry);
    this.EventSourceImpl = options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
    this.capabilities = { liveChanges: (options.liveChanges ?? true) && this.EventSourceImpl !== undefined, partnerStats: options.partnerStats ?? true, batchMoves: true };
  }

  /**
   * Settles when the live-change stream is open and the gateway has sent its first `ready` (after
   * any replay): from then on no change is missed. Opens the stream only for subscribers.
   */
  whenLive(): Promise<void> {
    if (!this.live) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.live = { promise, resolve };
    }
    return this.live.promise;
  }

  /**
   * Changes made anywhere (this page included) as they happen: one EventSource on
   * `/api/v1/changes`, opened for the first listener and closed after the last. It reconnects by
   * itself with `Last-Event-ID`, and the gateway replays what it missed (or sends a reset).
   */
  subscribe(listener: (change: CrmChange) => void): () => void {
    this.listeners.add(listener);
    this.openStream();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.source?.close();
        this.source = undefined;
        this.live = undefined;
      }
    };
  }

  /** The signed-in session: the user and the CSRF token for writes. Fetched once, again after it expires. */
  getSession(options: CallOptions = {}): Promise<Session> {
    options.signal?.throwIfAborted();
    if (!this.session) {
      // One attempt (with the timeout): the call that needs the session retries it under its own budget.
      const pending = this.retry.run('read', (signal) => this.request({ method: 'GET', path: '/session', repeatable: true, signal }, false), { repeatable: false }).then((body) =>
        parseRecord(SessionSchema, body, { record: 'Session from the gateway', source: 'crm' }),
      );
      this.session = pending;
      pending.catch(() => {
        if (this.session === pending) this.session = undefined;
      });
    }
    return this.session;
  }

  /**
   * Demo sign-in, on a gateway that serves demo users (the embedded backend): from now on every
   * call, the live-change stream included, runs as `userId`. A gateway that signs users in through
   * the CRM refuses it (`permission`).
   */
  async signInAsDemoUser(userId: string, options: CallOptions = {}): Promise<User> {
    const body = await this.call({ method: 'POST', path: '/session', body: { userId }, repeatable: false, signal: options.signal });
    const session = parseRecord(SessionSchema, body, { record: 'Session from the gateway', source: 'crm' });
    this.session = Promise.resolve(session);
    // An open stream still carries the previous session's cookie: open it again as the new user.
    if (this.source) {
      this.source.close();
      this.source = undefined;
      this.openStream();
    }
    return session.user;
  }

  /** Sign out: the gateway forgets the session; the next call starts a new one. */
  async signOut(options: CallOptions = {}): Promise<void> {
    await this.call({ method: 'DELETE', path: '/session', repeatable: false, signal: options.signal });
    this.session = undefined;
  }

  async getCurrentUser(options: CallOptions = {}): Promise<User> {
    return this.parse(UserSchema, await this.get('/me', undefined, options), 'User');
  }

  async getPartner(id: string, options: CallOptions = {}): Promise<Partner> {
    return this.parse(PartnerSchema, await this.get(`/partners/${encodeURIComponent(id)}`, undefined, options), 'Partner');
  }

  async listPartners(filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    return this.parse(PartnerListSchema, await this.get('/partners', filter, options), 'Partner list').partners;
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    return this.parse(PartnerListSchema, await this.get('/partners/search', { ...filter, q: query }, options), 'Partner search').partners;
  }

  async getPartnerStats(partnerId: string, options: CallOptions = {}): Promise<PartnerStats> {
    return this.parse(PartnerStatsSchema, await this.get(`/partners/${encodeURIComponent(partnerId)}/stats`, undefined, options), 'Partner stats');
  }

  async createReferral(input: ReferralInput, options: CallOptions = {}): Promise<Referral> {
    // Idempotent by externalId, so a retry after a lost answer or a 503 is one referral.
    const body = await this.call({ method: 'POST', path: '/referrals', body: input, repeatable: true, action: 'create referral', signal: options.signal });
    const referral = this.parse(ReferralSchema, body, 'Referral');
    this.report({ type: 'referral-created', referral });
    return referral;
  }

  async findDuplicateReferrals(probe: DuplicateProbe, options: CallOptions = {}): Promise<Referral[]> {
    return this.parse(ReferralListSchema, await this.get('/referrals/duplicates', probe, options), 'Duplicate referrals').referrals;
  }

  async getReferral(id: string, options: CallOptions = {}): Promise<Referral> {
    return this.parse(ReferralSchema, await this.get(`/referrals/${encodeURIComponent(id)}`, undefined, options), 'Referral');
  }

  async listReferrals(request: ReferralPageRequest = {}, options: CallOptions = {}): Promise<ReferralPage> {
    const page = this.parse(ReferralPageSchema, await this.get('/referrals', request, options), 'Referral page');
    const out: ReferralPage = { referrals: page.referrals };
    if (page.nextCursor !== undefined) out.nextCursor = page.nextCursor;
    if (page.total !== undefined) out.total = page.total;
    if (page.skipped !== undefined) out.skipped = page.skipped;
    return out;
  }

  async moveReferral(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    // Repeated like a create: the gateway recognises this user's own move that did land as that move.
    const body = await this.call({ method: 'POST', path: `/referrals/${encodeURIComponent(id)}/move`, body: move, repeatable: true, action: 'move', signal: options.signal });
    const referral = this.parse(ReferralSchema, body, 'Referral');
    this.report({ type: 'referral-updated', referral });
    return referral;
  }

  async moveReferrals(moves: { id: string; move: MoveRequest }[], options: CallOptions = {}): Promise<(Referral | CrmError)[]> {
    const body = await this.call({ method: 'POST', path: '/referrals/moves', body: { moves }, repeatable: true, action: 'batch move', signal: options.signal });
    const { results } = this.parse(MoveResultsSchema, body, 'Move results');
    if (results.length !== moves.length) {
      throw new CrmError('bad-data', `The gateway answered ${results.length} move results for ${moves.length} moves`);
    }
    return results.map((result) => {
      if (!('referral' in result)) return crmErrorFromProblem(result.problem.status ?? 0, result.problem);
      this.report({ type: 'referral-updated', referral: result.referral });
      return result.referral;
    });
  }

  async listAgreements(partnerId?: string, options: CallOptions = {}): Promise<RevshareAgreement[]> {
    return this.parse(AgreementListSchema, await this.get('/agreements', { partnerId }, options), 'Agreement list').agreements;
  }

  async listStatements(query: StatementQuery, options: CallOptions = {}): Promise<RevshareStatement[]> {
    return this.parse(StatementListSchema, await this.get('/statements', query, options), 'Statement list').statements;
  }

  // ---- internals ----

  private openStream(): void {
    const Impl = this.EventSourceImpl;
    if (!this.capabilities.liveChanges || !Impl || this.source || this.opening || this.listeners.size === 0) return;
    this.opening = true;
    // The stream needs the session cookie, so the session comes first.
    this.getSession().then(
      () => {
        this.opening = false;
        if (this.source || this.listeners.size === 0) return;
        const source = new Impl(`${this.base}/changes`, { withCredentials: true, fetch: this.fetchImpl });
        source.addEventListener('change', (event) => {
          let data: unknown;
          try {
            data = JSON.parse(String(event.data));
          } catch {
            return;
          }
          const change = CrmChangeSchema.safeParse(data);
          if (change.success) this.report(change.data);
        });
        source.addEventListener('ready', () => {
          void this.whenLive();
          this.live!.resolve();
        });
        this.source = source;
      },
      () => {
        this.opening = false;
      },
    );
  }

  /** Tell the listeners, once per referral version however many ways it arrives. */
  private report(change: CrmChange): void {
    if (change.type === 'reset') this.reported.clear();
    else {
      const seen = this.reported.get(change.referral.id);
      if (seen !== undefined && seen >= change.referral.version) return;
      this.reported.set(change.referral.id, change.referral.version);
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error('A RestAdapter listener failed', error);
      }
    }
  }

  private parse<S extends z.core.$ZodType>(schema: S, body: unknown, record: string): z.output<S> {
    return parseRecord(schema, body, { record: `${record} from the gateway`, source: 'crm' });
  }

  private get(path: string, query: object | undefined, options: CallOptions): Promise<unknown> {
    return this.call({ method: 'GET', path, query, repeatable: true, signal: options.signal });
  }

  /** A call within the session, retried under its action's budget. */
  private call(call: Call): Promise<unknown> {
    return this.retry.run(call.action ?? 'read', (signal) => this.callOnce({ ...call, signal }), { signal: call.signal, repeatable: call.repeatable });
  }

  /** One attempt: starts a session first, and renews it (or the CSRF token) once when it was refused. */
  private async callOnce(call: Call): Promise<unknown> {
    call.signal?.throwIfAborted();
    await this.getSession({ signal: call.signal });
    try {
      return await this.request(call, call.method !== 'GET');
    } catch (error) {
      if (!(CrmError.is(error, 'permission') && (error.details as { reason?: string } | undefined)?.reason === 'csrf') &&
        !CrmError.is(error, 'auth')) throw error;
      // The session expired or the CSRF secret was lost: start again once.
      this.session = undefined;
      await this.getSession({ signal: call.signal });
      return this.request(call, call.method !== 'GET');
    }
  }

  private async request(call: Call, withCsrf: boolean): Promise<unknown> {
    const params = call.query ? toSearchParams(call.query).toString() : '';
    const url = `${this.base}${call.path}${params ? `?${params}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (withCsrf) headers[CSRF_HEADER] = (await this.getSession({ signal: call.signal })).csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        credentials: 'include',
        signal: call.signal ?? null,
      });
    } catch (error) {
      if ((error as Error | undefined)?.name === 'AbortError' || call.signal?.aborted) throw error;
      throw new CrmError('network', undefined, { cause: error });
    }
    if (response.ok) {
      if (response.status === 204) return undefined;
      try {
        return await response.json();
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        throw new CrmError('bad-data', `The gateway's answer to ${call.method} ${call.path} is not JSON`, { cause: error });
      }
    }
    throw await this.errorOf(response);
  }

  private async errorOf(response: Response): Promise<CrmError> {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    let problem: Problem | undefined;
    if (/json/i.test(response.headers.get('content-type') ?? '')) {
      const parsed = ProblemSchema.safeParse(await response.json().catch(() => undefined));
      if (parsed.success) problem = parsed.data;
    }
    const error = crmErrorFromProblem(response.status, problem, retryAfter);
    // Keep the reason (csrf, origin, session-expired) where a caller can see it.
    if (problem?.reason && error.details === undefined) {
      return new CrmError(error.kind, error.message, { fieldErrors: error.fieldErrors, details: { reason: problem.reason }, retryAfter: error.retryAfter });
    }
    return error;
  }
}
