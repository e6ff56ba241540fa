import { annualRecurringRevenue } from '../domain/arr.js';
import { money, totalsByCurrency, type CurrencyCode, type Money } from '../domain/money.js';
import { addMonths, periodRange, quarterOf, type Period } from '../domain/period.js';
import type { StatementResult } from './engine.js';

/**
 * Totals, chart series, ARR from referred customers and quota retirement, from the engine's statements.
 * Amounts in different currencies are never added: every total is per currency.
 */

export interface StatementSelection {
  /** Omit for every partner. */
  partnerId?: string;
  from?: Period;
  to?: Period;
  currency?: CurrencyCode;
}

export function selectStatements(results: readonly StatementResult[], selection: StatementSelection): StatementResult[] {
  const { partnerId, from, to, currency } = selection;
  return results.filter(
    (r) =>
      (partnerId === undefined || r.partnerId === partnerId) &&
      (from === undefined || r.period >= from) &&
      (to === undefined || r.period <= to) &&
      (currency === undefined || r.currency === currency),
  );
}

/** The KPIs of a set of statements in one currency. */
export interface RevshareTotals {
  currency: CurrencyCode;
  statements: number;
  billed: Money;
  revshare: Money;
  due: Money;
  remitted: Money;
  outstanding: Money;
  overdue: { count: number; amount: Money };
  disputed: number;
  /** Credit still carried forward at the end: the latest statement of each agreement. */
  creditCarriedForward: Money;
}

/** Running sums of statements in one currency, in plain minor units. */
interface Sums {
  statements: number;
  billed: number;
  revshare: number;
  due: number;
  remitted: number;
  outstanding: number;
  overdueCount: number;
  overdueAmount: number;
  disputed: number;
  disputedAmount: number;
}

const emptySums = (): Sums => ({ statements: 0, billed: 0, revshare: 0, due: 0, remitted: 0, outstanding: 0, overdueCount: 0, overdueAmount: 0, disputed: 0, disputedAmount: 0 });

function addStatement(t: Sums, r: StatementResult): void {
  t.statements++;
  t.billed += r.billed.amountMinor;
  t.revshare += r.revshare.amountMinor;
  t.due += r.due.amountMinor;
  t.remitted += r.remitted.amountMinor;
  t.outstanding += r.outstanding.amountMinor;
  if (r.status === 'overdue') {
    t.overdueCount++;
    t.overdueAmount += r.outstanding.amountMinor;
  }
  if (r.status === 'disputed') {
    t.disputed++;
    t.disputedAmount += r.outstanding.amountMinor;
  }
}

/** KPIs per currency, sorted by currency code. Each total is the sum of the statements' shown amounts. */
export function summarize(results: readonly StatementResult[]): RevshareTotals[] {
  const byCurrency = new Map<CurrencyCode, Sums & { latestByAgreement: Map<string, StatementResult> }>();
  for (const r of results) {
    let t = byCurrency.get(r.currency);
    if (!t) byCurrency.set(r.currency, (t = { ...emptySums(), latestByAgreement: new Map() }));
    addStatement(t, r);
    const latest = t.latestByAgreement.get(r.agreement.id);
    if (!latest || latest.period <= r.period) t.latestByAgreement.set(r.agreement.id, r);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({
      currency,
      statements: t.statements,
      // money() rejects a total beyond the exact range rather than rounding it.
      billed: money(t.billed, currency),
      revshare: money(t.revshare, currency),
      due: money(t.due, currency),
      remitted: money(t.remitted, currency),
      outstanding: money(t.outstanding, currency),
      overdue: { count: t.overdueCount, amount: money(t.overdueAmount, currency) },
      disputed: t.disputed,
      creditCarriedForward: money(
        [...t.latestByAgreement.values()].reduce((s, r) => s + r.creditCarriedForward.amountMinor, 0),
        currency,
      ),
    }));
}

export type GroupBy = 'month' | 'quarter';

/** One bar group of the chart: a month or a quarter, in one currency. */
export interface PeriodBucket {
  /** "2026-03" or "2026-Q1". */
  key: string;
  groupBy: GroupBy;
  /** First and last month of the bucket. */
  from: Period;
  to: Period;
  currency: CurrencyCode;
  statements: number;
  billed: Money;
  due: Money;
  remitted: Money;
  outstanding: Money;
  overdueCount: number;
  overdueAmount: Money;
  /** Disputed statements in the bucket and what is outstanding on them. */
  disputedCount: number;
  disputedAmount: Money;
}

export function bucketKey(period: Period, groupBy: GroupBy): string {
  return groupBy === 'month' ? period : quarterOf(period);
}

/**
 * Due vs remitted per month or quarter, per currency. With `from` and `to`, every bucket in the range is
 * present (zero when there were no statements), so the chart's axis has no holes.
 */
export function seriesByPeriod(
  results: readonly StatementResult[],
  groupBy: GroupBy,
  range?: { from: Period; to: Period },
): Map<CurrencyCode, PeriodBucket[]> {
  const currencies = [...new Set(results.map((r) => r.currency))].sort();
  const periods = range ? periodRange(range.from, range.to) : [...new Set(results.map((r) => r.period))].sort();
  const out = new Map<CurrencyCode, PeriodBucket[]>();
  for (const currency of currencies) {
    const buckets = new Map<string, Sums & { from: Period; to: Period }>();
    for (const period of periods) {
      const key = bucketKey(period, groupBy);
      const b = buckets.get(key);
      if (b) b.to = period;
      else buckets.set(key, { ...emptySums(), from: period, to: period });
    }
    for (const r of results) {
      if (r.currency !== currency) continue;
      const b = buckets.get(bucketKey(r.period, groupBy));
      if (b) addStatement(b, r);
    }
    out.set(
      currency,
      [...buckets].map(([key, b]) => ({
        key,
        groupBy,
        from: b.from,
        to: b.to,
        currency,
        statements: b.statements,
        billed: money(b.billed, currency),
        due: money(b.due, currency),
        remitted: money(b.remitted, currency),
        outstanding: money(b.outstanding, currency),
        overdueCount: b.overdueCount,
        overdueAmount: money(b.overdueAmount, currency),
        disputedCount: b.disputed,
        disputedAmount: money(b.disputedAmount, currency),
      })),
    );
  }
  return out;
}

export interface ArrOptions {
  /**
   * The guide counts a customer only once it has billed at least this much (minor units, in the
   * agreement's currency) in each of `months` consecutive months up to the latest. Off by default.
   */
  threshold?: { minMonthlyMinor: number; months?: number };
}

/**
 * ARR from referred customers, per the program guide (src/domain/arr.ts): the most recent month's
 * recurring subscription amounts plus usage charges, × 12. "Most recent month" is, per agreement, the
 * latest statement among `results` (select the range first). Referred customers are the lines with a
 * `referralId`. Charges only: credits and refunds correct past billing and are not run-rate.
 */
export function referredArr(results: readonly StatementResult[], options: ArrOptions = {}): Money[] {
  const latest = new Map<string, StatementResult>();
  for (const r of results) {
    const seen = latest.get(r.agreement.id);
    if (!seen || seen.period < r.period) latest.set(r.agreement.id, r);
  }
  const arr: Money[] = [];
  for (const statement of latest.values()) {
    const qualifies = qualifier(results, statement, options);
    const recurring: Money[] = [];
    const usage: Money[] = [];
    for (const l of statement.lines) {
      if (!l.line.referralId || l.line.kind !== 'charge' || !qualifies(l.line.customerId)) continue;
      (l.line.recurring ? recurring : usage).push(l.billed);
    }
    arr.push(annualRecurringRevenue({ recurring, usage }, statement.currency));
  }
  return totalsByCurrency(arr);
}

function qualifier(results: readonly StatementResult[], latest: StatementResult, options: ArrOptions): (customerId: string) => boolean {
  const threshold = options.threshold;
  if (!threshold) return () => true;
  const months = threshold.months ?? 6;
  const wanted = new Set(periodRange(addMonths(latest.period, -(months - 1)), latest.period));
  const perMonth = new Map<string, Map<Period, number>>();
  for (const r of results) {
    if (r.agreement.id !== latest.agreement.id || !wanted.has(r.period)) continue;
    for (const l of r.lines) {
      let m = perMonth.get(l.line.customerId);
      if (!m) perMonth.set(l.line.customerId, (m = new Map<Period, number>()));
      m.set(r.period, (m.get(r.period) ?? 0) + l.billed.amountMinor);
    }
  }
  return (customerId) => {
    const m = perMonth.get(customerId);
    return !!m && [...wanted].every((p) => (m.get(p) ?? 0) >= threshold.minMonthlyMinor);
  };
}

