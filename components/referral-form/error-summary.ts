import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { plural } from '../base/messages.js';
import { FIELD_ORDER, fieldLabel, type FieldKey } from './fields.js';

/** The list of fields to fix at the top of the form, in page order, each a link to its field. */
export function renderErrorSummary(
  errors: Partial<Record<FieldKey, string>>,
  otherErrors: readonly string[],
  focusField: (field: FieldKey) => void,
): TemplateResult | typeof nothing {
  const fields = FIELD_ORDER.filter((f) => errors[f]);
  if (fields.length === 0 && otherErrors.length === 0) return nothing;
  const count = fields.length + otherErrors.length;
  return html`<div class="summary" part="error-summary" role="group" tabindex="-1" aria-labelledby="summary-heading">
    <h3 id="summary-heading">
      ${plural(count, {
        zero: () => msg(str`Fix ${count} fields to submit the referral`, { id: 'form.summary.zero' }),
        one: () => msg(str`Fix ${count} field to submit the referral`, { id: 'form.summary.one' }),
        two: () => msg(str`Fix ${count} fields to submit the referral`, { id: 'form.summary.two' }),
        few: () => msg(str`Fix ${count} fields to submit the referral`, { id: 'form.summary.few' }),
        many: () => msg(str`Fix ${count} fields to submit the referral`, { id: 'form.summary.many' }),
        other: () => msg(str`Fix ${count} fields to submit the referral`, { id: 'form.summary.other' }),
      })}
    </h3>
    <ul>
      ${fields.map(
        (f) =>
          html`<li>
            <a
              href="#f-${f}"
              @click=${(e: Event) => {
                e.preventDefault();
                focusField(f);
              }}
              >${msg(str`${fieldLabel(f)}: ${errors[f] ?? ''}`, { id: 'form.summary.item' })}</a
            >
          </li>`,
      )}
      ${otherErrors.map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}
