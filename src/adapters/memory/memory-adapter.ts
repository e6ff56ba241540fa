import { z } from '../../domain/zod.js';
import { totalsByCurrency } from '../../domain/money.js';
import type { Partner } from '../../domain/partner.js';
import {
  MoveRequestSchema,
  ReferralInputSchema,
  ReferralSchema,
  type MoveRequest,
  type Referral,
  type ReferralInput,
} from '../../domain/referral.js';
import type { RevshareAgreement, RevshareStatement } from '../../domain/revshare.js';
import { isOpenStage, isWonStage } from '../../domain/stages.js';
import { can, UserSchema, type User, type UserInput } from '../../domain/user.js';
import { isSameCompany } from '../../domain/normalize.js';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart } from '../../domain/duplicates.js';
import { rankPartners } from '../../domain/partner-search.js';
import { CrmError, parseRecord } from '../../errors.js';
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
} from '../adapter.js';
import { ReferralPaging } from './paging.js';
import { agreementsFor, filterPartners, statementsFor } from './revshare.js';
import { latency, plannedMove, submittedReferral } from './records.js';
import { MemoryPersistence } from './persistence.js';
import { copy, eachReferral, fingerprint, insertReferral, readReferral, reindex, stateOf, storeReferral } from './store.js';
import type { MemorySeed, State } from './store.js';

export type { MemorySeed } from './store.js';

export interface MemoryAdapterOptions {
  /** Keep what people change (referrals) in IndexedDB across reloads. Default `'none'`. */
  persistence?: 'indexeddb' | 'none';
  /** IndexedDB database name (default `'cosell-memory'`); one per demo or test. */
  dbName?: string;
  /** The clock, for tests and deterministic demos. */
  now?: () => Date;
  /** Simulated round trip per call, in milliseconds (default 0). */
  latencyMs?: number;
  /**
   * @deprecated Persistence opens the page's IndexedDB through idb's `openDB`, which takes no
   * factory; a factory given here is not used (persistence then stays in memory and says so once).
   * Use `persistence: 'none'` for an adapter that keeps nothing.
   */
  indexedDB?: IDBFactory;
}

const DuplicateProbeSchema = z.object({
  company: z.string().check(z.trim(), z.minLength(1, 'Enter the company name')),
  website: z.optional(z.string()),
  partnerId: z.optional(z.string()),
  withinDays: z.optional(z.number().check(z.int(), z.positive())),
});

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
  /** IndexedDB, and other tabs on the same database. */
  private readonly saved: MemoryPersistence;
  private readonly paging = new ReferralPaging(() => this.state);
  /** Bumped by every change to the referrals; invalidates what paging keeps. */
  private revision = 0;

  constructor(seed: MemorySeed, options: MemoryAdapterOptions = {}) {
    this.seed = seed;
    this.state = stateOf(seed);
    this.seedPrint = fingerprint(this.state);
    this.currentUser = this.state.users.get(this.state.currentUserId)!;
    this.now = options.now ?? (() => new Date());
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    this.saved = new MemoryPersistence(options.dbName ?? 'cosell-memory', (message) => this.receive(message));
    this.ready = options.persistence === 'indexeddb' ? this.openPersistence(options.indexedDB) : Promise.resolve();
  }

  /** True while referrals are kept in IndexedDB; false when in memory only. */
  get persistent(): boolean {
    return this.saved.open;
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
    const state = stateOf(seed);
    this.seed = seed;
    this.state = state;
    this.seedPrint = fingerprint(state);
    this.revision++;
    this.currentUser = state.users.get(state.currentUserId)!;
    await this.saved.clear(this.seedPrint);
    this.emit({ type: 'reset' }, true);
  }

  /** Close the IndexedDB connection (so the database can be deleted); the adapter keeps working in memory. */
  async close(): Promise<void> {
    await this.ready;
    this.saved.close();
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
    return copy(filterPartners(this.state, filter).sort((a, b) => a.name.localeCompare(b.name)));
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    await this.enter(options.signal);
    return copy(rankPartners(filterPartners(this.state, filter), query));
  }

  async getPartnerStats(partnerId: string, options: CallOptions = {}): Promise<PartnerStats> {
    await this.enter(options.signal);
    this.partner(partnerId);
    let openReferrals = 0;
    const won = [];
    for (const referral of eachReferral(this.state)) {
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
    const existing = existingId === undefined ? undefined : readReferral(this.state, existingId);
    if (existing) return copy(existing);
    if (!this.state.partners.has(parsed.partnerId)) {
      throw new CrmError('validation', `No partner with id ${parsed.partnerId}`, {
        fieldErrors: { partnerId: ['Choose a partner from the list'] },
      });
    }
    const at = this.now().toISOString();
    const referral = parseRecord(ReferralSchema, submittedReferral(parsed, this.currentUser, at), { record: 'Referral', source: 'input' });
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
      const referral = readReferral(this.state, id)!;
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
    const { keys, ...page } = this.paging.page(request, this.revision);
    return { referrals: keys.map((key) => copy(readReferral(this.state, key.id)!)), ...page };
  }

  async moveReferral(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    await this.enter(options.signal);
    const { referral, changed } = this.applyMove(id, move);
    if (!changed) return referral;
    const conflict = (await this.persistMoves([referral])).get(id);
    if (conflict) throw conflict;
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
    const conflicts = await this.persistMoves(moved);
    for (const referral of moved) if (!conflicts.has(referral.id)) this.emit({ type: 'referral-updated', referral }, true);
    return results.map((r) => (r instanceof CrmError ? r : (conflicts.get(r.id) ?? copy(r))));
  }

  async listAgreements(partnerId?: string, options: CallOptions = {}): Promise<RevshareAgreement[]> {
    await this.enter(options.signal);
    return agreementsFor(this.state, this.currentUser, partnerId, (id) => this.partner(id));
  }

  async listStatements(query: StatementQuery, options: CallOptions = {}): Promise<RevshareStatement[]> {
    await this.enter(options.signal);
    return statementsFor(this.state, this.currentUser, query, (id) => this.partner(id));
  }

  // ---- internals ----

  private async enter(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    await this.ready;
    if (this.latencyMs > 0) await latency(this.latencyMs, signal);
    throwIfAborted(signal);
  }

  private partner(id: string): Partner {
    const partner = this.state.partners.get(id);
    if (!partner) throw new CrmError('not-found', `No partner with id ${id}`);
    return partner;
  }

  private referral(id: string): Referral {
    const referral = readReferral(this.state, id);
    if (!referral) throw new CrmError('not-found', `No referral with id ${id}`);
    return referral;
  }

  /**
   * Validate and apply one move in memory; throws CrmError and changes nothing when it cannot.
   * `changed` is false for a retry of a move that already landed (nothing to save or announce).
   */
  private applyMove(id: string, move: MoveRequest): { referral: Referral; changed: boolean } {
    const m = parseRecord(MoveRequestSchema, move, { record: 'Stage move', source: 'input' });
    const outcome = plannedMove(this.referral(id), m, this.currentUser, () => this.now().toISOString());
    if (outcome.changed) {
      storeReferral(this.state, outcome.referral);
      this.revision++;
    }
    return outcome;
  }

  /** Add a new referral to the store. */
  private insert(referral: Referral): void {
    this.revision++;
    insertReferral(this.state, referral);
  }

  /** A change another tab made to the same database: apply it here and tell this tab's subscribers. */
  private receive(data: unknown): void {
    const message = data as Partial<CrmChange> | null;
    if (message?.type === 'reset') {
      this.state = stateOf(this.seed);
      this.revision++;
      this.currentUser = this.state.users.get(this.currentUser.id) ?? this.currentUser;
      this.emit({ type: 'reset' });
      return;
    }
    if (message?.type !== 'referral-created' && message?.type !== 'referral-updated') return;
    const parsed = ReferralSchema.safeParse(message.referral);
    if (!parsed.success) return;
    const referral = parsed.data;
    // A stored referral the schema refuses (an unread bad seed record) gives way to the valid one heard.
    const stored = this.state.referrals.has(referral.id);
    let current: Referral | undefined;
    try {
      current = readReferral(this.state, referral.id);
    } catch {
      current = undefined;
    }
    if (current && current.version >= referral.version) return;
    if (stored) {
      storeReferral(this.state, referral);
      this.revision++;
    } else this.insert(referral);
    this.emit({ type: stored ? 'referral-updated' : 'referral-created', referral });
  }

  /** Tell this adapter's subscribers; with `broadcast`, also other tabs sharing the database. */
  private emit(change: CrmChange, broadcast = false): void {
    if (broadcast) this.saved.broadcast(change);
    for (const listener of [...this.listeners]) {
      try {
        listener(copy(change));
      } catch (error) {
        console.error('A MemoryAdapter listener failed', error);
      }
    }
  }

  private async openPersistence(factory: IDBFactory | undefined): Promise<void> {
    const pageIndexedDB = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (factory !== undefined && factory !== pageIndexedDB) {
      this.saved.fallBack('an IndexedDB factory of its own cannot be opened through idb');
      return;
    }
    const saved = await this.saved.load(this.seedPrint, pageIndexedDB !== undefined);
    if (saved.length === 0) return;
    for (const referral of saved) storeReferral(this.state, referral);
    reindex(this.state);
    this.revision++;
  }

  /**
   * Save moves; a referral another tab saved first (its broadcast not heard yet) takes that tab's
   * version here and its move is a conflict, by id: nothing is overwritten silently.
   */
  private async persistMoves(moved: Referral[]): Promise<Map<string, CrmError>> {
    const conflicts = new Map<string, CrmError>();
    for (const [id, current] of await this.saved.saveMoves(moved)) {
      storeReferral(this.state, current);
      this.revision++;
      this.emit({ type: 'referral-updated', referral: current });
      conflicts.set(id, new CrmError('conflict', `Referral ${id} was changed in another tab (now version ${current.version})`, { details: copy(current) }));
    }
    return conflicts;
  }

  private async persist(...referrals: Referral[]): Promise<void> {
    await this.saved.save(...referrals);
  }
}
