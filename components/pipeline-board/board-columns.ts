import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Referral } from '../../src/domain/referral.js';
import type { Stage, StageDefinition } from '../../src/domain/stages.js';
import { formatMoney, formatNumber } from '../../src/format.js';
import { currentLanguage } from '../base/localize.js';
import { plural, stageLabel } from '../base/messages.js';
import { reviewMark, type AgeingBadge } from './board-model.js';
import type { BoardStore } from './board-store.js';
import { renderCard } from './card.js';
// Given explicitly: the virtualizer's default layout is a dynamic import, one more round trip before the first cards.
import { CARD_LAYOUT } from './card-layout.js';

/** What the columns show, as of this render. */
export interface ColumnsView {
  locale: string;
  now: Date;
  /** In review mode: the review date. */
  since: string | undefined;
  showPartner: boolean;
  readOnly: boolean;
  staleDays: number;
  expireDays: number;
  badgesFor: (referral: Referral) => AgeingBadge[];
  /** The card lifted with the keyboard, or else dragged: where it came from and the column it would go to. */
  dropTarget: { from: Stage; target: Stage } | undefined;
  /** The card lifted with the keyboard, and the card dragged with the pointer. */
  liftedId: string | undefined;
  draggedId: string | undefined;
  /** The card with the board's tab stop. */
  activeId: string | undefined;
  /** The card whose "Move to…" menu is open. */
  menuId: string | undefined;
  saving: ReadonlySet<string>;
  /** The one column a narrow board shows (the others are hidden below the narrow container width). */
  shownStage: Stage | undefined;
}

/** A card's key in its virtualizer (one function for every render, so it is not a change). */
const cardKey = (r: Referral | undefined): string | undefined => r?.id;

/** The stage columns: header (name, count, totals per currency, drop hint) and a virtualized list of cards. */
export class BoardColumns {
  private readonly cardRenderers = new Map<
    Stage,
    {
      deps: unknown[];
      render: (r: Referral | undefined, index: number) => unknown;
    }
  >();

  constructor(private readonly store: BoardStore) {}

  render(stages: readonly StageDefinition[], view: ColumnsView): TemplateResult[] {
    return stages.map((stage) => this.renderColumn(stage, view));
  }

  private renderColumn(stage: StageDefinition, view: ColumnsView): TemplateResult {
    const { locale } = view;
    const column = this.store.column(stage.id);
    const isTarget = view.dropTarget?.target === stage.id && view.dropTarget.target !== view.dropTarget.from;
    const headingId = `h-${stage.id}`;
    // tabindex -1: the column holds focus while a card that had it moves in (see the board's followCard).
    const shown = view.shownStage === stage.id ? 'shown' : '';
    return html`<div class="column ${isTarget ? 'drop-target' : ''} ${shown}" part="column" data-stage=${stage.id} role="group" aria-labelledby=${headingId} tabindex="-1">
      <div class="column-header" part="column-header">
        <h3 id=${headingId}>
          <span class="label">${stageLabel(stage.id, stage.label)}</span>
          <span class="count" data-count=${column.length}>${formatNumber(column.length, locale)}</span>
        </h3>
        <ul class="totals" aria-label=${msg('Estimated ARR', { id: 'board.column.arr' })}>
          ${this.store.totalsOf(column).map((m) => html`<li data-currency=${m.currency}>${formatMoney(m, locale)}</li>`)}
        </ul>
        ${isTarget ? html`<div class="drop-hint" part="drop-indicator">${msg(str`Drop to move to ${stageLabel(stage.id, stage.label)}`, { id: 'board.drop-hint' })}</div>` : nothing}
      </div>
      ${
        column.length === 0
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
              .renderItem=${this.cardRenderer(stage.id, column, view)}
            ></lit-virtualizer>`
      }
    </div>`;
  }

  /**
   * The `renderItem` of a column's virtualizer. A new function makes the virtualizer re-render every
   * card it shows, so the same function is handed back while nothing its cards show has changed
   * (the column, the board's settings, and the tab stop, lifted, saving and menu state of this
   * column's cards): a move, an announcement or a page for other columns leaves the other columns' cards alone.
   */
  private cardRenderer(stage: Stage, column: readonly Referral[], view: ColumnsView): (r: Referral | undefined, index: number) => unknown {
    const here = (id: string | undefined): string | undefined => (id !== undefined && this.store.get(id)?.stage === stage ? id : undefined);
    const liftedId = here(view.liftedId);
    const draggedId = here(view.draggedId);
    const activeId = here(view.activeId);
    const menuId = here(view.menuId);
    const saving = [...view.saving].filter((id) => here(id) !== undefined).join(' ');
    const { showPartner, readOnly, locale, now, since, badgesFor } = view;
    const partners = this.store.partnersById;
    const deps = [column, showPartner, readOnly, locale, currentLanguage(), now.getTime(), since, partners, view.staleDays, view.expireDays, liftedId, draggedId, activeId, menuId, saving];
    const cached = this.cardRenderers.get(stage);
    if (cached && cached.deps.length === deps.length && cached.deps.every((d, i) => d === deps[i])) return cached.render;
    const savingNow = view.saving;
    const render = (r: Referral | undefined, index: number): unknown => {
      // The virtualizer may ask for an index past a column that just shrank.
      if (!r) return nothing;
      return renderCard({
        referral: r,
        partnerName: showPartner ? (partners.get(r.partnerId)?.name ?? r.partnerId) : undefined,
        badges: badgesFor(r),
        reviewMark: since ? reviewMark(r, since) : undefined,
        locale,
        now,
        position: index + 1,
        size: column.length,
        tabbable: r.id === activeId,
        lifted: r.id === liftedId || r.id === draggedId,
        saving: savingNow.has(r.id),
        menuOpen: menuId === r.id,
        readOnly,
      });
    };
    this.cardRenderers.set(stage, { deps, render });
    return render;
  }
}

/** What the stage switcher of a narrow board shows. */
export interface SwitcherView {
  stages: readonly StageDefinition[];
  locale: string;
  shownStage: Stage | undefined;
  /** The card lifted with the keyboard (or dragged): the column it would go to, shown while its own column stays in view. */
  dropTarget: { from: Stage; target: Stage } | undefined;
  show: (stage: Stage) => void;
}

/**
 * The stage switcher of a narrow board (below the container width in the styles): one column shows
 * at a time, chosen here; each stage with its count. Hidden by the styles on a wide board.
 */
export function renderStageSwitcher(store: BoardStore, v: SwitcherView): TemplateResult {
  const target = v.dropTarget && v.dropTarget.target !== v.dropTarget.from ? v.stages.find((s) => s.id === v.dropTarget!.target) : undefined;
  return html`<div class="stage-switcher" part="stage-switcher">
    <label
      >${msg('Stage shown', { id: 'board.switcher.label' })}
      <select @change=${(e: Event) => v.show((e.target as HTMLSelectElement).value as Stage)}>
        ${v.stages.map((stage) => {
          const label = stageLabel(stage.id, stage.label);
          const count = formatNumber(store.column(stage.id).length, v.locale);
          return html`<option value=${stage.id} ?selected=${stage.id === v.shownStage}>${msg(str`${label} (${count})`, { id: 'board.switcher.option' })}</option>`;
        })}
      </select>
    </label>
    ${target ? html`<div class="drop-hint" part="drop-indicator">${msg(str`Drop to move to ${stageLabel(target.id, target.label)}`, { id: 'board.drop-hint' })}</div>` : nothing}
  </div>`;
}

/** What the summary line above the board shows. */
export interface SummaryView {
  total: number;
  locale: string;
  /** More pages are on their way. */
  partial: boolean;
  readOnly: boolean;
  review: boolean;
  toggleReview: () => void;
  exportCsv: () => void;
}

/** The line above the columns: how many referrals (so far), read-only, and the review and export buttons. */
export function renderSummary(v: SummaryView): TemplateResult {
  const { total, locale } = v;
  return html`<div class="summary">
    <span role="status"
      >${plural(total, {
        zero: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.zero' }),
        one: () => msg(str`${formatNumber(total, locale)} referral`, { id: 'board.total.one' }),
        two: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.two' }),
        few: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.few' }),
        many: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.many' }),
        other: () => msg(str`${formatNumber(total, locale)} referrals`, { id: 'board.total.other' }),
      })}${v.partial ? msg(' so far, loading more…', { id: 'board.total.partial' }) : ''}${v.readOnly ? msg(' · read-only', { id: 'board.total.read-only' }) : ''}</span
    >
    <span class="actions">
      <button part="review-toggle" aria-pressed=${v.review ? 'true' : 'false'} @click=${v.toggleReview}>${msg('Review mode', { id: 'board.review-mode' })}</button>
      <button part="export-button" @click=${v.exportCsv} ?disabled=${total === 0}>${msg('Export CSV', { id: 'board.export' })}</button>
    </span>
  </div>`;
}
