import { css } from 'lit';

/**
 * The global design tokens with their defaults, SLDS-like so the widgets look at home in Salesforce
 * Lightning. Every element's styles start with these; element tokens (--cosell-card-*) fall back to them.
 * The dark theme and compact density (themes.ts) set the same public tokens on <cosell-provider>.
 * Every public token is listed in docs/tokens.md; test/node/tokens.test.ts keeps the two in step.
 */
export const tokens = css`
  :host {
    --_font: var(--cosell-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_font-size: var(--cosell-font-size, 0.8125rem);
    --_text: var(--cosell-color-text, #181818);
    --_text-weak: var(--cosell-color-text-weak, #444444);
    --_surface: var(--cosell-color-surface, #ffffff);
    --_surface-alt: var(--cosell-color-surface-alt, #f3f3f3);
    --_border: var(--cosell-color-border, #c9c9c9);
    --_brand: var(--cosell-color-brand, #0176d3);
    --_brand-text: var(--cosell-color-brand-contrast, #ffffff);
    --_error: var(--cosell-color-error, #ba0517);
    --_warning: var(--cosell-color-warning, #8c4b02);
    --_success: var(--cosell-color-success, #2e844a);
    --_radius: var(--cosell-radius, 0.25rem);
    --_space: var(--cosell-space, 0.5rem);
    --_shadow: var(--cosell-shadow, 0 2px 2px 0 rgba(0, 0, 0, 0.1));
    --_focus: var(--cosell-focus-ring, 0 0 3px #0176d3);
    --_font-size-small: var(--cosell-font-size-small, 0.75rem);
    --_font-size-heading: var(--cosell-font-size-heading, 1rem);
    --_line-height: var(--cosell-line-height, 1.5);
    --_control-height: var(--cosell-control-height, 2rem);
    --_surface-padding: var(--cosell-surface-padding, calc(var(--_space) * 1.5));
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    line-height: var(--_line-height);
    /* Every widget paints its own surface, so its text contrast never depends on the host page:
       theme="dark" on a white page and theme="light" on a dark one both stay legible. */
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: var(--_surface-padding);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_brand);
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_brand);
    padding: calc(var(--_space) * 0.5) var(--_space);
    min-height: var(--_control-height);
  }
  button.primary {
    background: var(--_brand);
    border-color: var(--_brand);
    color: var(--_brand-text);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  a {
    color: var(--_brand);
  }
  .state {
    padding: calc(var(--_space) * 2);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text-weak);
    text-align: center;
  }
  .state[data-kind='error'] {
    border-style: solid;
    border-color: var(--_error);
    color: var(--_error);
  }
  .skeleton {
    background: linear-gradient(90deg, var(--_surface-alt) 25%, var(--_surface) 50%, var(--_surface-alt) 75%);
    background-size: 200% 100%;
    border-radius: var(--_radius);
    min-height: 1em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: cosell-shimmer 1.5s infinite;
    }
  }
  @keyframes cosell-shimmer {
    to {
      background-position: -200% 0;
    }
  }
`;
