import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { DUPLICATE_WINDOW_DAYS } from '../../src/domain/duplicates.js';
import type { Referral } from '../../src/domain/referral.js';
import { formatDate } from '../../src/format.js';
import { plural, stageLabel } from '../base/messages.js';
import { fieldLabel } from './fields.js';

/** What the duplicate notice shows and what its controls do. */
export interface DuplicateNoticeView {
  /** A submission stopped on a possible duplicate: ask for a reason, "Submit anyway" or "Cancel". */
  asking: boolean;
  /** Earlier referrals of this prospect to this partner, and to other partners. */
  same: readonly Referral[];
  others: readonly Referral[];
  partnerNames: ReadonlyMap<string, string>;
  /** The partner's name, when it is known. */
  partnerName: string | undefined;
  locale: string;
  reason: string;
  /** The reason field's message and its aria-describedby. */
  reasonMessage: TemplateResult | typeof nothing;
  reasonInvalid: boolean;
  reasonDescribedBy: string | undefined;
  onReasonInput: (reason: string) => void;
  onSubmitAnyway: () => void;
  onCancel: () => void;
}

function row(view: DuplicateNoticeView, r: Referral, showPartner: boolean): TemplateResult {
  const locale = view.locale;
  return html`<li>
    ${showPartner
      ? msg(str`${r.prospect.company} to ${view.partnerNames.get(r.partnerId) ?? r.partnerId}: referred by ${r.seller.name} on ${formatDate(r.submittedAt, locale)}, ${stageLabel(r.stage)}`, {
          id: 'form.duplicate.row-partner',
        })
      : msg(str`${r.prospect.company}: referred by ${r.seller.name} on ${formatDate(r.submittedAt, locale)}, ${stageLabel(r.stage)}`, { id: 'form.duplicate.row' })}
  </li>`;
}

/**
 * Earlier referrals of the same prospect: to this partner, a warning as soon as the company is
 * known and, once a submission found them, the question "submit anyway, with a reason?"; to other
 * partners, for information.
 */
export function renderDuplicateNotice(view: DuplicateNoticeView): TemplateResult | typeof nothing {
  const partnerName = view.partnerName ?? msg('this partner', { id: 'form.this-partner' });
  const windowDays = DUPLICATE_WINDOW_DAYS;
  const blocks: TemplateResult[] = [];
  if (view.asking) {
    blocks.push(html`<section class="notice warning" part="warning" aria-labelledby="duplicate-heading" data-kind="duplicate">
      <h3 id="duplicate-heading" tabindex="-1">
        ${plural(windowDays, {
          zero: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} days`, { id: 'form.duplicate.heading.zero' }),
          one: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} day`, { id: 'form.duplicate.heading.one' }),
          two: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} days`, { id: 'form.duplicate.heading.two' }),
          few: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} days`, { id: 'form.duplicate.heading.few' }),
          many: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} days`, { id: 'form.duplicate.heading.many' }),
          other: () => msg(str`Possible duplicate: this prospect was referred to ${partnerName} in the last ${windowDays} days`, { id: 'form.duplicate.heading.other' }),
        })}
      </h3>
      <ul>
        ${view.same.map((r) => row(view, r, false))}
      </ul>
      <div class="field" part="field">
        <label for="f-duplicateReason">${fieldLabel('duplicateReason')}</label>
        <textarea
          id="f-duplicateReason"
          data-field="duplicateReason"
          aria-required="true"
          aria-invalid=${view.reasonInvalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(view.reasonDescribedBy)}
          .value=${view.reason}
          @input=${(e: Event) => view.onReasonInput((e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${view.reasonMessage}
      </div>
      <div class="actions">
        <button type="button" class="primary" @click=${view.onSubmitAnyway}>${msg('Submit anyway', { id: 'form.submit-anyway' })}</button>
        <button type="button" @click=${view.onCancel}>${msg('Cancel', { id: 'form.cancel' })}</button>
      </div>
    </section>`);
  } else if (view.same.length > 0) {
    blocks.push(html`<div class="notice warning" part="warning" data-kind="duplicate-early">
      <p>
        ${plural(windowDays, {
          zero: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} days:`, { id: 'form.duplicate.early.zero' }),
          one: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} day:`, { id: 'form.duplicate.early.one' }),
          two: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} days:`, { id: 'form.duplicate.early.two' }),
          few: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} days:`, { id: 'form.duplicate.early.few' }),
          many: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} days:`, { id: 'form.duplicate.early.many' }),
          other: () => msg(str`This prospect was already referred to ${partnerName} in the last ${windowDays} days:`, { id: 'form.duplicate.early.other' }),
        })}
      </p>
      <ul>
        ${view.same.map((r) => row(view, r, false))}
      </ul>
    </div>`);
  }
  if (view.others.length > 0) {
    blocks.push(html`<div class="notice info" data-kind="other-partners">
      <p>${msg('For your information, this prospect was also referred to other partners:', { id: 'form.duplicate.others' })}</p>
      <ul>
        ${view.others.map((r) => row(view, r, true))}
      </ul>
    </div>`);
  }
  return blocks.length ? html`${blocks}` : nothing;
}
