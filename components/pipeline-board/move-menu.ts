import { html, type TemplateResult } from 'lit';
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

export interface MoveMenuActions {
  choose(stage: Stage): void;
  /** Close the menu; with `returnFocus`, focus goes back to the card's "Move to…" button. */
  close(returnFocus: boolean): void;
}

/** Where a menu opens: just below its button. */
export function menuBelow(id: string, button: HTMLElement, wrapper: Element): MoveMenu {
  const origin = wrapper.getBoundingClientRect();
  const rect = button.getBoundingClientRect();
  return { id, top: rect.bottom - origin.top + 2, left: rect.left - origin.left };
}

/** Arrow keys, Home and End move between the items (wrapping); Escape closes back onto the button; Tab closes. */
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
      actions.close(true);
      break;
    case 'Tab':
      actions.close(false);
      return;
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
