import { css } from 'lit';

/** The board's own styles; tokens come first in `static styles`. Element tokens: --cosell-board-*. */
export const boardStyles = css`
  :host {
    display: block;
    /* The board adapts to its own width (a CRM sidebar, a phone), not the viewport's: see the narrow rules below. */
    container: cosell-board / inline-size;
    --_column-width: var(--cosell-board-column-width, 16rem);
    --_column-height: var(--cosell-board-column-height, 30rem);
    --_card-bg: var(--cosell-board-card-background, var(--_surface));
    --_column-bg: var(--cosell-board-column-background, var(--_surface-alt));
    --_drop: var(--cosell-board-drop-indicator, var(--_brand));
  }
  .wrapper {
    position: relative;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    margin-bottom: var(--_space);
  }
  .filters label {
    display: flex;
    flex-direction: column;
    font-size: 0.75rem;
    color: var(--_text-weak);
  }
  .filters select,
  .filters input {
    font: inherit;
    color: var(--_text);
    min-height: 2rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0 calc(var(--_space) * 0.5);
    background: var(--_surface);
  }
  .summary {
    display: flex;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    margin-bottom: var(--_space);
    color: var(--_text-weak);
  }
  .summary .actions {
    display: flex;
    gap: var(--_space);
  }
  .message {
    display: flex;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    border: 1px solid var(--_error);
    color: var(--_error);
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5) var(--_space);
    margin-bottom: var(--_space);
  }
  .message[data-kind='info'] {
    border-color: var(--_brand);
    color: var(--_text);
  }
  .board {
    display: flex;
    gap: var(--_space);
    overflow-x: auto;
    padding-bottom: var(--_space);
  }
  .column {
    /* Each column lays out on its own: a virtualizer measuring its cards does not relayout the board. */
    contain: layout style;
    flex: 0 0 var(--_column-width);
    display: flex;
    flex-direction: column;
    background: var(--_column-bg);
    border-radius: var(--_radius);
    border: 2px solid transparent;
  }
  .column.drop-target {
    border: 2px dashed var(--_drop);
    background: color-mix(in srgb, var(--_drop) 8%, var(--_column-bg));
  }
  .column-header {
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .column h3 {
    margin: 0;
    font-size: 0.875rem;
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .count {
    font-weight: normal;
    color: var(--_text-weak);
  }
  .totals {
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_text-weak);
    font-variant-numeric: tabular-nums;
  }
  .drop-hint {
    margin: calc(var(--_space) * 0.5) var(--_space) 0;
    padding: calc(var(--_space) * 0.25);
    border-top: 3px solid var(--_drop);
    /* Text colour on the widget surface, whatever colour the drop indicator is (4.5:1 at small sizes). */
    background: var(--_surface);
    color: var(--_text);
    font-weight: 600;
  }
  .cards {
    height: var(--_column-height);
    overflow: auto;
  }
  .column-empty {
    height: var(--_column-height);
    margin: 0;
    padding: var(--_space);
    color: var(--_text-weak);
    text-align: center;
  }
  .card {
    contain: layout style;
    width: calc(100% - var(--_space) * 2);
    margin: calc(var(--_space) * 0.5) var(--_space);
    padding: calc(var(--_space) * 0.75);
    background: var(--_card-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    user-select: none;
    touch-action: pan-y;
    cursor: grab;
  }
  :host([readonly]) .card,
  .card.read-only {
    cursor: default;
  }
  /* Lifted: tilted, raised and tinted, so it is told apart from a focused card at a glance. The
     virtualizer positions cards with "transform"; the separate "rotate" property composes with it. */
  .card.lifted {
    outline: 3px solid var(--_drop);
    outline-offset: 1px;
    rotate: -1.5deg;
    background: color-mix(in srgb, var(--_drop) 10%, var(--_card-bg));
    box-shadow: 0 6px 16px rgba(0, 0, 0, 0.3);
  }
  .card.dragging {
    opacity: 0.4;
  }
  .card.saving {
    opacity: 0.7;
  }
  .prospect {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .partner,
  .seller {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .figures {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 0.25);
    font-variant-numeric: tabular-nums;
  }
  .days {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    margin-top: calc(var(--_space) * 0.5);
  }
  .badge {
    font-size: 0.6875rem;
    padding: 0 calc(var(--_space) * 0.5);
    border-radius: 999px;
    border: 1px solid var(--_warning);
    color: var(--_warning);
  }
  .badge[data-badge='acceptance-overdue'],
  .badge[data-badge='expired'] {
    border-color: var(--_error);
    color: var(--_error);
  }
  [part='review-toggle'][aria-pressed='true'] {
    background: var(--_brand);
    border-color: var(--_brand);
    color: var(--_brand-text);
  }
  .badge.review {
    border-color: var(--_brand);
    color: var(--_brand);
    font-weight: 600;
  }
  .card.review-new,
  .card.review-moved,
  .card.review-closed {
    border-inline-start: 4px solid var(--_brand);
  }
  .review-panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-bottom: var(--_space);
    background: var(--_surface);
  }
  .review-panel h2,
  .review-panel h3 {
    font-size: 0.875rem;
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .review-panel .review-grid {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    align-items: start;
  }
  .review-panel table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .review-panel th,
  .review-panel td {
    text-align: start;
    padding: calc(var(--_space) * 0.25) var(--_space);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  .review-panel ul {
    margin: 0;
    padding: 0;
    list-style: none;
    max-height: 12rem;
    overflow: auto;
  }
  .review-panel li button {
    border: 0;
    text-align: start;
    padding: calc(var(--_space) * 0.25);
    min-height: 24px; /* WCAG 2.5.8, in CSS px whatever the host's root font size */
  }
  .note {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .move {
    margin-top: calc(var(--_space) * 0.5);
    min-height: 1.75rem;
    font-size: 0.75rem;
  }
  .menu {
    position: absolute;
    z-index: 10;
    display: flex;
    flex-direction: column;
    min-width: 11rem;
    padding: calc(var(--_space) * 0.25);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.2);
  }
  .menu .menu-title {
    padding: calc(var(--_space) * 0.25) var(--_space);
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .menu [role='menuitem'] {
    text-align: start;
    border: 0;
    color: var(--_text);
  }
  .menu [role='menuitem']:hover,
  .menu [role='menuitem']:focus-visible {
    background: var(--_surface-alt);
  }
  .ghost {
    position: fixed;
    top: 0;
    left: 0;
    z-index: 20;
    pointer-events: none;
    padding: calc(var(--_space) * 0.5) var(--_space);
    background: var(--_card-bg);
    border: 2px solid var(--_drop);
    border-radius: var(--_radius);
    box-shadow: 0 6px 16px rgba(0, 0, 0, 0.25);
    font-weight: 600;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    max-width: 28rem;
    width: 90vw;
    color: var(--_text);
    background: var(--_surface);
  }
  dialog h2 {
    margin-top: 0;
    font-size: 1rem;
  }
  dialog label {
    display: block;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  dialog textarea {
    width: 100%;
    font: inherit;
  }
  dialog fieldset.reasons {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  dialog fieldset.reasons legend {
    font-weight: 600;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  dialog label.choice {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-height: 24px;
    margin-bottom: calc(var(--_space) * 0.25);
  }
  dialog label.choice input {
    inline-size: 1rem;
    block-size: 1rem;
    margin: 0;
  }
  dialog [aria-invalid='true'] {
    outline: 2px solid var(--_error);
    outline-offset: 2px;
  }
  .reason-error {
    color: var(--_error);
    margin: calc(var(--_space) * 0.5) 0 0;
  }
  .dialog-actions {
    display: flex;
    justify-content: end;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  /* The stage switcher shows on a narrow board only. */
  .stage-switcher {
    display: none;
  }
  /* A narrow board (a phone, a 320 px CRM sidebar): one column at a time, chosen in the stage
     switcher, instead of a row of columns scrolling sideways. Focus and moves bring their column in. */
  @container cosell-board (width < 640px) {
    .stage-switcher {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: end;
      margin-bottom: var(--_space);
    }
    .stage-switcher label {
      display: flex;
      flex-direction: column;
      flex: 1 1 12rem;
      min-width: 0;
      font-size: 0.75rem;
      color: var(--_text-weak);
    }
    .stage-switcher select {
      font: inherit;
      font-size: 0.875rem;
      color: var(--_text);
      min-height: 2.75rem; /* a touch target */
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0 calc(var(--_space) * 0.5);
      background: var(--_surface);
      max-width: 100%;
    }
    .stage-switcher .drop-hint {
      margin: 0;
      flex: 1 1 100%;
    }
    .board {
      overflow-x: visible;
    }
    .column {
      flex: 1 1 100%;
      min-width: 0;
    }
    .column:not(.shown) {
      display: none;
    }
    .summary {
      flex-wrap: wrap;
    }
    .summary .actions {
      flex-wrap: wrap;
    }
    .filters label {
      flex: 1 1 9rem;
      min-width: 0;
    }
    .filters select,
    .filters input {
      max-width: 100%;
      min-width: 0;
    }
    .menu {
      max-width: calc(100% - var(--_space) * 2);
    }
  }
  /* Forced colours (Windows contrast themes): backgrounds, tints and shadows are gone, so system
     colours carry the focus rings, the card edges, the lifted card (dashed, unlike a focused one),
     the drop target and the pressed review toggle. */
  @media (forced-colors: active) {
    :focus-visible {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
    .column {
      border: 1px solid CanvasText;
    }
    .column.drop-target {
      border-color: Highlight;
      outline: 3px dashed Highlight;
    }
    .card {
      border: 1px solid CanvasText;
    }
    .card:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 1px;
    }
    .card.lifted {
      outline: 3px dashed Highlight;
      outline-offset: 2px;
    }
    .card.saving {
      border-style: dashed;
    }
    .badge,
    .drop-hint {
      border: 1px solid CanvasText;
    }
    [part='review-toggle'][aria-pressed='true'],
    .menu [role='menuitem']:focus-visible {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
  }
`;
