import type { CurrencyCode, Money } from '../../src/domain/money.js';
import { dateTimeFormat, displayNames, formatMoneyWith, formatPeriod, moneyFormat, numberFormat } from '../../src/format.js';
import type { StatementResult } from '../../src/revshare/engine.js';
import { statementRates } from '../../src/revshare/export.js';
import type { PeriodBucket } from '../../src/revshare/summary.js';
import { cohortRatesLabel, tierLabel } from './labels.js';

/**
 * The revenue-share summary's formatting in one locale, made once per locale (the element keeps one and
 * makes a new one when the locale changes): one collator for every sort, the Intl formats built once,
 * and each statement's rates label made once (a sort by rates compares labels many times).
 */
export class SummaryFormats {
  readonly collator: Intl.Collator;
  private readonly percentFormat: Intl.NumberFormat;
  private readonly monthFormat: Intl.DateTimeFormat;
  private readonly yearFormat: Intl.DateTimeFormat;
  private readonly rateLabels = new WeakMap<StatementResult, string>();
  private readonly periods = new Map<string, string>();
  /** The money format of each currency, plain and compact (as formatMoney in src/format.ts makes them). */
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();

  constructor(readonly locale: string) {
    this.collator = new Intl.Collator(locale);
    this.percentFormat = numberFormat(locale, { style: 'percent', maximumFractionDigits: 4 });
    this.monthFormat = dateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    this.yearFormat = dateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  }

  /** As formatMoney, with each currency's format looked up once. */
  money = (m: Money, compact = false): string => {
    const key = compact ? `${m.currency}|c` : m.currency;
    let format = this.moneyFormats.get(key);
    if (!format) this.moneyFormats.set(key, (format = moneyFormat(this.locale, m.currency, compact)));
    return formatMoneyWith(format, m);
  };

  percent = (bps: number): string => this.percentFormat.format(bps / 10_000);

  /** "first year 10%, renewal 15% (tier 1)", once per statement. */
  rates = (statement: StatementResult): string => {
    let label = this.rateLabels.get(statement);
    if (label === undefined) this.rateLabels.set(statement, (label = statementRates(statement, this.percent, tierLabel, cohortRatesLabel)));
    return label;
  };

  /** "Mar 2026", once per month. */
  period = (period: string): string => {
    let label = this.periods.get(period);
    if (label === undefined) this.periods.set(period, (label = formatPeriod(period, this.locale)));
    return label;
  };

  bucketLabel = (b: PeriodBucket): string => (b.groupBy === 'month' ? this.period(b.key) : b.key.replace(/^(\d{4})-(Q\d)$/, '$2 $1'));

  axisLabel = (b: PeriodBucket): { short: string; year: string } => ({
    short: b.groupBy === 'month' ? this.monthFormat.format(new Date(`${b.from}-01T00:00:00Z`)) : b.key.slice(5),
    year: this.yearFormat.format(new Date(`${b.from.slice(0, 4)}-01-01T00:00:00Z`)),
  });

  currencyName = (code: CurrencyCode): string => {
    try {
      return `${displayNames(this.locale, { type: 'currency' }).of(code) ?? code} (${code})`;
    } catch {
      return code;
    }
  };
}
