import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { CLOSE_REASON_MAX_LENGTH, closeReasonFrom, OTHER_CLOSE_REASON } from '../../src/domain/close-reasons.js';

/** Why a reason prompt refused its answer (closeReasonFrom). */
export type ReasonProblem = 'choose' | 'describe' | 'too-long';

/** A pending question: why a referral is moving to Closed lost or Rejected. */
export interface ReasonRequest {
  company: string;
  stageLabel: string;
  /** The reasons offered (the board's `closeReasons` for the stage, or the domain's defaults). */
  reasons: readonly string[];
  /** Why the last answer was refused, shown under the prompt. */
  problem?: ReasonProblem | undefined;
  resolve: (reason: string | undefined) => void;
  /** Show `problem` under the prompt; settles once it is rendered. */
  refuse: (problem: ReasonProblem) => Promise<unknown>;
}

function problemText(problem: ReasonProblem): string {
  switch (problem) {
    case 'choose':
      return msg('Choose a reason, or choose Other and describe it.', { id: 'board.reason.choose' });
    case 'describe':
      return msg('Describe the reason: Other needs a few words.', { id: 'board.reason.describe' });
    case 'too-long':
      return msg(str`Keep the reason to ${CLOSE_REASON_MAX_LENGTH} characters.`, { id: 'board.reason.too-long' });
  }
}

/**
 * The built-in reason prompt (a modal <dialog>): a list of reasons (radio buttons, arrow keys move
 * between them), "Other", and details saved with the move (closeReasonFrom). Cancel or Escape
 * leaves the card where it was. The board opens it with showModal() once it is rendered and focuses
 * the first reason.
 */
export function renderReasonPrompt(request: ReasonRequest | undefined): TemplateResult {
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const choice = form.querySelector<HTMLInputElement>('input[name="reason-choice"]:checked')?.value;
    const details = form.querySelector('textarea')!.value;
    const answer = closeReasonFrom({ choice, details });
    if ('problem' in answer) {
      await request?.refuse(answer.problem);
      // Focus goes where the fix is; the message is in the control's description.
      const target = answer.problem === 'choose' ? form.querySelector<HTMLInputElement>('input[name="reason-choice"]') : form.querySelector('textarea');
      target?.focus();
      return;
    }
    request?.resolve(answer.reason);
    form.closest('dialog')?.close();
  };
  const problem = request?.problem;
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
      ? html`<form method="dialog" novalidate @submit=${submit}>
          <h2 id="reason-title">${msg(str`Move ${request.company} to ${request.stageLabel}`, { id: 'board.reason.title' })}</h2>
          <fieldset class="reasons" aria-describedby=${problem === 'choose' ? 'reason-error' : nothing} aria-invalid=${problem === 'choose' ? 'true' : nothing}>
            <legend>${msg('Reason', { id: 'board.reason.legend' })}</legend>
            ${[...request.reasons, OTHER_CLOSE_REASON].map(
              (reason, i) => html`<label class="choice"
                ><input type="radio" name="reason-choice" id=${`reason-${i}`} .value=${reason} />
                ${reason === OTHER_CLOSE_REASON ? msg('Other', { id: 'board.reason.other' }) : reason}</label
              >`,
            )}
          </fieldset>
          <label for="reason-text">${msg('Details (saved with the move)', { id: 'board.reason.details' })}</label>
          <textarea id="reason-text" name="reason" rows="3" maxlength=${CLOSE_REASON_MAX_LENGTH}
            aria-describedby=${problem && problem !== 'choose' ? 'reason-error' : nothing}
            aria-invalid=${problem && problem !== 'choose' ? 'true' : nothing}></textarea>
          ${problem ? html`<p id="reason-error" class="reason-error" part="reason-error">${problemText(problem)}</p>` : nothing}
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
