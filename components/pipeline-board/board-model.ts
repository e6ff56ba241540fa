import type { Money } from '../../src/domain/money.js';
import { msg } from '@lit/localize';
import { stageLabel } from '../base/messages.js';
import { MoneyError, totalsByCurrency } from '../../src/domain/money.js';
import type { Referral } from '../../src/domain/referral.js';
import { isClosedStage, isOpenStage, type Stage, type StageDefinition } from '../../src/domain/stages.js';
import { toCsv } from '../../src/csv.js';
import { daysSince, type AgeingBadge } from '../../src/domain/ageing.js';
import { toDecimalString } from '../../src/domain/money.js';
import { historyOf, movesSince, stageAt } from '../../src/domain/stage-history.js';

/** Cards in a column: newest submitted first (the adapter's order), ties by id so the order is total. */
export function compareReferrals(a: Referral, b: Referral): number {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Index at which `referral` belongs in a column sorted by `compareReferrals` (binary search). */
export function insertionIndex(column: readonly Referral[], referral: Referral): number {
  let low = 0;
  let high = column.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareReferrals(column[mid]!, referral) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One array per shown stage, each sorted; referrals in a hidden stage are left out. */
export function groupByStage(referrals: Iterable<Referral>, stages: readonly StageDefinition[]): Map<Stage, Referral[]> {
  const columns = new Map<Stage, Referral[]>(stages.map((s) => [s.id, []]));
  for (const referral of referrals) columns.get(referral.stage)?.push(referral);
  for (const column of columns.values()) column.sort(compareReferrals);
  return columns;
}

/** Merge a sorted page into a sorted column (pages usually come in order, so this is a push). */
export function mergeSorted(column: readonly Referral[], page: readonly Referral[]): Referral[] {
  if (page.length === 0) return [...column];
  const sortedPage = [...page].sort(compareReferrals);
  const last = column[column.length - 1];
  if (!last || compareReferrals(last, sortedPage[0]!) <= 0) return [...column, ...sortedPage];
  return [...column, ...sortedPage].sort(compareReferrals);
}

/** Where the card with `referral`'s id is in a sorted column: binary search, then a scan if the record there differs (-1 when absent). */
export function indexOfReferral(column: readonly Referral[], referral: Referral): number {
  const at = insertionIndex(column, referral);
  return column[at]?.id === referral.id ? at : column.findIndex((r) => r.id === referral.id);
}

/**
 * The column without the card of `referral`'s id, as a new array (the virtualizer sees a change only
 * in the columns that changed): found by binary search and the rest copied in one slice, so a move
 * does no per-card work. `removed` is the record that was there.
 */
export function withoutReferral(column: readonly Referral[], referral: Referral): { column: Referral[]; removed: Referral | undefined } {
  const at = indexOfReferral(column, referral);
  const next = column.slice();
  const [removed] = at >= 0 ? next.splice(at, 1) : [];
  return { column: next, removed };
}

/** The column with `referral` put where it belongs, as a new array. */
export function withReferral(column: readonly Referral[], referral: Referral): Referral[] {
  const next = column.slice();
  next.splice(insertionIndex(next, referral), 0, referral);
  return next;
}

/** Estimated ARR of a column, one total per currency (never a sum of two currencies). */
export function columnTotals(column: readonly Referral[]): Money[] {
  return totalsByCurrency(column.map((r) => r.estimatedArr));
}

/** A column's estimated ARR per currency with the number of cards in each, so one card can be added or taken away. */
export type ColumnTally = ReadonlyMap<Money['currency'], { amountMinor: number; cards: number }>;

export function tallyOf(referrals: readonly Referral[]): ColumnTally {
  return tallyWith(new Map(), referrals, 1);
}

/** `tally` with `referrals` added (`sign` 1) or taken away (-1): a new map, the old one is kept. */
export function tallyWith(tally: ColumnTally, referrals: readonly Referral[], sign: 1 | -1): ColumnTally {
  const next = new Map(tally);
  for (const { estimatedArr: m } of referrals) {
    const known = next.get(m.currency) ?? { amountMinor: 0, cards: 0 };
    const cards = known.cards + sign;
    if (cards <= 0) next.delete(m.currency);
    else {
      const amountMinor = known.amountMinor + sign * m.amountMinor;
      // As totalsByCurrency: a total beyond ±2^53 − 1 would not be exact.
      if (!Number.isSafeInteger(amountMinor)) throw new MoneyError(`A ${m.currency} total is beyond the exact range (±2^53 − 1)`);
      next.set(m.currency, { amountMinor, cards });
    }
  }
  return next;
}

/** The totals of a tally as `columnTotals` gives them: one per currency, by currency code. */
export function tallyTotals(tally: ColumnTally): Money[] {
  return totalsByCurrency([...tally].map(([currency, { amountMinor }]) => ({ amountMinor, currency })));
}

export { ageingBadges, DEFAULT_AGEING, type AgeingBadge, type AgeingRules } from '../../src/domain/ageing.js';

/** An ageing badge's words in the active language. */
export function ageingLabel(badge: AgeingBadge): string {
  switch (badge) {
    case 'acceptance-due':
      return msg('Acceptance due', { id: 'board.badge.acceptance-due' });
    case 'acceptance-overdue':
      return msg('Acceptance overdue', { id: 'board.badge.acceptance-overdue' });
    case 'stale':
      return msg('Stale', { id: 'board.badge.stale' });
    case 'expired':
      return msg('Expired', { id: 'board.badge.expired' });
  }
}

/** The English badge names (kept for hosts that read them; the board shows `ageingLabel`). */
export const AGEING_LABELS: Record<AgeingBadge, string> = {
  'acceptance-due': 'Acceptance due',
  'acceptance-overdue': 'Acceptance overdue',
  stale: 'Stale',
  expired: 'Expired',
};

/** Records given as data, each checked with its schema: the valid ones, and how many were not. */
export function parseAll<T>(records: readonly unknown[], schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): { valid: T[]; invalid: number } {
  const valid: T[] = [];
  let invalid = 0;
  for (const record of records) {
    const result = schema.safeParse(record);
    if (result.success) valid.push(result.data);
    else invalid++;
  }
  return { valid, invalid };
}

export const CSV_HEADER = [
  'Referral ID',
  'Prospect',
  'Country',
  'Partner',
  'Seller',
  'Stage',
  'Estimated ARR',
  'Currency',
  'Submitted',
  'Stage changed',
  'Days in stage',
  'Badges',
] as const;

/** The CSV's column headings in the active language (the English ones are `CSV_HEADER`). */
export function csvHeader(): string[] {
  return [
    msg('Referral ID', { id: 'board.csv.id' }),
    msg('Prospect', { id: 'my-referrals.col.prospect' }),
    msg('Country', { id: 'form.field.country' }),
    msg('Partner', { id: 'form.field.partner' }),
    msg('Seller', { id: 'board.filter.seller' }),
    msg('Stage', { id: 'board.review.stage' }),
    msg('Estimated ARR', { id: 'form.field.arr' }),
    msg('Currency', { id: 'form.field.currency' }),
    msg('Submitted', { id: 'board.csv.submitted' }),
    msg('Stage changed', { id: 'board.csv.stage-changed' }),
    msg('Days in stage', { id: 'my-referrals.col.days' }),
    msg('Badges', { id: 'board.csv.badges' }),
  ];
}

/** The CSV of exactly the referrals shown, column by column in board order (RFC 4180, formula-safe). */
export function pipelineCsv(
  columns: readonly { stage: StageDefinition; referrals: readonly Referral[] }[],
  partnerName: (id: string) => string | undefined,
  badges: (referral: Referral) => readonly AgeingBadge[],
  now: Date,
): string {
  const rows = columns.flatMap(({ stage, referrals }) =>
    referrals.map((r) => [
      r.id,
      r.prospect.company,
      r.prospect.country,
      partnerName(r.partnerId) ?? r.partnerId,
      r.seller.name,
      stageLabel(r.stage, stage.label),
      toDecimalString(r.estimatedArr),
      r.estimatedArr.currency,
      r.submittedAt.slice(0, 10),
      r.stageChangedAt.slice(0, 10),
      daysSince(r.stageChangedAt, now),
      badges(r).map((b) => ageingLabel(b)).join('; '),
    ]),
  );
  return toCsv(csvHeader(), rows);
}

/** What changed for a referral since the review date. */
export type ReviewMark = 'new' | 'moved' | 'closed';

export const REVIEW_LABELS: Record<ReviewMark, string> = { new: 'New', moved: 'Moved', closed: 'Closed' };

/** A review mark's word in the active language. */
export function reviewLabel(mark: ReviewMark): string {
  if (mark === 'new') return msg('New', { id: 'board.review.new' });
  if (mark === 'moved') return msg('Moved', { id: 'board.review.moved' });
  return msg('Closed', { id: 'board.review.closed' });
}

/**
 * New (submitted since), closed (a move since left it in a closed stage) or moved (other moves since),
 * from the referral's stage history.
 */
export function reviewMark(referral: Referral, since: string): ReviewMark | undefined {
  if (referral.submittedAt >= since) return 'new';
  const moves = movesSince(referral, since);
  if (!moves.length) return undefined;
  return isClosedStage(referral.stage) && isClosedStage(moves.at(-1)!.to) ? 'closed' : 'moved';
}

export interface ReviewSummary {
  /** Per shown stage: now, and at the review date (each referral in the stage its history says it was in then). */
  rows: { stage: StageDefinition; now: { count: number; totals: Money[] }; then: { count: number; totals: Money[] } }[];
  counts: Record<ReviewMark, number>;
  /**
   * Referrals that existed at the review date and changed stage since, whose history was not recorded
   * but reconstructed from their dates (`inferred`): their stage then is a best guess.
   */
  inferredSince: number;
  /** Open referrals that are stale, overdue for acceptance or expired, longest in stage first. */
  stuck: Referral[];
}

/**
 * The monthly review: totals per stage now and at the review date, what is new, moved and closed
 * since, and the stuck deals. "At the review date" places each referral in the stage its stage
 * history says it was in then (`stageAt`), whatever column it is in now.
 */
export function reviewSummary(
  columns: readonly { stage: StageDefinition; referrals: readonly Referral[] }[],
  since: string,
  badges: (referral: Referral) => readonly AgeingBadge[],
): ReviewSummary {
  const counts: Record<ReviewMark, number> = { new: 0, moved: 0, closed: 0 };
  let inferredSince = 0;
  const stuck: Referral[] = [];
  const then = new Map<Stage, Referral[]>(columns.map(({ stage }) => [stage.id, []]));
  for (const { referrals } of columns) {
    for (const r of referrals) {
      const mark = reviewMark(r, since);
      if (mark) counts[mark]++;
      const stageThen = stageAt(r, since);
      if (stageThen) then.get(stageThen)?.push(r);
      if (mark && mark !== 'new' && historyOf(r).some((change) => change.inferred)) inferredSince++;
      if (isOpenStage(r.stage) && badges(r).length) stuck.push(r);
    }
  }
  const rows = columns.map(({ stage, referrals }) => {
    const before = then.get(stage.id)!;
    return {
      stage,
      now: { count: referrals.length, totals: columnTotals(referrals) },
      then: { count: before.length, totals: columnTotals(before) },
    };
  });
  stuck.sort((a, b) => (a.stageChangedAt < b.stageChangedAt ? -1 : a.stageChangedAt > b.stageChangedAt ? 1 : 0));
  return { rows, counts, inferredSince, stuck };
}

/** The first day of the month before `now` (YYYY-MM-DD): the default start of a monthly review. */
export function previousMonthStart(now: Date): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return date.toISOString().slice(0, 10);
}
