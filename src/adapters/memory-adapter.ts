import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from '../domain/zod.js';
import { totalsByCurrency } from '../domain/money.js';
import { PartnerSchema, type Partner, type PartnerInput } from '../domain/partner.js';
import { PeriodSchema } from '../domain/period.js';
import {
  MoveRequestSchema,
  ReferralFilterSchema,
  ReferralInputSchema,
  ReferralSchema,
  bulkReferralSchema,
  type MoveRequest,
  type Referral,
  type ReferralFilter,
  type ReferralInput,
  type StageChange,
} from '../domain/referral.js';
import { synthesiseStageHistory, appendStageChange, moveAlreadyApplied } from '../domain/stage-history.js';
import {
  RevshareAgreementSchema,
  RevshareStatementSchema,
  type RevshareAgreement,
  type RevshareStatement,
} from '../domain/revshare.js';
import { isClosedStage, isOpenStage, isWonStage } from '../domain/stages.js';
import { can, UserSchema, type User, type UserInput } from '../domain/user.js';
import { isSameCompany } from '../domain/normalize.js';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart } from '../domain/duplicates.js';
import { rankPartners } from '../domain/partner-search.js';
import { referralTextKey, referralTextQuery, submittedRange } from '../domain/referral-filter.js';
import { CrmError, parseRecord } from '../errors.js';
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
} from './adapter.js';

/** Records to start from. Each is checked with its domain schema; an invalid one is refused. */
export interface MemorySeed {
  partners: readonly PartnerInput[];
  referrals?: readonly z.input<typeof ReferralSchema>[];
  agreements?: readonly z.input<typeof RevshareAgreementSchema>[];
  statements?: readonly z.input<typeof RevshareStatementSchema>[];
  currentUser: UserInput;
  /** Everyone the demo can sign in as (the current user is added when missing). */
  users?: readonly UserInput[];
}

export interface MemoryAdapterOptions {
  /** Keep what people change (referrals) in IndexedDB across reloads. Default `'none'`. */
  persistence?: 'indexeddb' | 'none';
  /** IndexedDB database name (default `'cosell-memory'`); one per demo or test. */
  dbName?: string;
  /** The clock, for tests and deterministic demos. */
  now?: () => Date;
  /** Simulated round trip per call, in milliseconds (default 0). */
  latencyMs?: number;
  /** The IndexedDB factory to use (default `globalThis.indexedDB`); tests pass a failing one. */
  indexedDB?: IDBFactory;
}

interface MemoryDb extends DBSchema {
  referrals: { key: string; value: Referral };
  /** 'seed': the fingerprint of the seed the saved referrals were made over. */
  meta: { key: string; value: string };
}

const DB_VERSION = 2;
const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 5000;

const PageSizeSchema = z.optional(z.number().check(z.int('Page size is a whole number'), z.gte(1, 'Page size is at least 1')));
const CursorSchema = z.object({ t: z.number(), id: z.string() });
const StatementQuerySchema = z
  .object({ partnerId: z.optional(z.string().check(z.minLength(1))), from: PeriodSchema, to: PeriodSchema })
  .check(z.refine((q) => q.from <= q.to, { message: 'The period range ends before it starts', path: ['to'] }));
const DuplicateProbeSchema = z.object({
  company: z.string().check(z.trim(), z.minLength(1, 'Enter the company name')),
  website: z.optional(z.string()),
  partnerId: z.optional(z.string()),
  withinDays: z.optional(z.number().check(z.int(), z.positive())),
});

interface State {
  partners: Map<string, Partner>;
  /** Referrals by id. */
  referrals: Map<string, Referral>;
  /** Referral id by externalId. */
  byExternalId: Map<string, string>;
  /** Every referral, newest submitted first (ties by id, descending). */
  order: { t: number; id: string }[];
  agreements: RevshareAgreement[];
  statements: RevshareStatement[];
  users: Map<string, User>;
  currentUserId: string;
}

/** Newest first: later time first, then the larger id. */
function before(a: { t: number; id: string }, b: { t: number; id: string }): boolean {
  return a.t > b.t || (a.t === b.t && a.id > b.id);
}

/** Index of the first entry that does not come before `key` in the newest-first order. */
function lowerBound(order: readonly { t: number; id: string }[], key: { t: number; id: string }): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(order[mid]!, key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function duplicateSeed(record: string, field: string, value: string): CrmError {
  return new CrmError('bad-data', `${record} is not valid — ${field}: ${value} is used twice`, {
    fieldErrors: { [field]: [`${value} is used twice`] },
  });
}

function validateSeed(seed: MemorySeed): State {
  const crm = (record: string) => ({ record, source: 'crm' as const });
  const partners = new Map<string, Partner>();
  seed.partners.forEach((p, i) => {
    const partner = parseRecord(PartnerSchema, p, crm(`Seed partner ${i} (${String(p?.id ?? 'no id')})`));
    if (partners.has(partner.id)) throw duplicateSeed(`Seed partner ${i}`, 'id', partner.id);
    partners.set(partner.id, partner);
  });
  const state: State = {
    partners,
    referrals: new Map(),
    byExternalId: new Map(),
    order: [],
    agreements: (seed.agreements ?? []).map((a, i) =>
      parseRecord(RevshareAgreementSchema, a, crm(`Seed agreement ${i} (${String(a?.id ?? 'no id')})`)),
    ),
    statements: (seed.statements ?? []).map((s, i) =>
      parseRecord(RevshareStatementSchema, s, crm(`Seed statement ${i} (${String(s?.id ?? 'no id')})`)),
    ),
    users: new Map(),
    currentUserId: '',
  };
  const externalIds = new Set<string>();
  const referralSchema = bulkReferralSchema();
  (seed.referrals ?? []).forEach((r, i) => {
    // The compiled schema first; a record it refuses goes through parseRecord for the same clear error.
    const fast = referralSchema.safeParse(r);
    const referral = fast.success ? fast.data : parseRecord(ReferralSchema, r, crm(`Seed referral ${i} (${String(r?.id ?? 'no id')})`));
    if (state.referrals.has(referral.id)) throw duplicateSeed(`Seed referral ${i}`, 'id', referral.id);
    if (externalIds.has(referral.externalId)) throw duplicateSeed(`Seed referral ${i} (${referral.id})`, 'externalId', referral.externalId);
    externalIds.add(referral.externalId);
    state.referrals.set(referral.id, referral);
  });
  const currentUser = parseRecord(UserSchema, seed.currentUser, crm('Seed current user'));
  (seed.users ?? []).forEach((u, i) => {
    const user = parseRecord(UserSchema, u, crm(`Seed user ${i} (${String(u?.id ?? 'no id')})`));
    state.users.set(user.id, user);
  });
  state.users.set(currentUser.id, currentUser);
  state.currentUserId = currentUser.id;
  return state;
}

function reindex(state: State): void {
  state.byExternalId.clear();
  state.order = [];
  for (const referral of state.referrals.values()) {
    state.byExternalId.set(referral.externalId, referral.id);
    state.order.push({ t: Date.parse(referral.submittedAt), id: referral.id });
  }
  // Seeds usually come newest first already (the demo data does): one pass tells, and the sort is skipped.
  const order = state.order;
  for (let i = 1; i < order.length; i++) {
    if (!before(order[i - 1]!, order[i]!)) {
      order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      return;
    }
  }
}

/**
 * A cheap fingerprint of a seed: saved referrals belong to the seed they were made over, so a new
 * seed (another demo-data version, another dataset) starts clean instead of mixing the two.
 */
function fingerprint(state: State): string {
  const ends = [...state.order.slice(0, 20), ...state.order.slice(-20)].map((key) => {
    const r = state.referrals.get(key.id)!;
    return `${r.id}|${r.externalId}|${r.stage}|${r.version}|${r.submittedAt}`;
  });
  return JSON.stringify([[...state.partners.keys()], state.referrals.size, ends]);
}

function encodeCursor(key: { t: number; id: string }): string {
  return btoa(encodeURIComponent(JSON.stringify(key)));
}

function decodeCursor(cursor: string): { t: number; id: string } {
  try {
    return CursorSchema.parse(JSON.parse(decodeURIComponent(atob(cursor))));
  } catch {
    throw new CrmError('validation', 'The page cursor is not one this adapter gave out', {
      fieldErrors: { cursor: ['Unknown cursor'] },
    });
  }
}

/**
 * Records are handed out frozen rather than copied: stored records are never changed in place (a
 * move stores a new object), so sharing them is safe, and a widget holding 10,000 referrals does not
 * hold a second copy of each. A caller that tries to change one gets a TypeError instead of silently
 * changing what is stored.
 */
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) copy((value as Record<string, unknown>)[key]);
  return value;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

/**
 * A CrmAdapter that keeps records in memory: the embedded default for demos, Storybook, tests and
 * trials. Optionally keeps referrals (what people change) in IndexedDB so a reload keeps them; where
 * IndexedDB is unavailable it keeps working in memory and says so once (`persistent` is false).
 * With persistence, adapters in other tabs on the same database hear of each other's changes
 * (BroadcastChannel), so `subscribe()` reports changes made elsewhere.
 *
 * ```ts
 * const adapter = new MemoryAdapter(createDemoData({ seed: 1 }), { persistence: 'indexeddb' });
 * await adapter.ready;
 * ```
 */
export class MemoryAdapter implements CrmAdapter {
  readonly capabilities: CrmCapabilities = { liveChanges: true, partnerStats: true, batchMoves: true };
  /** Settles when persisted referrals are loaded (or persistence gave up). Every method awaits it. */
  readonly ready: Promise<void>;

  private state: State;
  private currentUser: User;
  private seed: MemorySeed;
  private seedPrint: string;
  private readonly listeners = new Set<(change: CrmChange) => void>();
  private readonly now: () => Date;
  private readonly latencyMs: number;
  private readonly dbName: string;
  private db: IDBPDatabase<MemoryDb> | undefined;
  private warned = false;
  /** Other tabs with the same IndexedDB database hear of changes through this. */
  private channel: BroadcastChannel | undefined;
  private readonly searchKeys = new WeakMap<Referral, string>();
  /** Bumped by every change to the referrals; invalidates `lastMatch`. */
  private revision = 0;
  private lastMatch: { key: string; revision: number; matches: { t: number; id: string }[] } | undefined;

  constructor(seed: MemorySeed, options: MemoryAdapterOptions = {}) {
    this.seed = seed;
    this.state = validateSeed(seed);
    reindex(this.state);
    this.seedPrint = fingerprint(this.state);
    this.currentUser = this.state.users.get(this.state.currentUserId)!;
    this.now = options.now ?? (() => new Date());
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    this.dbName = options.dbName ?? 'cosell-memory';
    this.ready =
      options.persistence === 'indexeddb'
        ? this.openPersistence(options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB)
        : Promise.resolve();
  }

  /** True while referrals are kept in IndexedDB; false when in memory only. */
  get persistent(): boolean {
    return this.db !== undefined;
  }

  /** Everyone the demo can sign in as. */
  get users(): User[] {
    return copy([...this.state.users.values()]);
  }

  /**
   * Act as another user (by id, from the seed's users, or a new user record) from the next call on:
   * a demo's role switcher, or a test playing "someone else". Subscribers are not told; a host that
   * switches users reloads its widgets (for example by setting the provider's adapter again).
   */
  setCurrentUser(user: string | UserInput): User {
    const next =
      typeof user === 'string'
        ? this.state.users.get(user)
        : parseRecord(UserSchema, user, { record: 'User', source: 'input' });
    if (!next) throw new CrmError('not-found', `No user with id ${typeof user === 'string' ? user : user.id}`);
    this.state.users.set(next.id, next);
    this.currentUser = next;
    return copy(next);
  }

  /** Replace every record with `seed` (default: the seed it was made with) and forget what was persisted. */
  async reset(seed: MemorySeed = this.seed): Promise<void> {
    await this.ready;
    const state = validateSeed(seed);
    reindex(state);
    this.seed = seed;
    this.state = state;
    this.seedPrint = fingerprint(state);
    this.revision++;
    this.currentUser = state.users.get(state.currentUserId)!;
    if (this.db) {
      try {
        const tx = this.db.transaction(['referrals', 'meta'], 'readwrite');
        await Promise.all([tx.objectStore('referrals').clear(), tx.objectStore('meta').put(this.seedPrint, 'seed'), tx.done]);
      } catch (error) {
        this.fallBack('could not clear the saved demo data', error);
      }
    }
    this.emit({ type: 'reset' }, true);
  }

  /** Close the IndexedDB connection (so the database can be deleted); the adapter keeps working in memory. */
  async close(): Promise<void> {
    await this.ready;
    this.db?.close();
    this.db = undefined;
    this.channel?.close();
    this.channel = undefined;
  }

  subscribe(listener: (change: CrmChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async getCurrentUser(options: CallOptions = {}): Promise<User> {
    await this.enter(options.signal);
    return copy(this.currentUser);
  }

  async getPartner(id: string, options: CallOptions = {}): Promise<Partner> {
    await this.enter(options.signal);
    return copy(this.partner(id));
  }

  async listPartners(filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    await this.enter(options.signal);
    return copy(this.filterPartners(filter).sort((a, b) => a.name.localeCompare(b.name)));
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    await this.enter(options.signal);
    return copy(rankPartners(this.filterPartners(filter), query));
  }

  async getPartnerStats(partnerId: string, options: CallOptions = {}): Promise<PartnerStats> {
    await this.enter(options.signal);
    this.partner(partnerId);
    let openReferrals = 0;
    const won = [];
    for (const referral of this.state.referrals.values()) {
      if (referral.partnerId !== partnerId) continue;
      if (isOpenStage(referral.stage)) openReferrals++;
      else if (isWonStage(referral.stage)) won.push(referral.estimatedArr);
    }
    return { openReferrals, wonArr: totalsByCurrency(won) };
  }

  async createReferral(input: ReferralInput, options: CallOptions = {}): Promise<Referral> {
    await this.enter(options.signal);
    if (!can.submitReferral(this.currentUser)) {
      throw new CrmError('permission', `${this.currentUser.name} may not submit referrals`);
    }
    const parsed = parseRecord(ReferralInputSchema, input, { record: 'Referral', source: 'input' });
    const existingId = this.state.byExternalId.get(parsed.externalId);
    const existing = existingId === undefined ? undefined : this.state.referrals.get(existingId);
    if (existing) return copy(existing);
    if (!this.state.partners.has(parsed.partnerId)) {
      throw new CrmError('validation', `No partner with id ${parsed.partnerId}`, {
        fieldErrors: { partnerId: ['Choose a partner from the list'] },
      });
    }
    const at = this.now().toISOString();
    const referral = parseRecord(
      ReferralSchema,
      {
        ...parsed,
        id: `ref-${parsed.externalId}`,
        seller: { id: this.currentUser.id, name: this.currentUser.name },
        stage: 'submitted',
        submittedAt: at,
        stageChangedAt: at,
        version: 0,
        lastModifiedBy: this.currentUser.name,
        stageHistory: [{ from: null, to: 'submitted', at, by: this.currentUser.id }],
      } satisfies z.input<typeof ReferralSchema>,
      { record: 'Referral', source: 'input' },
    );
    this.insert(referral);
    await this.persist(referral);
    this.emit({ type: 'referral-created', referral }, true);
    return copy(referral);
  }

  async findDuplicateReferrals(probe: DuplicateProbe, options: CallOptions = {}): Promise<Referral[]> {
    await this.enter(options.signal);
    const p = parseRecord(DuplicateProbeSchema, probe, { record: 'Duplicate check', source: 'input' });
    const since = duplicateWindowStart(this.now(), p.withinDays ?? DUPLICATE_WINDOW_DAYS).getTime();
    const candidate = { company: p.company, website: p.website };
    const matches: Referral[] = [];
    for (const { t, id } of this.state.order) {
      if (t < since) break;
      const referral = this.state.referrals.get(id)!;
      if (p.partnerId !== undefined && referral.partnerId !== p.partnerId) continue;
      if (isSameCompany(candidate, referral.prospect)) matches.push(copy(referral));
    }
    return matches;
  }

  async getReferral(id: string, options: CallOptions = {}): Promise<Referral> {
    await this.enter(options.signal);
    return copy(this.referral(id));
  }

  async listReferrals(request: ReferralPageRequest = {}, options: CallOptions = {}): Promise<ReferralPage> {
    await this.enter(options.signal);
    const { cursor, pageSize, ...rest } = request;
    const filter = parseRecord(ReferralFilterSchema, rest, { record: 'Referral filter', source: 'input' });
    const size = Math.min(
      parseRecord(PageSizeSchema, pageSize, { record: 'Page size', source: 'input' }) ?? DEFAULT_PAGE_SIZE,
      MAX_PAGE_SIZE,
    );
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const matches = this.matching(filter);
    let start = after === undefined ? 0 : lowerBound(matches, after);
    const at = matches[start];
    if (after && at && at.t === after.t && at.id === after.id) start++;
    const keys = matches.slice(start, start + size);
    const referrals = keys.map((key) => copy(this.state.referrals.get(key.id)!));
    const last = keys[keys.length - 1];
    return start + size < matches.length && last
      ? { referrals, nextCursor: encodeCursor(last), total: matches.length }
      : { referrals, total: matches.length };
  }

  async moveReferral(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    await this.enter(options.signal);
    const { referral, changed } = this.applyMove(id, move);
    if (!changed) return referral;
    await this.persist(referral);
    this.emit({ type: 'referral-updated', referral }, true);
    return copy(referral);
  }

  async moveReferrals(
    moves: { id: string; move: MoveRequest }[],
    options: CallOptions = {},
  ): Promise<(Referral | CrmError)[]> {
    await this.enter(options.signal);
    const moved: Referral[] = [];
    const results = moves.map(({ id, move }) => {
      try {
        const { referral, changed } = this.applyMove(id, move);
        if (changed) moved.push(referral);
        return referral;
      } catch (error) {
        return CrmError.from(error);
      }
    });
    await this.persist(...moved);
    for (const referral of moved) this.emit({ type: 'referral-updated', referral }, true);
    return results.map((r) => (r instanceof CrmError ? r : copy(r)));
  }

  async listAgreements(partnerId?: string, options: CallOptions = {}): Promise<RevshareAgreement[]> {
    await this.enter(options.signal);
    this.checkRevshare(partnerId);
    if (partnerId !== undefined) this.partner(partnerId);
    return copy(this.state.agreements).filter(
      (a) => (partnerId === undefined || a.partnerId === partnerId) && this.managesPartner(a.partnerId),
    );
  }

  async listStatements(query: StatementQuery, options: CallOptions = {}): Promise<RevshareStatement[]> {
    await this.enter(options.signal);
    const q = parseRecord(StatementQuerySchema, query, { record: 'Statement query', source: 'input' });
    this.checkRevshare(q.partnerId);
    if (q.partnerId !== undefined) this.partner(q.partnerId);
    return this.state.statements
      .filter(
        (s) =>
          (q.partnerId === undefined || s.partnerId === q.partnerId) &&
          s.period >= q.from &&
          s.period <= q.to &&
          this.managesPartner(s.partnerId),
      )
      .sort((a, b) => a.partnerId.localeCompare(b.partnerId) || a.period.localeCompare(b.period))
      .map((statement) => copy(statement));
  }

  // ---- internals ----

  private async enter(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    await this.ready;
    if (this.latencyMs > 0) {
      // An abort ends the wait early; the check below then throws the signal's reason.
      await new Promise<void>((resolve) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, this.latencyMs);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    throwIfAborted(signal);
  }

  private partner(id: string): Partner {
    const partner = this.state.partners.get(id);
    if (!partner) throw new CrmError('not-found', `No partner with id ${id}`);
    return partner;
  }

  private referral(id: string): Referral {
    const referral = this.state.referrals.get(id);
    if (!referral) throw new CrmError('not-found', `No referral with id ${id}`);
    return referral;
  }

  private filterPartners(filter: PartnerFilter): Partner[] {
    const market = filter.market?.toUpperCase();
    const statuses = filter.integrationStatus && new Set(filter.integrationStatus);
    const useCase = filter.useCase?.toLowerCase();
    return [...this.state.partners.values()].filter(
      (p) =>
        (market === undefined || p.markets.includes(market)) &&
        (!statuses || statuses.has(p.integration.status)) &&
        (useCase === undefined || p.useCases.some((u) => u.toLowerCase() === useCase)),
    );
  }

  private searchKey(referral: Referral): string {
    let key = this.searchKeys.get(referral);
    if (key === undefined) {
      key = referralTextKey(referral, this.state.partners.get(referral.partnerId)?.name);
      this.searchKeys.set(referral, key);
    }
    return key;
  }

  /** Partner managers with a list of partners see only those; everyone else sees all. */
  private managesPartner(partnerId: string): boolean {
    const user = this.currentUser;
    return user.role !== 'partner-manager' || user.partnerIds.length === 0 || user.partnerIds.includes(partnerId);
  }

  private checkRevshare(partnerId: string | undefined): void {
    if (!can.viewRevshare(this.currentUser) || (partnerId !== undefined && !this.managesPartner(partnerId))) {
      throw new CrmError('permission', `${this.currentUser.name} may not see revenue share${partnerId ? ` for ${partnerId}` : ''}`);
    }
  }

  /**
   * Validate and apply one move in memory; throws CrmError and changes nothing when it cannot.
   * `changed` is false for a retry of a move that already landed (nothing to save or announce).
   */
  private applyMove(id: string, move: MoveRequest): { referral: Referral; changed: boolean } {
    const m = parseRecord(MoveRequestSchema, move, { record: 'Stage move', source: 'input' });
    const current = this.referral(id);
    if (!can.moveReferral(this.currentUser) || !this.managesPartner(current.partnerId)) {
      throw new CrmError('permission', `${this.currentUser.name} may not move referrals`);
    }
    // A retry of this user's own move that did land (its answer was lost) is that move, not a conflict.
    if (moveAlreadyApplied(current, m, this.currentUser.id)) return { referral: copy(current), changed: false };
    if (current.version !== m.expectedVersion) {
      throw new CrmError(
        'conflict',
        `Referral ${id} is at version ${current.version}, not ${m.expectedVersion}: someone else changed it`,
        { details: copy(current) },
      );
    }
    const at = this.now().toISOString();
    const closed = isClosedStage(m.to);
    const change: StageChange = { from: current.stage, to: m.to, at, by: this.currentUser.id };
    if (m.reason) change.reason = m.reason;
    const next: Referral = {
      ...current,
      stage: m.to,
      stageChangedAt: at,
      version: current.version + 1,
      lastModifiedBy: this.currentUser.name,
      // A seed referral without history gets one reconstructed from its dates first (marked inferred).
      stageHistory: appendStageChange(current, change),
    };
    if (m.to === 'accepted' && !current.acceptedAt) next.acceptedAt = at;
    if (closed) {
      next.closedAt = at;
      if (m.reason) next.closeReason = m.reason;
      else delete next.closeReason;
    } else {
      delete next.closedAt;
      delete next.closeReason;
    }
    this.state.referrals.set(id, next);
    this.revision++;
    return { referral: next, changed: true };
  }

  /**
   * Keys of the referrals matching a filter, newest first. The last answer is kept until something
   * changes, so paging through 10,000 referrals scans them once, not once per page.
   */
  private matching(filter: ReferralFilter): { t: number; id: string }[] {
    const cacheKey = JSON.stringify(filter);
    if (this.lastMatch?.key === cacheKey && this.lastMatch.revision === this.revision) return this.lastMatch.matches;
    // The domain's rule (src/domain/referral-filter.ts); the newest-first index lets the scan stop early.
    const { fromMs: from, toMs: to } = submittedRange(filter);
    const stages = filter.stages && new Set(filter.stages);
    const q = referralTextQuery(filter.q);
    const matches: { t: number; id: string }[] = [];
    for (const key of this.state.order) {
      if (from !== undefined && key.t < from) break;
      if (to !== undefined && key.t > to) continue;
      const referral = this.state.referrals.get(key.id)!;
      if (filter.partnerId !== undefined && referral.partnerId !== filter.partnerId) continue;
      if (filter.sellerId !== undefined && referral.seller.id !== filter.sellerId) continue;
      if (stages && !stages.has(referral.stage)) continue;
      if (filter.market !== undefined && referral.prospect.country !== filter.market) continue;
      if (q !== undefined && !this.searchKey(referral).includes(q)) continue;
      matches.push(key);
    }
    this.lastMatch = { key: cacheKey, revision: this.revision, matches };
    return matches;
  }

  /** Add a new referral to the maps and the newest-first order. */
  private insert(referral: Referral): void {
    this.revision++;
    this.state.referrals.set(referral.id, referral);
    this.state.byExternalId.set(referral.externalId, referral.id);
    const key = { t: Date.parse(referral.submittedAt), id: referral.id };
    this.state.order.splice(lowerBound(this.state.order, key), 0, key);
  }

  /** A change another tab made to the same database: apply it here and tell this tab's subscribers. */
  private receive(data: unknown): void {
    const message = data as Partial<CrmChange> | null;
    if (message?.type === 'reset') {
      this.state = validateSeed(this.seed);
      reindex(this.state);
      this.revision++;
      this.currentUser = this.state.users.get(this.currentUser.id) ?? this.currentUser;
      this.emit({ type: 'reset' });
      return;
    }
    if (message?.type !== 'referral-created' && message?.type !== 'referral-updated') return;
    const parsed = ReferralSchema.safeParse(message.referral);
    if (!parsed.success) return;
    const referral = parsed.data;
    const current = this.state.referrals.get(referral.id);
    if (current && current.version >= referral.version) return;
    if (current) {
      this.state.referrals.set(referral.id, referral);
      this.revision++;
    } else this.insert(referral);
    this.emit({ type: current ? 'referral-updated' : 'referral-created', referral });
  }

  /** Tell this adapter's subscribers; with `broadcast`, also other tabs sharing the database. */
  private emit(change: CrmChange, broadcast = false): void {
    if (broadcast && this.channel) {
      try {
        this.channel.postMessage(change);
      } catch {
        // Another tab simply will not hear of it; this one is unaffected.
      }
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(copy(change));
      } catch (error) {
        console.error('A MemoryAdapter listener failed', error);
      }
    }
  }

  private async openPersistence(factory: IDBFactory | undefined): Promise<void> {
    if (!factory) {
      this.fallBack('IndexedDB is not available here');
      return;
    }
    try {
      const request = factory.open(this.dbName, DB_VERSION);
      request.addEventListener('upgradeneeded', () => {
        const stores = request.result.objectStoreNames;
        if (!stores.contains('referrals')) request.result.createObjectStore('referrals', { keyPath: 'id' });
        if (!stores.contains('meta')) request.result.createObjectStore('meta');
      });
      const db = (await wrap(request)) as unknown as IDBPDatabase<MemoryDb>;
      const tx = db.transaction(['referrals', 'meta'], 'readwrite');
      const savedOver = await tx.objectStore('meta').get('seed');
      let stored: Referral[] = [];
      if (savedOver === this.seedPrint) {
        stored = await tx.objectStore('referrals').getAll();
      } else {
        // Saved referrals from another seed (or none yet): start clean over this one.
        await Promise.all([tx.objectStore('referrals').clear(), tx.objectStore('meta').put(this.seedPrint, 'seed')]);
      }
      await tx.done;
      const migrated: Referral[] = [];
      for (const value of stored) {
        const result = ReferralSchema.safeParse(value);
        if (!result.success) {
          console.warn(`MemoryAdapter: skipped a saved referral that is no longer valid (${String((value as { id?: unknown }).id)})`);
          continue;
        }
        let referral = result.data;
        if (!referral.stageHistory?.length) {
          // Saved before stage history was kept: reconstruct it from the referral's own dates. Only
          // the submission is known; the acceptance and the change to the current stage are marked
          // `inferred` (moves between may be missing, their author is unknown). Saved back once.
          referral = { ...referral, stageHistory: synthesiseStageHistory(referral) };
          migrated.push(referral);
        }
        this.state.referrals.set(referral.id, referral);
      }
      if (migrated.length) {
        const write = db.transaction('referrals', 'readwrite');
        await Promise.all([...migrated.map((r) => write.store.put(r)), write.done]);
      }
      reindex(this.state);
      this.revision++;
      this.db = db;
      // A newer version of this database opening elsewhere must not wait for this tab forever.
      db.addEventListener('versionchange', () => this.fallBack('another tab upgraded the saved demo data'));
      if (typeof BroadcastChannel === 'function') {
        this.channel = new BroadcastChannel(`cosell-memory:${this.dbName}`);
        this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
      }
    } catch (error) {
      this.fallBack('could not open IndexedDB', error);
    }
  }

  private async persist(...referrals: Referral[]): Promise<void> {
    const db = this.db;
    if (!db || referrals.length === 0) return;
    try {
      const tx = db.transaction('referrals', 'readwrite');
      await Promise.all([...referrals.map((r) => tx.store.put(r)), tx.done]);
    } catch (error) {
      this.fallBack('could not save to IndexedDB', error);
    }
  }

  private fallBack(why: string, error?: unknown): void {
    this.db?.close();
    this.db = undefined;
    if (this.warned) return;
    this.warned = true;
    console.warn(`MemoryAdapter: ${why}; keeping data in memory only, so it will not survive a reload.`, error ?? '');
  }
}
