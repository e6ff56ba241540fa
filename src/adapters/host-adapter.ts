import { z } from '../domain/zod.js';
import { PartnerSchema, type Partner } from '../domain/partner.js';
import { MoneySchema } from '../domain/money.js';
import { MoveRequestSchema, ReferralInputSchema, ReferralSchema, type MoveRequest, type Referral, type ReferralInput } from '../domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema, type RevshareAgreement, type RevshareStatement } from '../domain/revshare.js';
import { UserSchema, type User } from '../domain/user.js';
import { rankPartners } from '../domain/partner-search.js';
import { CRM_ERROR_KINDS, CrmError, parseRecord } from '../errors.js';
import type {
  CallOptions,
  CrmAdapter,
  CrmCapabilities,
  DuplicateProbe,
  PartnerFilter,
  PartnerStats,
  ReferralPage,
  ReferralPageRequest,
  StatementQuery,
} from './adapter.js';

/**
 * What a host provides to `HostAdapter`: one function per adapter call. Each returns the domain
 * record(s) as plain objects or as a JSON string (what an Apex `@AuraEnabled` method returning
 * `String` gives an LWC). Everything returned is parsed with the domain schemas, so a host's bug
 * shows up as a `bad-data` error, never as a broken widget.
 *
 * A function may throw anything: a `CrmError`; an LWC Apex error (`{ body: { message }, status }`),
 * whose message may be JSON `{ "kind": "validation", "message": "...", "fieldErrors": {...} }`; or
 * any Error. They all reach the widgets as a `CrmError`.
 */
export interface HostCalls {
  getCurrentUser(): Promise<unknown>;
  getPartner(id: string): Promise<unknown>;
  listPartners(filter: PartnerFilter): Promise<unknown>;
  /** Optional: without it, `listPartners` is filtered by name, integration and use case here. */
  searchPartners?(query: string, filter: PartnerFilter): Promise<unknown>;
  getPartnerStats?(partnerId: string): Promise<unknown>;
  createReferral(input: ReferralInput): Promise<unknown>;
  findDuplicateReferrals(probe: DuplicateProbe): Promise<unknown>;
  getReferral(id: string): Promise<unknown>;
  listReferrals(request: ReferralPageRequest): Promise<unknown>;
  moveReferral(id: string, move: MoveRequest): Promise<unknown>;
  listAgreements(partnerId: string | undefined): Promise<unknown>;
  listStatements(query: StatementQuery): Promise<unknown>;
}

const ReferralPageSchema = z.object({
  referrals: z.array(z.unknown()),
  nextCursor: z.optional(z.string().check(z.minLength(1))),
  total: z.optional(z.number().check(z.int(), z.nonnegative())),
  skipped: z.optional(z.array(z.object({ id: z.optional(z.string()), message: z.string() }))),
});
const PartnerStatsSchema = z.object({ openReferrals: z.number().check(z.int(), z.nonnegative()), wonArr: z.array(MoneySchema) });
const HostErrorSchema = z.object({
  kind: z.enum(CRM_ERROR_KINDS),
  message: z.optional(z.string()),
  fieldErrors: z.optional(z.record(z.string(), z.array(z.string()))),
  details: z.optional(z.unknown()),
  retryAfter: z.optional(z.number()),
});

/** An LWC/Aura server error: `{ body: { message } | [{ message }], status }`. */
function hostErrorMessage(error: unknown): { message?: string; status?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const { body, status } = error as { body?: unknown; status?: unknown };
  const first = Array.isArray(body) ? (body[0] as unknown) : body;
  const message = typeof first === 'object' && first !== null && typeof (first as { message?: unknown }).message === 'string'
    ? (first as { message: string }).message
    : undefined;
  return { message, status: typeof status === 'number' ? status : undefined };
}

/** What Lightning reports when an Apex call's connection drops (the Aura action ends INCOMPLETE). */
const DISCONNECTED = /^disconnected or cancell?ed$/i;

/** Anything a host function threw, as a CrmError. */
export function hostError(error: unknown): CrmError {
  if (error instanceof CrmError) return error;
  const { message, status } = hostErrorMessage(error);
  const text = message ?? (error instanceof Error ? error.message : undefined);
  if (text !== undefined && DISCONNECTED.test(text.trim())) return new CrmError('network', undefined, { cause: error });
  if (text?.trimStart().startsWith('{')) {
    try {
      const parsed = HostErrorSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        const { kind, message: said, ...options } = parsed.data;
        return new CrmError(kind, said, { ...options, cause: error });
      }
    } catch {
      // not JSON after all: fall through
    }
  }
  if (status === 0) return new CrmError('network', undefined, { cause: error });
  if (status === 401) return new CrmError('auth', undefined, { cause: error });
  if (status === 403) return new CrmError('permission', text, { cause: error });
  if (status === 404) return new CrmError('not-found', text, { cause: error });
  if (text !== undefined && status !== undefined) return new CrmError('unavailable', text, { cause: error });
  // An LWC error object without a status still says something: never "[object Object]".
  if (text !== undefined && !(error instanceof Error)) return new CrmError('unavailable', `The CRM failed unexpectedly: ${text}`, { cause: error });
  return CrmError.from(error);
}

export interface HostAdapterOptions {
  /**
   * How long to wait for one host call before telling the person it failed (an `unavailable`
   * error), in milliseconds; default `HOST_CALL_TIMEOUT_MS`. A host call cannot be cancelled, so it
   * may still land: a retry of a create (same externalId) or a move (same expected version) is
   * safe.
   */
  timeoutMs?: number;
}

/** 30 s: a person whose Apex call gets no answer is told so within a stated time, not left waiting. */
export const HOST_CALL_TIMEOUT_MS = 30_000;

/** The AbortError of a cancelled call. Not signal.throwIfAborted(): some hosts' DOMs (jsdom in LWC Jest) lack it. */
function abortReason(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new DOMException('The call was aborted', 'AbortError');
}

/** The host's answer, or a CrmError when it does not come within `timeoutMs` or the call is aborted first. */
function answerWithin(run: () => Promise<unknown>, timeoutMs: number, signal: AbortSignal | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      done();
      reject(new CrmError('unavailable', undefined, { cause: new Error(`The host call did not answer within ${timeoutMs} ms.`) }));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    let pending: Promise<unknown>;
    try {
      pending = run();
    } catch (error) {
      pending = Promise.reject(hostError(error));
    }
    pending.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(hostError(error));
      },
    );
  });
}

/**
 * A `CrmAdapter` over functions the host provides: the way to run Cosell where the page cannot call
 * the CRM itself. In Salesforce Lightning, an LWC wrapper hands the widget a HostAdapter whose
 * functions call Apex `@AuraEnabled` methods (see salesforce/force-app/main/default/lwc/cosellHost).
 */
export class HostAdapter implements CrmAdapter {
  readonly capabilities: CrmCapabilities;
  private readonly timeoutMs: number;

  constructor(
    private readonly calls: HostCalls,
    options: HostAdapterOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? HOST_CALL_TIMEOUT_MS;
    this.capabilities = { liveChanges: false, partnerStats: typeof calls.getPartnerStats === 'function', batchMoves: false };
    if (calls.getPartnerStats) this.getPartnerStats = (id, options) => this.getStats(id, options);
  }

  getPartnerStats?: (partnerId: string, options?: CallOptions) => Promise<PartnerStats>;

  /**
   * Calls the host, honouring the AbortSignal before, during and after (the host call itself cannot
   * be cancelled: it is abandoned) and giving up after `timeoutMs`.
   */
  private async call<T>(options: CallOptions | undefined, run: () => Promise<unknown>, parse: (value: unknown) => T): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) throw abortReason(signal);
    let value = await answerWithin(run, this.timeoutMs, signal);
    if (signal?.aborted) throw abortReason(signal);
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (error) {
        throw new CrmError('bad-data', 'The CRM returned text that is not JSON.', { cause: error });
      }
    }
    return parse(value);
  }

  getCurrentUser(options?: CallOptions): Promise<User> {
    return this.call(options, () => this.calls.getCurrentUser(), (v) => parseRecord(UserSchema, v, { record: 'The current user', source: 'crm' }));
  }

  getPartner(id: string, options?: CallOptions): Promise<Partner> {
    return this.call(options, () => this.calls.getPartner(id), (v) => parseRecord(PartnerSchema, v, { record: `Partner ${id}`, source: 'crm' }));
  }

  listPartners(filter: PartnerFilter = {}, options?: CallOptions): Promise<Partner[]> {
    return this.call(options, () => this.calls.listPartners(filter), (v) => parseRecord(z.array(PartnerSchema), v, { record: 'The partner list', source: 'crm' }));
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options?: CallOptions): Promise<Partner[]> {
    if (this.calls.searchPartners) {
      return this.call(options, () => this.calls.searchPartners!(query, filter), (v) => parseRecord(z.array(PartnerSchema), v, { record: 'The partner search', source: 'crm' }));
    }
    return rankPartners(await this.listPartners(filter, options), query);
  }

  private getStats(partnerId: string, options?: CallOptions): Promise<PartnerStats> {
    return this.call(options, () => this.calls.getPartnerStats!(partnerId), (v) => parseRecord(PartnerStatsSchema, v, { record: `Stats of partner ${partnerId}`, source: 'crm' }));
  }

  async createReferral(input: ReferralInput, options?: CallOptions): Promise<Referral> {
    const checked = parseRecord(ReferralInputSchema, input, { record: 'The referral', source: 'input' });
    return this.call(options, () => this.calls.createReferral(checked), (v) => parseRecord(ReferralSchema, v, { record: 'The saved referral', source: 'crm' }));
  }

  findDuplicateReferrals(probe: DuplicateProbe, options?: CallOptions): Promise<Referral[]> {
    return this.call(options, () => this.calls.findDuplicateReferrals(probe), (v) => parseRecord(z.array(ReferralSchema), v, { record: 'The possible duplicates', source: 'crm' }));
  }

  getReferral(id: string, options?: CallOptions): Promise<Referral> {
    return this.call(options, () => this.calls.getReferral(id), (v) => parseRecord(ReferralSchema, v, { record: `Referral ${id}`, source: 'crm' }));
  }

  /** Records that fail the schema are skipped and reported in `skipped`, as the contract says. */
  listReferrals(request: ReferralPageRequest = {}, options?: CallOptions): Promise<ReferralPage> {
    return this.call(options, () => this.calls.listReferrals(request), (v) => {
      const page = parseRecord(ReferralPageSchema, v, { record: 'The referral page', source: 'crm' });
      const referrals: Referral[] = [];
      const skipped = [...(page.skipped ?? [])];
      for (const record of page.referrals) {
        const parsed = ReferralSchema.safeParse(record);
        if (parsed.success) referrals.push(parsed.data);
        else {
          const id = (record as { id?: unknown } | null)?.id;
          skipped.push({ id: typeof id === 'string' ? id : undefined, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        }
      }
      return { referrals, nextCursor: page.nextCursor, total: page.total, ...(skipped.length ? { skipped } : {}) };
    });
  }

  async moveReferral(id: string, move: MoveRequest, options?: CallOptions): Promise<Referral> {
    const checked = parseRecord(MoveRequestSchema, move, { record: 'The stage move', source: 'input' });
    return this.call(options, () => this.calls.moveReferral(id, checked), (v) => parseRecord(ReferralSchema, v, { record: `Referral ${id}`, source: 'crm' }));
  }

  listAgreements(partnerId?: string, options?: CallOptions): Promise<RevshareAgreement[]> {
    return this.call(options, () => this.calls.listAgreements(partnerId), (v) => parseRecord(z.array(RevshareAgreementSchema), v, { record: 'The revshare agreements', source: 'crm' }));
  }

  listStatements(query: StatementQuery, options?: CallOptions): Promise<RevshareStatement[]> {
    return this.call(options, () => this.calls.listStatements(query), (v) => parseRecord(z.array(RevshareStatementSchema), v, { record: 'The revshare statements', source: 'crm' }));
  }
}
