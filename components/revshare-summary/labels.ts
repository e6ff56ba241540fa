import { msg, str } from '@lit/localize';
import type { StatementStatus } from '../../src/domain/revshare.js';
import type { Cohort } from '../../src/revshare/engine.js';
import type { AgeingBucket } from '../../src/domain/revshare-ledger.js';
import type { CsvWords } from '../../src/revshare/export.js';
import { plural } from '../base/messages.js';

/** The revenue-share summary's words: statuses, cohorts, tiers and the CSV headers, in the active language. */

export const STATUS_ICONS: Partial<Record<StatementStatus, string>> = { overdue: '⚠', disputed: '⚑', remitted: '✓', 'partially-remitted': '◐' };

/** "3 statements". */
export function statementCount(count: number): string {
  return plural(count, {
    zero: () => msg(str`${count} statements`, { id: 'revshare.kpi.overdue-count.zero' }),
    one: () => msg(str`${count} statement`, { id: 'revshare.kpi.overdue-count.one' }),
    two: () => msg(str`${count} statements`, { id: 'revshare.kpi.overdue-count.two' }),
    few: () => msg(str`${count} statements`, { id: 'revshare.kpi.overdue-count.few' }),
    many: () => msg(str`${count} statements`, { id: 'revshare.kpi.overdue-count.many' }),
    other: () => msg(str`${count} statements`, { id: 'revshare.kpi.overdue-count.other' }),
  });
}

/** A statement's status in the active language. */
export function statusLabel(status: StatementStatus): string {
  switch (status) {
    case 'open':
      return msg('Open', { id: 'revshare.status.open' });
    case 'due':
      return msg('Due', { id: 'revshare.status.due' });
    case 'partially-remitted':
      return msg('Partially remitted', { id: 'revshare.status.partially-remitted' });
    case 'remitted':
      return msg('Remitted', { id: 'revshare.status.remitted' });
    case 'overdue':
      return msg('Overdue', { id: 'revshare.status.overdue' });
    case 'disputed':
      return msg('Disputed', { id: 'revshare.status.disputed' });
  }
}

export function cohortLabel(cohort: Cohort): string {
  return cohort === 'first-year' ? msg('First year', { id: 'revshare.cohort.first-year' }) : msg('Renewal', { id: 'revshare.cohort.renewal' });
}

export const tierLabel = (rate: string, tier: number): string => msg(str`${rate} (tier ${tier})`, { id: 'revshare.rate.tier' });

/** "first year 10%", "renewal 5% (tier 1) / 10% (tier 2)": a cohort's rates, labelled. */
export const cohortRatesLabel = (cohort: Cohort, rates: string): string =>
  cohort === 'first-year' ? msg(str`first year ${rates}`, { id: 'revshare.rate.first-year' }) : msg(str`renewal ${rates}`, { id: 'revshare.rate.renewal' });

/** An ageing bucket's heading: days past due. */
export function ageingLabel(bucket: AgeingBucket): string {
  switch (bucket) {
    case 'current':
      return msg('Current', { id: 'revshare.ageing.current' });
    case '1-30':
      return msg('1–30 days', { id: 'revshare.ageing.1-30' });
    case '31-60':
      return msg('31–60 days', { id: 'revshare.ageing.31-60' });
    case '61-90':
      return msg('61–90 days', { id: 'revshare.ageing.61-90' });
    case '90+':
      return msg('Over 90 days', { id: 'revshare.ageing.90-plus' });
  }
}

/** The statements CSV in the active language. */
export function statementCsvWords(): CsvWords {
  return {
    header: [
      msg('Period', { id: 'revshare.col.period' }),
      msg('Partner ID', { id: 'revshare.csv.partner-id' }),
      msg('Partner', { id: 'revshare.col.partner' }),
      msg('Currency', { id: 'form.field.currency' }),
      msg('Billed', { id: 'revshare.col.billed' }),
      msg('Rates', { id: 'revshare.csv.rates' }),
      msg('Revshare', { id: 'revshare.csv.revshare' }),
      msg('Credit brought forward', { id: 'revshare.credit-brought-forward' }),
      msg('Due', { id: 'revshare.col.due' }),
      msg('Credit carried forward', { id: 'revshare.csv.credit-carried-forward' }),
      msg('Remitted', { id: 'revshare.col.remitted' }),
      msg('Outstanding', { id: 'revshare.col.outstanding' }),
      msg('Status', { id: 'revshare.col.status' }),
      msg('Due date', { id: 'revshare.col.due-date' }),
      msg('Statement ID', { id: 'revshare.csv.statement-id' }),
    ],
    status: statusLabel,
    tierLabel,
    cohortRates: cohortRatesLabel,
    total: msg('Total', { id: 'revshare.lines.total' }),
  };
}

/** A statement's lines CSV in the active language. */
export function lineCsvWords(): CsvWords {
  return {
    header: [
      msg('Customer', { id: 'revshare.col.customer' }),
      msg('Customer ID', { id: 'revshare.csv.customer-id' }),
      msg('Kind', { id: 'revshare.csv.kind' }),
      msg('Currency', { id: 'form.field.currency' }),
      msg('Billed', { id: 'revshare.col.billed' }),
      msg('Credits', { id: 'revshare.col.credits' }),
      msg('Cohort', { id: 'revshare.csv.cohort' }),
      msg('Rate applied', { id: 'revshare.col.rate-applied' }),
      msg('Due', { id: 'revshare.col.due' }),
      msg('Line ID', { id: 'revshare.csv.line-id' }),
    ],
    cohort: cohortLabel,
    tierLabel,
  };
}
