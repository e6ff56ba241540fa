import { CurrencyMismatchError, money, type CurrencyCode, type Money } from '../domain/money.js';
import { periodEnd, type Period } from '../domain/period.js';
import type {
  RateSchedule,
  RevshareAgreement,
  RevshareStatement,
  StatementLine,
  StatementStatus,
} from '../domain/revshare.js';
import { ExactProducts, rateUnits, splitByDays } from './exact.js';

/**
 * The revenue-share engine: from agreements and the partner's monthly statements, what each statement
 * owes, line by line. Pure functions, no DOM; every amount is integer minor units.
 *
 * The rules, each with a worked example in test/node/revshare-engine.test.ts:
 *
 * - **Cohort.** A line is first-year while fewer than 12 months have passed since the customer's first
 *   billed month (`customerSince`), renewal after; each cohort has its own schedule.
 * - **Tiers are marginal**, like tax brackets: a tier's rate applies only to the part of the agreement's
 *   cumulative billings in the agreement year that falls inside the tier. The cumulative counts every
 *   line under the agreement (both cohorts) in the order the months and the statement's lines come.
 *   A line that crosses a boundary is split at it. A credit or refund moves the cumulative back down and
 *   takes back revshare from the top slice, so a refund of the last charge reverses it exactly.
 * - **Agreement years** are counted in whole reporting months from the month of `startDate` (lines
 *   carry a month, not a day); the cumulative resets to zero at each anniversary month.
 * - **Rate changes mid-month.** Lines carry no day, so when a new rate period starts inside a month each
 *   line is split by calendar days (with `allocate`, which never loses a cent): the days before the
 *   change at the old rates, the rest at the new. The earlier days of every line go through the tiers first.
 * - **Rounding: per line.** Each line's revshare is rounded once (half away from zero) from the exact sum
 *   of its slices, and the statement's revshare is the plain sum of the line amounts. Why per line: the
 *   drill-down shows every line's due and the partner audits line by line, so the statement total must be
 *   the sum of what is shown; and rounding half away from zero is symmetric, so a refund line takes back
 *   exactly what its charge gave. The price is that a statement can differ from "rate × total billed" by
 *   up to half a minor unit per line — tested in 'rounds per line'.
 * - **Credits carry forward.** A month whose revshare is negative (refunds larger than billings) pays
 *   nothing; the credit is carried to the agreement's next statement and reduces it, and so on. Always
 *   `due − creditCarriedForward = revshare − creditBroughtForward`, with `due ≥ 0` and both credits ≥ 0.
 * - **Due date** is the period's last day plus the agreement's payment terms. **Outstanding** is
 *   due − remitted, never below zero (a payment above the due is reported as `overpaid`).
 * - **Status**: disputed (the CRM's flag) wins; open while the period has not ended; then remitted when
 *   nothing is outstanding; overdue after the due date; partially remitted; else due.
 */

export type Cohort = 'first-year' | 'renewal';
export const COHORT_LABELS: Record<Cohort, string> = { 'first-year': 'First year', renewal: 'Renewal' };

/** One rate used on a line. A line has several when it crosses a tier boundary or a rate change. */
export interface AppliedRate {
  cohort: Cohort;
  rateBps: number;
  /** The rate period in force (its `effectiveFrom`). */
  effectiveFrom: string;
  /** For a tiered schedule: which tier (0-based), where it starts, and how many tiers there are. */
  tier?: { index: number; fromMinor: number; count: number };
}

export interface LineResult {
  line: StatementLine;
  cohort: Cohort;
  /** Months since the customer's first billed month. */
  customerMonth: number;
  billed: Money;
  /** The rate(s) applied, in the order the slices were taken. */
  rates: readonly AppliedRate[];
  /** Revshare on this line: negative for credits and refunds. Rounded once, half away from zero. */
  due: Money;
}

export interface StatementResult {
  statement: RevshareStatement;
  agreement: RevshareAgreement;
  partnerId: string;
  period: Period;
  currency: CurrencyCode;
  /** The lines with their revshare, made on first read. */
  readonly lines: LineResult[];
  /** Σ line billed (charges minus credits and refunds). */
  billed: Money;
  /** Σ positive lines. */
  charges: Money;
  /** Σ negative lines (credits and refunds), a negative amount. */
  credits: Money;
  /** Agreement cumulative billings in the agreement year before / after this statement (tier position). */
  yearToDateBefore: Money;
  yearToDateAfter: Money;
  /** Σ line due: the month's revshare, negative when refunds exceed billings. */
  revshare: Money;
  /** Credit from earlier statements of this agreement (≥ 0). */
  creditBroughtForward: Money;
  /** What the partner owes for this statement (≥ 0). */
  due: Money;
  /** Credit left to reduce the next statement (≥ 0). */
  creditCarriedForward: Money;
  remitted: Money;
  /** due − remitted, never below zero. */
  outstanding: Money;
  /** remitted − due when the partner paid more, else zero. */
  overpaid: Money;
  /** YYYY-MM-DD: the period's last day plus payment terms. */
  dueDate: string;
  status: StatementStatus;
  /** The CRM's own figure, when it stored one, and whether it differs from `due`. */
  recordedDue?: Money;
  recordedDueDiffers: boolean;
}

export interface EngineOptions {
  /** Today, YYYY-MM-DD (UTC): decides open, overdue. Defaults to the current date. */
  asOf?: string;
}

export class RevshareError extends Error {
  override name = 'RevshareError';
  constructor(
    message: string,
    readonly statementId?: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------
// Compiled schedules: rates as integer units, and shared AppliedRate descriptors so a million lines do
// not allocate a million descriptor arrays.

interface CompiledFlat {
  kind: 'flat';
  units: number;
  applied: readonly AppliedRate[];
}
interface CompiledTiered {
  kind: 'tiered';
  from: number[];
  units: number[];
  applied: (readonly AppliedRate[])[];
}
type CompiledSchedule = CompiledFlat | CompiledTiered;

interface CompiledRatePeriod {
  effectiveFrom: string;
  firstYear: CompiledSchedule;
  renewal: CompiledSchedule;
}

function compileSchedule(schedule: RateSchedule, cohort: Cohort, effectiveFrom: string): CompiledSchedule {
  if (schedule.kind === 'flat') {
    return {
      kind: 'flat',
      units: rateUnits(schedule.rateBps),
      applied: Object.freeze([Object.freeze({ cohort, rateBps: schedule.rateBps, effectiveFrom })]),
    };
  }
  const count = schedule.tiers.length;
  return {
    kind: 'tiered',
    from: schedule.tiers.map((t) => t.fromMinor),
    units: schedule.tiers.map((t) => rateUnits(t.rateBps)),
    applied: schedule.tiers.map((t, index) =>
      Object.freeze([Object.freeze({ cohort, rateBps: t.rateBps, effectiveFrom, tier: Object.freeze({ index, fromMinor: t.fromMinor, count }) })]),
    ),
  };
}

function compileRates(agreement: RevshareAgreement): CompiledRatePeriod[] {
  return [...agreement.rates]
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))
    .map((r) => ({
      effectiveFrom: r.effectiveFrom,
      firstYear: compileSchedule(r.firstYear, 'first-year', r.effectiveFrom),
      renewal: compileSchedule(r.renewal, 'renewal', r.effectiveFrom),
    }));
}

/**
 * Apply a schedule to `amount` billed at cumulative position `position`, adding the exact products to
 * `acc`. Returns the rates used.
 */
function applySchedule(schedule: CompiledSchedule, amount: number, position: number, acc: ExactProducts): readonly AppliedRate[] {
  if (schedule.kind === 'flat') {
    acc.add(amount, schedule.units);
    return schedule.applied;
  }
  const { from, units, applied } = schedule;
  const n = from.length;
  const lo = amount >= 0 ? position : position + amount;
  const hi = amount >= 0 ? position + amount : position;
  const sign = amount >= 0 ? 1 : -1;
  let first = -1;
  let used: AppliedRate[] | undefined;
  for (let t = 0; t < n; t++) {
    // Below zero (a refund larger than the year's billings) counts in the first tier.
    const tierLo = t === 0 ? -Infinity : (from[t] as number);
    const tierHi = t + 1 < n ? (from[t + 1] as number) : Infinity;
    if (tierLo >= hi) break;
    const overlap = Math.min(hi, tierHi) - Math.max(lo, tierLo);
    if (overlap <= 0) continue;
    acc.add(sign * overlap, units[t] as number);
    if (first === -1) first = t;
    else (used ??= [...(applied[first] as readonly AppliedRate[])]).push(...(applied[t] as readonly AppliedRate[]));
  }
  if (first === -1) {
    // A zero amount: name the tier the position is in.
    let t = 0;
    while (t + 1 < n && (from[t + 1] as number) <= position) t++;
    return applied[t] as readonly AppliedRate[];
  }
  if (!used) return applied[first] as readonly AppliedRate[];
  // Refunds walk the tiers downward: list them in the order they were taken.
  return sign < 0 ? used.reverse() : used;
}

// ---------------------------------------------------------------------------------------------------
// Periods as month indexes (fast, cached: a million lines have few distinct customerSince values).

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

/** "2026-03" → 2026 × 12 + 2. Parsed by character codes: it runs once per line. */
function monthIndex(period: string): number {
  const y = digit(period, 0) * 1000 + digit(period, 1) * 100 + digit(period, 2) * 10 + digit(period, 3);
  const m = digit(period, 5) * 10 + digit(period, 6);
  if (period.length !== 7 || period.charCodeAt(4) !== 45 || !(m >= 1 && m <= 12) || Number.isNaN(y)) {
    throw new RevshareError(`Not a period (YYYY-MM): ${period}`);
  }
  return y * 12 + (m - 1);
}

/** YYYY-MM-DD plus n days. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Segment {
  rates: CompiledRatePeriod;
  days: number;
}

/** The rate periods in force during a month, with how many of its days each covers. */
function segmentsFor(rates: CompiledRatePeriod[], period: Period): Segment[] {
  const first = `${period}-01`;
  const last = periodEnd(period);
  const daysInMonth = Number(last.slice(8, 10));
  let current = 0;
  for (let i = 0; i < rates.length; i++) if ((rates[i] as CompiledRatePeriod).effectiveFrom <= first) current = i;
  const segments: Segment[] = [];
  let startDay = 1;
  for (let i = current + 1; i < rates.length; i++) {
    const ef = (rates[i] as CompiledRatePeriod).effectiveFrom;
    if (ef <= first || ef > last) continue;
    const day = Number(ef.slice(8, 10));
    segments.push({ rates: rates[current] as CompiledRatePeriod, days: day - startDay });
    current = i;
    startDay = day;
  }
  segments.push({ rates: rates[current] as CompiledRatePeriod, days: daysInMonth - startDay + 1 });
  return segments.filter((s) => s.days > 0);
}

// ---------------------------------------------------------------------------------------------------

function checkedAdd(total: number, amount: number, what: string, statementId: string): number {
  const next = total + amount;
  if (!Number.isSafeInteger(next)) throw new RevshareError(`${what} is beyond the exact range of minor units`, statementId);
  return next;
}

/**
 * Compute every statement. Statements are grouped by agreement and taken in period order, because tiers
 * and carried credits depend on the months before: pass the agreement's statements from its start (or
 * at least from the start of the agreement year and the last month without a carried credit), then
 * filter what you show with `selectStatements`.
 */
export function computeStatements(
  agreements: readonly RevshareAgreement[],
  statements: readonly RevshareStatement[],
  options: EngineOptions = {},
): StatementResult[] {
  const asOf = options.asOf ?? todayUtc();
  const byAgreement = new Map<string, RevshareStatement[]>();
  for (const statement of statements) {
    let list = byAgreement.get(statement.agreementId);
    if (!list) byAgreement.set(statement.agreementId, (list = []));
    list.push(statement);
  }
  const agreementsById = new Map(agreements.map((a) => [a.id, a]));
  const results: StatementResult[] = [];
  for (const [agreementId, list] of byAgreement) {
    const agreement = agreementsById.get(agreementId);
    if (!agreement) throw new RevshareError(`Statement ${list[0]?.id ?? ''} names agreement ${agreementId}, which was not found`, list[0]?.id);
    list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    results.push(...computeAgreement(agreement, list, asOf));
  }
  return results.sort(
    (a, b) =>
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0) ||
      (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0),
  );
}

function computeAgreement(agreement: RevshareAgreement, statements: RevshareStatement[], asOf: string): StatementResult[] {
  const rates = compileRates(agreement);
  const startMonth = monthIndex(agreement.startDate.slice(0, 7));
  const currency = agreement.currency;
  const acc = new ExactProducts();
  let yearIndex = Number.NaN;
  let yearToDate = 0;
  let carried = 0;
  const results: StatementResult[] = [];

  for (const statement of statements) {
    if (statement.currency !== currency) {
      throw new RevshareError(`Statement ${statement.id} is in ${statement.currency} but its agreement is in ${currency}`, statement.id);
    }
    if (statement.partnerId !== agreement.partnerId) {
      throw new RevshareError(`Statement ${statement.id} is for partner ${statement.partnerId}, its agreement for ${agreement.partnerId}`, statement.id);
    }
    const period = statement.period;
    const month = monthIndex(period);
    const year = Math.floor((month - startMonth) / 12);
    if (year !== yearIndex) {
      yearIndex = year;
      yearToDate = 0;
    }
    const yearToDateBefore = yearToDate;
    const segments = segmentsFor(rates, period);
    const lines = statement.lines;
    const n = lines.length;
    // Per-line figures in flat arrays; the LineResult objects are made only when someone reads
    // `lines` (the drill-down of one statement, a CSV), so a million lines cost no million objects.
    const cohorts: Cohort[] = new Array<Cohort>(n);
    const customerMonths = new Int32Array(n);
    const dues = new Float64Array(n);
    const lineRates: (readonly AppliedRate[])[] = new Array<readonly AppliedRate[]>(n);
    for (let i = 0; i < n; i++) {
      const line = lines[i] as StatementLine;
      if (line.billed.currency !== currency) throw new CurrencyMismatchError(currency, line.billed.currency);
      const since = month - monthIndex(line.customerSince);
      customerMonths[i] = since;
      cohorts[i] = since < 12 ? 'first-year' : 'renewal';
    }

    let billed = 0;
    let charges = 0;
    let credits = 0;
    let revshare = 0;

    if (segments.length === 1) {
      // The usual case: one rate period covers the month. One accumulator, reused line after line.
      const segment = (segments[0] as Segment).rates;
      for (let i = 0; i < n; i++) {
        const line = lines[i] as StatementLine;
        const amount = line.billed.amountMinor;
        const cohort = cohorts[i] as Cohort;
        acc.reset();
        const applied = applySchedule(cohort === 'first-year' ? segment.firstYear : segment.renewal, amount, yearToDate, acc);
        yearToDate = checkedAdd(yearToDate, amount, 'Year-to-date billings', statement.id);
        const due = acc.round();
        dues[i] = due;
        lineRates[i] = applied;
        billed = checkedAdd(billed, amount, 'Billed', statement.id);
        if (amount >= 0) charges += amount;
        else credits += amount;
        revshare = checkedAdd(revshare, due, 'Revshare', statement.id);
      }
    } else {
      // A rate change inside the month: split each line by days, earlier days first through the tiers.
      const days = segments.map((s) => s.days);
      const totalDays = days.reduce((t, d) => t + d, 0);
      const parts = lines.map((line) => splitByDays(line.billed, days, totalDays));
      const accs = lines.map(() => new ExactProducts());
      const applied: AppliedRate[][] = lines.map(() => []);
      segments.forEach((segment, s) => {
        for (let i = 0; i < n; i++) {
          const amount = (parts[i] as number[])[s] as number;
          const schedule = cohorts[i] === 'first-year' ? segment.rates.firstYear : segment.rates.renewal;
          (applied[i] as AppliedRate[]).push(...applySchedule(schedule, amount, yearToDate, accs[i] as ExactProducts));
          yearToDate = checkedAdd(yearToDate, amount, 'Year-to-date billings', statement.id);
        }
      });
      for (let i = 0; i < n; i++) {
        const line = lines[i] as StatementLine;
        const amount = line.billed.amountMinor;
        const due = (accs[i] as ExactProducts).round();
        dues[i] = due;
        lineRates[i] = applied[i] as AppliedRate[];
        billed = checkedAdd(billed, amount, 'Billed', statement.id);
        if (amount >= 0) charges += amount;
        else credits += amount;
        revshare = checkedAdd(revshare, due, 'Revshare', statement.id);
      }
    }

    // Carried credit: due − carriedOut = revshare − carriedIn, due ≥ 0, carriedOut ≥ 0.
    const creditBroughtForward = carried;
    const net = revshare - creditBroughtForward;
    const due = net > 0 ? net : 0;
    carried = net < 0 ? -net : 0;

    if (statement.remitted.currency !== currency) throw new CurrencyMismatchError(currency, statement.remitted.currency);
    const remitted = statement.remitted.amountMinor;
    const outstanding = Math.max(0, due - remitted);
    const overpaid = Math.max(0, remitted - due);
    const end = periodEnd(period);
    const dueDate = addDays(end, agreement.paymentTermsDays);
    const status: StatementStatus = statement.disputed
      ? 'disputed'
      : asOf <= end
        ? 'open'
        : outstanding === 0
          ? 'remitted'
          : asOf > dueDate
            ? 'overdue'
            : remitted > 0
              ? 'partially-remitted'
              : 'due';
    const recordedDue = statement.revshareDue;
    let lineResults: LineResult[] | undefined;
    const result: Omit<StatementResult, 'lines'> = {
      statement,
      agreement,
      partnerId: statement.partnerId,
      period,
      currency,
      billed: money(billed, currency),
      charges: money(charges, currency),
      credits: money(credits, currency),
      yearToDateBefore: money(yearToDateBefore, currency),
      yearToDateAfter: money(yearToDate, currency),
      revshare: money(revshare, currency),
      creditBroughtForward: money(creditBroughtForward, currency),
      due: money(due, currency),
      creditCarriedForward: money(carried, currency),
      remitted: money(remitted, currency),
      outstanding: money(outstanding, currency),
      overpaid: money(overpaid, currency),
      dueDate,
      status,
      ...(recordedDue ? { recordedDue } : {}),
      recordedDueDiffers: recordedDue !== undefined && (recordedDue.currency !== currency || recordedDue.amountMinor !== due),
    };
    results.push(
      Object.defineProperty(result, 'lines', {
        enumerable: true,
        get: (): LineResult[] =>
          (lineResults ??= lines.map((line, i) => ({
            line,
            cohort: cohorts[i] as Cohort,
            customerMonth: customerMonths[i] as number,
            billed: line.billed,
            rates: lineRates[i] as readonly AppliedRate[],
            due: { amountMinor: dues[i] as number, currency },
          }))),
      }) as StatementResult,
    );
  }
  return results;
}
