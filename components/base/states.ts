import { html, nothing, type TemplateResult } from 'lit';
import { CrmError } from '../../src/errors.js';

/** What every element says when a partner is not in the CRM (the card and the form alike). */
export const PARTNER_NOT_FOUND = 'This partner was not found. It may have been removed from the program.';

/** The four states every element shares. Parts: `state`, `retry`. Messages are text, never HTML. */
export function renderLoading(label: string): TemplateResult {
  return html`<div class="state" part="state" data-kind="loading" role="status" aria-live="polite" aria-busy="true">
    <span class="visually-hidden">${label}</span>
    <div class="skeleton" style="height:1rem;margin-bottom:.5rem"></div>
    <div class="skeleton" style="height:1rem;width:60%"></div>
  </div>`;
}

export function renderEmpty(message: string, action?: TemplateResult): TemplateResult {
  return html`<div class="state" part="state" data-kind="empty"><p>${message}</p>${action ?? nothing}</div>`;
}

export function renderNoPermission(message = 'You do not have permission to see this.'): TemplateResult {
  return html`<div class="state" part="state" data-kind="no-permission" role="status"><p>${message}</p></div>`;
}

export function renderError(error: unknown, retry?: () => void): TemplateResult {
  const crmError = CrmError.from(error);
  if (crmError.kind === 'permission') return renderNoPermission(crmError.message);
  return html`<div class="state" part="state" data-kind="error" role="alert">
    <p>${crmError.message}</p>
    ${retry ? html`<button part="retry" @click=${retry}>Retry</button>` : nothing}
  </div>`;
}
