import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { CrmError } from '../../src/errors.js';
import { errorMessage } from './messages.js';

/** What every element says when a partner is not in the CRM (the card and the form alike). */
export function partnerNotFound(): string {
  return msg('This partner was not found. It may have been removed from the program.', { id: 'partner-card.not-found' });
}

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

export function renderNoPermission(message = msg('You do not have permission to see this.', { id: 'state.no-permission' })): TemplateResult {
  return html`<div class="state" part="state" data-kind="no-permission" role="status"><p>${message}</p></div>`;
}

export function renderError(error: unknown, retry?: () => void): TemplateResult {
  const crmError = CrmError.from(error);
  if (crmError.kind === 'permission') return renderNoPermission(errorMessage(crmError));
  return html`<div class="state" part="state" data-kind="error" role="alert">
    <p>${errorMessage(crmError)}</p>
    ${retry ? html`<button part="retry" @click=${retry}>${msg('Retry', { id: 'state.retry' })}</button>` : nothing}
  </div>`;
}
