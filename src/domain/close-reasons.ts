import type { ReasonStage } from './stages.js';

/** One reason a deployment offers: a stable id and the words shown (and saved with the move). */
export interface CloseReason {
  readonly id: string;
  readonly label: string;
}

/**
 * The reasons offered when a referral moves to Closed lost or Rejected, unless a deployment gives
 * its own (`closeReasons` on the board). The same lists the demo data draws its closed referrals
 * from. Every list also offers "Other", with the details required.
 */
export const DEFAULT_CLOSE_REASONS: Readonly<Record<ReasonStage, readonly CloseReason[]>> = {
  'closed-lost': [
    { id: 'competitor', label: 'Chose a competitor' },
    { id: 'no-budget', label: 'No budget this year' },
    { id: 'postponed', label: 'Project postponed' },
    { id: 'in-house', label: 'Went with an in-house build' },
    { id: 'price', label: 'Price too high' },
  ],
  rejected: [
    { id: 'outside-markets', label: 'Outside the partner’s markets' },
    { id: 'already-in-pipeline', label: 'Customer already in the partner’s pipeline' },
    { id: 'too-small', label: 'Too small for the partner’s minimum deal' },
    { id: 'use-case', label: 'Use case not supported' },
  ],
};

/** The choice that asks for the person's own words instead of a listed reason. */
export const OTHER_CLOSE_REASON = 'other';

/** The longest reason the CRM keeps (ReferralSchema's closeReason). */
export const CLOSE_REASON_MAX_LENGTH = 1000;

/** What was chosen in a reason prompt: a listed reason's label or OTHER_CLOSE_REASON, and the details typed. */
export interface CloseReasonAnswer {
  choice: string | undefined;
  details: string;
}

/**
 * The reason saved with a move: the chosen reason, with the details after it when given ("Price too
 * high: renewal at 40% more"); "Other" needs details, which are then the reason; details typed with
 * nothing chosen are taken as "Other". `choose` when there is neither, `describe` for "Other" with no
 * details, `too-long` past what the CRM keeps.
 */
export function closeReasonFrom(answer: CloseReasonAnswer): { reason: string } | { problem: 'choose' | 'describe' | 'too-long' } {
  const details = answer.details.trim().replace(/\s+/g, ' ');
  const choice = answer.choice?.trim() || undefined;
  let reason: string;
  if (choice === undefined) {
    if (!details) return { problem: 'choose' };
    reason = details;
  } else if (choice === OTHER_CLOSE_REASON) {
    if (!details) return { problem: 'describe' };
    reason = details;
  } else reason = details ? `${choice}: ${details}` : choice;
  return reason.length > CLOSE_REASON_MAX_LENGTH ? { problem: 'too-long' } : { reason };
}
