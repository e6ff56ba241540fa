import { DEFAULT_ACCEPTANCE_WINDOW_DAYS, type Partner } from './partner.js';
import type { Referral } from './referral.js';
import { isOpenStage } from './stages.js';

/**
 * Ageing: how long a referral has waited, and the flags every view shows from it. One definition,
 * used by the pipeline board's badges, my referrals' acceptance column and the CSV export; "now"
 * comes from the provider's clock.
 */

const DAY = 86_400_000;

/** Whole calendar days from `fromIso` to `to` (never negative). */
export function daysSince(fromIso: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(fromIso).getTime()) / DAY));
}

/** Business days (Mon–Fri, UTC dates) from `fromIso` to `to`, not counting the start day. */
export function businessDaysSince(fromIso: string, to: Date): number {
  const start = new Date(fromIso);
  let count = 0;
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  while (cursor.getTime() < end) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    const day = cursor.getUTCDay();
    if (day !== 0 && day !== 6) count++;
  }
  return count;
}

export interface AgeingRules {
  /** Days without a stage change after which an open referral is stale (default 30). */
  staleDays: number;
  /** Calendar days after submission after which a referral still in Submitted has expired (default 30). */
  expireDays: number;
}

export const DEFAULT_AGEING: AgeingRules = { staleDays: 30, expireDays: 30 };

/**
 * Where a referral in Submitted stands with the partner's acceptance window (business days):
 * - `expired`: more than `expireDays` calendar days since submission;
 * - `overdue`: the window has passed;
 * - `due`: one business day or less is left;
 * - `waiting`: more is left.
 * `businessDaysLeft` is negative once overdue. Undefined for a referral past Submitted.
 */
export interface AcceptanceStatus {
  state: 'expired' | 'overdue' | 'due' | 'waiting';
  businessDaysLeft: number;
}

export function acceptanceStatus(
  referral: Pick<Referral, 'stage' | 'submittedAt'>,
  partner: Pick<Partner, 'acceptanceWindowDays'> | undefined,
  now: Date,
  rules: Pick<AgeingRules, 'expireDays'> = DEFAULT_AGEING,
): AcceptanceStatus | undefined {
  if (referral.stage !== 'submitted') return undefined;
  const window = partner?.acceptanceWindowDays ?? DEFAULT_ACCEPTANCE_WINDOW_DAYS;
  const businessDaysLeft = window - businessDaysSince(referral.submittedAt, now);
  const state = daysSince(referral.submittedAt, now) > rules.expireDays ? 'expired' : businessDaysLeft < 0 ? 'overdue' : businessDaysLeft <= 1 ? 'due' : 'waiting';
  return { state, businessDaysLeft };
}

/** An open referral with no stage change for `staleDays` (an expired one is flagged as expired instead). */
export function isStale(referral: Pick<Referral, 'stage' | 'stageChangedAt'>, now: Date, rules: Pick<AgeingRules, 'staleDays'> = DEFAULT_AGEING): boolean {
  return isOpenStage(referral.stage) && daysSince(referral.stageChangedAt, now) >= rules.staleDays;
}

export type AgeingBadge = 'acceptance-due' | 'acceptance-overdue' | 'stale' | 'expired';

/** Badges for a card, most urgent first: the acceptance status in Submitted, then staleness. */
export function ageingBadges(referral: Referral, partner: Pick<Partner, 'acceptanceWindowDays'> | undefined, rules: AgeingRules, now: Date): AgeingBadge[] {
  const badges: AgeingBadge[] = [];
  const acceptance = acceptanceStatus(referral, partner, now, rules);
  if (acceptance?.state === 'expired') return ['expired'];
  if (acceptance?.state === 'overdue') badges.push('acceptance-overdue');
  else if (acceptance?.state === 'due') badges.push('acceptance-due');
  if (isStale(referral, now, rules)) badges.push('stale');
  return badges;
}
