import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { msg, str } from '@lit/localize';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { referralPages, type CrmAdapter } from '../../src/adapters/adapter.js';
import type { Money } from '../../src/domain/money.js';
import { PartnerSchema, type Partner } from '../../src/domain/partner.js';
import { bulkReferralSchema, ReferralSchema, type Referral, type ReferralFilter } from '../../src/domain/referral.js';
import { z } from '../../src/domain/zod.js';
import { DEFAULT_STAGE_DEFINITIONS, needsReason, StageDefinitionSchema, type Stage, type StageDefinition } from '../../src/domain/stages.js';
import { can } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { StageChangeEvent } from '../../src/events.js';
import { countryName, formatDate, formatMoney, formatNumber } from '../../src/format.js';
import { daysSince } from '../../src/domain/ageing.js';
import { referralFilterPredicate } from '../../src/domain/referral-filter.js';
import { downloadCsv } from '../../src/csv.js';
import { CosellElement } from '../base/cosell-element.js';
import { renderEmpty, renderError, renderLoading } from '../base/states.js';
import { currentLanguage } from '../base/localize.js';
import { errorMessage, plural, stageLabel } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import {
  ageingBadges,
  tallyOf,
  tallyTotals,
  tallyWith,
  type ColumnTally,
  DEFAULT_AGEING,
  groupByStage,
  indexOfReferral,
  parseAll,
  mergeSorted,
  pipelineCsv,
  withoutReferral,
  withReferral,
  previousMonthStart,
  reviewMark,
  reviewSummary,
  type AgeingBadge,
  type ReviewSummary,
} from './board-model.js';
import { renderCard } from './card.js';
// Given explicitly: the virtualizer's default layout is a dynamic import, one more round trip before the first cards.
import { CARD_LAYOUT } from './card-layout.js';
import { PointerDragController, type PointerDragHost } from './pointer-drag.js';
import { KeyboardBoardController, type KeyboardBoardHost, type KeyboardColumn } from './keyboard-board.js';
import { menuBelow, renderMoveMenu, type MoveMenu, type MoveMenuActions } from './move-menu.js';
import { renderReasonPrompt, type ReasonRequest } from './reason-prompt.js';
import { boardStyles } from './styles.js';

type LoadPhase = 'waiting' | 'loading' | 'partial' | 'complete';


/** The `stages` property: known stage ids with labels, each at most once. */
const StageListSchema = z.array(StageDefinitionSchema).check(z.refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'A stage appears twice'));

/** A card's key in its virtualizer (one function for every render, so it is not a change). */
const cardKey = (r: Referral | undefined): string | undefined => r?.id;

/** Resolves once the browser has had a chance to paint. */
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * @tagname cosell-pipeline-board
 * @summary The partner manager's pipeline board: referrals as cards in stage columns with count and
 * estimated ARR per column, filters, ageing badges, drag and drop, a "Move to…" menu and a full
 * keyboard model, optimistic moves that roll back on failure or conflict, and CSV export.
 * Cards are virtualized per column, so 10,000 referrals keep a bounded DOM.
 *
 * @fires cosell-stage-change - Before a move is saved (cancelable); detail: referral, from, to, reason.
 * @fires cosell-error - When loading or saving fails; detail is the CrmError.
 *
 * @csspart filters - The filter bar.
 * @csspart board - The row of columns.
 * @csspart column - One stage column.
 * @csspart column-header - A column's header: stage name, count and ARR totals.
 * @csspart card - A referral card (also `card-lifted` while picked up with the keyboard).
 * @csspart badge - An ageing badge (also `badge-acceptance-due`, `badge-acceptance-overdue`, `badge-stale`, `badge-expired`).
 * @csspart move-button - A card's "Move to…" button.
 * @csspart menu - The "Move to…" menu.
 * @csspart message - The message shown when a move fails or conflicts.
 * @csspart export-button - The "Export CSV" button.
 * @csspart review-toggle - The "Review mode" toggle button.
 * @csspart review - The review panel: changes since the review date, totals then and now, stuck deals.
 * @csspart column-empty - The text of an empty column.
 * @csspart drop-indicator - The drop indicator of the column a card would drop into.
 * @csspart announcer - The visually hidden live region that announces moves.
 * @csspart reason-dialog - The reason prompt for Closed lost and Rejected.
 * @csspart state - Loading, empty, error and no-permission states.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --cosell-board-column-width - Width of a column (default 16rem).
 * @cssproperty --cosell-board-column-height - Height of a column's scrolling card list (default 30rem).
 * @cssproperty --cosell-board-card-background - Card background.
 * @cssproperty --cosell-board-column-background - Column background.
 * @cssproperty --cosell-board-drop-indicator - Colour of the drop indicator and the lifted card outline.
 */
export class CosellPipelineBoard extends CosellElement implements KeyboardBoardHost, PointerDragHost {
  static override styles = [tokens, boardStyles];

  /** The columns shown, in order, with their labels (default: every stage). Hide or reorder stages here. */
  @property({ attribute: false }) stages: readonly StageDefinition[] = DEFAULT_STAGE_DEFINITIONS;

  /** Show one partner's referrals (the partner column on cards is then hidden). */
  @property({ attribute: 'partner-id', reflect: true }) partnerId: string | undefined;

  /** Show one referring seller's referrals. */
  @property({ attribute: 'seller-id', reflect: true }) sellerId: string | undefined;

  /** Show referrals whose prospect is in this country (ISO 3166 alpha-2). */
  @property({ reflect: true }) market: string | undefined;

  /** Submitted on or after this date (YYYY-MM-DD). */
  @property({ reflect: true }) from: string | undefined;

  /** Submitted on or before this date (YYYY-MM-DD). */
  @property({ reflect: true }) to: string | undefined;

  /** Free text over prospect company and partner name. */
  @property({ reflect: true }) q: string | undefined;

  /** Days without a stage change after which an open referral is marked stale. */
  @property({ attribute: 'stale-days', type: Number }) staleDays = DEFAULT_AGEING.staleDays;

  /** Days after submission after which a referral still in Submitted is marked expired. */
  @property({ attribute: 'expire-days', type: Number }) expireDays = DEFAULT_AGEING.expireDays;

  /** Show the board read-only whatever the user's role (sellers always see it read-only). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Referrals asked for per adapter page; the first page shows while the rest arrives. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 500;

  /** Review mode for the monthly pipeline review: highlights changes since `review-since`, lists stuck deals. */
  @property({ type: Boolean, reflect: true }) review = false;

  /** The review date (YYYY-MM-DD); default the first day of the previous month. */
  @property({ attribute: 'review-since', reflect: true }) reviewSince: string | undefined;

  /**
   * Referrals given as data instead of loading them through the adapter (each is checked with the
   * referral schema; the filters then apply here). Moves are still saved through the adapter when there is one.
   */
  @property({ attribute: false }) referrals: readonly unknown[] | undefined;

  /** Partners given as data (names, acceptance windows, markets); default: loaded through the adapter. */
  @property({ attribute: false }) partners: readonly unknown[] | undefined;

  /** The date ageing is measured against (default: the provider's clock). */
  @property({ attribute: false }) now: Date | undefined;

  /** The board's `now`, else the provider's clock. */
  private today(): Date {
    return this.now ?? this.clock();
  }

  @state() private columns = new Map<Stage, Referral[]>();
  @state() private phase: LoadPhase = 'waiting';
  @state() private loadError: CrmError | undefined;
  @state() private partnersById = new Map<string, Partner>();
  @state() private sellers = new Map<string, string>();
  @state() private announcement = '';
  @state() private message: { kind: 'error' | 'info'; text: string } | undefined;
  @state() private saving = new Set<string>();
  @state() private menu: MoveMenu | undefined;
  @state() private reasonRequest: ReasonRequest | undefined;
  /**
   * Market names (Intl.DisplayNames, several ms to set up) are listed once the first cards have
   * painted: a closed select shows only its selected option, which is always there.
   */
  @state() private marketNamesReady = false;

  private readonly byId = new Map<string, Referral>();
  private readonly keyboard = new KeyboardBoardController(this);
  private readonly pointer = new PointerDragController(this);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private partnersFor: CrmAdapter | undefined;
  /** Per column array: its totals per currency, kept from page to page and move to move instead of summed again. */
  private readonly totalsCache = new WeakMap<readonly Referral[], { tally: ColumnTally; totals: Money[] | undefined }>();
  private readonly cardRenderers = new Map<Stage, { deps: unknown[]; render: (r: Referral | undefined, index: number) => unknown }>();
  private reviewCache: { columns: Map<Stage, Referral[]>; since: string; staleDays: number; value: ReviewSummary } | undefined;
  private marketsCache: { partners: Map<string, Partner>; locale: string; value: { code: string; name: string }[] } | undefined;
  private keyboardColumnsCache: { columns: Map<Stage, Referral[]>; stages: readonly StageDefinition[]; value: KeyboardColumn[] } | undefined;

  private readonly loadTask = new Task(this, {
    args: () => [this.adapter, this.partnerId, this.sellerId, this.market, this.from, this.to, this.q, this.pageSize, this.referrals, this.partners] as const,
    task: async ([adapter, partnerId, sellerId, market, from, to, q, pageSize, givenReferrals, givenPartners], { signal }) => {
      if (givenPartners) this.partnersById = new Map(parseAll(givenPartners, PartnerSchema).valid.map((p) => [p.id, p]));
      if (givenReferrals) {
        this.showGiven(givenReferrals, { partnerId, sellerId, market, from, to, q });
        return;
      }
      if (!adapter) {
        this.phase = 'waiting';
        return;
      }
      this.phase = 'loading';
      this.loadError = undefined;
      const pending: Referral[] = [];
      let lastCommit = 0;
      try {
        const filter: ReferralFilter = {
          ...(partnerId ? { partnerId } : {}),
          ...(sellerId ? { sellerId } : {}),
          ...(market ? { market } : {}),
          ...(from ? { submittedFrom: from } : {}),
          ...(to ? { submittedTo: to } : {}),
          ...(q?.trim() ? { q: q.trim() } : {}),
        };
        // Partners (names, acceptance windows) and the first page of referrals are asked for together.
        const pages = referralPages(adapter, { ...filter, pageSize }, { signal });
        // Partners are kept as soon as they arrive, even when the referrals fail (the filters stay useful).
        const partnersLoad =
          !givenPartners && this.partnersFor !== adapter
            ? adapter.listPartners({}, { signal }).then((partners) => {
                if (signal.aborted) return;
                this.partnersById = new Map(partners.map((p) => [p.id, p]));
                this.partnersFor = adapter;
              })
            : undefined;
        const [, firstResult] = await Promise.all([partnersLoad, pages.next()]);
        let first = true;
        let received = false;
        for (let result = firstResult; !result.done; result = await pages.next()) {
          const page = result.value;
          const last = !page.nextCursor;
          // Later pages are put on the board in batches (see batchDue): each batch re-renders the
          // columns and lays them out once, instead of once per page of 500.
          if (first) this.addPage(page.referrals, true);
          else pending.push(...page.referrals);
          received = true;
          if (page.skipped?.length) {
            this.message = { kind: 'info', text: `${page.skipped.length} referrals from the CRM could not be read and are not shown.` };
          }
          if (!first && (last || this.batchDue(pending.length, lastCommit))) {
            this.addPage(pending.splice(0), false);
            lastCommit = performance.now();
          }
          this.phase = last ? 'complete' : 'partial';
          if (last) break;
          await this.updateComplete;
          if (first) {
            // Let the browser paint the first page, until the columns have laid out, before the next page.
            await nextFrame();
            await this.virtualizersSettled();
            lastCommit = performance.now();
          } else {
            // Later pages: give the browser a turn (input, and a frame when one is due), without waiting for a frame.
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          first = false;
        }
        if (!received) this.addPage([], true);
        this.phase = 'complete';
      } catch (error) {
        if (signal.aborted) throw error;
        // What arrived before the failure is shown.
        if (pending.length) this.addPage(pending.splice(0), false);
        const crmError = this.reportError(error);
        if (this.phase === 'loading') this.loadError = crmError;
        else this.message = { kind: 'error', text: msg(str`Only part of the pipeline loaded. ${errorMessage(crmError)}`, { id: 'board.partial-load' }) };
        this.phase = 'complete';
      }
    },
  });

  /** Referrals given as data: checked with the schema, filtered here as the adapter would. */
  private showGiven(given: readonly unknown[], filter: { partnerId?: string; sellerId?: string; market?: string; from?: string; to?: string; q?: string }): void {
    // The compiled schema: the same rules, several times faster over thousands of records.
    const { valid, invalid } = parseAll(given, bulkReferralSchema());
    let keep: (r: Referral) => boolean;
    try {
      keep = referralFilterPredicate(
        {
          ...(filter.partnerId ? { partnerId: filter.partnerId } : {}),
          ...(filter.sellerId ? { sellerId: filter.sellerId } : {}),
          ...(filter.market ? { market: filter.market.toUpperCase() } : {}),
          ...(filter.from ? { submittedFrom: filter.from } : {}),
          ...(filter.to ? { submittedTo: filter.to } : {}),
          ...(filter.q ? { q: filter.q } : {}),
        },
        (id) => this.partnersById.get(id)?.name,
      );
    } catch (error) {
      this.loadError = this.reportError(error);
      this.phase = 'complete';
      return;
    }
    const shown = valid.filter(keep);
    this.loadError = undefined;
    this.addPage(shown, true);
    this.phase = 'complete';
    this.message = invalid ? { kind: 'info', text: `${invalid} referrals could not be read and are not shown.` } : undefined;
  }

  private unsubscribe: (() => void) | undefined;
  private subscribedTo: CrmAdapter | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribeToChanges();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = this.subscribedTo = undefined;
    clearTimeout(this.searchTimer);
  }

  /** Settles when the referrals of the current filters are all loaded (or loading failed). */
  get loadComplete(): Promise<void> {
    return this.loadTask.taskComplete.then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Whether the referrals received since the last batch go on the board now: once there are as many
   * as the board already shows (so the batches double, and 100,000 cards take some 15 renders, not
   * 200), at most 10,000 at a time (one task stays short), or after 100 ms (a slow CRM still shows
   * its pages as they come).
   */
  private batchDue(pending: number, lastCommit: number): boolean {
    return pending >= Math.min(Math.max(this.byId.size, this.pageSize), 10_000) || performance.now() - lastCommit >= 100;
  }

  /** Once the columns have laid out their first cards (bounded by a few frames). */
  private async virtualizersSettled(): Promise<void> {
    const virtualizers = [...this.renderRoot.querySelectorAll<LitVirtualizer>('lit-virtualizer')];
    await Promise.race([
      Promise.all(virtualizers.map((v) => v.layoutComplete?.catch(() => undefined) ?? Promise.resolve())),
      new Promise((resolve) => setTimeout(resolve, 200)),
    ]);
    await nextFrame();
  }

  /** Reload every referral through the adapter. */
  reload(): void {
    void this.loadTask.run();
  }

  /** Read-only: `readonly` is set, or the user's role may not move referrals (sellers). */
  get readOnly(): boolean {
    if (this.readonly) return true;
    // With an adapter the user's role decides (read-only until the user is known); with data alone, the host does.
    return this.user ? !can.moveReferral(this.user) : Boolean(this.adapter);
  }

  /** Every referral shown, column by column in board order. */
  get shownReferrals(): Referral[] {
    return this.stages.flatMap((s) => this.columns.get(s.id) ?? []);
  }

  /** The CSV of exactly what the current filters show (RFC 4180, formula-safe). */
  toCsv(): string {
    const now = this.today();
    return pipelineCsv(
      this.stages.map((stage) => ({ stage, referrals: this.columns.get(stage.id) ?? [] })),
      (id) => this.partnersById.get(id)?.name,
      (r) => this.badgesFor(r, now),
      now,
    );
  }

  /** @internal For the keyboard controller. */
  get keyboardColumns(): readonly KeyboardColumn[] {
    const cache = this.keyboardColumnsCache;
    if (cache && cache.columns === this.columns && cache.stages === this.stages) return cache.value;
    // The column arrays themselves: no per-card work when a page or a move makes new columns.
    const value = this.stages.map((s) => ({ stage: s.id, label: s.label, cards: this.columns.get(s.id) ?? [] }));
    this.keyboardColumnsCache = { columns: this.columns, stages: this.stages, value };
    return value;
  }

  /** @internal For the keyboard controller: a card's column (by its stage) and position (binary search in the sorted column). */
  locateCard(id: string): { column: number; index: number } | undefined {
    const referral = this.byId.get(id);
    if (!referral) return undefined;
    const column = this.stages.findIndex((s) => s.id === referral.stage);
    const position = this.positionOf(id);
    return column >= 0 && position && position.index >= 0 ? { column, index: position.index } : undefined;
  }

  /** @internal For the pointer drag controller. */
  dragSource(id: string): { id: string; stage: Stage } | undefined {
    const referral = this.byId.get(id);
    return referral && !this.saving.has(id) ? { id, stage: referral.stage } : undefined;
  }

  /** @internal */
  announceCancel(id: string): void {
    const referral = this.byId.get(id);
    this.announce(
      referral
        ? msg(str`Move canceled. ${this.cardName(id)} stays in ${this.stageLabel(referral.stage)}.`, { id: 'board.announce.cancel' })
        : msg(str`Move canceled. ${this.cardName(id)} stays in its stage.`, { id: 'board.announce.cancel-unknown' }),
    );
  }

  /** @internal The reading direction the keyboard follows (from `dir` on the provider or the page). */
  get direction(): 'ltr' | 'rtl' {
    return getComputedStyle(this).direction === 'rtl' ? 'rtl' : 'ltr';
  }

  /** @internal */
  cardName(id: string): string {
    return this.byId.get(id)?.prospect.company ?? msg('The referral', { id: 'board.the-referral' });
  }

  /** @internal Say something through the board's live region. */
  announce(text: string): void {
    // A changed text is what a live region reads; repeat a same message with a trailing space.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  /** Column totals, counted once per column array; later arrays (a page, a move) carry them on with `carryTotals`. */
  private totalsOf(column: readonly Referral[]): Money[] {
    let entry = this.totalsCache.get(column);
    if (!entry) this.totalsCache.set(column, (entry = { tally: tallyOf(column), totals: undefined }));
    return (entry.totals ??= tallyTotals(entry.tally));
  }

  /** `after` is `before` with `added` put in and `removed` taken out: its totals follow from those of `before`, when known. */
  private carryTotals(before: readonly Referral[], after: readonly Referral[], added: readonly Referral[], removed: readonly Referral[]): void {
    const known = this.totalsCache.get(before);
    if (known) this.totalsCache.set(after, { tally: tallyWith(tallyWith(known.tally, added, 1), removed, -1), totals: undefined });
  }

  private marketsOf(locale: string): { code: string; name: string }[] {
    const cache = this.marketsCache;
    if (cache && cache.partners === this.partnersById && cache.locale === locale) return cache.value;
    const value = [...new Set([...this.partnersById.values()].flatMap((p) => p.markets))]
      .map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale));
    this.marketsCache = { partners: this.partnersById, locale, value };
    return value;
  }

  private stageLabel(stage: Stage): string {
    return stageLabel(stage, this.stages.find((s) => s.id === stage)?.label);
  }

  private badgesFor(referral: Referral, now: Date): AgeingBadge[] {
    return ageingBadges(referral, this.partnersById.get(referral.partnerId), { staleDays: this.staleDays, expireDays: this.expireDays }, now);
  }

  private addPage(referrals: readonly Referral[], first: boolean): void {
    if (first) this.byId.clear();
    const sellers = first ? new Map<string, string>(this.sellers) : this.sellers;
    for (const r of referrals) {
      this.byId.set(r.id, r);
      sellers.set(r.seller.id, r.seller.name);
    }
    this.sellers = new Map(sellers);
    if (first) {
      this.columns = groupByStage(referrals, this.stages);
      return;
    }
    const pageColumns = groupByStage(referrals, this.stages);
    const next = new Map(this.columns);
    for (const [stage, page] of pageColumns) {
      if (!page.length) continue;
      const before = next.get(stage) ?? [];
      const merged = mergeSorted(before, page);
      // The column's totals grow by the page's, instead of summing the whole column again on every page.
      this.carryTotals(before, merged, page, []);
      next.set(stage, merged);
    }
    this.columns = next;
  }

  /** With an adapter that reports live changes, cards follow moves made elsewhere. */
  private subscribeToChanges(): void {
    const adapter = this.adapter;
    if (adapter === this.subscribedTo) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = adapter;
    if (!adapter?.capabilities.liveChanges || !adapter.subscribe) return;
    const unsubscribe: unknown = adapter.subscribe((change) => {
      if (change.type === 'reset') this.reload();
      else if (change.type === 'referral-updated' && this.byId.has(change.referral.id) && !this.saving.has(change.referral.id)) {
        this.place(change.referral);
      }
    });
    if (typeof unsubscribe === 'function') this.unsubscribe = unsubscribe as () => void;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('adapter') && this.isConnected) this.subscribeToChanges();
    // The default stage list is valid by construction; stages given by the host are checked.
    if (changed.has('stages') && this.stages !== DEFAULT_STAGE_DEFINITIONS) {
      const parsed = StageListSchema.safeParse(this.stages);
      if (!parsed.success) {
        this.reportError(new CrmError('bad-data', msg('The board’s stages are not valid: each needs a known stage id and a label, once. Showing every stage.', { id: 'board.bad-stages' })));
        this.stages = DEFAULT_STAGE_DEFINITIONS;
      }
    }
    if (changed.has('stages') && this.byId.size) this.columns = groupByStage(this.byId.values(), this.stages);
  }

  /** Put a referral where its stage says (or take it off the board when its stage is hidden). */
  private place(referral: Referral): void {
    const previous = this.byId.get(referral.id);
    this.byId.set(referral.id, referral);
    const next = new Map(this.columns);
    // Only the card that moved: binary search and one slice per column, totals carried on (a move costs the same at any size).
    const from = previous && next.get(previous.stage);
    if (from) {
      const { column, removed } = withoutReferral(from, previous);
      this.carryTotals(from, column, [], removed ? [removed] : []);
      next.set(previous.stage, column);
    }
    const to = next.get(referral.stage);
    if (to) {
      const column = withReferral(to, referral);
      this.carryTotals(to, column, [referral], []);
      next.set(referral.stage, column);
    }
    this.columns = next;
  }

  private positionOf(id: string): { index: number; size: number } | undefined {
    const referral = this.byId.get(id);
    const column = referral && this.columns.get(referral.stage);
    if (!column) return undefined;
    // Columns are sorted by compareReferrals, a total order: the card is found by binary search.
    return { index: indexOfReferral(column, referral), size: column.length };
  }

  /** Scroll a card into view (its column, then within its virtualized list) and focus it. */
  async focusCard(id: string): Promise<void> {
    await this.updateComplete;
    const referral = this.byId.get(id);
    const position = this.positionOf(id);
    if (!referral || !position || position.index < 0) return;
    const virtualizer = this.renderRoot.querySelector<LitVirtualizer>(`lit-virtualizer[data-stage="${referral.stage}"]`);
    if (!virtualizer) return;
    // A column scrolled out of the board's view renders no cards: bring it in first.
    this.revealColumn(referral.stage);
    const find = () => virtualizer.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
    let card = find();
    for (let attempt = 0; !card && attempt < 10 && virtualizer.isConnected; attempt++) {
      try {
        virtualizer.element(position.index)?.scrollIntoView({ block: 'nearest' });
        await virtualizer.layoutComplete;
      } catch {
        // The virtualizer is not laid out yet (or was just replaced): try again next frame.
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      card = find();
    }
    card?.focus();
  }

  /** @internal Scroll the board sideways so that a column is in view (no vertical page scroll). */
  revealColumn(stage: Stage): void {
    const board = this.renderRoot.querySelector<HTMLElement>('.board');
    const column = this.renderRoot.querySelector<HTMLElement>(`.column[data-stage="${stage}"]`);
    if (!board || !column) return;
    const boardRect = board.getBoundingClientRect();
    const rect = column.getBoundingClientRect();
    if (rect.left < boardRect.left) board.scrollLeft -= boardRect.left - rect.left;
    else if (rect.right > boardRect.right) board.scrollLeft += rect.right - boardRect.right;
  }

  /**
   * Move a referral to another stage, as the pointer, the menu and the keyboard all do: ask for a
   * reason where one is needed, fire the cancelable `cosell-stage-change`, move the card at once,
   * announce it, save it with the version the board holds, and roll back or reload on failure.
   */
  async requestMove(id: string, to: Stage): Promise<void> {
    const referral = this.byId.get(id);
    if (!referral || referral.stage === to || this.saving.has(id) || this.readOnly) return;
    const from = referral.stage;
    const company = referral.prospect.company;
    const fromLabel = this.stageLabel(from);
    const toLabel = this.stageLabel(to);
    let reason: string | undefined;
    if (needsReason(to)) {
      reason = await this.askReason(company, toLabel);
      if (reason === undefined) {
        this.announce(msg(str`Move canceled. ${company} stays in ${fromLabel}.`, { id: 'board.announce.cancel' }));
        await this.focusCard(id);
        return;
      }
    }
    const event = new StageChangeEvent(referral, from, to, reason);
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      this.announce(msg(str`The move of ${company} to ${toLabel} was canceled. It stays in ${fromLabel}.`, { id: 'board.announce.host-canceled' }));
      await this.focusCard(id);
      return;
    }

    const optimistic: Referral = { ...referral, stage: to, stageChangedAt: (this.today()).toISOString(), ...(reason ? { closeReason: reason } : {}) };
    this.place(optimistic);
    this.saving = new Set(this.saving).add(id);
    this.message = undefined;
    const position = this.positionOf(id);
    if (position) {
      const index = position.index + 1;
      const size = position.size;
      this.announce(msg(str`${company} moved from ${fromLabel} to ${toLabel}, position ${index} of ${size}.`, { id: 'board.announce.moved-position' }));
    } else {
      this.announce(msg(str`${company} moved from ${fromLabel} to ${toLabel}.`, { id: 'board.announce.moved' }));
    }
    this.keyboard.activeId = id;
    void this.focusCard(id);

    try {
      if (this.adapter) {
        const saved = await this.adapter.moveReferral(id, { to, expectedVersion: referral.version, ...(reason ? { reason } : {}) });
        this.place(saved);
      }
    } catch (error) {
      const crmError = CrmError.from(error);
      const hadFocus = this.cardHasFocus(id);
      if (crmError.kind === 'conflict') {
        const current = await this.currentRecord(id, crmError.details);
        if (current) this.place(current);
        else this.place(referral);
        const now = current ?? referral;
        const by = current?.lastModifiedBy;
        const where = this.stageLabel(current && current.stage !== from ? current.stage : now.stage);
        const moved = Boolean(current && current.stage !== from);
        this.message = {
          kind: 'error',
          text: by
            ? moved
              ? msg(str`Someone else (${by}) changed ${company}: it is now in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.by.moved' })
              : msg(str`Someone else (${by}) changed ${company}: it is still in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.by.same' })
            : moved
              ? msg(str`Someone else changed ${company}: it is now in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.moved' })
              : msg(str`Someone else changed ${company}: it is still in ${where}. Your move to ${toLabel} was not saved; the card has been reloaded.`, { id: 'board.conflict.same' }),
        };
      } else {
        this.place(referral);
        this.message = { kind: 'error', text: msg(str`${company} could not be moved to ${toLabel}: ${errorMessage(crmError)} It is back in ${fromLabel}.`, { id: 'board.move-failed' }) };
      }
      this.reportError(crmError);
      if (hadFocus) void this.focusCard(id);
    } finally {
      const saving = new Set(this.saving);
      saving.delete(id);
      this.saving = saving;
    }
  }

  private cardHasFocus(id: string): boolean {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    return !active || (active instanceof HTMLElement && active.closest('.card')?.getAttribute('data-id') === id);
  }

  /** The record as it is now, from the conflict's details or from the adapter. */
  private async currentRecord(id: string, details: unknown): Promise<Referral | undefined> {
    const parsed = ReferralSchema.safeParse(details);
    if (parsed.success && parsed.data.id === id) return parsed.data;
    try {
      return await this.adapter?.getReferral(id);
    } catch {
      return undefined;
    }
  }

  private askReason(company: string, stageLabel: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.reasonRequest = {
        company,
        stageLabel,
        resolve: (reason) => {
          this.reasonRequest = undefined;
          resolve(reason);
        },
      };
    });
  }

  protected override updated(): void {
    if (!this.marketNamesReady && (this.phase === 'partial' || this.phase === 'complete')) {
      requestAnimationFrame(() => setTimeout(() => (this.marketNamesReady = true), 0));
    }
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.reason');
    if (dialog && this.reasonRequest && !dialog.open) {
      dialog.showModal();
      dialog.querySelector('textarea')?.focus();
    }
  }

  // ---- filters ----------------------------------------------------------------------------------

  private setFilter(name: 'partnerId' | 'sellerId' | 'market' | 'from' | 'to' | 'q', value: string): void {
    this[name] = value || undefined;
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter('q', value), 250);
  }

  private clearFilters(): void {
    this.partnerId = this.sellerId = this.market = this.from = this.to = this.q = undefined;
    // The pressed "Clear filters" button goes away with the filters: keep focus in the filter bar.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="filters"] select')?.focus());
  }

  private exportCsv(): void {
    const name = ['pipeline', this.partnerId && this.partnersById.get(this.partnerId)?.name, (this.today()).toISOString().slice(0, 10)].filter(Boolean).join('-');
    downloadCsv(`${name.replace(/[^\w.-]+/g, '_')}.csv`, this.toCsv());
  }

  // ---- the "Move to…" menu ----------------------------------------------------------------------

  private openMenu(id: string, button: HTMLElement): void {
    this.menu = menuBelow(id, button, this.renderRoot.querySelector('.wrapper')!);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.menu [role="menuitem"]')?.focus());
  }

  private readonly menuActions: MoveMenuActions = {
    choose: (stage) => {
      const id = this.menu?.id;
      this.menu = undefined;
      if (id) void this.requestMove(id, stage);
    },
    close: (returnFocus) => {
      const id = this.menu?.id;
      this.menu = undefined;
      if (!returnFocus || !id) return;
      void this.updateComplete.then(() => {
        const card = this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
        (card?.querySelector<HTMLElement>('.move') ?? card)?.focus();
      });
    },
  };

  // ---- events delegated from the cards ---------------------------------------------------------

  private cardOf(event: Event): HTMLElement | undefined {
    for (const node of event.composedPath()) {
      if (node instanceof HTMLElement && node.classList.contains('card')) return node;
      if (node === this.renderRoot) break;
    }
    return undefined;
  }

  private onBoardKeydown(event: KeyboardEvent): void {
    const card = this.cardOf(event);
    if (!card || event.target !== card) return;
    this.keyboard.handleKeydown(event, card.dataset.id!);
  }

  private onBoardFocusIn(event: FocusEvent): void {
    const card = this.cardOf(event);
    if (card) this.keyboard.focused(card.dataset.id!);
  }

  private onBoardFocusOut(event: FocusEvent): void {
    const card = this.cardOf(event);
    const next = event.relatedTarget as Node | null;
    if (card && !(next && card.contains(next))) this.keyboard.blurred(card.dataset.id!);
  }

  private onBoardClick(event: MouseEvent): void {
    if (this.pointer.swallowClick(event)) return;
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action="move-menu"]');
    const card = this.cardOf(event);
    if (button && card) {
      if (this.menu?.id === card.dataset.id) this.menuActions.close(false);
      else this.openMenu(card.dataset.id!, button);
    }
  }

  // ---- rendering --------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const locale = this.localeSettings.locale;
    return html`<div class="wrapper">
      ${this.renderFilters()}
      ${this.message
        ? html`<div class="message" part="message" data-kind=${this.message.kind} role=${this.message.kind === 'error' ? 'alert' : 'status'}>
            <span>${this.message.text}</span>
            <button @click=${() => (this.message = undefined)}>${msg('Dismiss', { id: 'board.dismiss' })}</button>
          </div>`
        : nothing}
      ${this.renderBody(locale)}
      <p id="keyboard-help" class="visually-hidden">
        ${this.readOnly
          ? msg('Arrow keys move between cards. The board is read-only.', { id: 'board.help.read-only' })
          : msg('Arrow keys move between cards. Space or Enter picks a card up; Left and Right arrows choose a stage; Space or Enter drops it; Escape cancels.', { id: 'board.help' })}
      </p>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="announcer">${this.announcement}</div>
      ${this.renderMenu()} ${this.pointer.target ? html`<div class="ghost" aria-hidden="true">${this.cardName(this.pointer.target.id)}</div>` : nothing}
      ${renderReasonPrompt(this.reasonRequest)}
    </div>`;
  }

  private renderBody(locale: string): TemplateResult {
    if (this.loadError) return renderError(this.loadError, () => this.reload());
    if (this.phase === 'waiting' || this.phase === 'loading') {
      return html`${renderLoading(msg('Loading the pipeline…', { id: 'board.loading' }))}
        <div class="board" aria-hidden="true">
          ${this.stages.map(() => html`<div class="column"><div class="skeleton" style="height:4rem;margin:.5rem"></div></div>`)}
        </div>`;
    }
    const total = this.stages.reduce((n, s) => n + (this.columns.get(s.id)?.length ?? 0), 0);
    const summary = html`<div class="summary">
      <span role="status"
        >${plural(total, {
          zero: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.zero' }),
          one: () => msg(str`${formatNumber(total, locale)} referral`, { id: 'board.total.one' }),
          two: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.two' }),
          few: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.few' }),
          many: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.many' }),
          other: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.other' }),
        })}${this.phase === 'partial' ? msg(' so far, loading more…', { id: 'board.total.partial' }) : ''}${this.readOnly ? msg(' · read-only', { id: 'board.total.read-only' }) : ''}</span
      >
      <span class="actions">
        <button part="review-toggle" aria-pressed=${this.review ? 'true' : 'false'} @click=${() => (this.review = !this.review)}>${msg('Review mode', { id: 'board.review-mode' })}</button>
        <button part="export-button" @click=${() => this.exportCsv()} ?disabled=${total === 0}>${msg('Export CSV', { id: 'board.export' })}</button>
      </span>
    </div>`;
    if (total === 0 && this.phase === 'complete') {
      const filtered = Boolean(this.partnerId || this.sellerId || this.market || this.from || this.to || this.q);
      return html`${summary}${renderEmpty(
        filtered ? msg('No referrals match these filters.', { id: 'board.empty.filtered' }) : msg('No referrals yet.', { id: 'board.empty' }),
        filtered ? html`<button @click=${() => this.clearFilters()}>${msg('Clear filters', { id: 'board.clear-filters' })}</button>` : undefined,
      )}`;
    }
    const now = this.today();
    return html`${summary} ${this.review ? this.renderReview(locale, now) : nothing}
      <div
        class="board"
        part="board"
        role="group"
        aria-label=${msg('Pipeline', { id: 'board.label' })}
        @keydown=${(e: KeyboardEvent) => this.onBoardKeydown(e)}
        @focusin=${(e: FocusEvent) => this.onBoardFocusIn(e)}
        @focusout=${(e: FocusEvent) => this.onBoardFocusOut(e)}
        @click=${(e: MouseEvent) => this.onBoardClick(e)}
        @pointerdown=${(e: PointerEvent) => this.pointer.pointerDown(e, this.cardOf(e)?.dataset.id)}
      >
        ${this.stages.map((stage) => this.renderColumn(stage, locale, now))}
      </div>`;
  }

  private renderColumn(stage: StageDefinition, locale: string, now: Date): TemplateResult {
    const column = this.columns.get(stage.id) ?? [];
    const target = this.keyboard.lifted?.target ?? this.pointer.target?.target;
    const from = this.keyboard.lifted?.from ?? this.pointer.target?.from;
    const isTarget = target === stage.id && target !== from;
    const since = this.review ? this.reviewDate(now) : undefined;
    const headingId = `h-${stage.id}`;
    return html`<div class="column ${isTarget ? 'drop-target' : ''}" part="column" data-stage=${stage.id} role="group" aria-labelledby=${headingId}>
      <div class="column-header" part="column-header">
        <h3 id=${headingId}><span class="label">${stageLabel(stage.id, stage.label)}</span> <span class="count" data-count=${column.length}>${formatNumber(column.length, locale)}</span></h3>
        <ul class="totals" aria-label=${msg('Estimated ARR', { id: 'board.column.arr' })}>
          ${this.totalsOf(column).map((m) => html`<li data-currency=${m.currency}>${formatMoney(m, locale)}</li>`)}
        </ul>
        ${isTarget ? html`<div class="drop-hint" part="drop-indicator">${msg(str`Drop to move to ${stageLabel(stage.id, stage.label)}`, { id: 'board.drop-hint' })}</div>` : nothing}
      </div>
      ${column.length === 0
        ? html`<p class="column-empty" part="column-empty">${msg('No referrals', { id: 'board.column.empty' })}</p>`
        : // tabindex -1: Chromium makes a scroller without tabbable content a tab stop; the board keeps one (the roving card).
          html`<lit-virtualizer
            scroller
            tabindex="-1"
            class="cards"
            role="list"
            aria-labelledby=${headingId}
            data-stage=${stage.id}
            .items=${column}
            .layout=${CARD_LAYOUT}
            .keyFunction=${cardKey}
            .renderItem=${this.cardRenderer(stage.id, column, locale, now, since)}
          ></lit-virtualizer>`}
    </div>`;
  }

  /**
   * The `renderItem` of a column's virtualizer. A new function makes the virtualizer re-render every
   * card it shows, so the same function is handed back while nothing its cards show has changed
   * (the column, the board's settings, and the tab stop, lifted, saving and menu state of this
   * column's cards): a move, an announcement or a page for other columns leaves the other columns' cards alone.
   */
  private cardRenderer(stage: Stage, column: readonly Referral[], locale: string, now: Date, since: string | undefined): (r: Referral | undefined, index: number) => unknown {
    const here = (id: string | undefined): string | undefined => (id !== undefined && this.byId.get(id)?.stage === stage ? id : undefined);
    const liftedId = here(this.keyboard.lifted?.id);
    const draggedId = here(this.pointer.target?.id);
    const activeId = here(this.keyboard.activeId);
    const menuId = here(this.menu?.id);
    const saving = [...this.saving].filter((id) => here(id) !== undefined).join(' ');
    const showPartner = !this.partnerId;
    const readOnly = this.readOnly;
    const partners = this.partnersById;
    const deps = [column, showPartner, readOnly, locale, currentLanguage(), now.getTime(), since, partners, this.staleDays, this.expireDays, liftedId, draggedId, activeId, menuId, saving];
    const cached = this.cardRenderers.get(stage);
    if (cached && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.render;
    const render = (r: Referral | undefined, index: number): unknown => {
      // The virtualizer may ask for an index past a column that just shrank.
      if (!r) return nothing;
      return renderCard({
        referral: r,
        partnerName: showPartner ? (partners.get(r.partnerId)?.name ?? r.partnerId) : undefined,
        badges: this.badgesFor(r, now),
        reviewMark: since ? reviewMark(r, since) : undefined,
        locale,
        now,
        position: index + 1,
        size: column.length,
        tabbable: r.id === activeId,
        lifted: r.id === liftedId || r.id === draggedId,
        saving: this.saving.has(r.id),
        menuOpen: menuId === r.id,
        readOnly,
      });
    };
    this.cardRenderers.set(stage, { deps, render });
    return render;
  }

  private reviewDate(now: Date): string {
    return this.reviewSince && /^\d{4}-\d{2}-\d{2}$/.test(this.reviewSince) ? this.reviewSince : previousMonthStart(now);
  }

  private renderReview(locale: string, now: Date): TemplateResult {
    const since = this.reviewDate(now);
    let cache = this.reviewCache;
    if (!cache || cache.columns !== this.columns || cache.since !== since || cache.staleDays !== this.staleDays) {
      const value = reviewSummary(
        this.stages.map((stage) => ({ stage, referrals: this.columns.get(stage.id) ?? [] })),
        since,
        (r) => this.badgesFor(r, now),
      );
      cache = this.reviewCache = { columns: this.columns, since, staleDays: this.staleDays, value };
    }
    const review = cache.value;
    const money = (totals: Money[]) => (totals.length ? totals.map((m) => formatMoney(m, locale)).join(' · ') : '—');
    const sinceLabel = formatDate(since, locale);
    const shownStuck = review.stuck.slice(0, 50);
    return html`<section class="review-panel" part="review" aria-labelledby="review-title">
      <h2 id="review-title">${msg('Pipeline review', { id: 'board.review.title' })}</h2>
      <label>${msg('Changes since', { id: 'board.review.since' })}
        <input name="review-since" type="date" .value=${since} @change=${(e: Event) => (this.reviewSince = (e.target as HTMLInputElement).value || undefined)} />
      </label>
      <p class="review-counts" role="status">
        ${msg(str`Since ${sinceLabel}: ${review.counts.new} new, ${review.counts.moved} moved, ${review.counts.closed} closed.`, { id: 'board.review.counts' })}
      </p>
      <div class="review-grid">
        <table>
          <caption class="visually-hidden">${msg(str`Referrals and estimated ARR per stage, at ${sinceLabel} and now`, { id: 'board.review.caption' })}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Stage', { id: 'board.review.stage' })}</th>
              <th scope="col">${msg(str`At ${sinceLabel}`, { id: 'board.review.then' })}</th>
              <th scope="col">${msg('Now', { id: 'board.review.now' })}</th>
            </tr>
          </thead>
          <tbody>
            ${review.rows.map(
              (row) => html`<tr data-stage=${row.stage.id}>
                <th scope="row">${stageLabel(row.stage.id, row.stage.label)}</th>
                <td class="then">${formatNumber(row.then.count, locale)} · ${money(row.then.totals)}</td>
                <td class="now">${formatNumber(row.now.count, locale)} · ${money(row.now.totals)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        <div>
          <h3 id="stuck-title">${msg(str`Stuck deals (${formatNumber(review.stuck.length, locale)})`, { id: 'board.review.stuck' })}</h3>
          ${review.stuck.length
            ? html`<ul aria-labelledby="stuck-title">
                ${shownStuck.map((r) => {
                  const days = daysSince(r.stageChangedAt, now);
                  return html`<li><button data-id=${r.id} @click=${() => void this.focusCard(r.id)}>
                    ${plural(days, {
                      zero: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.zero' }),
                      one: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} day in stage`, { id: 'board.review.stuck-row.one' }),
                      two: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.two' }),
                      few: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.few' }),
                      many: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.many' }),
                      other: () => msg(str`${r.prospect.company} — ${this.stageLabel(r.stage)}, ${days} days in stage`, { id: 'board.review.stuck-row.other' }),
                    })}
                  </button></li>`;
                })}
              </ul>
              ${review.stuck.length > shownStuck.length ? html`<p class="note">${msg(str`and ${formatNumber(review.stuck.length - shownStuck.length, locale)} more (the cards are marked).`, { id: 'board.review.stuck-more' })}</p>` : nothing}`
            : html`<p class="note">${msg('None: every open deal is moving.', { id: 'board.review.stuck-none' })}</p>`}
        </div>
      </div>
      <p class="note">
        ${msg(str`“At ${sinceLabel}” places each referral in the stage its history says it was in then.`, { id: 'board.review.note-history' })}
        ${review.inferredSince
          ? msg(str`${formatNumber(review.inferredSince, locale)} of the referrals that changed since have no recorded history; their stage then is reconstructed from their dates.`, { id: 'board.review.inferred' })
          : ''}
      </p>
    </section>`;
  }

  private renderFilters(): TemplateResult {
    const locale = this.localeSettings.locale;
    const partners = [...this.partnersById.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
    const markets = this.marketNamesReady || this.market ? this.marketsOf(locale) : [];
    const sellers = [...this.sellers].sort((a, b) => a[1].localeCompare(b[1], locale));
    const filtered = Boolean(this.partnerId || this.sellerId || this.market || this.from || this.to || this.q);
    return html`<form class="filters" part="filters" role="search" aria-label=${msg('Filter the pipeline', { id: 'board.filters' })} @submit=${(e: Event) => e.preventDefault()}>
      <label>${msg('Partner', { id: 'board.filter.partner' })}
        <select name="partner" @change=${(e: Event) => this.setFilter('partnerId', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.partnerId}>${msg('All partners', { id: 'board.filter.all-partners' })}</option>
          ${partners.map((p) => html`<option value=${p.id} ?selected=${p.id === this.partnerId}>${p.name}</option>`)}
        </select>
      </label>
      <label>${msg('Seller', { id: 'board.filter.seller' })}
        <select name="seller" @change=${(e: Event) => this.setFilter('sellerId', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.sellerId}>${msg('All sellers', { id: 'board.filter.all-sellers' })}</option>
          ${sellers.map(([id, name]) => html`<option value=${id} ?selected=${id === this.sellerId}>${name}</option>`)}
        </select>
      </label>
      <label>${msg('Market', { id: 'board.filter.market' })}
        <select name="market" @change=${(e: Event) => this.setFilter('market', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.market}>${msg('All markets', { id: 'board.filter.all-markets' })}</option>
          ${markets.map((m) => html`<option value=${m.code} ?selected=${m.code === this.market?.toUpperCase()}>${m.name}</option>`)}
        </select>
      </label>
      <label>${msg('Submitted from', { id: 'board.filter.from' })}
        <input name="from" type="date" .value=${this.from ?? ''} @change=${(e: Event) => this.setFilter('from', (e.target as HTMLInputElement).value)} />
      </label>
      <label>${msg('Submitted to', { id: 'board.filter.to' })}
        <input name="to" type="date" .value=${this.to ?? ''} @change=${(e: Event) => this.setFilter('to', (e.target as HTMLInputElement).value)} />
      </label>
      <label>${msg('Search', { id: 'board.filter.search' })}
        <input name="q" type="search" placeholder=${msg('Prospect or partner', { id: 'board.filter.search.placeholder' })} .value=${this.q ?? ''} @input=${(e: Event) => this.onSearchInput(e)} />
      </label>
      ${filtered ? html`<button type="button" @click=${() => this.clearFilters()}>${msg('Clear filters', { id: 'board.clear-filters' })}</button>` : nothing}
    </form>`;
  }

  private renderMenu(): TemplateResult | typeof nothing {
    const referral = this.menu && this.byId.get(this.menu.id);
    return this.menu && referral ? renderMoveMenu(this.menu, referral, this.stages, this.menuActions) : nothing;
  }
}
