import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { downloadCsv } from '../../src/csv.js';
import { CurrencyCodeSchema, type CurrencyCode, type Money } from '../../src/domain/money.js';
import { addMonths, PeriodSchema, periodOf, type Period } from '../../src/domain/period.js';
import type { Referral } from '../../src/domain/referral.js';
import type { RevshareAgreement, RevshareStatement } from '../../src/domain/revshare.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { dateTimeFormat, displayNames, formatMoney, formatPeriod, numberFormat } from '../../src/format.js';
import type { StatementResult } from '../../src/revshare/engine.js';
import { linesCsv, statementsCsv } from '../../src/revshare/export.js';
import { referredArr, selectStatements, seriesByPeriod, summarize, type GroupBy, type PeriodBucket, type RevshareTotals } from '../../src/revshare/summary.js';
import { quotaRetirement, totalQuotaRetired, type SellerQuota } from '../../src/domain/quota.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { ElementWidth } from '../base/element-width.js';
import { renderEmpty, renderError, renderLoading } from '../base/states.js';
import { plural } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { renderChart } from './chart.js';
import { lineCsvWords, statementCsvWords } from './labels.js';
import { loadSummary, userKeyOf, type LoadArgs, type SummaryModel } from './load.js';
import { renderQuota, renderSellerQuota, type QuotaView } from './quota-view.js';
import { renderStatements, sortStatements, type SortDirection, type StatementSortKey, type StatementTableView } from './statement-table.js';
import { summaryStyles } from './revshare-summary.styles.js';

export { SORT_KEYS, type StatementSortKey } from './statement-table.js';

/**
 * The revenue-share summary element: properties, loading and the KPI/chart sections. Its parts live
 * beside it: load.ts (what it loads), statement-table.ts (the statements table), quota-view.ts (quota
 * retired), labels.ts (statuses and CSV words), chart.ts (the SVG chart).
 */

/** What one render shows, derived from the model and the filters (memoised: sorting does not redo it). */
interface SummaryView {
  shown: StatementResult[];
  totals: RevshareTotals[];
  series: Map<CurrencyCode, PeriodBucket[]>;
  arr: Money[];
  quota: SellerQuota[];
  quotaTotals: Money[];
}

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
  @state() private sortDirection: SortDirection = 'ascending';
  @state() private expanded: ReadonlySet<string> = new Set();

  private viewCache: { model: SummaryModel; key: string; view: SummaryView } | undefined;

  /**
   * Loads when what it depends on changes (see `willUpdate`). Not an auto-run task: the provider's user
   * arrives after the adapter, and when the element already asked the adapter who is signed in, that
   * arrival must not load everything a second time.
   */
  /** The chart is drawn at the element's width (legible in a 320 px sidebar), not scaled from a wide drawing. */
  private readonly chartWidth = new ElementWidth(this);
  private readonly task = new CrmLoad(this, {
    autoRun: false,
    loadingLabel: () => msg('Loading revenue share…', { id: 'revshare.loading' }),
    retry: () => this.reload(),
    task: ([adapter, user, partnerId, from, to, asOf, agreements, statements, referrals]: LoadArgs, { signal }) =>
      loadSummary({ adapter, user, partnerId, from, to, asOf, agreements, statements, referrals }, signal, (userKey) => (this.loadedUser = userKey)),
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
    return sortStatements(this.tableView(), statements);
  }

  /** What the statements table reads from the element. */
  private tableView(): StatementTableView {
    return {
      locale: this.locale,
      sortKey: this.sortKey,
      sortDirection: this.sortDirection,
      expanded: this.expanded,
      money: (m, compact) => this.money(m, compact),
      percent: this.percent,
      partnerName: (id) => this.partnerName(id),
      rangeLabel: () => this.rangeLabel(),
      sortBy: (key) => this.sortBy(key),
      toggle: (id) => this.toggle(id),
      exportLines: (s) => this.exportLines(s),
    };
  }

  private quotaView(): QuotaView {
    return { locale: this.locale, money: (m) => this.money(m), rangeLabel: () => this.rangeLabel() };
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
            this.chartWidth.width,
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

  private renderStatements(statements: readonly StatementResult[]): TemplateResult {
    return renderStatements(this.tableView(), this.sorted(statements));
  }

  private renderQuota(quota: readonly SellerQuota[]): TemplateResult {
    return renderQuota(this.quotaView(), quota, this.currencyFilter());
  }

  private renderSeller(seller: User, referrals: readonly Referral[]): TemplateResult {
    const { from, to } = this.range();
    const [mine] = quotaRetirement(referrals, { from, to, sellerId: seller.id, ...(this.partner ? { partnerId: this.partner } : {}) });
    return html`${this.renderHeader()}${renderSellerQuota(this.quotaView(), mine)}`;
  }
}
