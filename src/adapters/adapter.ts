import type { Money } from '../domain/money.js';
import type { Partner } from '../domain/partner.js';
import type { Period } from '../domain/period.js';
import type { MoveRequest, Referral, ReferralFilter, ReferralInput } from '../domain/referral.js';
import type { RevshareAgreement, RevshareStatement } from '../domain/revshare.js';
import type { User } from '../domain/user.js';
import type { CrmError } from '../errors.js';

/** Every adapter call takes an AbortSignal (from @lit/task) so a widget can cancel what it no longer needs. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface PartnerFilter {
  /** Partners serving this country (ISO 3166 alpha-2). */
  market?: string;
  integrationStatus?: Partner['integration']['status'][];
  useCase?: string;
}

export interface ReferralPageRequest extends ReferralFilter {
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  /** Records per page; an adapter may cap it (Salesforce pages are 2,000). */
  pageSize?: number;
}

export interface ReferralPage {
  referrals: Referral[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** Total matching records, when the CRM reports it. */
  total?: number;
  /** Records the CRM returned that failed the schema: skipped, and reported here. */
  skipped?: { id?: string; message: string }[];
}

export interface DuplicateProbe {
  company: string;
  website?: string;
  /** Restrict to referrals to this partner; omit to search every partner. */
  partnerId?: string;
  /** Look back this many days from now (default `DUPLICATE_WINDOW_DAYS`, 180). */
  withinDays?: number;
}

export interface PartnerStats {
  openReferrals: number;
  /** Won ARR, one entry per currency. */
  wonArr: Money[];
}

export interface StatementQuery {
  /** Omit for every partner the user may see. */
  partnerId?: string;
  from: Period;
  to: Period;
}

export type CrmChange =
  | { type: 'referral-created'; referral: Referral }
  | { type: 'referral-updated'; referral: Referral }
  | { type: 'reset' };

/** Optional abilities a widget checks for before using them. */
export interface CrmCapabilities {
  /** `subscribe()` reports changes made elsewhere. */
  liveChanges: boolean;
  /** `getPartnerStats()` is available. */
  partnerStats: boolean;
  /** `moveReferrals()` moves many in one round trip. */
  batchMoves: boolean;
}

/**
 * Everything a widget needs from a CRM, and nothing about rendering. Implementations throw only
 * `CrmError` (or the AbortError of a cancelled call) and return records that passed the domain schemas.
 */
export interface CrmAdapter {
  readonly capabilities: CrmCapabilities;

  getCurrentUser(options?: CallOptions): Promise<User>;

  getPartner(id: string, options?: CallOptions): Promise<Partner>;
  listPartners(filter?: PartnerFilter, options?: CallOptions): Promise<Partner[]>;
  /** Partners whose name, integration or use cases match `query` (case-insensitive), best first. */
  searchPartners(query: string, filter?: PartnerFilter, options?: CallOptions): Promise<Partner[]>;
  getPartnerStats?(partnerId: string, options?: CallOptions): Promise<PartnerStats>;

  /** Idempotent by `input.externalId`: the same externalId again returns the first referral. */
  createReferral(input: ReferralInput, options?: CallOptions): Promise<Referral>;
  /** Referrals of the same company (normalised name or domain) within the look-back window. */
  findDuplicateReferrals(probe: DuplicateProbe, options?: CallOptions): Promise<Referral[]>;
  getReferral(id: string, options?: CallOptions): Promise<Referral>;
  /** One page, newest submitted first. */
  listReferrals(request?: ReferralPageRequest, options?: CallOptions): Promise<ReferralPage>;
  /** Fails with `conflict` (changing nothing) when the referral's version is not `expectedVersion`. */
  moveReferral(id: string, move: MoveRequest, options?: CallOptions): Promise<Referral>;
  moveReferrals?(moves: { id: string; move: MoveRequest }[], options?: CallOptions): Promise<(Referral | CrmError)[]>;

  listAgreements(partnerId?: string, options?: CallOptions): Promise<RevshareAgreement[]>;
  listStatements(query: StatementQuery, options?: CallOptions): Promise<RevshareStatement[]>;

  /** Present when `capabilities.liveChanges`. Returns an unsubscribe function. */
  subscribe?(listener: (change: CrmChange) => void): () => void;
}

/** Every page of referrals, as they arrive: `for await (const page of referralPages(adapter, filter))`. */
export async function* referralPages(
  adapter: CrmAdapter,
  filter: ReferralPageRequest = {},
  options: CallOptions = {},
): AsyncGenerator<ReferralPage, void, undefined> {
  let cursor: string | undefined = filter.cursor;
  do {
    const page = await adapter.listReferrals({ ...filter, cursor }, options);
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Every referral matching the filter, page after page. */
export async function* allReferrals(
  adapter: CrmAdapter,
  filter: ReferralPageRequest = {},
  options: CallOptions = {},
): AsyncGenerator<Referral, void, undefined> {
  for await (const page of referralPages(adapter, filter, options)) yield* page.referrals;
}
