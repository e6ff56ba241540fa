import { css } from 'lit';

/** The referral form's own styles (tokens come first in `static styles`). Element tokens: --cosell-form-*, --cosell-color-warning, --cosell-color-error. */
export const referralFormStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  form {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0;
    display: grid;
    grid-template-columns: repeat(var(--cosell-form-columns, 2), minmax(0, 1fr));
    gap: var(--_space) calc(var(--_space) * 2);
    min-inline-size: 0;
  }
  @container (max-width: 32rem) {
    fieldset {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  legend {
    font-weight: 600;
    padding-inline: calc(var(--_space) / 2);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    min-inline-size: 0;
  }
  .field.wide,
  .wide {
    grid-column: 1 / -1;
  }
  .wide:empty {
    display: none;
  }
  label,
  .label {
    font-weight: 600;
    color: var(--_text-weak);
  }
  .optional {
    font-weight: 400;
  }
  input[type='text'],
  input[type='email'],
  input[type='tel'],
  input:not([type]),
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem 0.5rem;
    min-height: 2rem;
    inline-size: 100%;
  }
  textarea {
    min-height: 4rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: inset 0 0 0 1px var(--_error);
  }
  .message {
    color: var(--_error);
    margin: 0;
  }
  .hint {
    color: var(--_text-weak);
    margin: 0;
    font-size: 0.75rem;
  }
  /* The notes counter: on the end edge; in the error colour once over the limit. */
  .count {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .count[data-band='over'] {
    color: var(--_error);
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
    color: var(--_text);
  }
  /* The label is the hit area of its checkbox or radio: at least 24 px tall (WCAG 2.5.8). */
  .check {
    min-block-size: 24px;
    padding-block: 0.125rem;
    cursor: pointer;
  }
  .check input {
    inline-size: 1rem;
    block-size: 1rem;
    margin: 0.125rem 0 0;
    flex: none;
    cursor: pointer;
  }
  .radios {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 2);
    border: 0;
    padding: 0;
  }
  .radios legend {
    padding: 0;
    color: var(--_text-weak);
  }
  .summary,
  .notice {
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_surface);
  }
  .summary {
    border-color: var(--_error);
  }
  .summary h3,
  .notice h3,
  .confirmation h3 {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }
  .summary ul,
  .notice ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .summary a {
    display: inline-block;
    min-block-size: 24px;
    padding-block: 0.125rem;
  }
  .notice.warning {
    border-color: var(--_warning);
    color: var(--_warning);
  }
  .notice.info {
    border-color: var(--_brand);
  }
  .notice.error {
    border-color: var(--_error);
    color: var(--_error);
  }
  .notice p {
    margin: 0 0 0.25rem;
  }
  .credit {
    margin: 0;
    padding: var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    align-items: center;
  }
  .combobox {
    position: relative;
  }
  .listbox {
    position: absolute;
    inset-inline: 0;
    top: 100%;
    z-index: 10;
    margin: 0.125rem 0 0;
    padding: 0.25rem 0;
    list-style: none;
    max-height: 16rem;
    overflow: auto;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  .listbox[hidden] {
    display: none;
  }
  .option {
    padding: 0.25rem 0.5rem;
    cursor: pointer;
    display: flex;
    flex-direction: column;
  }
  .option.active,
  .option:hover {
    background: var(--_surface-alt);
    outline: 2px solid var(--_brand);
    outline-offset: -2px;
  }
  .option-meta,
  .listbox-note {
    color: var(--_text-weak);
    font-size: 0.75rem;
  }
  .listbox-note {
    padding: 0.25rem 0.5rem;
  }
  .confirmation {
    border: 1px solid var(--_success);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  .confirmation h3 {
    color: var(--_success);
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: auto;
    text-decoration: underline;
  }
  .fixed-partner {
    margin: 0;
    font-weight: 600;
  }
  :focus-visible {
    outline: 2px solid var(--_brand);
  }
`;
