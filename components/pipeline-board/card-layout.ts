import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** A card's height with its gap at the default tokens (px): the estimate before any card is measured. */
const ESTIMATED_CARD_SIZE = 127;

/** Cards kept rendered above and below a column's visible part once it has painted (the virtualizer's default). */
const OVERHANG = 1000;

/**
 * The flow layout of a column's cards, with three changes (the first two only affect the first frame):
 * - before any card is measured it estimates a card's real height (not the flow layout's 100 px), so
 *   the cards it renders first are the ones that end up visible;
 * - its first layout renders only the visible cards (no overhang). Once that frame has painted, it
 *   widens to the usual overhang and renders the cards above and below, ready for scrolling;
 * - it lays out once every column has measured its viewport (see reflowIfNeeded);
 * - a column outside the window (below the fold, or scrolled past) still renders the card at its
 *   scroll position (see _getActiveItems).
 * Eight columns each rendering a screen and a half of cards, each after a forced layout, before the
 * first paint was most of the board's fixed first-render cost.
 */
export class CardLayout extends FlowLayout {
  private widening = false;
  private reflowQueued = false;

  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._itemSize = { width: ESTIMATED_CARD_SIZE, height: ESTIMATED_CARD_SIZE };
    this._overhang = 0;
  }

  /**
   * A layout waits one microtask. The columns' virtualizers update together (on the first render,
   * on each page of referrals), and each reads its viewport (a forced layout) right before laying
   * out its cards. Deferred, every column reads first and then every column writes its cards, so the
   * page lays out once instead of once per column.
   */
  override reflowIfNeeded(force = false): void {
    if (this.reflowQueued) return;
    this.reflowQueued = true;
    queueMicrotask(() => {
      this.reflowQueued = false;
      super.reflowIfNeeded(force);
    });
  }

  /**
   * The virtualizer clips a column's viewport to the window, so a column entirely outside it (the
   * review panel pushes the board below the fold, say) has an empty viewport, and the flow layout
   * then renders no card at all. Such a column would be a scroller with nothing focusable in it (its
   * tabindex is -1: the board keeps one tab stop), and the card holding the board's tab stop would
   * not exist to be tabbed to. Instead it renders the one card at the column's scroll position (the
   * first card until the column is scrolled): one card, no overhang, whatever the widening state.
   */
  override _getActiveItems(): void {
    if (this._viewDim1 > 0 || this.items.length === 0) {
      super._getActiveItems();
      return;
    }
    const overhang = this._overhang;
    this._overhang = 0;
    // Scrolled past the top of the window, the clipped position can run past the column's end.
    this._scrollPosition = Math.max(0, Math.min(this._scrollPosition, this._scrollSize - 1));
    try {
      this._getItems();
    } finally {
      this._overhang = overhang;
    }
  }

  override _reflow(): void {
    super._reflow();
    if (this._overhang < OVERHANG && !this.widening) {
      this.widening = true;
      // After the frame with the visible cards has been produced.
      requestAnimationFrame(() =>
        setTimeout(() => {
          this._overhang = OVERHANG;
          this._triggerReflow();
        }, 0),
      );
    }
  }
}

/** The `layout` of every column's virtualizer. */
export const CARD_LAYOUT = { type: CardLayout, direction: 'vertical' } as const;
