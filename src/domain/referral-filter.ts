import { CrmError } from '../errors.js';
import type { Referral, ReferralFilter } from './referral.js';
import { searchKey } from './partner-search.js';

/**
 * Referral filters, the one rule every adapter and the board's given-referrals path apply:
 * - `submittedFrom`/`submittedTo` are both inclusive. A date (YYYY-MM-DD) is a UTC calendar day: from
 *   its first millisecond to its last. A full ISO date-time (any offset) is that instant.
 * - `q` matches the prospect's company or the partner's name, case- and accent-insensitive.
 * - `partnerId`, `sellerId`, `stages` and `market` match exactly.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function instant(value: string, field: 'submittedFrom' | 'submittedTo'): number {
  const t = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new CrmError('validation', `${field} is not a date`, { fieldErrors: { [field]: ['Use a date as YYYY-MM-DD or an ISO date-time'] } });
  return t;
}

/** The submitted range as inclusive epoch milliseconds; a bad date is a validation CrmError naming the field. */
export function submittedRange(filter: Pick<ReferralFilter, 'submittedFrom' | 'submittedTo'>): { fromMs?: number; toMs?: number } {
  const range: { fromMs?: number; toMs?: number } = {};
  if (filter.submittedFrom) range.fromMs = instant(filter.submittedFrom, 'submittedFrom');
  if (filter.submittedTo) range.toMs = instant(filter.submittedTo, 'submittedTo') + (DATE.test(filter.submittedTo) ? DAY_MS - 1 : 0);
  return range;
}

/** What the free-text rule searches in a referral (an adapter may cache it per record). */
export function referralTextKey(referral: Pick<Referral, 'prospect'>, partnerName: string | undefined): string {
  return `${searchKey(referral.prospect.company)}\u0000${searchKey(partnerName ?? '')}`;
}

/** The needle for `q`, or undefined when `q` asks for nothing. */
export function referralTextQuery(q: string | undefined): string | undefined {
  return searchKey((q ?? '').trim()) || undefined;
}

/** The free-text rule: the query within the prospect's company or the partner's name. */
export function matchesReferralText(referral: Pick<Referral, 'prospect'>, partnerName: string | undefined, q: string | undefined): boolean {
  const needle = referralTextQuery(q);
  return needle === undefined || referralTextKey(referral, partnerName).includes(needle);
}

/**
 * A predicate for the whole filter (dates checked once, up front). `partnerName` names a referral's
 * partner for the free-text rule.
 */
export function referralFilterPredicate(filter: ReferralFilter, partnerName: (partnerId: string) => string | undefined): (referral: Referral) => boolean {
  const { fromMs, toMs } = submittedRange(filter);
  const stages = filter.stages && new Set(filter.stages);
  const market = filter.market?.toUpperCase();
  return (r) => {
    if (filter.partnerId !== undefined && filter.partnerId !== '' && r.partnerId !== filter.partnerId) return false;
    if (filter.sellerId !== undefined && filter.sellerId !== '' && r.seller.id !== filter.sellerId) return false;
    if (stages && !stages.has(r.stage)) return false;
    if (market && r.prospect.country !== market) return false;
    if (fromMs !== undefined || toMs !== undefined) {
      const t = Date.parse(r.submittedAt);
      if ((fromMs !== undefined && t < fromMs) || (toMs !== undefined && t > toMs)) return false;
    }
    return matchesReferralText(r, partnerName(r.partnerId), filter.q);
  };
}
