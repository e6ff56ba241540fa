import type { Money } from '../../src/domain/money.js';
import { MoneyError, totalsByCurrency } from '../../src/domain/money.js';
import type { Referral } from '../../src/domain/referral.js';
import { isClosedStage, isOpenStage, STAGE_LABELS, type Stage, type StageDefinition } from '../../src/domain/stages.js';
import { toCsv } from '../../src/csv.js';
import { daysSince, type AgeingBadge } from '../../src/domain/ageing.js';
import { toDecimalString } from '../../src/domain/money.js';

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
      stage.label || STAGE_LABELS[r.stage],
      toDecimalString(r.estimatedArr),
      r.estimatedArr.currency,
      r.submittedAt.slice(0, 10),
      r.stageChangedAt.slice(0, 10),
      daysSince(r.stageChangedAt, now),
      badges(r).map((b) => AGEING_LABELS[b]).join('; '),
    ]),
  );
  return toCsv(CSV_HEADER, rows);
}

/** What changed for a referral since the review date. */
export type ReviewMark = 'new' | 'moved' | 'closed';

export const REVIEW_LABELS: Record<ReviewMark, string> = { new: 'New', moved: 'Moved', closed: 'Closed' };

/** New (submitted since), closed (moved to a closed stage since) or moved (another stage change since). */
export function reviewMark(referral: Referral, since: string): ReviewMark | undefined {
  if (referral.submittedAt >= since) return 'new';
  if (referral.stageChangedAt >= since) return isClosedStage(referral.stage) ? 'closed' : 'moved';
  return undefined;
}

export interface ReviewSummary {
  /** Per shown stage: now, and at the review date as far as the CRM knows (unchanged since). */
  rows: { stage: StageDefinition; now: { count: number; totals: Money[] }; then: { count: number; totals: Money[] } }[];
  counts: Record<ReviewMark, number>;
  /** Referrals that existed at the review date and changed stage since: their earlier stage is not recorded. */
  changedSince: number;
  /** Open referrals that are stale, overdue for acceptance or expired, longest in stage first. */
  stuck: Referral[];
}

/**
 * The monthly review: totals per stage now and at the review date, what is new, moved and closed
 * since, and the stuck deals. The domain keeps no stage history, so "at the review date" counts the
 * referrals known to have been in that stage then (submitted before and unchanged since).
 */
export function reviewSummary(
  columns: readonly { stage: StageDefinition; referrals: readonly Referral[] }[],
  since: string,
  badges: (referral: Referral) => readonly AgeingBadge[],
): ReviewSummary {
  const counts: Record<ReviewMark, number> = { new: 0, moved: 0, closed: 0 };
  let changedSince = 0;
  const stuck: Referral[] = [];
  const rows = columns.map(({ stage, referrals }) => {
    const then: Referral[] = [];
    for (const r of referrals) {
      const mark = reviewMark(r, since);
      if (mark) counts[mark]++;
      if (!mark) then.push(r);
      else if (mark !== 'new') changedSince++;
      if (isOpenStage(r.stage) && badges(r).length) stuck.push(r);
    }
    return {
      stage,
      now: { count: referrals.length, totals: columnTotals(referrals) },
      then: { count: then.length, totals: columnTotals(then) },
    };
  });
  stuck.sort((a, b) => (a.stageChangedAt < b.stageChangedAt ? -1 : a.stageChangedAt > b.stageChangedAt ? 1 : 0));
  return { rows, counts, changedSince, stuck };
}

/** The first day of the month before `now` (YYYY-MM-DD): the default start of a monthly review. */
export function previousMonthStart(now: Date): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return date.toISOString().slice(0, 10);
}
