import type { z } from '../../domain/zod.js';
import { PartnerSchema, type Partner, type PartnerInput } from '../../domain/partner.js';
import { bulkReferralSchema } from '../../domain/bulk-referral.js';
import { ReferralSchema, type Referral } from '../../domain/referral.js';
import {
  RevshareAgreementSchema,
  RevshareStatementSchema,
  type RevshareAgreement,
  type RevshareStatement,
} from '../../domain/revshare.js';
import { isCanonicalReferral } from '../../domain/referral-canonical.js';
import { UserSchema, type User, type UserInput } from '../../domain/user.js';
import { CrmError, parseRecord } from '../../errors.js';

/**
 * MemoryAdapter's store: the records it holds and the newest-first index over the referrals that
 * paging (paging.ts) and the duplicate check walk. Partners, users, agreements and statements are
 * checked with their schemas on the way in. Seed referrals (there may be 100,000) are indexed by the
 * fields the index needs (id, externalId, submittedAt: fields the schema keeps as they are) and
 * checked with the referral schema lazily, the first time anything reads them (`readReferral`,
 * `eachReferral`): a bad one is then a `bad-data` CrmError naming it, at that read; none is ever
 * handed out or matched unchecked.
 */

/**
 * Records to start from. Each is checked with its domain schema; an invalid one is refused (a
 * referral when it is first read: a page, a lookup or a filter that reaches it). A referral already
 * in the schema's output form is kept as given rather than copied (and frozen when first handed
 * out): do not change seed records after giving them to an adapter.
 */
export interface MemorySeed {
  partners: readonly PartnerInput[];
  referrals?: readonly z.input<typeof ReferralSchema>[];
  agreements?: readonly z.input<typeof RevshareAgreementSchema>[];
  statements?: readonly z.input<typeof RevshareStatementSchema>[];
  currentUser: UserInput;
  /** Everyone the demo can sign in as (the current user is added when missing). */
  users?: readonly UserInput[];
}

/** A referral's place in the newest-first order: its submission instant (epoch ms) and its id. */
export interface OrderKey {
  t: number;
  id: string;
}

export interface State {
  partners: Map<string, Partner>;
  /**
   * Referrals by id, as stored: a seed referral not read yet may still be unchecked. Read them
   * through `readReferral` / `eachReferral`, which check them first; set only checked ones.
   */
  referrals: Map<string, Referral>;
  /** The stored referrals the referral schema has passed (every one but unread seed referrals). */
  checked: WeakSet<object>;
  /** The seed's referrals, to name a bad one by its place in the seed. */
  seedReferrals: readonly unknown[];
  /** Referral id by externalId. */
  byExternalId: Map<string, string>;
  /** Every referral, newest submitted first (ties by id, descending). */
  order: OrderKey[];
  agreements: RevshareAgreement[];
  statements: RevshareStatement[];
  users: Map<string, User>;
  currentUserId: string;
}

/** Newest first: later time first, then the larger id. */
export function before(a: OrderKey, b: OrderKey): boolean {
  return a.t > b.t || (a.t === b.t && a.id > b.id);
}

/** Index of the first entry that does not come before `key` in the newest-first order. */
export function lowerBound(order: readonly OrderKey[], key: OrderKey): number {
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

const crm = (record: string) => ({ record, source: 'crm' as const });
const named = (what: string, i: number, record: { id?: string } | null | undefined) => `${what} ${i} (${String(record?.id ?? 'no id')})`;

/** Check every record of a seed; the first invalid or duplicated one is a `bad-data` CrmError naming it. */
function validateSeed(seed: MemorySeed): State {
  const partners = new Map<string, Partner>();
  seed.partners.forEach((p, i) => {
    const partner = parseRecord(PartnerSchema, p, crm(named('Seed partner', i, p)));
    if (partners.has(partner.id)) throw duplicateSeed(`Seed partner ${i}`, 'id', partner.id);
    partners.set(partner.id, partner);
  });
  const state: State = {
    partners,
    referrals: new Map(),
    byExternalId: new Map(),
    order: [],
    agreements: (seed.agreements ?? []).map((a, i) => parseRecord(RevshareAgreementSchema, a, crm(named('Seed agreement', i, a)))),
    statements: (seed.statements ?? []).map((s, i) => parseRecord(RevshareStatementSchema, s, crm(named('Seed statement', i, s)))),
    users: new Map(),
    currentUserId: '',
    checked: new WeakSet(),
    seedReferrals: [],
  };
  state.seedReferrals = seed.referrals ?? [];
  state.seedReferrals.forEach((r, i) => {
    // Only what the index needs is read here; the schema checks the record when it is first read.
    // A record whose index fields are not even plain (no id, a submittedAt that is no date) is
    // checked now, for the schema's own error.
    let referral = r as Referral;
    const plain = typeof r === 'object' && r !== null && typeof referral.id === 'string' && typeof referral.externalId === 'string';
    let t = plain ? Date.parse(referral.submittedAt) : NaN;
    if (Number.isNaN(t)) {
      referral = checkSeedReferral(state, r);
      t = Date.parse(referral.submittedAt);
    }
    if (state.referrals.has(referral.id)) throw duplicateSeed(`Seed referral ${i}`, 'id', referral.id);
    if (state.byExternalId.has(referral.externalId)) throw duplicateSeed(`Seed referral ${i} (${referral.id})`, 'externalId', referral.externalId);
    state.byExternalId.set(referral.externalId, referral.id);
    state.referrals.set(referral.id, referral);
    state.order.push({ t, id: referral.id });
  });
  const currentUser = parseRecord(UserSchema, seed.currentUser, crm('Seed current user'));
  (seed.users ?? []).forEach((u, i) => {
    const user = parseRecord(UserSchema, u, crm(named('Seed user', i, u)));
    state.users.set(user.id, user);
  });
  state.users.set(currentUser.id, currentUser);
  state.currentUserId = currentUser.id;
  return state;
}

/**
 * A seed referral through the referral schema: kept as given when it is already in the schema's
 * output form (no parse, no copy), else the schema's output; a record the schema refuses is a
 * `bad-data` CrmError naming it by its place in the seed and its id.
 */
function checkSeedReferral(state: State, record: unknown): Referral {
  let referral: Referral;
  if (isCanonicalReferral(record)) referral = record;
  else {
    const fast = bulkReferralSchema().safeParse(record);
    referral = fast.success
      ? fast.data
      : parseRecord(ReferralSchema, record, crm(named('Seed referral', state.seedReferrals.indexOf(record), record as { id?: string })));
  }
  state.checked.add(referral);
  return referral;
}

/**
 * The referral stored under `id`, checked with the referral schema on its first read (then kept as
 * the schema's output); undefined when there is none. Throws `bad-data` for a seed referral the
 * schema refuses, naming it, every time it is read.
 */
export function readReferral(state: State, id: string): Referral | undefined {
  const stored = state.referrals.get(id);
  if (stored === undefined || state.checked.has(stored)) return stored;
  const referral = checkSeedReferral(state, stored);
  if (referral !== stored) state.referrals.set(id, referral);
  return referral;
}

/** Every stored referral, each checked as `readReferral` checks it (in the store's order, not newest first). */
export function* eachReferral(state: State): Generator<Referral> {
  for (const id of state.referrals.keys()) yield readReferral(state, id)!;
}

/** Store a referral the schema has passed (a move, a new, saved or broadcast referral). */
export function storeReferral(state: State, referral: Referral): void {
  state.checked.add(referral);
  state.referrals.set(referral.id, referral);
}

/** Rebuild the externalId map and the newest-first order from `state.referrals`. */
export function reindex(state: State): void {
  state.byExternalId.clear();
  state.order = [];
  for (const referral of state.referrals.values()) {
    state.byExternalId.set(referral.externalId, referral.id);
    state.order.push({ t: Date.parse(referral.submittedAt), id: referral.id });
  }
  sortOrder(state.order);
}

function sortOrder(order: OrderKey[]): void {
  // Seeds usually come newest first already (the demo data does): one pass tells, and the sort is skipped.
  for (let i = 1; i < order.length; i++) {
    if (!before(order[i - 1]!, order[i]!)) {
      order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
      return;
    }
  }
}

/** The seed's records checked and indexed: what a MemoryAdapter starts from (and resets to). */
export function stateOf(seed: MemorySeed): State {
  const state = validateSeed(seed);
  sortOrder(state.order); // validateSeed filled the maps and the order
  return state;
}

/** Add a new referral to the maps and the newest-first order. */
export function insertReferral(state: State, referral: Referral): void {
  storeReferral(state, referral);
  state.byExternalId.set(referral.externalId, referral.id);
  const key = { t: Date.parse(referral.submittedAt), id: referral.id };
  state.order.splice(lowerBound(state.order, key), 0, key);
}

/**
 * A cheap fingerprint of a seed: saved referrals belong to the seed they were made over, so a new
 * seed (another demo-data version, another dataset) starts clean instead of mixing the two.
 */
export function fingerprint(state: State): string {
  const ends = [...state.order.slice(0, 20), ...state.order.slice(-20)].map((key) => {
    // Read as stored (a fingerprint, not a record handed out): an unchecked seed referral is not checked here.
    const r = state.referrals.get(key.id)!;
    return `${r.id}|${r.externalId}|${String(r.stage)}|${String(r.version)}|${r.submittedAt}`;
  });
  return JSON.stringify([[...state.partners.keys()], state.referrals.size, ends]);
}

/**
 * Records are handed out frozen rather than copied: stored records are never changed in place (a
 * move stores a new object), so sharing them is safe, and a widget holding 10,000 referrals does not
 * hold a second copy of each. A caller that tries to change one gets a TypeError instead of silently
 * changing what is stored.
 */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) copy((value as Record<string, unknown>)[key]);
  return value;
}
