import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { Stage } from '../../src/domain/stages.js';
import { plural, stageLabel } from '../base/messages.js';

/**
 * One column as the keyboard sees it: its stage, its label and its cards in order (the board's own
 * column array, not a copy: building id lists on every page of a large board cost O(N) each time).
 */
export interface KeyboardColumn {
  stage: Stage;
  label: string;
  cards: readonly { readonly id: string }[];
}

/** What the board offers the keyboard controller. */
export interface KeyboardBoardHost extends ReactiveControllerHost {
  readonly keyboardColumns: readonly KeyboardColumn[];
  /** Where a card is: index into `keyboardColumns` and position in that column (the host finds it without a scan). */
  locateCard(id: string): { column: number; index: number } | undefined;
  readonly readOnly: boolean;
  /** Scroll the card into view in its virtualized column, then focus it. */
  focusCard(id: string): Promise<void>;
  /** Start a move (the host asks, saves and announces). */
  requestMove(id: string, to: Stage): Promise<void>;
  announce(text: string): void;
  cardName(id: string): string;
  /** Scroll the board so that a column is in view. */
  revealColumn(stage: Stage): void;
  /** The reading direction: in `rtl` the columns run right to left, and so do Left and Right. */
  readonly direction?: 'ltr' | 'rtl';
}

/** A card picked up with the keyboard: the stage it came from and the column it would drop into. */
export interface LiftedCard {
  id: string;
  from: Stage;
  target: Stage;
}

/**
 * The board's keyboard model, a grid with one roving tab stop:
 * - arrows move focus within a column (Up/Down) and across columns (Left/Right, skipping empty ones);
 *   Home/End go to the first/last card of the column, Ctrl+Home/End to the first/last of the board;
 * - Space or Enter lifts the focused card; Left/Right then choose the target column; Space or Enter
 *   drops it there; Escape (or leaving the card) cancels.
 * In a right-to-left page Left and Right follow the reading direction (Left goes to the next column).
 * No aria-grabbed: every step is announced through the host's live region.
 */
export class KeyboardBoardController implements ReactiveController {
  /** The card that holds the board's single tab stop. */
  activeId: string | undefined;
  lifted: LiftedCard | undefined;

  constructor(private readonly host: KeyboardBoardHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Keep the tab stop on a card that exists; fall back to the first card of the board. */
  hostUpdate(): void {
    const columns = this.host.keyboardColumns;
    // A lifted card that left the board (filters changed, reloaded) is put down.
    if (this.lifted && !this.locate(this.lifted.id)) this.lifted = undefined;
    if (this.activeId && this.locate(this.activeId)) return;
    this.activeId = columns.find((c) => c.cards.length > 0)?.cards[0]?.id;
  }

  /** Where a card is: column index and position, or undefined. */
  locate(id: string): { column: number; index: number } | undefined {
    return this.host.locateCard(id);
  }

  /** A card got focus (pointer or keyboard): it takes the tab stop. */
  focused(id: string): void {
    if (this.activeId !== id) {
      this.activeId = id;
      this.host.requestUpdate();
    }
  }

  /** Focus left the card: a lifted card is put back. */
  blurred(id: string): void {
    if (this.lifted?.id === id) this.cancel();
  }

  cancel(): void {
    const lifted = this.lifted;
    if (!lifted) return;
    this.lifted = undefined;
    const column = this.host.keyboardColumns.find((c) => c.stage === lifted.from);
    this.host.announce(msg(str`Move canceled. ${this.host.cardName(lifted.id)} stays in ${stageLabel(lifted.from, column?.label)}.`, { id: 'board.announce.cancel' }));
    this.host.requestUpdate();
  }

  handleKeydown(event: KeyboardEvent, id: string): void {
    if (event.altKey || event.metaKey) return;
    // Arrows follow the reading direction: in right-to-left the next column is to the left.
    const mirrored = { ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' } as Record<string, string>;
    const key = this.host.direction === 'rtl' ? (mirrored[event.key] ?? event.key) : event.key;
    const handled = this.lifted ? this.liftedKey(key, id) : this.browseKey(event, key, id);
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  private browseKey(event: KeyboardEvent, key: string, id: string): boolean {
    const columns = this.host.keyboardColumns;
    const here = this.locate(id);
    if (!here) return false;
    const column = columns[here.column]!;
    let target: string | undefined;
    switch (key) {
      case 'ArrowDown':
        target = column.cards[Math.min(here.index + 1, column.cards.length - 1)]?.id;
        break;
      case 'ArrowUp':
        target = column.cards[Math.max(here.index - 1, 0)]?.id;
        break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const step = key === 'ArrowRight' ? 1 : -1;
        for (let c = here.column + step; c >= 0 && c < columns.length; c += step) {
          const cards = columns[c]!.cards;
          if (cards.length) {
            target = cards[Math.min(here.index, cards.length - 1)]?.id;
            break;
          }
        }
        break;
      }
      case 'Home':
        target = event.ctrlKey ? columns.find((c) => c.cards.length)?.cards[0]?.id : column.cards[0]?.id;
        break;
      case 'End':
        if (event.ctrlKey) {
          const last = [...columns].reverse().find((c) => c.cards.length);
          target = last?.cards[last.cards.length - 1]?.id;
        } else target = column.cards[column.cards.length - 1]?.id;
        break;
      case ' ':
      case 'Enter':
        if (this.host.readOnly) {
          this.host.announce(msg('The board is read-only for you.', { id: 'board.announce.read-only' }));
          return true;
        }
        this.lifted = { id, from: column.stage, target: column.stage };
        this.host.announce(
          msg(str`${this.host.cardName(id)} picked up from ${stageLabel(column.stage, column.label)}. Use Left and Right arrows to choose a stage, Space or Enter to drop, Escape to cancel.`, {
            id: 'board.announce.lifted',
          }),
        );
        this.host.requestUpdate();
        return true;
      default:
        return false;
    }
    if (target !== undefined && target !== id) {
      this.activeId = target;
      this.host.requestUpdate();
      void this.host.focusCard(target);
    }
    return true;
  }

  private liftedKey(key: string, id: string): boolean {
    const lifted = this.lifted!;
    const columns = this.host.keyboardColumns;
    const at = columns.findIndex((c) => c.stage === lifted.target);
    switch (key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const nextAt = at + (key === 'ArrowRight' ? 1 : -1);
        const next = columns[nextAt];
        if (next) {
          this.lifted = { ...lifted, target: next.stage };
          this.host.revealColumn(next.stage);
          // Cards there besides the lifted one.
          const count = next.cards.length - (this.locate(id)?.column === nextAt ? 1 : 0);
          const label = stageLabel(next.stage, next.label);
          this.host.announce(
            next.stage === lifted.from
              ? plural(count, {
                  zero: () => msg(str`${label}, ${count} cards, where it is now.`, { id: 'board.announce.target-here.zero' }),
                  one: () => msg(str`${label}, ${count} card, where it is now.`, { id: 'board.announce.target-here.one' }),
                  two: () => msg(str`${label}, ${count} cards, where it is now.`, { id: 'board.announce.target-here.two' }),
                  few: () => msg(str`${label}, ${count} cards, where it is now.`, { id: 'board.announce.target-here.few' }),
                  many: () => msg(str`${label}, ${count} cards, where it is now.`, { id: 'board.announce.target-here.many' }),
                  other: () => msg(str`${label}, ${count} cards, where it is now.`, { id: 'board.announce.target-here.other' }),
                })
              : plural(count, {
                  zero: () => msg(str`${label}, ${count} cards.`, { id: 'board.announce.target.zero' }),
                  one: () => msg(str`${label}, ${count} card.`, { id: 'board.announce.target.one' }),
                  two: () => msg(str`${label}, ${count} cards.`, { id: 'board.announce.target.two' }),
                  few: () => msg(str`${label}, ${count} cards.`, { id: 'board.announce.target.few' }),
                  many: () => msg(str`${label}, ${count} cards.`, { id: 'board.announce.target.many' }),
                  other: () => msg(str`${label}, ${count} cards.`, { id: 'board.announce.target.other' }),
                }),
          );
          this.host.requestUpdate();
        }
        return true;
      }
      case 'ArrowUp':
      case 'ArrowDown':
      case 'Home':
      case 'End':
        return true;
      case ' ':
      case 'Enter':
        this.lifted = undefined;
        this.host.requestUpdate();
        if (lifted.target === lifted.from) {
          const label = stageLabel(lifted.from, columns[at]?.label);
          this.host.announce(msg(str`${this.host.cardName(id)} dropped back in ${label}.`, { id: 'board.announce.dropped-back' }));
        } else void this.host.requestMove(id, lifted.target);
        return true;
      case 'Escape':
        this.cancel();
        return true;
      case 'Tab':
        this.cancel();
        return false;
      default:
        return false;
    }
  }
}
