import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { stageLabel } from '../base/messages.js';
import type { Referral } from '../../src/domain/referral.js';
import type { Stage, StageDefinition } from '../../src/domain/stages.js';

/** An open "Move to…" menu: the card it belongs to and where it shows (relative to the board's wrapper). */
export interface MoveMenu {
  id: string;
  top: number;
  left: number;
}

/** Where focus goes when the menu closes: the card's "Move to…" button, the card itself, or nowhere (focus has left). */
export type MenuFocusReturn = 'button' | 'card' | false;

export interface MoveMenuActions {
  choose(stage: Stage): void;
  close(returnFocus: MenuFocusReturn): void;
}

/** Where a menu opens: just below its button. */
export function menuBelow(id: string, button: HTMLElement, wrapper: Element): MoveMenu {
  const origin = wrapper.getBoundingClientRect();
  const rect = button.getBoundingClientRect();
  return { id, top: rect.bottom - origin.top + 2, left: rect.left - origin.left };
}

/**
 * Arrow keys, Home and End move between the items (wrapping); Escape closes back onto the button;
 * Tab and Shift+Tab close it back onto the card (the WAI-ARIA menu pattern: the menu is one stop, and
 * leaving it returns to where it was opened, not to wherever the menu sits in the page).
 */
function onKeydown(event: KeyboardEvent, actions: MoveMenuActions): void {
  const menu = event.currentTarget as HTMLElement;
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf((menu.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement);
  const go = (i: number) => items[(i + items.length) % items.length]?.focus();
  switch (event.key) {
    case 'ArrowDown':
      go(at + 1);
      break;
    case 'ArrowUp':
      go(at - 1);
      break;
    case 'Home':
      go(0);
      break;
    case 'End':
      go(items.length - 1);
      break;
    case 'Escape':
      actions.close('button');
      break;
    case 'Tab':
      actions.close('card');
      break;
    default:
      return;
  }
  event.preventDefault();
  event.stopPropagation();
}

/**
 * The "Move to…" menu of a card: every shown stage but the card's own, by name (the single-pointer
 * alternative to dragging, WCAG 2.2 SC 2.5.7). Leaving it closes it.
 */
export function renderMoveMenu(menu: MoveMenu, referral: Referral, stages: readonly StageDefinition[], actions: MoveMenuActions): TemplateResult {
  return html`<div
    class="menu"
    part="menu"
    role="menu"
    id="move-menu"
    aria-label=${msg(str`Move ${referral.prospect.company} to`, { id: 'board.menu.label' })}
    style="top:${menu.top}px;left:${menu.left}px"
    @keydown=${(e: KeyboardEvent) => onKeydown(e, actions)}
    @focusout=${(e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (!next || !(e.currentTarget as HTMLElement).contains(next)) actions.close(false);
    }}
  >
    ${stages
      .filter((s) => s.id !== referral.stage)
      .map((s) => html`<button role="menuitem" tabindex="-1" data-stage=${s.id} @click=${() => actions.choose(s.id)}>${stageLabel(s.id, s.label)}</button>`)}
  </div>`;
}

/** What the menu needs from the board. */
export interface MoveMenuHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly stages: readonly StageDefinition[];
  referral(id: string): Referral | undefined;
  requestMove(id: string, to: Stage): Promise<void>;
}

/** The open "Move to…" menu of the board (one at a time), where it shows, and where focus goes after it. */
export class MoveMenuController implements ReactiveController {
  menu: MoveMenu | undefined;

  constructor(private readonly host: MoveMenuHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** A card's "Move to…" button was pressed: open its menu, or close it when it is open. */
  toggle(id: string, button: HTMLElement): void {
    if (this.menu?.id === id) {
      this.actions.close(false);
      return;
    }
    const root = this.host.renderRoot;
    this.set(menuBelow(id, button, root.querySelector('.wrapper')!));
    void this.host.updateComplete.then(() => root.querySelector<HTMLElement>('.menu [role="menuitem"]')?.focus());
  }

  private set(menu: MoveMenu | undefined): void {
    this.menu = menu;
    this.host.requestUpdate();
  }

  private card(id: string): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
  }

  readonly actions: MoveMenuActions = {
    choose: (stage) => {
      const id = this.menu?.id;
      // Focus goes to the card before the menu goes away, so it is never left on <body>.
      if (id) this.card(id)?.focus();
      this.set(undefined);
      if (id) void this.host.requestMove(id, stage);
    },
    close: (returnFocus) => {
      const id = this.menu?.id;
      if (!id) return;
      this.set(undefined);
      if (returnFocus === 'card') this.card(id)?.focus();
      else if (returnFocus === 'button') {
        void this.host.updateComplete.then(() => {
          const card = this.card(id);
          (card?.querySelector<HTMLElement>('.move') ?? card)?.focus();
        });
      }
    },
  };

  render(): TemplateResult | typeof nothing {
    const referral = this.menu && this.host.referral(this.menu.id);
    return this.menu && referral ? renderMoveMenu(this.menu, referral, this.host.stages, this.actions) : nothing;
  }
}
