import type { CrmChange } from '../../src/adapters/adapter.js';
import type { BoardStore } from './board-store.js';
import type { KeyboardBoardController } from './keyboard-board.js';
import type { MoveMenuController } from './move-menu.js';
import type { MoveWorkflow } from './move-workflow.js';
import type { PointerDragController } from './pointer-drag.js';

/** What the card events reach: the board's shadow root and the parts that act on a card. */
export interface BoardEventParts {
  readonly renderRoot: Node;
  readonly keyboard: KeyboardBoardController;
  readonly pointer: PointerDragController;
  readonly menu: MoveMenuController;
}

/**
 * The board's events, delegated from the cards: one listener per kind on the row of columns, which
 * finds the card an event came from and hands it to the keyboard, the pointer or the "Move to…" menu.
 */
export class BoardCardEvents {
  constructor(private readonly parts: BoardEventParts) {}

  /** The card an event came from (across the virtualizers), if any. */
  cardOf(event: Event): HTMLElement | undefined {
    for (const node of event.composedPath()) {
      if (node instanceof HTMLElement && node.classList.contains('card')) return node;
      if (node === this.parts.renderRoot) break;
    }
    return undefined;
  }

  readonly keydown = (event: KeyboardEvent): void => {
    const card = this.cardOf(event);
    if (!card || event.target !== card) return;
    this.parts.keyboard.handleKeydown(event, card.dataset.id!);
  };

  readonly focusIn = (event: FocusEvent): void => {
    const card = this.cardOf(event);
    if (card) this.parts.keyboard.focused(card.dataset.id!);
  };

  readonly focusOut = (event: FocusEvent): void => {
    const card = this.cardOf(event);
    const next = event.relatedTarget as Node | null;
    if (card && !(next && card.contains(next))) this.parts.keyboard.blurred(card.dataset.id!);
  };

  readonly click = (event: MouseEvent): void => {
    if (this.parts.pointer.swallowClick(event)) return;
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action="move-menu"]');
    const card = this.cardOf(event);
    if (button && card) this.parts.menu.toggle(card.dataset.id!, button);
  };

  readonly pointerDown = (event: PointerEvent): void => {
    this.parts.pointer.pointerDown(event, this.cardOf(event)?.dataset.id);
  };
}

/**
 * How the board follows a live change (given to the shared `LiveChanges` controller): a reset loads
 * everything again; a moved referral that is on the board, and not being saved here, takes its new place.
 */
export function followChange(change: CrmChange, board: { store: BoardStore; moves: MoveWorkflow; reload(): void }): void {
  if (change.type === 'reset') board.reload();
  else if (change.type === 'referral-updated' && board.store.has(change.referral.id) && !board.moves.saving.has(change.referral.id)) {
    board.store.place(change.referral);
  }
}

/** `base` with a read-only property per getter, read each time (the parts see the board's current state). */
export function withGetters<T extends object, G extends Record<string, () => unknown>>(base: T, getters: G): T & { readonly [K in keyof G]: ReturnType<G[K]> } {
  for (const [name, get] of Object.entries(getters)) Object.defineProperty(base, name, { get, enumerable: true });
  return base as T & { readonly [K in keyof G]: ReturnType<G[K]> };
}
