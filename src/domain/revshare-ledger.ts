import { money, type CurrencyCode, type Money } from './money.js';
import type { StatementStatus } from './revshare.js';

/**
 * Finance's rules over computed revenue-share statements, written once: how long an unpaid amount is
 * past due (ageing buckets), a partner's totals, the order partners and rates are listed in. "Today"
 * is always given (the provider's clock or the element's `as-of`), never read from the real clock.
 * Statements are taken structurally, so the engine's results (src/revshare) fit without an import back.
 */

/** What these rules read of a statement (the engine's StatementResult has all of it). */
export interface LedgerStatement {
  partnerId: string;
  currency: CurrencyCode;
  /** YYYY-MM-DD. */
  dueDate: string;
  status: StatementStatus;
  billed: Money;
  due: Money;
  remitted: Money;
  outstanding: Money;
}

// ---- ageing ------------------------------------------------------------------------------------

/** Unpaid amounts by days past due: not yet due (current), 1–30, 31–60, 61–90 and more than 90 days. */
export const AGEING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

const DAY = 86_400_000;

/** Whole days from the due date (YYYY-MM-DD) to today's UTC date; 0 or less when not past due. */
export function daysPastDue(dueDate: string, today: Date): number {
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((todayUtc - Date.parse(`${dueDate}T00:00:00Z`)) / DAY);
}

export function ageingBucket(dueDate: string, today: Date): AgeingBucket {
  const days = daysPastDue(dueDate, today);
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** One currency's unpaid amounts by bucket, with how many statements each holds. */
export interface AgeingRow {
  currency: CurrencyCode;
  buckets: Record<AgeingBucket, { count: number; amount: Money }>;
  total: Money;
}

/**
 * What is still owed, by days past due, per currency (sorted by code). Unpaid = an outstanding amount on
 * a statement that is not disputed (disputed amounts are counted apart, in the partner totals); an open
 * month (not yet ended) is current.
 */
export function ageOutstanding(statements: Iterable<LedgerStatement>, today: Date): AgeingRow[] {
  const rows = new Map<CurrencyCode, { buckets: Record<AgeingBucket, { count: number; minor: number }>; total: number }>();
  for (const s of statements) {
    if (s.status === 'disputed' || s.outstanding.amountMinor <= 0) continue;
    let row = rows.get(s.currency);
    if (!row) {
      const buckets = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, { count: 0, minor: 0 }])) as Record<AgeingBucket, { count: number; minor: number }>;
      rows.set(s.currency, (row = { buckets, total: 0 }));
    }
    const bucket = row.buckets[ageingBucket(s.dueDate, today)];
    bucket.count++;
    bucket.minor += s.outstanding.amountMinor;
    row.total += s.outstanding.amountMinor;
  }
  return [...rows]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, row]) => ({
      currency,
      buckets: Object.fromEntries(AGEING_BUCKETS.map((b) => [b, { count: row.buckets[b].count, amount: money(row.buckets[b].minor, currency) }])) as AgeingRow['buckets'],
      total: money(row.total, currency),
    }));
}

// ---- partners ----------------------------------------------------------------------------------

/** A partner's totals in one currency: what the QBR row shows. */
export interface PartnerTotals {
  currency: CurrencyCode;
  statements: number;
  billed: Money;
  due: Money;
  remitted: Money;
  outstanding: Money;
  overdue: { count: number; amount: Money };
  /** Disputed statements and what is outstanding on them. */
  disputed: { count: number; amount: Money };
}

/** One partner's statements (in the order given) and its totals per currency (sorted by code). */
export interface PartnerGroup<S extends LedgerStatement> {
  partnerId: string;
  name: string;
  statements: S[];
  totals: PartnerTotals[];
}

/**
 * The order partners are listed in: by name in the reader's language (one collator, made by the
 * caller once per locale), then by id so two partners of the same name keep one order.
 */
export function comparePartners(collator: Intl.Collator): (a: { id: string; name: string }, b: { id: string; name: string }) => number {
  return (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Statements grouped by partner, partners in `comparePartners` order, each group's statements in the
 * order given (sort them first), with totals per currency that are the sums of the group's statements.
 */
export function groupByPartner<S extends LedgerStatement>(statements: readonly S[], partnerName: (id: string) => string, collator: Intl.Collator): PartnerGroup<S>[] {
  const groups = new Map<string, { statements: S[]; sums: Map<CurrencyCode, number[]> }>();
  for (const s of statements) {
    let group = groups.get(s.partnerId);
    if (!group) groups.set(s.partnerId, (group = { statements: [], sums: new Map() }));
    group.statements.push(s);
    let sums = group.sums.get(s.currency);
    // statements, billed, due, remitted, outstanding, overdue count, overdue, disputed count, disputed
    if (!sums) group.sums.set(s.currency, (sums = [0, 0, 0, 0, 0, 0, 0, 0, 0]));
    sums[0]! += 1;
    sums[1]! += s.billed.amountMinor;
    sums[2]! += s.due.amountMinor;
    sums[3]! += s.remitted.amountMinor;
    sums[4]! += s.outstanding.amountMinor;
    if (s.status === 'overdue') {
      sums[5]! += 1;
      sums[6]! += s.outstanding.amountMinor;
    } else if (s.status === 'disputed') {
      sums[7]! += 1;
      sums[8]! += s.outstanding.amountMinor;
    }
  }
  const order = comparePartners(collator);
  return [...groups]
    .map(([partnerId, g]) => ({
      partnerId,
      name: partnerName(partnerId),
      statements: g.statements,
      totals: [...g.sums]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([currency, [count = 0, billed = 0, due = 0, remitted = 0, outstanding = 0, overdueCount = 0, overdue = 0, disputedCount = 0, disputed = 0]]) => ({
          currency,
          statements: count,
          billed: money(billed, currency),
          due: money(due, currency),
          remitted: money(remitted, currency),
          outstanding: money(outstanding, currency),
          overdue: { count: overdueCount, amount: money(overdue, currency) },
          disputed: { count: disputedCount, amount: money(disputed, currency) },
        })),
    }))
    .sort((a, b) => order({ id: a.partnerId, name: a.name }, { id: b.partnerId, name: b.name }));
}

// ---- rates -------------------------------------------------------------------------------------

/** One rate applied to a line, as the engine reports it. */
export interface RateUse {
  cohort: 'first-year' | 'renewal';
  rateBps: number;
  effectiveFrom: string;
  tier?: { index: number };
}

/** First year before renewal, always. */
export const COHORT_ORDER = ['first-year', 'renewal'] as const;

/**
 * The distinct rates of a statement, grouped by cohort (first year, then renewal, only those used), each
 * cohort's rates by rate period, then tier, then rate: one order however the lines are arranged.
 */
export function ratesByCohort<R extends RateUse>(rates: Iterable<R>): { cohort: RateUse['cohort']; rates: R[] }[] {
  const byCohort = new Map<RateUse['cohort'], Map<string, R>>();
  for (const r of rates) {
    let seen = byCohort.get(r.cohort);
    if (!seen) byCohort.set(r.cohort, (seen = new Map<string, R>()));
    const key = `${r.rateBps}|${r.tier?.index ?? ''}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return COHORT_ORDER.filter((c) => byCohort.has(c)).map((cohort) => ({
    cohort,
    rates: [...byCohort.get(cohort)!.values()].sort(
      (a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0) || (a.tier?.index ?? -1) - (b.tier?.index ?? -1) || a.rateBps - b.rateBps,
    ),
  }));
}
