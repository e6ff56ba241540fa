import { html, type TemplateResult } from 'lit';

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
      textarea.setCustomValidity('Enter a reason');
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
          <h2 id="reason-title">Move ${request.company} to ${request.stageLabel}</h2>
          <label for="reason-text">Reason (saved with the move)</label>
          <textarea id="reason-text" name="reason" rows="3" maxlength="1000" required
            @input=${(e: Event) => (e.target as HTMLTextAreaElement).setCustomValidity('')}></textarea>
          <div class="dialog-actions">
            <button type="button" @click=${(e: Event) => {
              request.resolve(undefined);
              (e.target as HTMLElement).closest('dialog')?.close();
            }}>Cancel</button>
            <button type="submit" class="primary">Move</button>
          </div>
        </form>`
      : ''}
  </dialog>`;
}
