import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import type { Stage } from '../../src/domain/stages.js';
import type { BoardStore } from './board-store.js';

/** What focus needs from the board. */
export interface BoardFocusHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  readonly store: BoardStore;
  /** Give a card the board's single tab stop. */
  makeTabStop(id: string): void;
  /** A narrow board shows one column at a time: show this one. */
  showColumn(stage: Stage): void;
}

/**
 * Where focus goes on the board: onto a card in its virtualized column (scrolled in first), and with
 * a card while it changes column, so that focus is never left on <body>.
 */
export class BoardFocus {
  /** The card whose column holds focus until the card is rendered there (see followCard). */
  private following: string | undefined;

  constructor(private readonly host: BoardFocusHost) {}

  /** Scroll a card into view (its column, then within its virtualized list) and focus it. */
  async focusCard(id: string): Promise<void> {
    const { host } = this;
    await host.updateComplete;
    const referral = host.store.get(id);
    const position = host.store.positionOf(id);
    if (!referral || !position || position.index < 0) return;
    const virtualizer = host.renderRoot.querySelector<LitVirtualizer>(`lit-virtualizer[data-stage="${referral.stage}"]`);
    if (!virtualizer) return;
    // A column scrolled out of the board's view renders no cards: bring it in first.
    this.revealColumn(referral.stage);
    // A narrow board shows that column first (it was display: none, its cards not focusable).
    await host.updateComplete;
    const find = () => {
      const card = virtualizer.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
      return card?.checkVisibility() ? card : null;
    };
    let card = find();
    // Stop when the card moved on meanwhile (a failed save put it back): a newer call follows it.
    const stillThere = () => virtualizer.isConnected && host.store.get(id)?.stage === referral.stage;
    for (let attempt = 0; !card && attempt < 10 && stillThere(); attempt++) {
      try {
        virtualizer.element(position.index)?.scrollIntoView({ block: 'nearest' });
        await virtualizer.layoutComplete;
      } catch {
        // The virtualizer is not laid out yet (or was just replaced): try again next frame.
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      card = find();
    }
    if (!card) return;
    card.focus();
    if (this.following === id) this.following = undefined;
  }

  /**
   * A card is about to change column (a move, or a move put back): its element in the old column goes
   * away before the new column has laid it out, which would leave focus on <body>. When the card had
   * focus, focus waits on the column the card goes to; then it goes to the card, which also takes the
   * board's tab stop. Call it right after the card is placed, before the board renders.
   */
  followCard(id: string, stage: Stage): Promise<void> {
    this.host.makeTabStop(id);
    if (this.cardHasFocus(id)) {
      this.following = id;
      const column = this.host.renderRoot.querySelector<HTMLElement>(`.column[data-stage="${stage}"]`);
      // A narrow board hides the other columns: focus waits on its stage switcher instead.
      const holder = column?.checkVisibility() ? column : this.host.renderRoot.querySelector<HTMLElement>('[part="stage-switcher"] select');
      holder?.focus({ preventScroll: true });
    }
    return this.focusCard(id);
  }

  /** The card (or a control in it) has focus, or its column holds focus for it, or nothing in the board has focus. */
  cardHasFocus(id: string): boolean {
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    if (!active) return true;
    if (this.following === id && (active.classList.contains('column') || active.closest('[part="stage-switcher"]'))) return true;
    return active instanceof HTMLElement && active.closest('.card')?.getAttribute('data-id') === id;
  }

  /** Scroll the board sideways so that a column is in view (no vertical page scroll). */
  revealColumn(stage: Stage): void {
    this.host.showColumn(stage);
    const root = this.host.renderRoot;
    const board = root.querySelector<HTMLElement>('.board');
    const column = root.querySelector<HTMLElement>(`.column[data-stage="${stage}"]`);
    if (!board || !column) return;
    const boardRect = board.getBoundingClientRect();
    const rect = column.getBoundingClientRect();
    if (rect.left < boardRect.left) board.scrollLeft -= boardRect.left - rect.left;
    else if (rect.right > boardRect.right) board.scrollLeft += rect.right - boardRect.right;
  }
}
