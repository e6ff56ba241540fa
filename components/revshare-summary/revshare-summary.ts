import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { z } from '../../src/domain/zod.js';
import { allReferrals, type CrmAdapter } from '../../src/adapters/adapter.js';
import { downloadCsv } from '../../src/csv.js';
import { CurrencyCodeSchema, type CurrencyCode, type Money } from '../../src/domain/money.js';
import { addMonths, PeriodSchema, periodOf, type Period } from '../../src/domain/period.js';
import { ReferralSchema, type Referral } from '../../src/domain/referral.js';
import {
  RevshareAgreementSchema,
  RevshareStatementSchema,
  type RevshareAgreement,
  type RevshareStatement,
  type StatementStatus,
} from '../../src/domain/revshare.js';
import { can, type User } from '../../src/domain/user.js';
import { CrmError, parseRecord } from '../../src/errors.js';
import { dateTimeFormat, displayNames, formatDate, formatMoney, formatPeriod, numberFormat } from '../../src/format.js';
import { computeStatements, type Cohort, type StatementResult } from '../../src/revshare/engine.js';
import { describeRates, linesCsv, statementRates, statementsCsv, type CsvWords } from '../../src/revshare/export.js';
import {
  referredArr,
  selectStatements,
  seriesByPeriod,
  summarize,
  type GroupBy,
  type PeriodBucket,
  type RevshareTotals,
} from '../../src/revshare/summary.js';
import { quotaRetirement, totalQuotaRetired, type SellerQuota } from '../../src/domain/quota.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { renderEmpty, renderError, renderLoading, renderNoPermission } from '../base/states.js';
import { plural } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { renderChart } from './chart.js';
import { summaryStyles } from './revshare-summary.styles.js';

type LoadArgs = [
  adapter: CrmAdapter | undefined,
  user: User | undefined,
  partnerId: string | undefined,
  from: Period,
  to: Period,
  asOf: string,
  agreements: RevshareAgreement[] | undefined,
  statements: RevshareStatement[] | undefined,
  referrals: Referral[] | undefined,
];

const userKeyOf = (user: User) => `${user.id}|${user.role}|${user.partnerIds.join(',')}`;

/** What the element loaded: statements computed by the engine, or (for a seller) their own referrals. */
type SummaryModel =
  | { kind: 'revshare'; agreements: RevshareAgreement[]; results: StatementResult[]; referrals: Referral[]; partnerNames: Map<string, string> }
  | { kind: 'seller'; seller: User; referrals: Referral[] };

/** What one render shows, derived from the model and the filters (memoised: sorting does not redo it). */
interface SummaryView {
  shown: StatementResult[];
  totals: RevshareTotals[];
  series: Map<CurrencyCode, PeriodBucket[]>;
  arr: Money[];
  quota: SellerQuota[];
  quotaTotals: Money[];
}

export const SORT_KEYS = ['period', 'partner', 'billed', 'rates', 'due', 'remitted', 'outstanding', 'status', 'dueDate'] as const;
export type StatementSortKey = (typeof SORT_KEYS)[number];
type Direction = 'ascending' | 'descending';

/** Lines shown in a statement's drill-down; the CSV export has them all. */
const LINES_SHOWN = 200;
const STATUS_ORDER: Record<StatementStatus, number> = { overdue: 0, disputed: 1, 'partially-remitted': 2, due: 3, open: 4, remitted: 5 };
const STATUS_ICONS: Partial<Record<StatementStatus, string>> = { overdue: '⚠', disputed: '⚑', remitted: '✓', 'partially-remitted': '◐' };

/** A statement's status in the active language. */
function statusLabel(status: StatementStatus): string {
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

function cohortLabel(cohort: Cohort): string {
  return cohort === 'first-year' ? msg('First year', { id: 'revshare.cohort.first-year' }) : msg('Renewal', { id: 'revshare.cohort.renewal' });
}

const tierLabel = (rate: string, tier: number): string => msg(str`${rate} (tier ${tier})`, { id: 'revshare.rate.tier' });

/** The statements CSV in the active language. */
function statementCsvWords(): CsvWords {
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
  };
}

/** A statement's lines CSV in the active language. */
function lineCsvWords(): CsvWords {
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

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The engine refuses inconsistent records (a line in another currency, an unknown agreement): bad data. */
function compute(agreements: RevshareAgreement[], statements: RevshareStatement[], asOf: string): StatementResult[] {
  try {
    return computeStatements(agreements, statements, { asOf });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CrmError('bad-data', `The CRM's revenue-share records do not add up: ${message}`, { cause: error });
  }
}

const idSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * @tagname cosell-revshare-summary
 * @summary Revenue share for partner managers, finance and QBRs: billed, revshare due, remitted,
 * outstanding and overdue per partner and period, a due-vs-remitted chart with a table behind it,
 * statements that open to their lines, quota retired per seller, and CSV export.
 *
 * Figures come from the revshare engine (src/revshare): exact integer minor units, rounded per line,
 * every total the sum of what is shown, currencies never summed together. A seller sees only their own
 * quota retirement.
 *
 * @csspart state - The loading, empty, error and no-permission states.
 * @csspart retry - The retry button of the error state.
 * @csspart kpis - The KPI row of each currency.
 * @csspart chart - The due-vs-remitted SVG chart.
 * @csspart statements - The statements table.
 * @csspart quota - The quota retirement list.
 *
 * @cssproperty --cosell-revshare-kpi-background - Background of a KPI tile.
 * @cssproperty --cosell-revshare-due-color - Colour of the "due" bars.
 * @cssproperty --cosell-revshare-remitted-color - Colour of the "remitted" bars.
 * @cssproperty --cosell-revshare-overdue-color - Colour of overdue marks (which also have a hatch, an icon and a label).
 *
 * @fires cosell-error - When loading fails; detail is the CrmError.
 */
export class CosellRevshareSummary extends CosellElement {
  static override styles = [tokens, summaryStyles];

  /** Show one partner; omit (or leave empty) for every partner the user may see. */
  @property({ attribute: 'partner-id' }) partnerId: string | undefined;

  /** The partner filter, undefined for all partners. */
  private get partner(): string | undefined {
    return this.partnerId?.trim() || undefined;
  }

  /** First month shown, YYYY-MM (default: 11 months before `to`). */
  @property() from: string | undefined;

  /** Last month shown, YYYY-MM (default: the month before `as-of`). */
  @property() to: string | undefined;

  /** Show only this currency (ISO 4217); by default every currency, each apart. */
  @property() currency: string | undefined;

  /** Chart and table periods: `month` or `quarter`. */
  @property({ attribute: 'group-by' }) groupBy: GroupBy = 'month';

  /** Today as YYYY-MM-DD, which decides open and overdue (default: the provider's clock). */
  @property({ attribute: 'as-of' }) asOf: string | undefined;

  /** Agreements to use instead of loading them through the adapter (with `statements`). */
  @property({ attribute: false }) agreements: RevshareAgreement[] | undefined;

  /** Statements to use instead of loading them (from each agreement's start, for tiers and credits). */
  @property({ attribute: false }) statements: RevshareStatement[] | undefined;

  /** Referrals for quota retirement, instead of loading the closed-won ones. */
  @property({ attribute: false }) referrals: Referral[] | undefined;

  @state() private showTable = false;
  @state() private sortKey: StatementSortKey = 'period';
  @state() private sortDirection: Direction = 'ascending';
  @state() private expanded: ReadonlySet<string> = new Set();

  private viewCache: { model: SummaryModel; key: string; view: SummaryView } | undefined;

  /**
   * Loads when what it depends on changes (see `willUpdate`). Not an auto-run task: the provider's user
   * arrives after the adapter, and when the element already asked the adapter who is signed in, that
   * arrival must not load everything a second time.
   */
  private readonly task = new CrmLoad(this, {
    autoRun: false,
    loadingLabel: () => msg('Loading revenue share…', { id: 'revshare.loading' }),
    retry: () => this.reload(),
    task: ([adapter, user, partnerId, from, to, asOf, agreements, statements, referrals]: LoadArgs, { signal }) =>
      this.load({ adapter, user, partnerId, from, to, asOf, agreements, statements, referrals }, signal),
  });
  private loadedArgs: LoadArgs | undefined;
  /** Who the last load was for ("id|role|partners"), also when the task asked the adapter itself. */
  private loadedUser: string | undefined;

  /** Reload from the adapter (what the error state's Retry does). */
  reload(): Promise<void> {
    return this.loadedArgs ? this.task.run(this.loadedArgs) : Promise.resolve();
  }

  /** The statements shown, in the table's order. */
  get shownStatements(): StatementResult[] {
    const view = this.currentView();
    return view ? this.sorted(view.shown) : [];
  }

  /** CSV of the statements shown, in the table's order. */
  statementsCsv(): string {
    const model = this.task.value;
    const names = model?.kind === 'revshare' ? model.partnerNames : new Map<string, string>();
    return statementsCsv(this.shownStatements, (id) => names.get(id) ?? id, statementCsvWords());
  }

  /** CSV of one statement's lines (every line, also those beyond the drill-down's first 200). */
  linesCsv(statementId: string): string | undefined {
    const statement = this.shownStatements.find((s) => s.statement.id === statementId);
    return statement && linesCsv(statement, lineCsvWords());
  }

  private today(): string {
    return this.asOf && /^\d{4}-\d{2}-\d{2}$/.test(this.asOf) ? this.asOf : this.clock().toISOString().slice(0, 10);
  }

  /** from/to as periods: attributes cross a boundary, so they are checked; bad ones are reported. */
  private range(): { from: Period; to: Period; error?: string } {
    const fallbackTo = addMonths(periodOf(new Date(`${this.today()}T00:00:00Z`)), -1);
    const to = this.to === undefined ? fallbackTo : PeriodSchema.safeParse(this.to);
    const toPeriod = typeof to === 'string' ? to : to.success ? to.data : fallbackTo;
    const from = this.from === undefined ? addMonths(toPeriod, -11) : PeriodSchema.safeParse(this.from);
    const fromPeriod = typeof from === 'string' ? from : from.success ? from.data : addMonths(toPeriod, -11);
    const bad = (typeof to !== 'string' && !to.success) || (typeof from !== 'string' && !from.success);
    if (bad) return { from: fromPeriod, to: toPeriod, error: msg('Set from and to as months (YYYY-MM), such as 2026-01 and 2026-06.', { id: 'revshare.range.invalid' }) };
    if (fromPeriod > toPeriod) return { from: fromPeriod, to: toPeriod, error: msg(str`The range starts (${fromPeriod}) after it ends (${toPeriod}).`, { id: 'revshare.range.reversed' }) };
    return { from: fromPeriod, to: toPeriod };
  }

  private currencyFilter(): CurrencyCode | undefined {
    const parsed = CurrencyCodeSchema.safeParse(this.currency?.trim().toUpperCase());
    return parsed.success ? parsed.data : undefined;
  }

  private async load(
    input: {
      adapter: CrmAdapter | undefined;
      user: User | undefined;
      partnerId: string | undefined;
      from: Period;
      to: Period;
      asOf: string;
      agreements: RevshareAgreement[] | undefined;
      statements: RevshareStatement[] | undefined;
      referrals: Referral[] | undefined;
    },
    signal: AbortSignal,
  ): Promise<SummaryModel | undefined> {
    const { adapter, partnerId, from, to, asOf } = input;
    // Who is signed in decides what to load (a seller sees only their quota): ask the adapter when the
    // provider has not said yet.
    const user = input.user ?? (adapter && input.statements === undefined && input.agreements === undefined ? await adapter.getCurrentUser({ signal }) : undefined);
    if (user) this.loadedUser = userKeyOf(user);
    const seller = user && !can.viewRevshare(user) ? user : undefined;

    // Records given as properties cross a boundary, so they are checked.
    const givenReferrals = input.referrals && parseRecord(z.array(ReferralSchema), input.referrals, { record: 'The referrals property', source: 'crm' });

    // From properties: no adapter call.
    if (input.statements !== undefined || input.agreements !== undefined) {
      const referrals = givenReferrals ?? [];
      if (seller) return { kind: 'seller', seller, referrals: referrals.filter((r) => r.seller.id === seller.id) };
      const agreements = parseRecord(z.array(RevshareAgreementSchema), input.agreements ?? [], { record: 'The agreements property', source: 'crm' });
      const statements = parseRecord(z.array(RevshareStatementSchema), input.statements ?? [], { record: 'The statements property', source: 'crm' });
      const results = compute(agreements, statements.filter((s) => s.period <= to), asOf);
      return { kind: 'revshare', agreements, results, referrals, partnerNames: new Map() };
    }
    if (!adapter) return undefined;

    if (seller) {
      const referrals = givenReferrals ?? (await collect(allReferrals(adapter, { sellerId: seller.id, stages: ['closed-won'], ...(partnerId ? { partnerId } : {}) }, { signal })));
      return { kind: 'seller', seller, referrals };
    }

    const agreements = await adapter.listAgreements(partnerId, { signal });
    if (agreements.length === 0) return { kind: 'revshare', agreements, results: [], referrals: [], partnerNames: new Map() };
    // Tiers and carried credits depend on earlier months: load from the earliest agreement start.
    const earliest = agreements.reduce<Period>((min, a) => (a.startDate.slice(0, 7) < min ? a.startDate.slice(0, 7) : min), from);
    const [statements, referrals, partners] = await Promise.all([
      adapter.listStatements({ ...(partnerId ? { partnerId } : {}), from: earliest, to }, { signal }),
      givenReferrals ?? collect(allReferrals(adapter, { stages: ['closed-won'], ...(partnerId ? { partnerId } : {}) }, { signal })),
      // Names only label the table: without them it shows ids.
      adapter.listPartners(undefined, { signal }).catch(() => []),
    ]);
    const results = compute(agreements, statements, asOf);
    return { kind: 'revshare', agreements, results, referrals, partnerNames: new Map(partners.map((p) => [p.id, p.name])) };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('partnerId') || changed.has('from') || changed.has('to')) this.expanded = new Set();
    const range = this.range();
    const args: LoadArgs = [this.adapter, this.user, this.partner, range.from, range.to, this.today(), this.agreements, this.statements, this.referrals];
    const userKey = this.user && userKeyOf(this.user);
    const sameData = this.loadedArgs !== undefined && args.every((a, i) => i === 1 || a === this.loadedArgs?.[i]);
    // No user yet (the provider is still asking) or the same user as last time: nothing new to load.
    const sameUser = userKey === undefined || userKey === this.loadedUser;
    if (sameData && sameUser) return;
    this.loadedArgs = args;
    this.loadedUser = userKey;
    void this.task.run(args);
  }

  private currentView(): SummaryView | undefined {
    const model = this.task.value;
    if (!model || model.kind !== 'revshare') return undefined;
    const { from, to } = this.range();
    const currency = this.currencyFilter();
    const key = [this.partner, from, to, currency, this.groupBy].join('|');
    if (this.viewCache?.model === model && this.viewCache.key === key) return this.viewCache.view;
    const shown = selectStatements(model.results, { from, to, ...(this.partner ? { partnerId: this.partner } : {}), ...(currency ? { currency } : {}) });
    const quota = quotaRetirement(model.referrals, { from, to, ...(this.partner ? { partnerId: this.partner } : {}) });
    const view: SummaryView = {
      shown,
      totals: summarize(shown),
      series: seriesByPeriod(shown, this.groupBy === 'quarter' ? 'quarter' : 'month', { from, to }),
      arr: referredArr(shown),
      quota,
      quotaTotals: totalQuotaRetired(quota).filter((m) => !currency || m.currency === currency),
    };
    this.viewCache = { model, key, view };
    return view;
  }

  // ---- formatting ------------------------------------------------------------------------------

  private get locale(): string {
    return this.localeSettings.locale;
  }

  private money(m: Money, compact = false): string {
    return formatMoney(m, this.locale, { compact });
  }

  private percent = (bps: number): string =>
    numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 4 }).format(bps / 10_000);

  private bucketLabel = (b: PeriodBucket): string => (b.groupBy === 'month' ? formatPeriod(b.key, this.locale) : b.key.replace(/^(\d{4})-(Q\d)$/, '$2 $1'));

  private axisLabel = (b: PeriodBucket): { short: string; year: string } => {
    const year = b.from.slice(0, 4);
    const short =
      b.groupBy === 'month'
        ? dateTimeFormat(this.locale, { month: 'short', timeZone: 'UTC' }).format(new Date(`${b.from}-01T00:00:00Z`))
        : b.key.slice(5);
    return { short, year: dateTimeFormat(this.locale, { year: 'numeric', timeZone: 'UTC' }).format(new Date(`${year}-01-01T00:00:00Z`)) };
  };

  private currencyName(code: CurrencyCode): string {
    try {
      return `${displayNames(this.locale, { type: 'currency' }).of(code) ?? code} (${code})`;
    } catch {
      return code;
    }
  }

  private partnerName(id: string): string {
    const model = this.task.value;
    return (model?.kind === 'revshare' && model.partnerNames.get(id)) || id;
  }

  private rangeLabel(): string {
    const { from, to } = this.range();
    return from === to ? formatPeriod(from, this.locale) : `${formatPeriod(from, this.locale)} – ${formatPeriod(to, this.locale)}`;
  }

  // ---- sorting ---------------------------------------------------------------------------------

  /** The last sort: opening a statement's lines re-renders the table, it does not re-sort it. */
  private sortedCache: { statements: readonly StatementResult[]; key: string; rows: StatementResult[] } | undefined;

  private sorted(statements: readonly StatementResult[]): StatementResult[] {
    const cacheKey = [this.sortKey, this.sortDirection, this.locale].join('|');
    const cache = this.sortedCache;
    if (cache?.statements === statements && cache.key === cacheKey) return cache.rows;
    const rows = this.sort(statements);
    this.sortedCache = { statements, key: cacheKey, rows };
    return rows;
  }

  private sort(statements: readonly StatementResult[]): StatementResult[] {
    const key = this.sortKey;
    const sign = this.sortDirection === 'ascending' ? 1 : -1;
    const text = (a: string, b: string) => a.localeCompare(b, this.locale);
    const byKey = (a: StatementResult, b: StatementResult): number => {
      switch (key) {
        case 'period':
          return text(a.period, b.period);
        case 'partner':
          return text(this.partnerName(a.partnerId), this.partnerName(b.partnerId));
        case 'rates':
          return text(statementRates(a), statementRates(b));
        case 'status':
          return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
        case 'dueDate':
          return text(a.dueDate, b.dueDate);
        default:
          // Amounts: currencies are grouped, never compared with each other.
          return text(a.currency, b.currency) || a[key].amountMinor - b[key].amountMinor;
      }
    };
    return [...statements].sort((a, b) => sign * byKey(a, b) || text(a.period, b.period) || text(a.partnerId, b.partnerId) || text(a.currency, b.currency));
  }

  private sortBy(key: StatementSortKey): void {
    if (this.sortKey === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortKey = key;
      this.sortDirection = 'ascending';
    }
  }

  private toggle(statementId: string): void {
    const next = new Set(this.expanded);
    if (next.has(statementId)) next.delete(statementId);
    else next.add(statementId);
    this.expanded = next;
  }

  private exportStatements(): void {
    const { from, to } = this.range();
    downloadCsv(`revshare-statements${this.partner ? `-${this.partner}` : ''}-${from}-${to}.csv`, this.statementsCsv());
  }

  private exportLines(statement: StatementResult): void {
    downloadCsv(`revshare-${statement.partnerId}-${statement.period}-${statement.currency}-lines.csv`, linesCsv(statement, lineCsvWords()));
  }

  // ---- rendering -------------------------------------------------------------------------------

  override render(): unknown {
    const range = this.range();
    if (range.error) return renderError(new CrmError('validation', range.error));
    return this.task.render({
      complete: (model) => (model.kind === 'seller' ? this.renderSeller(model.seller, model.referrals) : this.renderRevshare(model)),
    });
  }

  private renderHeader(actions: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<div class="toolbar">
      <div>
        <h2>${msg('Revenue share', { id: 'revshare.heading' })}</h2>
        <p class="range">${this.rangeLabel()}${this.partner ? html` · ${this.partnerName(this.partner)}` : nothing}</p>
      </div>
      <div class="actions">${actions}</div>
    </div>`;
  }

  private renderRevshare(model: Extract<SummaryModel, { kind: 'revshare' }>): TemplateResult {
    if (model.agreements.length === 0) {
      return html`${this.renderHeader()}${renderEmpty(
        this.partner ? msg('This partner has no revenue-share agreement yet.', { id: 'revshare.empty.partner' }) : msg('There are no revenue-share agreements yet.', { id: 'revshare.empty' }),
      )}`;
    }
    const view = this.currentView();
    if (!view) return renderLoading(msg('Loading revenue share…', { id: 'revshare.loading' }));
    const actions = view.shown.length
      ? html`<button type="button" aria-pressed=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>${msg('Show as table', { id: 'revshare.show-table' })}</button>
          <button type="button" @click=${() => this.exportStatements()}>${msg('Export statements (CSV)', { id: 'revshare.export' })}</button>`
      : nothing;
    return html`${this.renderHeader(actions)}
      ${view.shown.length === 0
        ? renderEmpty(
            this.currencyFilter()
              ? msg(str`No statements for ${this.rangeLabel()} in ${this.currencyFilter() ?? ''} yet.`, { id: 'revshare.none.currency' })
              : msg(str`No statements for ${this.rangeLabel()} yet.`, { id: 'revshare.none' }),
          )
        : html`${view.totals.map((t) => this.renderCurrency(t, view))} ${this.renderStatements(view.shown)}`}
      ${this.renderQuota(view.quota)}`;
  }

  private renderCurrency(totals: RevshareTotals, view: SummaryView): TemplateResult {
    const c = totals.currency;
    const zero = { amountMinor: 0, currency: c };
    const arr = view.arr.find((m) => m.currency === c) ?? zero;
    const quota = view.quotaTotals.find((m) => m.currency === c) ?? zero;
    const buckets = view.series.get(c) ?? [];
    const headingId = `currency-${c}`;
    const overdueBuckets = buckets.filter((b) => b.overdueCount > 0).length;
    const overdueCount = totals.overdue.count;
    return html`<section aria-labelledby=${headingId} data-currency=${c}>
      <h3 id=${headingId}>${this.currencyName(c)}</h3>
      <dl class="kpis" part="kpis">
        ${this.kpi('billed', msg('Billed', { id: 'revshare.col.billed' }), this.money(totals.billed))}
        ${this.kpi('due', msg('Revshare due', { id: 'revshare.kpi.due' }), this.money(totals.due))}
        ${this.kpi('remitted', msg('Remitted', { id: 'revshare.col.remitted' }), this.money(totals.remitted))}
        ${this.kpi('outstanding', msg('Outstanding', { id: 'revshare.col.outstanding' }), this.money(totals.outstanding))}
        ${this.kpi('overdue', msg('Overdue', { id: 'revshare.col.overdue' }), this.money(totals.overdue.amount), plural(overdueCount, {
          zero: () => msg(str`${overdueCount} statements`, { id: 'revshare.kpi.overdue-count.zero' }),
          one: () => msg(str`${overdueCount} statement`, { id: 'revshare.kpi.overdue-count.one' }),
          two: () => msg(str`${overdueCount} statements`, { id: 'revshare.kpi.overdue-count.two' }),
          few: () => msg(str`${overdueCount} statements`, { id: 'revshare.kpi.overdue-count.few' }),
          many: () => msg(str`${overdueCount} statements`, { id: 'revshare.kpi.overdue-count.many' }),
          other: () => msg(str`${overdueCount} statements`, { id: 'revshare.kpi.overdue-count.other' }),
        }), overdueCount > 0)}
        ${this.kpi('arr', msg('ARR from referred customers', { id: 'revshare.kpi.arr' }), this.money(arr))}
        ${this.kpi('quota', msg('Quota retired', { id: 'revshare.kpi.quota' }), this.money(quota))}
      </dl>
      <h4>
        ${this.groupBy === 'quarter' ? msg('Due vs remitted per quarter', { id: 'revshare.chart.title.quarter' }) : msg('Due vs remitted per month', { id: 'revshare.chart.title.month' })}${overdueBuckets
          ? html` <small>${msg(str`(${overdueBuckets} with overdue statements)`, { id: 'revshare.chart.overdue-buckets' })}</small>`
          : nothing}
      </h4>
      ${this.showTable
        ? nothing
        : renderChart(
            buckets,
            { axis: this.axisLabel, money: (m, compact) => this.money(m, compact), overdue: msg('Overdue', { id: 'revshare.col.overdue' }), due: msg('Due', { id: 'revshare.col.due' }), remitted: msg('Remitted', { id: 'revshare.col.remitted' }) },
            `overdue-hatch-${c}`,
          )}
      ${this.renderSeriesTable(buckets, c)}
    </section>`;
  }

  private kpi(name: string, label: string, value: string, detail?: string, alert = false): TemplateResult {
    return html`<div class="kpi" data-kpi=${name} ?data-alert=${alert}>
      <dt>${label}</dt>
      <dd>${value} ${detail ? html`<small>${detail}</small>` : nothing}</dd>
    </div>`;
  }

  /** The chart's figures as a table: visually hidden behind the chart, shown by "Show as table". */
  private renderSeriesTable(buckets: readonly PeriodBucket[], currency: CurrencyCode): TemplateResult {
    return html`<div class=${this.showTable ? 'table-wrap' : 'visually-hidden'} data-series=${currency}>
      <table>
        <caption>
          ${this.groupBy === 'quarter'
            ? msg(str`Revshare due and remitted per quarter, ${currency}`, { id: 'revshare.series.caption.quarter' })
            : msg(str`Revshare due and remitted per month, ${currency}`, { id: 'revshare.series.caption.month' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Period', { id: 'revshare.col.period' })}</th>
            <th scope="col" class="num">${msg('Due', { id: 'revshare.col.due' })}</th>
            <th scope="col" class="num">${msg('Remitted', { id: 'revshare.col.remitted' })}</th>
            <th scope="col" class="num">${msg('Outstanding', { id: 'revshare.col.outstanding' })}</th>
            <th scope="col">${msg('Overdue', { id: 'revshare.col.overdue' })}</th>
          </tr>
        </thead>
        <tbody>
          ${buckets.map(
            (b) => html`<tr class=${b.overdueCount ? 'overdue' : ''}>
              <th scope="row">${this.bucketLabel(b)}</th>
              <td class="num">${this.money(b.due)}</td>
              <td class="num">${this.money(b.remitted)}</td>
              <td class="num">${this.money(b.outstanding)}</td>
              <td>${b.overdueCount ? html`<span class="status" data-status="overdue"><span aria-hidden="true">⚠</span> ${msg(str`${b.overdueCount} overdue, ${this.money(b.overdueAmount)}`, { id: 'revshare.series.overdue' })}</span>` : '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private sortHeader(key: StatementSortKey, label: string, numeric = false): TemplateResult {
    const active = this.sortKey === key;
    return html`<th scope="col" class=${numeric ? 'num' : ''} aria-sort=${active ? this.sortDirection : 'none'} data-sort=${key}>
      <button type="button" class="sort" @click=${() => this.sortBy(key)}>
        ${label}<span class="arrow" aria-hidden="true">${active ? (this.sortDirection === 'ascending' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>`;
  }

  private renderStatements(statements: readonly StatementResult[]): TemplateResult {
    const rows = this.sorted(statements);
    return html`<section aria-labelledby="statements-heading">
      <h3 id="statements-heading">${msg('Statements', { id: 'revshare.statements' })}</h3>
      <div class="table-wrap">
        <table part="statements">
          <caption class="visually-hidden">
            ${msg(str`Statements, ${this.rangeLabel()}. Sort with the column header buttons; open a statement to see its lines.`, { id: 'revshare.statements.caption' })}
          </caption>
          <thead>
            <tr>
              ${this.sortHeader('period', msg('Period', { id: 'revshare.col.period' }))} ${this.sortHeader('partner', msg('Partner', { id: 'revshare.col.partner' }))}
              ${this.sortHeader('billed', msg('Billed', { id: 'revshare.col.billed' }), true)} ${this.sortHeader('rates', msg('Rate or tier', { id: 'revshare.col.rates' }))}
              ${this.sortHeader('due', msg('Due', { id: 'revshare.col.due' }), true)} ${this.sortHeader('remitted', msg('Remitted', { id: 'revshare.col.remitted' }), true)}
              ${this.sortHeader('outstanding', msg('Outstanding', { id: 'revshare.col.outstanding' }), true)} ${this.sortHeader('status', msg('Status', { id: 'revshare.col.status' }))}
              ${this.sortHeader('dueDate', msg('Due date', { id: 'revshare.col.due-date' }))}
            </tr>
          </thead>
          <tbody>
            ${rows.map((s) => this.renderStatementRow(s))}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderStatus(status: StatementStatus): TemplateResult {
    const icon = STATUS_ICONS[status];
    return html`<span class="status" data-status=${status}>${icon ? html`<span aria-hidden="true">${icon}</span>` : nothing}${statusLabel(status)}</span>`;
  }

  private renderStatementRow(s: StatementResult): TemplateResult {
    const id = s.statement.id;
    const open = this.expanded.has(id);
    const linesId = `lines-${idSafe(id)}`;
    const partner = this.partnerName(s.partnerId);
    return html`<tr class=${s.status === 'overdue' ? 'overdue' : ''} data-statement=${id}>
        <th scope="row">
          <button type="button" class="expand" aria-expanded=${open ? 'true' : 'false'} aria-controls=${linesId} @click=${() => this.toggle(id)}>
            <span aria-hidden="true">${open ? '▾' : '▸'}</span> ${formatPeriod(s.period, this.locale)}<span class="visually-hidden">${msg(str`, ${partner}, ${s.currency}: lines`, { id: 'revshare.row.expand' })}</span>
          </button>
        </th>
        <td>${partner}</td>
        <td class="num">${this.money(s.billed)}</td>
        <td>${statementRates(s, this.percent, tierLabel) || '—'}</td>
        <td class="num">
          ${this.money(s.due)}
          ${s.creditBroughtForward.amountMinor > 0 ? html`<small class="note">${msg(str`after ${this.money(s.creditBroughtForward)} credit`, { id: 'revshare.row.after-credit' })}</small>` : nothing}
          ${s.creditCarriedForward.amountMinor > 0 ? html`<small class="note">${msg(str`${this.money(s.creditCarriedForward)} credit carried forward`, { id: 'revshare.row.credit-carried' })}</small>` : nothing}
        </td>
        <td class="num">${this.money(s.remitted)}</td>
        <td class="num">${this.money(s.outstanding)}</td>
        <td>${this.renderStatus(s.status)}</td>
        <td>${formatDate(s.dueDate, this.locale)}</td>
      </tr>
      ${open ? this.renderLines(s, linesId) : nothing}`;
  }

  private renderLines(s: StatementResult, linesId: string): TemplateResult {
    const lines = s.lines.slice(0, LINES_SHOWN);
    const positive = { amountMinor: s.charges.amountMinor, currency: s.currency };
    return html`<tr class="lines" id=${linesId}>
      <td colspan="9">
        <div class="lines-head">
          <h4>${msg(str`Lines of ${this.partnerName(s.partnerId)}, ${formatPeriod(s.period, this.locale)}`, { id: 'revshare.lines.title' })}</h4>
          <button type="button" @click=${() => this.exportLines(s)}>${msg('Export lines (CSV)', { id: 'revshare.lines.export' })}</button>
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">${msg('Customer', { id: 'revshare.col.customer' })}</th>
              <th scope="col" class="num">${msg('Billed', { id: 'revshare.col.billed' })}</th>
              <th scope="col" class="num">${msg('Credits', { id: 'revshare.col.credits' })}</th>
              <th scope="col">${msg('First year or renewal', { id: 'revshare.col.cohort' })}</th>
              <th scope="col">${msg('Rate applied', { id: 'revshare.col.rate-applied' })}</th>
              <th scope="col" class="num">${msg('Due', { id: 'revshare.col.due' })}</th>
            </tr>
          </thead>
          <tbody>
            ${lines.map(
              (l) => html`<tr data-line=${l.line.id}>
                <th scope="row">${l.line.customer}</th>
                <td class="num">${l.billed.amountMinor >= 0 ? this.money(l.billed) : '—'}</td>
                <td class="num">${l.billed.amountMinor < 0 ? this.money(l.billed) : '—'}</td>
                <td>${cohortLabel(l.cohort)}</td>
                <td>${describeRates(l.rates, this.percent, undefined, tierLabel)}</td>
                <td class="num">${this.money(l.due)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${msg('Total', { id: 'revshare.lines.total' })}</th>
              <td class="num">${this.money(positive)}</td>
              <td class="num">${this.money(s.credits)}</td>
              <td></td>
              <td></td>
              <td class="num">${this.money(s.revshare)}</td>
            </tr>
            ${s.creditBroughtForward.amountMinor > 0
              ? html`<tr><th scope="row" colspan="5">${msg('Credit brought forward', { id: 'revshare.credit-brought-forward' })}</th> <td class="num">${this.money({ amountMinor: -s.creditBroughtForward.amountMinor, currency: s.currency })}</td></tr>`
              : nothing}
            ${s.creditCarriedForward.amountMinor > 0
              ? html`<tr><th scope="row" colspan="5">${msg('Credit carried forward to next month', { id: 'revshare.credit-carried-forward' })}</th> <td class="num">${this.money(s.creditCarriedForward)}</td></tr>`
              : nothing}
            <tr><th scope="row" colspan="5">${msg('Due', { id: 'revshare.col.due' })}</th> <td class="num">${this.money(s.due)}</td></tr>
          </tfoot>
        </table>
        ${s.lines.length > LINES_SHOWN
          ? html`<p class="note">${msg(str`Showing ${LINES_SHOWN} of ${s.lines.length} lines; the totals and the CSV export include them all.`, { id: 'revshare.lines.truncated' })}</p>`
          : nothing}
        ${s.recordedDueDiffers && s.recordedDue
          ? html`<p class="note">${msg(str`The CRM recorded ${this.money(s.recordedDue)} due; the agreement’s rates give ${this.money(s.due)}.`, { id: 'revshare.lines.recorded-differs' })}</p>`
          : nothing}
        ${s.statement.disputed && s.statement.disputeReason ? html`<p class="note">${msg(str`Disputed: ${s.statement.disputeReason}`, { id: 'revshare.lines.disputed' })}</p>` : nothing}
      </td>
    </tr>`;
  }

  private renderQuota(quota: readonly SellerQuota[]): TemplateResult {
    const currency = this.currencyFilter();
    return html`<section class="quota" part="quota" aria-labelledby="quota-heading">
      <h3 id="quota-heading">${msg('Quota retired per seller', { id: 'revshare.quota.heading' })}</h3>
      <p class="note">${msg('Each referral closed won retires its estimated ARR, the figure its seller sees.', { id: 'revshare.quota.note' })}</p>
      ${quota.length === 0
        ? html`<p class="note">${msg(str`No referrals closed won in ${this.rangeLabel()}.`, { id: 'revshare.quota.none' })}</p>`
        : html`<ul>
            ${quota.map((s) => {
              const amounts = s.retired.filter((m) => !currency || m.currency === currency);
              const won = s.credits.length;
              return html`<li data-seller=${s.sellerId}>
                <span>${s.sellerName} <small class="note">${plural(won, {
                    zero: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.zero' }),
                    one: () => msg(str`${won} referral won`, { id: 'revshare.quota.won.one' }),
                    two: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.two' }),
                    few: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.few' }),
                    many: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.many' }),
                    other: () => msg(str`${won} referrals won`, { id: 'revshare.quota.won.other' }),
                  })}</small></span>
                <span class="amounts">${amounts.length ? amounts.map((m) => this.money(m)).join(' · ') : '—'}</span>
              </li>`;
            })}
          </ul>`}
    </section>`;
  }

  private renderSeller(seller: User, referrals: readonly Referral[]): TemplateResult {
    const { from, to } = this.range();
    const [mine] = quotaRetirement(referrals, { from, to, sellerId: seller.id, ...(this.partner ? { partnerId: this.partner } : {}) });
    const count = mine?.credits.length ?? 0;
    return html`${this.renderHeader()}
      <section class="quota" part="quota" aria-labelledby="quota-heading">
        <h3 id="quota-heading">${msg('Your quota retirement', { id: 'revshare.quota.mine' })}</h3>
        ${mine
          ? html`<p>
                <strong>${mine.retired.map((m) => this.money(m)).join(' · ')}</strong>
                ${plural(count, {
                  zero: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.zero' }),
                  one: () => msg(str`retired by ${count} referral closed won.`, { id: 'revshare.quota.retired-by.one' }),
                  two: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.two' }),
                  few: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.few' }),
                  many: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.many' }),
                  other: () => msg(str`retired by ${count} referrals closed won.`, { id: 'revshare.quota.retired-by.other' }),
                })}
              </p>
              <ul>
                ${[...mine.credits].sort((a, b) => (b.referral.closedAt ?? '').localeCompare(a.referral.closedAt ?? '')).map(
                  (c) => html`<li data-referral=${c.referral.id}>
                    <span>${c.referral.prospect.company} <small class="note">${msg(str`closed ${c.referral.closedAt ? formatDate(c.referral.closedAt, this.locale) : ''}; estimated ARR`, { id: 'revshare.quota.closed-on' })}</small></span>
                    <span class="amounts">${this.money(c.arr)}</span>
                  </li>`,
                )}
              </ul>`
          : html`<p class="note">${msg(str`None of your referrals closed won in ${this.rangeLabel()}.`, { id: 'revshare.quota.mine-none' })}</p>`}
      </section>
      ${renderNoPermission(msg('Revenue-share statements are visible to partner managers and finance.', { id: 'revshare.no-permission' }))}`;
  }
}
