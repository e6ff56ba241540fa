import { csvRows, toCsv, type CsvDecimal } from '../csv.js';
import { toDecimalString, type Money } from '../domain/money.js';
import { STATEMENT_STATUS_LABELS } from '../domain/revshare.js';
import { ratesByCohort } from '../domain/revshare-ledger.js';
import { summarize } from './summary.js';
import { COHORT_LABELS, type AppliedRate, type Cohort, type StatementResult } from './engine.js';

/**
 * CSV of statements and of one statement's lines, through src/csv.ts (RFC 4180 quoting, formula
 * injection neutralised). Amounts are plain decimals with the currency's digits ("32080.10", "0.00",
 * "-1234.50"; "1500" in yen), with the currency in its own column: what a spreadsheet sums exactly, and
 * the same form as the pipeline CSV.
 */

/** An amount as a CSV number with every digit of its currency (a number cell: no formula-guard quote). */
export function csvAmount(m: Money): CsvDecimal {
  return { decimal: toDecimalString(m) };
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

/** "first year 10%" / "renewal 5% (tier 1) / 10% (tier 2)": one cohort's rates, labelled. */
export type CohortRatesLabel = (cohort: Cohort, rates: string) => string;

const englishCohortRates: CohortRatesLabel = (cohort, rates) => `${cohort === 'first-year' ? 'first year' : 'renewal'} ${rates}`;

/**
 * The rates used on a statement's lines, labelled by cohort in one order (first year, then renewal; see
 * `ratesByCohort` in the domain): "first year 10%, renewal 15% (tier 1)".
 */
export function statementRates(
  statement: StatementResult,
  formatPercent: (bps: number) => string = (bps) => `${Number((bps / 100).toFixed(6))}%`,
  tierLabel: (rate: string, tier: number) => string = (rate, tier) => `${rate} (tier ${tier})`,
  cohortRates: CohortRatesLabel = englishCohortRates,
): string {
  return ratesByCohort(statement.lines.flatMap((l) => l.rates))
    .map((group) => cohortRates(group.cohort, group.rates.map((r) => (r.tier ? tierLabel(formatPercent(r.rateBps), r.tier.index + 1) : formatPercent(r.rateBps))).join(' / ')))
    .join(', ');
}

/** The words of a CSV export in another language: its column headings and the labels in its cells. */
export interface CsvWords {
  header: readonly string[];
  status?: (status: StatementResult['status']) => string;
  cohort?: (cohort: keyof typeof COHORT_LABELS) => string;
  tierLabel?: (rate: string, tier: number) => string;
  cohortRates?: CohortRatesLabel;
  /** The first cell of a totals row. */
  total?: string;
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
      statementRates(s, undefined, words?.tierLabel, words?.cohortRates),
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

/**
 * One partner's statements for a QBR: the statements CSV of `statements` (give one partner's, in the
 * order shown), then a totals row per currency, each the sum of the rows above it.
 */
export function partnerCsv(statements: readonly StatementResult[], partnerName: (id: string) => string = (id) => id, words?: CsvWords): string {
  const partnerId = statements[0]?.partnerId ?? '';
  const totals = summarize(statements).map((t) => [
    words?.total ?? 'Total',
    partnerId,
    partnerName(partnerId),
    t.currency,
    csvAmount(t.billed),
    null,
    csvAmount(t.revshare),
    null,
    csvAmount(t.due),
    null,
    csvAmount(t.remitted),
    csvAmount(t.outstanding),
    null,
    null,
    null,
  ]);
  return statementsCsv(statements, partnerName, words) + csvRows(totals);
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
