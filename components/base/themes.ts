import { css } from 'lit';

/**
 * Themes and densities, applied by <cosell-provider> to itself: custom properties inherit through
 * shadow DOM, so every widget inside picks them up. Only public `--cosell-*` tokens are set here,
 * so a host can still override any of them on the provider (`cosell-provider[theme='dark'] { ... }`).
 * Light is the default (tokens.ts fallbacks); every value is listed in docs/tokens.md.
 */
const dark = css`
  color-scheme: dark;
  --cosell-color-text: #f3f3f3;
  --cosell-color-text-weak: #aeaeae;
  --cosell-color-surface: #242424;
  --cosell-color-surface-alt: #2e2e2e;
  --cosell-color-border: #5c5c5c;
  --cosell-color-brand: #78b0fd;
  --cosell-color-brand-contrast: #03234d;
  --cosell-color-error: #fe8f7d;
  --cosell-color-warning: #fcc003;
  --cosell-color-success: #45c65a;
  --cosell-shadow: 0 2px 4px 0 rgba(0, 0, 0, 0.5);
  --cosell-focus-ring: 0 0 3px #78b0fd;
`;

const compact = css`
  --cosell-space: 0.25rem;
  --cosell-font-size: 0.75rem;
  --cosell-font-size-small: 0.6875rem;
  --cosell-font-size-heading: 0.875rem;
  --cosell-line-height: 1.25;
  --cosell-control-height: 1.5rem;
`;

/** `theme="dark"` forces dark; `theme="auto"` follows prefers-color-scheme; light otherwise. `density="compact"`. */
export const themes = css`
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  :host([density='compact']) {
    ${compact}
  }
`;
