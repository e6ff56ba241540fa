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
 * MemoryAdapter's store: the records it holds, checked once on the way in, and the newest-first
 * index over the referrals that paging (paging.ts) and the duplicate check walk.
 */

/**
 * Records to start from. Each is checked with its domain schema; an invalid one is refused. A
 * referral already in the schema's output form is kept as given rather than copied (and frozen when
 * first handed out): do not change seed records after giving them to an adapter.
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
  /** Referrals by id. */
  referrals: Map<string, Referral>;
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
  };
  const referralSchema = bulkReferralSchema();
  (seed.referrals ?? []).forEach((r, i) => {
    // A record already in the schema's output form is kept as given (no parse, no copy; it is frozen
    // when first handed out); any other goes through the compiled schema, and one it refuses through
    // parseRecord for the same clear error.
    let referral: Referral;
    if (isCanonicalReferral(r)) referral = r;
    else {
      const fast = referralSchema.safeParse(r);
      referral = fast.success ? fast.data : parseRecord(ReferralSchema, r, crm(named('Seed referral', i, r)));
    }
    if (state.referrals.has(referral.id)) throw duplicateSeed(`Seed referral ${i}`, 'id', referral.id);
    if (state.byExternalId.has(referral.externalId)) throw duplicateSeed(`Seed referral ${i} (${referral.id})`, 'externalId', referral.externalId);
    state.byExternalId.set(referral.externalId, referral.id);
    state.referrals.set(referral.id, referral);
    state.order.push({ t: Date.parse(referral.submittedAt), id: referral.id });
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
  state.referrals.set(referral.id, referral);
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
    const r = state.referrals.get(key.id)!;
    return `${r.id}|${r.externalId}|${r.stage}|${r.version}|${r.submittedAt}`;
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
