import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { downloadCsv } from '../../src/csv.js';
import { ageOutstanding, groupByPartner, type AgeingRow, type PartnerGroup } from '../../src/domain/revshare-ledger.js';
import { CurrencyCodeSchema, type CurrencyCode, type Money } from '../../src/domain/money.js';
import type { Referral } from '../../src/domain/referral.js';
import type { RevshareAgreement, RevshareStatement } from '../../src/domain/revshare.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import type { StatementResult } from '../../src/revshare/engine.js';
import { linesCsv, partnerCsv, statementsCsv } from '../../src/revshare/export.js';
import { referredArr, selectStatements, seriesByPeriod, summarize, type GroupBy, type PeriodBucket, type RevshareTotals } from '../../src/revshare/summary.js';
import { quotaRetirement, totalQuotaRetired, type SellerQuota } from '../../src/domain/quota.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { ElementWidth } from '../base/element-width.js';
import { renderEmpty, renderError, renderLoading } from '../base/states.js';
import { Announcer } from '../base/announcer.js';
import { tokens } from '../base/tokens.js';
import { renderCurrency, type CurrencyView } from './currency-section.js';
import { SummaryFormats } from './formats.js';
import { lineCsvWords, statementCsvWords } from './labels.js';
import { loadSummary, summaryRange, userKeyOf, type LoadArgs, type SummaryModel, type SummaryRange } from './load.js';
import { renderQuota, renderSellerQuota, type QuotaView } from './quota-view.js';
import { renderStatements, sortStatements, type SortDirection, type StatementSortKey, type StatementTableView } from './statement-table.js';
import { summaryStyles } from './revshare-summary.styles.js';

export { SORT_KEYS, type StatementSortKey } from './statement-table.js';

/**
 * The revenue-share summary element: properties, loading, state and what each render derives. Its parts
 * live beside it: load.ts (what it loads), currency-section.ts (KPIs, ageing, chart and its table),
 * chart.ts (the SVG chart), statement-table.ts (statements by partner), quota-view.ts (quota retired),
 * labels.ts (statuses and CSV words). Finance's rules (ageing, partner totals and order, rate order)
 * are in src/domain/revshare-ledger.ts.
 */

/** What one render shows, derived from the model and the filters (memoised: sorting does not redo it). */
interface SummaryView {
  shown: StatementResult[];
  totals: RevshareTotals[];
  series: Map<CurrencyCode, PeriodBucket[]>;
  arr: Money[];
  quota: SellerQuota[];
  quotaTotals: Money[];
  ageing: AgeingRow[];
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
  /** Partners opened or closed by the reader; the others follow the default (open only when alone). */
  @state() private partnerChoices: ReadonlyMap<string, boolean> = new Map();

  private readonly announcer = new Announcer(this);

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
    return view ? this.sortedGroups(view.shown).rows : [];
  }

  /** CSV of the statements shown, in the table's order. */
  statementsCsv(): string {
    const model = this.task.value;
    const names = model?.kind === 'revshare' ? model.partnerNames : new Map<string, string>();
    return statementsCsv(this.shownStatements, (id) => names.get(id) ?? id, statementCsvWords());
  }

  /** One partner's QBR CSV: its statements shown, in the table's order, then its totals per currency. */
  partnerCsv(partnerId: string): string {
    return partnerCsv(this.shownStatements.filter((s) => s.partnerId === partnerId), (id) => this.partnerName(id), statementCsvWords());
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
  private range(): SummaryRange {
    return summaryRange(this.from, this.to, this.today());
  }

  private currencyFilter(): CurrencyCode | undefined {
    const parsed = CurrencyCodeSchema.safeParse(this.currency?.trim().toUpperCase());
    return parsed.success ? parsed.data : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('partnerId') || changed.has('from') || changed.has('to')) {
      this.expanded = new Set();
      this.partnerChoices = new Map();
    }
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
      ageing: ageOutstanding(shown, new Date(`${this.today()}T00:00:00Z`)),
    };
    this.viewCache = { model, key, view };
    return view;
  }

  // ---- formatting ------------------------------------------------------------------------------

  private get locale(): string {
    return this.localeSettings.locale;
  }

  private formats: SummaryFormats | undefined;

  /** Formatting in the current locale, made once per locale. */
  private get format(): SummaryFormats {
    if (this.formats?.locale !== this.locale) this.formats = new SummaryFormats(this.locale);
    return this.formats;
  }

  private partnerName(id: string): string {
    const model = this.task.value;
    return (model?.kind === 'revshare' && model.partnerNames.get(id)) || id;
  }

  private rangeLabel(): string {
    const { from, to } = this.range();
    return from === to ? this.format.period(from) : `${this.format.period(from)} – ${this.format.period(to)}`;
  }

  // ---- sorting ---------------------------------------------------------------------------------

  /** The last sort: opening a statement's lines re-renders the table, it does not re-sort it. */
  private sortedCache: { statements: readonly StatementResult[]; key: string; rows: StatementResult[]; groups: PartnerGroup<StatementResult>[] } | undefined;

  private sortedGroups(statements: readonly StatementResult[]): { rows: StatementResult[]; groups: PartnerGroup<StatementResult>[] } {
    const cacheKey = [this.sortKey, this.sortDirection, this.locale].join('|');
    const cache = this.sortedCache;
    if (cache?.statements === statements && cache.key === cacheKey) return cache;
    const rows = sortStatements(this.tableView(), statements);
    // Partners in the domain's order, each partner's statements in the table's.
    const groups = groupByPartner(rows, (id) => this.partnerName(id), this.format.collator);
    this.sortedCache = { statements, key: cacheKey, rows: groups.flatMap((g) => g.statements), groups };
    return this.sortedCache;
  }

  /** What the statements table reads from the element. */
  private tableView(): StatementTableView {
    return {
      locale: this.locale,
      sortKey: this.sortKey,
      sortDirection: this.sortDirection,
      expanded: this.expanded,
      collator: this.format.collator,
      money: this.format.money,
      percent: this.format.percent,
      rates: this.format.rates,
      partnerName: (id) => this.partnerName(id),
      rangeLabel: () => this.rangeLabel(),
      partnerOpen: (id) => this.partnerChoices.get(id) ?? (this.sortedCache?.groups.length ?? 0) <= 1,
      sortBy: (key, label) => this.sortBy(key, label),
      toggle: (id) => this.toggle(id),
      togglePartner: (id) => this.togglePartner(id),
      exportLines: (s) => this.exportLines(s),
      exportPartner: (g) => this.exportPartner(g),
    };
  }

  private currencyView(): CurrencyView {
    return {
      showTable: this.showTable,
      groupBy: this.groupBy === 'quarter' ? 'quarter' : 'month',
      money: this.format.money,
      axisLabel: this.format.axisLabel,
      bucketLabel: this.format.bucketLabel,
      currencyName: this.format.currencyName,
      chartWidth: this.chartWidth.width,
    };
  }

  private quotaView(): QuotaView {
    return { locale: this.locale, money: (m) => this.format.money(m), rangeLabel: () => this.rangeLabel() };
  }

  /** Sort by a column (again: reverse it), and say so through the provider's one live region. */
  private sortBy(key: StatementSortKey, label: string): void {
    if (this.sortKey === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortKey = key;
      this.sortDirection = 'ascending';
    }
    this.announcer.announce(
      this.sortDirection === 'ascending'
        ? msg(str`Statements sorted by ${label}, ascending.`, { id: 'revshare.sorted.ascending' })
        : msg(str`Statements sorted by ${label}, descending.`, { id: 'revshare.sorted.descending' }),
    );
  }

  private togglePartner(partnerId: string): void {
    const open = this.tableView().partnerOpen(partnerId);
    this.partnerChoices = new Map(this.partnerChoices).set(partnerId, !open);
  }

  private exportPartner(group: PartnerGroup<StatementResult>): void {
    const { from, to } = this.range();
    downloadCsv(`revshare-qbr-${group.partnerId}-${from}-${to}.csv`, this.partnerCsv(group.partnerId));
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
        : html`${view.totals.map((t) => this.renderCurrency(t, view))} ${renderStatements(this.tableView(), this.sortedGroups(view.shown).groups)}`}
      ${this.renderQuota(view.quota)}`;
  }

  private renderCurrency(totals: RevshareTotals, view: SummaryView): TemplateResult {
    const c = totals.currency;
    const zero = { amountMinor: 0, currency: c };
    return renderCurrency(this.currencyView(), {
      totals,
      arr: view.arr.find((m) => m.currency === c) ?? zero,
      quota: view.quotaTotals.find((m) => m.currency === c) ?? zero,
      buckets: view.series.get(c) ?? [],
      ageing: view.ageing.find((a) => a.currency === c),
    });
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
