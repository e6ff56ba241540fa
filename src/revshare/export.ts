import { toCsv, type CsvCell } from '../csv.js';
import { toDecimalString, type Money } from '../domain/money.js';
import { STATEMENT_STATUS_LABELS } from '../domain/revshare.js';
import { COHORT_LABELS, type AppliedRate, type StatementResult } from './engine.js';

/**
 * CSV of statements and of one statement's lines, through src/csv.ts (RFC 4180 quoting, formula
 * injection neutralised). Amounts are plain decimals in the statement's currency ("-1234.50"), with
 * the currency in its own column: what a spreadsheet sums exactly.
 */

/** An amount as a CSV number when that number prints back exactly, else as its exact decimal text. */
export function csvAmount(m: Money): CsvCell {
  const exact = toDecimalString(m);
  const n = Number(exact);
  const digits = exact.includes('.') ? exact.length - exact.indexOf('.') - 1 : 0;
  // A negative decimal text would get the formula-guard quote; a number never does.
  return n.toFixed(digits) === exact ? n : exact;
}

/**
 * "10%", "10% (tier 1) → 15% (tier 2)": the distinct rates of a list in the order first used, joined
 * with `separator` (an arrow for one line's slices; a comma for a statement's several lines).
 */
export function describeRates(
  rates: readonly AppliedRate[],
  formatPercent: (bps: number) => string = (bps) => `${Number((bps / 100).toFixed(6))}%`,
  separator = ' → ',
  tierLabel: (rate: string, tier: number) => string = (rate, tier) => `${rate} (tier ${tier})`,
): string {
  const seen: string[] = [];
  for (const r of rates) {
    const label = r.tier ? tierLabel(formatPercent(r.rateBps), r.tier.index + 1) : formatPercent(r.rateBps);
    if (!seen.includes(label)) seen.push(label);
  }
  return seen.join(separator);
}

/** The rates used on a statement's lines: "10%", or "10% (tier 1), 15% (tier 2)". */
export function statementRates(statement: StatementResult, formatPercent?: (bps: number) => string, tierLabel?: (rate: string, tier: number) => string): string {
  return describeRates(
    statement.lines.flatMap((l) => l.rates),
    formatPercent,
    ', ',
    tierLabel,
  );
}

/** The words of a CSV export in another language: its column headings and the labels in its cells. */
export interface CsvWords {
  header: readonly string[];
  status?: (status: StatementResult['status']) => string;
  cohort?: (cohort: keyof typeof COHORT_LABELS) => string;
  tierLabel?: (rate: string, tier: number) => string;
}

export const STATEMENT_CSV_HEADER = [
  'Period',
  'Partner ID',
  'Partner',
  'Currency',
  'Billed',
  'Rates',
  'Revshare',
  'Credit brought forward',
  'Due',
  'Credit carried forward',
  'Remitted',
  'Outstanding',
  'Status',
  'Due date',
  'Statement ID',
] as const;

export function statementsCsv(statements: readonly StatementResult[], partnerName: (id: string) => string = (id) => id, words?: CsvWords): string {
  return toCsv(
    words?.header ?? STATEMENT_CSV_HEADER,
    statements.map((s) => [
      s.period,
      s.partnerId,
      partnerName(s.partnerId),
      s.currency,
      csvAmount(s.billed),
      statementRates(s, undefined, words?.tierLabel),
      csvAmount(s.revshare),
      csvAmount(s.creditBroughtForward),
      csvAmount(s.due),
      csvAmount(s.creditCarriedForward),
      csvAmount(s.remitted),
      csvAmount(s.outstanding),
      words?.status?.(s.status) ?? STATEMENT_STATUS_LABELS[s.status],
      s.dueDate,
      s.statement.id,
    ]),
  );
}

export const LINE_CSV_HEADER = ['Customer', 'Customer ID', 'Kind', 'Currency', 'Billed', 'Credits', 'Cohort', 'Rate applied', 'Due', 'Line ID'] as const;

export function linesCsv(statement: StatementResult, words?: CsvWords): string {
  return toCsv(
    words?.header ?? LINE_CSV_HEADER,
    statement.lines.map((l) => [
      l.line.customer,
      l.line.customerId,
      l.line.kind,
      statement.currency,
      l.billed.amountMinor >= 0 ? csvAmount(l.billed) : null,
      l.billed.amountMinor < 0 ? csvAmount(l.billed) : null,
      words?.cohort?.(l.cohort) ?? COHORT_LABELS[l.cohort],
      describeRates(l.rates, undefined, undefined, words?.tierLabel),
      csvAmount(l.due),
      l.line.id,
    ]),
  );
}
