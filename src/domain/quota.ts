import { totalsByCurrency, type Money } from './money.js';
import type { Period } from './period.js';
import type { Referral } from './referral.js';
import { isOpenStage, isWonStage } from './stages.js';

/**
 * Quota credit, the one definition every view and role shows (my referrals, the revenue-share
 * summary for sellers, partner managers and finance):
 * - a referral's credit is its estimated ARR, in the referral's own currency: the figure the seller
 *   referred and can see, whoever looks (billed revenue is a partner's revenue, shown apart);
 * - it is `pending` while the referral is open, `retired` once it is closed won (in the month of
 *   `closedAt`), and `none` when it is closed lost or rejected.
 */
export type QuotaCreditStatus = 'pending' | 'retired' | 'none';

export interface QuotaCredit {
  status: QuotaCreditStatus;
  /** The estimated ARR (for `none`, what it would have been). */
  arr: Money;
}

export function quotaCredit(referral: Pick<Referral, 'stage' | 'estimatedArr'>): QuotaCredit {
  const status: QuotaCreditStatus = isWonStage(referral.stage) ? 'retired' : isOpenStage(referral.stage) ? 'pending' : 'none';
  return { status, arr: referral.estimatedArr };
}

export interface SellerQuota {
  sellerId: string;
  sellerName: string;
  /** Per currency, sorted by code. */
  retired: Money[];
  /** The referrals that retired it, each with its credit. */
  credits: { referral: Referral; arr: Money }[];
}

export interface QuotaOptions {
  from: Period;
  to: Period;
  partnerId?: string;
  /** Only this seller (a seller sees only their own retirement). */
  sellerId?: string;
}

/** For each seller, the quota retired by their referrals closed won in `from`..`to` (by `closedAt`), sorted by name. */
export function quotaRetirement(referrals: readonly Referral[], options: QuotaOptions): SellerQuota[] {
  const { from, to, partnerId, sellerId } = options;
  const bySeller = new Map<string, SellerQuota>();
  for (const referral of referrals) {
    const credit = quotaCredit(referral);
    if (credit.status !== 'retired' || referral.closedAt === undefined) continue;
    const month = referral.closedAt.slice(0, 7);
    if (month < from || month > to) continue;
    if ((partnerId !== undefined && referral.partnerId !== partnerId) || (sellerId !== undefined && referral.seller.id !== sellerId)) continue;
    let seller = bySeller.get(referral.seller.id);
    if (!seller) bySeller.set(referral.seller.id, (seller = { sellerId: referral.seller.id, sellerName: referral.seller.name, retired: [], credits: [] }));
    seller.credits.push({ referral, arr: credit.arr });
  }
  return [...bySeller.values()]
    .map((s) => ({ ...s, retired: totalsByCurrency(s.credits.map((c) => c.arr)) }))
    .sort((a, b) => a.sellerName.localeCompare(b.sellerName) || a.sellerId.localeCompare(b.sellerId));
}

/** Quota retired by everyone, per currency. */
export function totalQuotaRetired(quota: readonly SellerQuota[]): Money[] {
  return totalsByCurrency(quota.flatMap((s) => s.retired));
}
