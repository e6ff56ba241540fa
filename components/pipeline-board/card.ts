import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { plural } from '../base/messages.js';
import type { Referral } from '../../src/domain/referral.js';
import { daysSince } from '../../src/domain/ageing.js';
import { formatMoney } from '../../src/format.js';
import { ageingLabel, reviewLabel, type AgeingBadge, type ReviewMark } from './board-model.js';

/** Everything one card needs to render. The board delegates events, so a card carries no closures. */
export interface CardView {
  referral: Referral;
  /** Shown when the board is not filtered to one partner. */
  partnerName: string | undefined;
  badges: readonly AgeingBadge[];
  /** In review mode: what changed since the review date. */
  reviewMark: ReviewMark | undefined;
  locale: string;
  now: Date;
  /** 1-based position and column size (the column is virtualized, so these go to aria-posinset/-setsize). */
  position: number;
  size: number;
  /** This card holds the board's single tab stop. */
  tabbable: boolean;
  lifted: boolean;
  saving: boolean;
  readOnly: boolean;
  /** Its "Move to…" menu is open. */
  menuOpen: boolean;
}

/** A card: prospect, partner, seller, estimated ARR, days in stage, ageing badges and the "Move to…" button. */
export function renderCard(v: CardView): TemplateResult {
  const r = v.referral;
  const days = daysSince(r.stageChangedAt, v.now);
  return html`<div
    class="card ${v.readOnly ? 'read-only' : ''} ${v.lifted ? 'lifted' : ''} ${v.saving ? 'saving' : ''} ${v.reviewMark ? `review-${v.reviewMark}` : ''}"
    part="card${v.lifted ? ' card-lifted' : ''}"
    role="listitem"
    data-id=${r.id}
    tabindex=${v.tabbable ? 0 : -1}
    aria-posinset=${v.position}
    aria-setsize=${v.size}
    aria-describedby="keyboard-help"
    aria-busy=${v.saving ? 'true' : 'false'}
  >
    <div class="prospect">${r.prospect.company}</div>
    ${v.partnerName === undefined ? nothing : html`<div class="partner">${v.partnerName}</div>`}
    <div class="seller">${msg(str`Referred by ${r.seller.name}`, { id: 'board.card.seller' })}</div>
    <div class="figures">
      <span class="arr">${formatMoney(r.estimatedArr, v.locale)}</span>
      <span class="days"
        >${plural(days, {
          zero: () => msg(str`${days} days in stage`, { id: 'board.card.days.zero' }),
          one: () => msg(str`${days} day in stage`, { id: 'board.card.days.one' }),
          two: () => msg(str`${days} days in stage`, { id: 'board.card.days.two' }),
          few: () => msg(str`${days} days in stage`, { id: 'board.card.days.few' }),
          many: () => msg(str`${days} days in stage`, { id: 'board.card.days.many' }),
          other: () => msg(str`${days} days in stage`, { id: 'board.card.days.other' }),
        })}</span
      >
    </div>
    ${v.badges.length || v.reviewMark
      ? html`<div class="badges">
          ${v.reviewMark
            ? html`<span class="badge review" part="badge badge-review-${v.reviewMark}" data-review=${v.reviewMark}>${reviewLabel(v.reviewMark)}</span>`
            : nothing}
          ${v.badges.map((b) => html`<span class="badge" part="badge badge-${b}" data-badge=${b}>${ageingLabel(b)}</span>`)}
        </div>`
      : nothing}
    ${v.readOnly
      ? nothing
      : html`<button class="move" part="move-button" data-action="move-menu" tabindex=${v.tabbable ? 0 : -1} aria-haspopup="menu" aria-expanded=${v.menuOpen ? 'true' : 'false'} aria-controls=${v.menuOpen ? 'move-menu' : nothing} ?disabled=${v.saving}>
          ${msg('Move to…', { id: 'board.card.move' })}<span class="visually-hidden"> (${r.prospect.company})</span>
        </button>`}
  </div>`;
}
