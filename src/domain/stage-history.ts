import type { Referral, StageChange } from './referral.js';
import type { Stage } from './stages.js';

/**
 * Stage history: what a referral's recorded stage changes say about its past. Pure functions over
 * `Referral.stageHistory` (oldest first); every adapter writes the history, review mode and the board
 * read it through these.
 *
 * A referral saved before stage history existed (or by a CRM that records none) has no history. For
 * it, `historyOf` reconstructs one from the dates the referral does carry (`synthesiseStageHistory`):
 * the submission, the acceptance and the change to the current stage, each after the submission
 * marked `inferred`, because steps between them may be missing and who made them is not known.
 */

const DAY = 86_400_000;

/** Who made an inferred change: not recorded. */
export const UNKNOWN_ACTOR = 'unknown';

type HistorySource = Pick<
  Referral,
  'stage' | 'submittedAt' | 'stageChangedAt' | 'acceptedAt' | 'closedAt' | 'closeReason' | 'seller' | 'stageHistory'
>;

/** An instant from a Date, an ISO date-time or a date (YYYY-MM-DD: the start of that UTC day). */
export function instantOf(value: Date | string): number {
  const t = value instanceof Date ? value.getTime() : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new RangeError(`Not a date: ${String(value)}`);
  return t;
}

/**
 * A history reconstructed from the referral's dates, honestly: the submission (by the seller, at
 * `submittedAt`) is known; the acceptance (at `acceptedAt`) and the change to the current stage (at
 * `closedAt` or `stageChangedAt`) are `inferred`, their author `UNKNOWN_ACTOR`, and the change to the
 * current stage comes from the last stage known before it, so moves between may be missing.
 */
export function synthesiseStageHistory(referral: Omit<HistorySource, 'stageHistory'>): StageChange[] {
  const history: StageChange[] = [{ from: null, to: 'submitted', at: referral.submittedAt, by: referral.seller.id }];
  let last: StageChange = history[0]!;
  if (referral.acceptedAt && referral.stage !== 'submitted') {
    last = { from: 'submitted', to: 'accepted', at: referral.acceptedAt, by: UNKNOWN_ACTOR, inferred: true };
    history.push(last);
  }
  if (referral.stage !== last.to) {
    const at = referral.closedAt ?? referral.stageChangedAt;
    const change: StageChange = { from: last.to, to: referral.stage, at: at < last.at ? last.at : at, by: UNKNOWN_ACTOR, inferred: true };
    if (referral.closeReason) change.reason = referral.closeReason;
    history.push(change);
  }
  return history;
}

/** The referral's recorded history, or one reconstructed from its dates when none is recorded. */
export function historyOf(referral: HistorySource): readonly StageChange[] {
  return referral.stageHistory?.length ? referral.stageHistory : synthesiseStageHistory(referral);
}

/**
 * The stage a referral was in at `instant`: the stage of the last change at or before it. Undefined
 * before the referral was submitted. When the recorded history starts with a move (its submission was
 * not recorded), the instants between submission and that move are in the move's `from` stage.
 */
export function stageAt(referral: HistorySource, instant: Date | string): Stage | undefined {
  const t = instantOf(instant);
  if (t < Date.parse(referral.submittedAt)) return undefined;
  const history = historyOf(referral);
  let stage: Stage | undefined = history[0]?.from ?? undefined;
  for (const change of history) {
    if (Date.parse(change.at) > t) break;
    stage = change.to;
  }
  return stage;
}

/** The moves (not the submission) at or after `since`, oldest first. */
export function movesSince(referral: HistorySource, since: Date | string): StageChange[] {
  const t = instantOf(since);
  return historyOf(referral).filter((change) => change.from !== null && Date.parse(change.at) >= t);
}

/**
 * Days spent in each stage up to `now` (fractional; a stage entered twice counts both stays). Only the
 * stages the referral has been in appear; the current stage counts up to `now`.
 */
export function timeInStages(referral: HistorySource, now: Date): Partial<Record<Stage, number>> {
  const history = historyOf(referral);
  const days: Partial<Record<Stage, number>> = {};
  const end = now.getTime();
  history.forEach((change, i) => {
    const from = Date.parse(change.at);
    const next = history[i + 1];
    const to = Math.min(end, next ? Date.parse(next.at) : end);
    if (to <= from) {
      days[change.to] ??= 0;
      return;
    }
    days[change.to] = (days[change.to] ?? 0) + (to - from) / DAY;
  });
  return days;
}

/** `history` with one more change; the history of a referral that had none starts from its dates. */
export function appendStageChange(referral: HistorySource, change: StageChange): StageChange[] {
  return [...historyOf(referral), change];
}

/**
 * Whether `move` is already what `current` shows: the person's own last move, to the same stage, from
 * the version they named. A retry of a move whose answer was lost then returns the referral as saved
 * instead of a conflict; any other change in between is still a conflict.
 */
export function moveAlreadyApplied(current: Pick<Referral, 'stage' | 'version' | 'stageHistory'>, move: { to: Stage; expectedVersion: number }, userId: string): boolean {
  const last = current.stageHistory?.at(-1);
  return current.version === move.expectedVersion + 1 && current.stage === move.to && last !== undefined && last.to === move.to && last.by === userId && !last.inferred;
}
