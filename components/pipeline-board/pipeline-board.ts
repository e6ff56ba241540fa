import { html, nothing, type PropertyValues, type ReactiveController, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Referral } from '../../src/domain/referral.js';
import { z } from '../../src/domain/zod.js';
import { DEFAULT_STAGE_DEFINITIONS, StageDefinitionSchema, type ReasonStage, type Stage, type StageDefinition } from '../../src/domain/stages.js';
import { can } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { downloadCsv } from '../../src/csv.js';
import { Announcer } from '../base/announcer.js';
import { CosellElement } from '../base/cosell-element.js';
import { CrmLoad } from '../base/crm-load.js';
import { LiveChanges } from '../base/live-changes.js';
import { renderEmpty, renderLoading } from '../base/states.js';
import { defaultCloseReasons, stageLabel } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { ageingBadges, DEFAULT_AGEING, pipelineCsv, type AgeingBadge } from './board-model.js';
import { BoardCardEvents, followChange, withGetters } from './board-events.js';
import { BoardFilters, type BoardFiltersHost } from './board-filters.js';
import { loadPipeline, nextFrame, type BoardFilterValues, type BoardMessage, type PipelineLoadHost } from './board-paging.js';
import { BoardStore } from './board-store.js';
import { BoardColumns, renderStageSwitcher, renderSummary } from './board-columns.js';
import { BoardFocus, type BoardFocusHost } from './board-focus.js';
import { PointerDragController, type PointerDragHost } from './pointer-drag.js';
import { KeyboardBoardController, type KeyboardBoardHost } from './keyboard-board.js';
import { MoveMenuController, type MoveMenuHost } from './move-menu.js';
import { MoveWorkflow, type MoveWorkflowHost } from './move-workflow.js';
import { renderReasonPrompt } from './reason-prompt.js';
import { reviewDate, ReviewPanel } from './review-panel.js';
import { boardStyles } from './pipeline-board.styles.js';

// The element: its public API (the attributes and properties with the JSDoc that docs/api.md is
// made from, a third of the file), the wiring of its parts and the frame they render in. A little
// over 400 lines for that reason: what the board does lives in the parts, each its own file: the
// store (board-store.ts) and its loading (board-paging.ts), the move workflow (move-workflow.ts), the
// keyboard and pointer models, the "Move to…" menu, the filter bar (board-filters.ts), the review
// panel (review-panel.ts), the columns and cards (board-columns.ts), focus (board-focus.ts), and the
// card events and live changes (board-events.ts). Each part sees the board through its own narrow
// host interface, served by one private object made here: none of that plumbing is public.

/** The `stages` property: known stage ids with labels, each at most once. */
const StageListSchema = z.array(StageDefinitionSchema).check(z.refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'A stage appears twice'));

/** The board as its parts see it: each part takes it as its own narrow host interface. */
/** What the parts read each time (the board's current state), not once. */
type PartGetter = 'updateComplete' | 'renderRoot' | 'stages' | 'adapter' | 'localeSettings' | 'readOnly' | 'keyboardColumns' | 'direction' | 'filterValues';
type BoardParts = BoardFocusHost & KeyboardBoardHost & PointerDragHost & MoveWorkflowHost & MoveMenuHost & BoardFiltersHost & PipelineLoadHost;

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
export class CosellPipelineBoard extends CosellElement {
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

  /**
   * The reasons offered when a card moves to Closed lost or Rejected, per stage (each list also
   * offers "Other" with details). Unset: the domain's defaults (DEFAULT_CLOSE_REASONS), in the
   * board's language.
   */
  @property({ attribute: false }) closeReasons: Partial<Record<ReasonStage, readonly string[]>> | undefined;

  /** The board's `now`, else the provider's clock. */
  private today(): Date {
    return this.now ?? this.clock();
  }

  /** Read-only: `readonly` is set, or the user's role may not move referrals (sellers). */
  private get locked(): boolean {
    if (this.readonly) return true;
    // With an adapter the user's role decides (read-only until the user is known); with data alone, the host does.
    return this.user ? !can.moveReferral(this.user) : Boolean(this.adapter);
  }

  private message: BoardMessage | undefined;
  /** The column a narrow board shows (chosen in the stage switcher, or followed by focus). */
  private narrowStage: Stage | undefined;
  private readonly store = new BoardStore(this, () => this.stages);
  private readonly announcer = new Announcer(this);
  private readonly reviewPanel = new ReviewPanel({
    setSince: (since) => (this.reviewSince = since),
    showCard: (id) => void this.focusCard(id),
  });
  private readonly columns = new BoardColumns(this.store);
  private readonly parts: BoardParts;
  private readonly filters: BoardFilters;
  private readonly moves: MoveWorkflow;
  private readonly menu: MoveMenuController;
  private readonly keyboard: KeyboardBoardController;
  private readonly pointer: PointerDragController;
  private readonly cardFocus: BoardFocus;
  private readonly cardEvents: BoardCardEvents;

  private readonly load = new CrmLoad(this, {
    loadingLabel: () => msg('Loading the pipeline…', { id: 'board.loading' }),
    args: () => [this.adapter, this.partnerId, this.sellerId, this.market, this.from, this.to, this.q, this.pageSize, this.referrals, this.partners] as const,
    task: ([adapter, partnerId, sellerId, market, from, to, q, pageSize, referrals, partners], { signal }) =>
      loadPipeline(this.parts, { adapter, filters: { partnerId, sellerId, market, from, to, q }, pageSize, referrals, partners }, signal),
  });

  constructor() {
    super();
    // What the parts see of the board: each part takes this object as its own narrow host interface.
    const base: Omit<BoardParts, PartGetter> = {
      addController: (controller: ReactiveController) => this.addController(controller),
      removeController: (controller: ReactiveController) => this.removeController(controller),
      requestUpdate: () => this.requestUpdate(),
      setFilter: (name: keyof BoardFilterValues, value: string | undefined) => (this[name] = value),
      store: this.store,
      today: () => this.today(),
      referral: (id) => this.store.get(id),
      locateCard: (id) => this.store.locate(id),
      cardName: (id) => this.cardName(id),
      stageLabel: (stage) => this.stageLabel(stage),
      reasonsFor: (stage) => this.closeReasons?.[stage] ?? defaultCloseReasons(stage),
      announce: (text) => this.announcer.announce(text),
      announceCancel: (id) => this.announceCancel(id),
      showMessage: (message) => this.showMessage(message),
      reportError: (error) => this.reportError(error),
      focusCard: (id) => this.cardFocus.focusCard(id),
      followCard: (id, stage) => this.cardFocus.followCard(id, stage),
      cardHasFocus: (id) => this.cardFocus.cardHasFocus(id),
      revealColumn: (stage) => this.cardFocus.revealColumn(stage),
      // A narrow board shows the column focus goes to; while a card is lifted, its own column stays.
      showColumn: (stage) => {
        if (this.keyboard.lifted || this.narrowStage === stage) return;
        this.narrowStage = stage;
        this.requestUpdate();
      },
      makeTabStop: (id) => (this.keyboard.activeId = id),
      virtualizersSettled: () => this.virtualizersSettled(),
      requestMove: (id, to) => this.moves.requestMove(id, to),
      confirmMove: (event) => this.dispatchEvent(event) && !event.defaultPrevented,
      dragSource: (id) => {
        const referral = this.store.get(id);
        return referral && !this.moves.saving.has(id) ? { id, stage: referral.stage } : undefined;
      },
    };
    this.parts = withGetters(base, {
      updateComplete: () => this.updateComplete,
      renderRoot: () => this.renderRoot,
      stages: () => this.stages,
      adapter: () => this.adapter,
      localeSettings: () => this.localeSettings,
      readOnly: () => this.locked,
      keyboardColumns: () => this.store.keyboardColumns,
      // The reading direction the keyboard follows (from `dir` on the provider or the page).
      direction: (): 'ltr' | 'rtl' => (getComputedStyle(this).direction === 'rtl' ? 'rtl' : 'ltr'),
      filterValues: (): BoardFilterValues => ({ partnerId: this.partnerId, sellerId: this.sellerId, market: this.market, from: this.from, to: this.to, q: this.q }),
    });
    this.filters = new BoardFilters(this.parts);
    this.moves = new MoveWorkflow(this.parts);
    this.menu = new MoveMenuController(this.parts);
    this.keyboard = new KeyboardBoardController(this.parts);
    this.pointer = new PointerDragController(this.parts);
    this.cardFocus = new BoardFocus(this.parts);
    this.cardEvents = new BoardCardEvents(withGetters({ keyboard: this.keyboard, pointer: this.pointer, menu: this.menu }, { renderRoot: () => this.renderRoot }));
    // With live changes from the adapter (or the provider's feed), cards follow moves made elsewhere.
    new LiveChanges(this, (change) => followChange(change, { store: this.store, moves: this.moves, reload: () => this.reload() }));
  }

  /** Settles when the referrals of the current filters are all loaded (or loading failed). */
  get loadComplete(): Promise<void> {
    return this.load.settled;
  }

  /** Reload every referral through the adapter. */
  reload(): void {
    void this.load.run();
  }

  /** Every referral shown, column by column in board order. */
  get shownReferrals(): Referral[] {
    return this.store.shown;
  }

  /** The CSV of exactly what the current filters show (RFC 4180, formula-safe). */
  toCsv(): string {
    const now = this.today();
    return pipelineCsv(
      this.store.stageColumns,
      (id) => this.store.partnersById.get(id)?.name,
      (r) => this.badgesFor(r, now),
      now,
    );
  }

  private showMessage(message: BoardMessage | undefined): void {
    this.message = message;
    this.requestUpdate();
  }

  /** Once the columns have laid out their first cards (bounded by a few frames). */
  private async virtualizersSettled(): Promise<void> {
    const virtualizers = [...this.renderRoot.querySelectorAll<LitVirtualizer>('lit-virtualizer')];
    await Promise.race([Promise.all(virtualizers.map((v) => v.layoutComplete?.catch(() => undefined) ?? Promise.resolve())), new Promise((resolve) => setTimeout(resolve, 200))]);
    await nextFrame();
  }

  private announceCancel(id: string): void {
    const referral = this.store.get(id);
    this.announcer.announce(
      referral
        ? msg(str`Move canceled. ${this.cardName(id)} stays in ${this.stageLabel(referral.stage)}.`, { id: 'board.announce.cancel' })
        : msg(str`Move canceled. ${this.cardName(id)} stays in its stage.`, { id: 'board.announce.cancel-unknown' }),
    );
  }

  private cardName(id: string): string {
    return this.store.get(id)?.prospect.company ?? msg('The referral', { id: 'board.the-referral' });
  }

  private stageLabel(stage: Stage): string {
    return stageLabel(stage, this.stages.find((s) => s.id === stage)?.label);
  }

  private badgesFor(referral: Referral, now: Date): AgeingBadge[] {
    return ageingBadges(referral, this.store.partnersById.get(referral.partnerId), { staleDays: this.staleDays, expireDays: this.expireDays }, now);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The default stage list is valid by construction; stages given by the host are checked.
    if (changed.has('stages') && this.stages !== DEFAULT_STAGE_DEFINITIONS) {
      const parsed = StageListSchema.safeParse(this.stages);
      if (!parsed.success) {
        this.reportError(new CrmError('bad-data', msg('The board’s stages are not valid: each needs a known stage id and a label, once. Showing every stage.', { id: 'board.bad-stages' })));
        this.stages = DEFAULT_STAGE_DEFINITIONS;
      }
    }
    if (changed.has('stages')) this.store.regroup();
  }

  protected override updated(): void {
    if (this.store.received || this.load.error) this.filters.showMarketNames();
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.reason');
    if (dialog && this.moves.reasonRequest && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input[name="reason-choice"]')?.focus();
    }
  }

  /** Move a referral to another stage, as the pointer, the menu and the keyboard do (see `MoveWorkflow`). */
  requestMove(id: string, to: Stage): Promise<void> {
    return this.moves.requestMove(id, to);
  }

  /** Scroll a card into view (its column, then within its virtualized list) and focus it. */
  focusCard(id: string): Promise<void> {
    return this.cardFocus.focusCard(id);
  }

  private exportCsv(): void {
    const name = ['pipeline', this.partnerId && this.store.partnersById.get(this.partnerId)?.name, this.today().toISOString().slice(0, 10)].filter(Boolean).join('-');
    downloadCsv(`${name.replace(/[^\w.-]+/g, '_')}.csv`, this.toCsv());
  }

  // ---- rendering --------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const locale = this.localeSettings.locale;
    return html`<div class="wrapper">
      ${this.filters.render()}
      ${
        this.message
          ? html`<div class="message" part="message" data-kind=${this.message.kind} role=${this.message.kind === 'error' ? 'alert' : 'status'}>
              <span>${this.message.text}</span>
              <button @click=${() => this.showMessage(undefined)}>${msg('Dismiss', { id: 'board.dismiss' })}</button>
            </div>`
          : nothing
      }
      ${this.load.render({
        idle: () => this.renderSkeleton(),
        pending: () => (this.store.received ? this.renderBoard(locale) : this.renderSkeleton()),
        complete: () => this.renderBoard(locale),
      })}
      <p id="keyboard-help" class="visually-hidden">
        ${
          this.locked
            ? msg('Arrow keys move between cards. The board is read-only.', { id: 'board.help.read-only' })
            : msg('Arrow keys move between cards. Space or Enter picks a card up; Left and Right arrows choose a stage; Space or Enter drops it; Escape cancels.', { id: 'board.help' })
        }
      </p>
      ${this.menu.render()} ${this.pointer.target ? html`<div class="ghost" aria-hidden="true">${this.cardName(this.pointer.target.id)}</div>` : nothing}
      ${renderReasonPrompt(this.moves.reasonRequest)}
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`${renderLoading(msg('Loading the pipeline…', { id: 'board.loading' }))}
      <div class="board" aria-hidden="true">${this.stages.map((_, i) => html`<div class="column ${i === 0 ? 'shown' : ''}"><div class="skeleton" style="height:4rem;margin:.5rem"></div></div>`)}</div>`;
  }

  /** The column a narrow board shows: the lifted card's, else the one chosen, else the tab stop's, else the first. */
  private shownStage(): Stage | undefined {
    const lifted = this.keyboard.lifted?.from ?? this.pointer.target?.from;
    const chosen = this.narrowStage && this.stages.some((s) => s.id === this.narrowStage) ? this.narrowStage : undefined;
    const active = this.keyboard.activeId ? this.store.get(this.keyboard.activeId)?.stage : undefined;
    return lifted ?? chosen ?? active ?? this.stages[0]?.id;
  }

  /** The stage switcher chose a column: it shows, and its first card takes the board's tab stop. */
  private switchStage(stage: Stage): void {
    this.narrowStage = stage;
    const first = this.store.column(stage)[0];
    if (first) this.keyboard.activeId = first.id;
    this.requestUpdate();
  }

  private renderBoard(locale: string): TemplateResult {
    const total = this.store.total;
    const summary = renderSummary({
      total,
      locale,
      partial: !this.store.allReceived,
      readOnly: this.locked,
      review: this.review,
      toggleReview: () => (this.review = !this.review),
      exportCsv: () => this.exportCsv(),
    });
    if (total === 0 && this.store.allReceived) {
      const filtered = this.filters.active;
      const text = filtered ? msg('No referrals match these filters.', { id: 'board.empty.filtered' }) : msg('No referrals yet.', { id: 'board.empty' });
      return html`${summary}${renderEmpty(text, filtered ? this.filters.renderClear() : undefined)}`;
    }
    const now = this.today();
    const dropTarget = this.keyboard.lifted ?? this.pointer.target;
    const shownStage = this.shownStage();
    const review = this.review
      ? this.reviewPanel.render({
          columns: this.store.columns,
          stages: this.stages,
          reviewSince: this.reviewSince,
          staleDays: this.staleDays,
          now,
          locale,
          badgesFor: (r) => this.badgesFor(r, now),
        })
      : nothing;
    const switcher = renderStageSwitcher(this.store, { stages: this.stages, locale, shownStage, dropTarget, show: (stage) => this.switchStage(stage) });
    return html`${summary} ${review} ${switcher}
      <div
        class="board"
        part="board"
        role="group"
        aria-label=${msg('Pipeline', { id: 'board.label' })}
        @keydown=${this.cardEvents.keydown}
        @focusin=${this.cardEvents.focusIn}
        @focusout=${this.cardEvents.focusOut}
        @click=${this.cardEvents.click}
        @pointerdown=${this.cardEvents.pointerDown}
      >
        ${this.columns.render(this.stages, {
          locale,
          now,
          since: this.review ? reviewDate(this.reviewSince, now) : undefined,
          showPartner: !this.partnerId,
          readOnly: this.locked,
          staleDays: this.staleDays,
          expireDays: this.expireDays,
          badgesFor: (r) => this.badgesFor(r, now),
          dropTarget,
          liftedId: this.keyboard.lifted?.id,
          draggedId: this.pointer.target?.id,
          activeId: this.keyboard.activeId,
          menuId: this.menu.menu?.id,
          saving: this.moves.saving,
          shownStage,
        })}
      </div>`;
  }
}
