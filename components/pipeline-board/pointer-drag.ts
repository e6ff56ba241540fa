import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Stage } from '../../src/domain/stages.js';

/** What the board offers the pointer drag controller. */
export interface PointerDragHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly readOnly: boolean;
  /** The card's id and stage when it can be picked up (loaded, not being saved). */
  dragSource(id: string): { id: string; stage: Stage } | undefined;
  requestMove(id: string, to: Stage): Promise<void>;
  focusCard(id: string): Promise<void>;
  /** Say that a move was canceled and where the card stays. */
  announceCancel(id: string): void;
}

/** The card being dragged, the stage it came from and the column under the pointer. */
export interface DropTarget {
  id: string;
  from: Stage;
  target: Stage;
}

interface Drag {
  id: string;
  from: Stage;
  pointerId: number;
  startX: number;
  startY: number;
  dragging: boolean;
  /** The pointer's last x, for the drop target and auto-scroll. */
  x: number;
  scrolling: boolean;
}

/** Pixels the pointer travels before a press becomes a drag (a click stays a click). */
const DRAG_THRESHOLD = 6;

/**
 * Drag and drop with Pointer Events, so mouse, pen and touch behave alike (cards have
 * `touch-action: pan-y`: a sideways swipe drags, an upward one scrolls the column). The column
 * under the pointer is the drop target (the board shows the indicator); near the board's edge the
 * board scrolls; Escape cancels. The board renders `.ghost` while `target` is set.
 */
export class PointerDragController implements ReactiveController {
  /** Set while a card is being dragged. */
  target: DropTarget | undefined;
  private drag: Drag | undefined;
  private suppressClick = false;

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.end();
  }

  /** pointerdown on the board: a card may be picked up. */
  pointerDown(event: PointerEvent, cardId: string | undefined): void {
    if (this.host.readOnly || event.button !== 0 || this.drag || !cardId) return;
    if ((event.target as HTMLElement).closest('button')) return;
    const card = this.host.dragSource(cardId);
    if (!card) return;
    this.drag = {
      id: card.id,
      from: card.stage,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      dragging: false,
      x: event.clientX,
      scrolling: false,
    };
    window.addEventListener('pointermove', this.onPointerMove);
    window.addEventListener('pointerup', this.onPointerUp);
    window.addEventListener('pointercancel', this.onPointerCancel);
    window.addEventListener('keydown', this.onKeydown, true);
  }

  /** The click that ends a drag is not a click on the card. Returns true when it was swallowed. */
  swallowClick(event: Event): boolean {
    if (!this.suppressClick) return false;
    this.suppressClick = false;
    event.stopPropagation();
    return true;
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    if (!drag.dragging) {
      if (Math.hypot(event.clientX - drag.startX, event.clientY - drag.startY) < DRAG_THRESHOLD) return;
      drag.dragging = true;
      this.setTarget({ id: drag.id, from: drag.from, target: drag.from });
    }
    event.preventDefault();
    drag.x = event.clientX;
    const ghost = this.host.renderRoot.querySelector<HTMLElement>('.ghost');
    if (ghost) ghost.style.transform = `translate(${event.clientX + 8}px, ${event.clientY + 8}px)`;
    this.updateTarget();
    this.autoScroll();
  };

  private setTarget(target: DropTarget | undefined): void {
    this.target = target;
    this.host.requestUpdate();
  }

  /** The column under the pointer becomes the drop target. */
  private updateTarget(): void {
    const drag = this.drag;
    if (!drag?.dragging) return;
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.column')) {
      const rect = el.getBoundingClientRect();
      if (drag.x >= rect.left && drag.x <= rect.right) {
        const over = el.dataset.stage as Stage;
        if (over !== this.target?.target) this.setTarget({ id: drag.id, from: drag.from, target: over });
        return;
      }
    }
  }

  /** Near the board's left or right edge, a drag scrolls the board, frame by frame, while it stays there. */
  private autoScroll(): void {
    const drag = this.drag;
    const board = this.host.renderRoot.querySelector<HTMLElement>('.board');
    if (!drag?.dragging || !board || drag.scrolling) return;
    const rect = board.getBoundingClientRect();
    const edge = Math.min(48, rect.width / 6);
    const step = drag.x < rect.left + edge ? -12 : drag.x > rect.right - edge ? 12 : 0;
    if (!step) return;
    const before = board.scrollLeft;
    board.scrollLeft += step;
    if (board.scrollLeft === before) return;
    drag.scrolling = true;
    requestAnimationFrame(() => {
      drag.scrolling = false;
      if (this.drag !== drag) return;
      this.updateTarget();
      this.autoScroll();
    });
  }

  private readonly onPointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointerId) return;
    const target = this.target?.target;
    this.end();
    if (!drag.dragging) return;
    this.suppressClick = true;
    setTimeout(() => (this.suppressClick = false), 0);
    if (target && target !== drag.from) void this.host.requestMove(drag.id, target);
    else void this.host.focusCard(drag.id);
  };

  private readonly onPointerCancel = (): void => this.end();

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.drag?.dragging) return;
    event.preventDefault();
    event.stopPropagation();
    const id = this.drag.id;
    this.end();
    this.host.announceCancel(id);
  };

  private end(): void {
    const wasDragging = this.target !== undefined;
    this.drag = undefined;
    if (wasDragging) this.setTarget(undefined);
    window.removeEventListener('pointermove', this.onPointerMove);
    window.removeEventListener('pointerup', this.onPointerUp);
    window.removeEventListener('pointercancel', this.onPointerCancel);
    window.removeEventListener('keydown', this.onKeydown, true);
  }
}
