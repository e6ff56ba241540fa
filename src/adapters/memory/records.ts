import type { z } from '../../domain/zod.js';
import type { MoveRequest, Referral, ReferralInput, ReferralSchema, StageChange } from '../../domain/referral.js';
import { appendStageChange, moveAlreadyApplied } from '../../domain/stage-history.js';
import { isClosedStage } from '../../domain/stages.js';
import { can, type User } from '../../domain/user.js';
import { CrmError } from '../../errors.js';
import { copy } from './store.js';
import { managesPartner } from './revshare.js';

/**
 * The records MemoryAdapter writes: a new referral from what a seller submitted, and a referral
 * after a move (with its permission and version checks). Pure: the adapter parses, stores and announces.
 */

/** What `input` becomes when `user` submits it at `at` (parsed with ReferralSchema by the adapter). */
export function submittedReferral(input: ReferralInput, user: User, at: string): z.input<typeof ReferralSchema> {
  return {
    ...input,
    id: `ref-${input.externalId}`,
    seller: { id: user.id, name: user.name },
    stage: 'submitted',
    submittedAt: at,
    stageChangedAt: at,
    version: 0,
    lastModifiedBy: user.name,
    stageHistory: [{ from: null, to: 'submitted', at, by: user.id }],
  };
}

/** `current` after `user` moved it as `move` says at `at`: stage, dates, version, author and stage history. */
export function movedReferral(current: Referral, move: MoveRequest, user: User, at: string): Referral {
  const change: StageChange = { from: current.stage, to: move.to, at, by: user.id };
  if (move.reason) change.reason = move.reason;
  const next: Referral = {
    ...current,
    stage: move.to,
    stageChangedAt: at,
    version: current.version + 1,
    lastModifiedBy: user.name,
    // A seed referral without history gets one reconstructed from its dates first (marked inferred).
    stageHistory: appendStageChange(current, change),
  };
  if (move.to === 'accepted' && !current.acceptedAt) next.acceptedAt = at;
  if (isClosedStage(move.to)) {
    next.closedAt = at;
    if (move.reason) next.closeReason = move.reason;
    else delete next.closeReason;
  } else {
    delete next.closedAt;
    delete next.closeReason;
  }
  return next;
}

/**
 * What `user` moving `current` as `move` (already parsed) makes, or a CrmError (permission,
 * conflict) when they cannot. `changed` is false for a retry of this user's own move that did land
 * (its answer was lost): that move, not a conflict, with nothing to save or announce. Stores nothing.
 */
export function plannedMove(current: Referral, move: MoveRequest, user: User, at: () => string): { referral: Referral; changed: boolean } {
  if (!can.moveReferral(user) || !managesPartner(user, current.partnerId)) {
    throw new CrmError('permission', `${user.name} may not move referrals`);
  }
  if (moveAlreadyApplied(current, move, user.id)) return { referral: copy(current), changed: false };
  if (current.version !== move.expectedVersion) {
    throw new CrmError(
      'conflict',
      `Referral ${current.id} is at version ${current.version}, not ${move.expectedVersion}: someone else changed it`,
      { details: copy(current) },
    );
  }
  return { referral: movedReferral(current, move, user, at()), changed: true };
}

/** Wait `ms` (a simulated round trip); an abort ends the wait early (the caller then throws its reason). */
export function latency(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
