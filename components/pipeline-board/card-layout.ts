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
 * - it lays out once every column has measured its viewport (see reflowIfNeeded).
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
