import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';

/** A pending question: why a referral is moving to Closed lost or Rejected. */
export interface ReasonRequest {
  company: string;
  stageLabel: string;
  resolve: (reason: string | undefined) => void;
}

/**
 * The built-in reason prompt (a modal <dialog>): the answer is saved with the move. Cancel or Escape
 * leaves the card where it was. The board opens it with showModal() once it is rendered.
 */
export function renderReasonPrompt(request: ReasonRequest | undefined): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const textarea = form.querySelector('textarea')!;
    const reason = textarea.value.trim();
    if (!reason) {
      textarea.setCustomValidity(msg('Enter a reason', { id: 'board.reason.required' }));
      textarea.reportValidity();
      return;
    }
    request?.resolve(reason);
    form.closest('dialog')?.close();
  };
  return html`<dialog
    class="reason"
    part="reason-dialog"
    aria-labelledby="reason-title"
    @cancel=${(event: Event) => {
      event.preventDefault();
      request?.resolve(undefined);
      (event.target as HTMLDialogElement).close();
    }}
  >
    ${request
      ? html`<form method="dialog" @submit=${submit}>
          <h2 id="reason-title">${msg(str`Move ${request.company} to ${request.stageLabel}`, { id: 'board.reason.title' })}</h2>
          <label for="reason-text">${msg('Reason (saved with the move)', { id: 'board.reason.label' })}</label>
          <textarea id="reason-text" name="reason" rows="3" maxlength="1000" required
            @input=${(e: Event) => (e.target as HTMLTextAreaElement).setCustomValidity('')}></textarea>
          <div class="dialog-actions">
            <button type="button" @click=${(e: Event) => {
              request.resolve(undefined);
              (e.target as HTMLElement).closest('dialog')?.close();
            }}>${msg('Cancel', { id: 'form.cancel' })}</button>
            <button type="submit" class="primary">${msg('Move', { id: 'board.reason.move' })}</button>
          </div>
        </form>`
      : ''}
  </dialog>`;
}
