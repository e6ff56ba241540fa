import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { countryOptions } from '../../src/domain/countries.js';
import { UNLISTED_USE_CASE, type Partner } from '../../src/domain/partner.js';
import { NOTES_MAX_LENGTH, TIMELINES } from '../../src/domain/referral.js';
import { plural } from '../base/messages.js';
import { formatNumber } from '../../src/format.js';
import type { DraftField, DraftValues } from './draft.js';
import { FIELDS, timelineLabel, type FieldKey, type FormField, type FormSection } from './fields.js';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'INR', 'BRL', 'MXN', 'SGD'];

/** What the field controls read from the form and tell it. */
export interface FieldView {
  values: DraftValues;
  errors: Partial<Record<FieldKey, string>>;
  locale: string;
  /** The currency shown (the draft's, else the provider's). */
  currency: string;
  partner: Partner | undefined;
  /** The partner is fixed (`partner-id` or `partner`): no picker. */
  partnerFixed: boolean;
  partnerId: string;
  /** The partner picker (combobox) with its label and validation state. */
  renderPicker: (label: string, opts: { invalid: boolean; describedBy: string; required: boolean }) => TemplateResult;
  setValue: (field: Exclude<DraftField, 'consent'>, value: string) => void;
  setConsent: (checked: boolean) => void;
  /** A choice was made (select, checkbox): the field is touched and checked at once. */
  touch: (field: FieldKey) => void;
  onBlur: (event: FocusEvent) => void;
}

export function describedBy(view: FieldView, field: FieldKey, hint = false): string | undefined {
  return [hint ? `${field}-hint` : '', view.errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function renderMessage(view: FieldView, field: FieldKey): TemplateResult | typeof nothing {
  const message = view.errors[field];
  return message ? html`<p class="message" id="${field}-error">${message}</p>` : nothing;
}

const optionalMark = () => html` <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span>`;

function invalid(view: FieldView, field: FieldKey): 'true' | 'false' {
  return view.errors[field] ? 'true' : 'false';
}

function textField(view: FieldView, f: FormField & { key: 'company' | 'website' | 'contactName' | 'contactEmail' | 'contactPhone' | 'contactTitle' }): TemplateResult {
  const field = f.key;
  const hint = f.hint?.();
  return html`<div class="field " part="field">
    <label for="f-${field}">${f.label()}${f.required ? nothing : optionalMark()}</label>
    <input
      id="f-${field}"
      data-field=${field}
      type=${f.type ?? 'text'}
      autocomplete=${f.autocomplete ?? 'off'}
      aria-required=${f.required ? 'true' : 'false'}
      aria-invalid=${invalid(view, field)}
      aria-describedby=${ifDefined(describedBy(view, field, Boolean(hint)))}
      .value=${view.values[field]}
      @input=${(e: Event) => view.setValue(field, (e.target as HTMLInputElement).value)}
      @blur=${view.onBlur}
    />
    ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing} ${renderMessage(view, field)}
  </div>`;
}

function partnerField(view: FieldView, f: FormField): TemplateResult {
  return html`<div class="field wide" part="field">
    ${view.partnerFixed
      ? html`<p class="fixed-partner">${view.partner?.name ?? view.partnerId}</p>`
      : html`<div data-field-wrapper="partner">
          ${view.renderPicker(f.label(), { invalid: Boolean(view.errors.partner), describedBy: view.errors.partner ? 'partner-error' : 'partner-hint', required: true })}
        </div>`}
    ${view.partnerFixed ? nothing : html`<p class="hint" id="partner-hint">${msg('Type to search; use the arrow keys and Enter to choose.', { id: 'form.partner.hint' })}</p>`}
    ${renderMessage(view, 'partner')}
  </div>`;
}

function countryField(view: FieldView, f: FormField): TemplateResult {
  const v = view.values;
  const countries = countryOptions(view.locale);
  return html`<div class="field" part="field">
    <label for="f-country">${f.label()}</label>
    <select
      id="f-country"
      data-field="country"
      aria-required="true"
      aria-invalid=${invalid(view, 'country')}
      aria-describedby=${ifDefined(describedBy(view, 'country'))}
      @change=${(e: Event) => {
        view.setValue('country', (e.target as HTMLSelectElement).value);
        view.touch('country');
      }}
      @blur=${view.onBlur}
    >
      <option value="" ?selected=${!v.country}>${msg('Choose a country', { id: 'form.country.choose' })}</option>
      ${v.country && !countries.some((c) => c.code === v.country) ? html`<option value=${v.country} selected>${v.country}</option>` : nothing}
      ${countries.map((c) => html`<option value=${c.code} ?selected=${c.code === v.country}>${c.name}</option>`)}
    </select>
    ${renderMessage(view, 'country')}
  </div>`;
}

/**
 * The partner's use cases, or `UNLISTED_USE_CASE` for a partner that lists none; before the partner
 * is known, none. The value the draft holds is always an option, so it is kept while options load.
 */
export function useCaseOptions(partner: Partner | undefined, value: string): string[] {
  const listed = partner ? (partner.useCases.length > 0 ? partner.useCases : [UNLISTED_USE_CASE]) : [];
  return value && !listed.includes(value) ? [...listed, value] : listed;
}

/** Always one <select>, in the same place: its options arrive with the partner; its value is kept. */
function useCaseField(view: FieldView, f: FormField): TemplateResult {
  const v = view.values;
  const options = useCaseOptions(view.partner, v.useCase);
  return html`<div class="field" part="field">
    <label for="f-useCase">${f.label()}</label>
    <select
      id="f-useCase"
      data-field="useCase"
      aria-required="true"
      aria-invalid=${invalid(view, 'useCase')}
      aria-describedby=${ifDefined(describedBy(view, 'useCase'))}
      @change=${(e: Event) => {
        view.setValue('useCase', (e.target as HTMLSelectElement).value);
        view.touch('useCase');
      }}
      @blur=${view.onBlur}
    >
      <option value="" .selected=${!v.useCase}>
        ${view.partner ? msg('Choose a use case', { id: 'form.invalid.use-case' }) : msg('Choose a partner first', { id: 'form.use-case.partner-first' })}
      </option>
      ${repeat(options, (u) => u, (u) => html`<option value=${u} .selected=${u === v.useCase}>${u === UNLISTED_USE_CASE ? msg('Other (say more in the notes)', { id: 'form.use-case.other' }) : u}</option>`)}
    </select>
    ${renderMessage(view, 'useCase')}
  </div>`;
}

function timelineField(view: FieldView, f: FormField): TemplateResult {
  const v = view.values;
  return html`<div class="field" part="field">
    <label for="f-timeline">${f.label()}${optionalMark()}</label>
    <select id="f-timeline" data-field="timeline" @change=${(e: Event) => view.setValue('timeline', (e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!v.timeline}>${msg('Not known yet', { id: 'form.timeline.unknown' })}</option>
      ${TIMELINES.map((t) => html`<option value=${t} ?selected=${t === v.timeline}>${timelineLabel(t)}</option>`)}
    </select>
  </div>`;
}

function amountField(view: FieldView, f: FormField): TemplateResult {
  const locale = view.locale;
  return html`<div class="field" part="field">
    <label for="f-arr">${f.label()}</label>
    <input
      id="f-arr"
      data-field="arr"
      type="text"
      inputmode="decimal"
      aria-required="true"
      aria-invalid=${invalid(view, 'arr')}
      aria-describedby=${ifDefined(describedBy(view, 'arr', true))}
      .value=${view.values.arr}
      @input=${(e: Event) => view.setValue('arr', (e.target as HTMLInputElement).value)}
      @blur=${view.onBlur}
    />
    <p class="hint" id="arr-hint">${msg(str`Annual recurring revenue, such as ${formatNumber(12500, locale)}`, { id: 'form.arr.hint' })}</p>
    ${renderMessage(view, 'arr')}
  </div>`;
}

function currencyField(view: FieldView, f: FormField): TemplateResult {
  const currency = view.currency;
  return html`<div class="field" part="field">
    <label for="f-currency">${f.label()}</label>
    <select id="f-currency" data-field="currency" @change=${(e: Event) => view.setValue('currency', (e.target as HTMLSelectElement).value)}>
      ${[...new Set([...CURRENCIES, currency])].map((c) => html`<option value=${c} .selected=${c === currency}>${c}</option>`)}
    </select>
    ${renderMessage(view, 'currency')}
  </div>`;
}

/** "3,950 characters left" or "12 characters too many", against the schema's limit. */
export function notesCountText(length: number, locale: string): string {
  const left = NOTES_MAX_LENGTH - length;
  if (left >= 0) {
    const n = formatNumber(left, locale);
    return plural(left, {
      zero: () => msg(str`${n} characters left`, { id: 'form.notes.left.zero' }),
      one: () => msg(str`${n} character left`, { id: 'form.notes.left.one' }),
      two: () => msg(str`${n} characters left`, { id: 'form.notes.left.two' }),
      few: () => msg(str`${n} characters left`, { id: 'form.notes.left.few' }),
      many: () => msg(str`${n} characters left`, { id: 'form.notes.left.many' }),
      other: () => msg(str`${n} characters left`, { id: 'form.notes.left.other' }),
    });
  }
  const over = -left;
  const n = formatNumber(over, locale);
  return plural(over, {
    zero: () => msg(str`${n} characters too many`, { id: 'form.notes.over.zero' }),
    one: () => msg(str`${n} character too many`, { id: 'form.notes.over.one' }),
    two: () => msg(str`${n} characters too many`, { id: 'form.notes.over.two' }),
    few: () => msg(str`${n} characters too many`, { id: 'form.notes.over.few' }),
    many: () => msg(str`${n} characters too many`, { id: 'form.notes.over.many' }),
    other: () => msg(str`${n} characters too many`, { id: 'form.notes.over.other' }),
  });
}

/** The notes' bands, farthest from the limit first. */
export const NOTES_BANDS = ['far', 'near', 'last', 'over'] as const;
export type NotesBand = (typeof NOTES_BANDS)[number];

/**
 * How near the notes are to the limit: the counter is announced only when this changes to a nearer
 * band (not on every keystroke): 200 left, 20 left, over the limit.
 */
export function notesBand(length: number): NotesBand {
  const left = NOTES_MAX_LENGTH - length;
  return left < 0 ? 'over' : left <= 20 ? 'last' : left <= 200 ? 'near' : 'far';
}

function notesField(view: FieldView, f: FormField): TemplateResult {
  const length = view.values.notes.length;
  const band = notesBand(length);
  return html`<div class="field wide" part="field">
    <label for="f-notes">${f.label()}${optionalMark()}</label>
    <textarea
      id="f-notes"
      data-field="notes"
      aria-invalid=${invalid(view, 'notes')}
      aria-describedby=${[describedBy(view, 'notes'), 'notes-count'].filter(Boolean).join(' ')}
      .value=${view.values.notes}
      @input=${(e: Event) => view.setValue('notes', (e.target as HTMLTextAreaElement).value)}
      @blur=${view.onBlur}
    ></textarea>
    <p class="hint count" id="notes-count" data-band=${band}>${notesCountText(length, view.locale)}</p>
    ${renderMessage(view, 'notes')}
  </div>`;
}

function yesNoField(view: FieldView): TemplateResult {
  return html`<fieldset class="radios wide">
    <legend>${msg('Existing customer?', { id: 'form.existing-customer.legend' })}</legend>
    ${(['no', 'yes'] as const).map(
      (choice) =>
        html`<label class="check"
          ><input
            type="radio"
            name="existingCustomer"
            data-field=${choice === 'no' ? 'existingCustomer' : nothing}
            value=${choice}
            .checked=${view.values.existingCustomer === choice}
            @change=${() => view.setValue('existingCustomer', choice)}
          />${choice === 'yes' ? msg('Yes', { id: 'form.yes' }) : msg('No', { id: 'form.no' })}</label
        >`,
    )}
  </fieldset>`;
}

function consentField(view: FieldView): TemplateResult {
  return html`<div class="field wide" part="field">
    <label class="check">
      <input
        type="checkbox"
        data-field="consent"
        aria-required="true"
        aria-invalid=${invalid(view, 'consent')}
        aria-describedby=${ifDefined(describedBy(view, 'consent'))}
        .checked=${view.values.consent}
        @change=${(e: Event) => {
          view.setConsent((e.target as HTMLInputElement).checked);
          view.touch('consent');
        }}
      />
      ${msg('The prospect agreed to be contacted by the partner', { id: 'form.consent.label' })}
    </label>
    ${renderMessage(view, 'consent')}
  </div>`;
}

/** One field's label, control, hint and message, as its table row says. */
export function renderField(view: FieldView, f: FormField): TemplateResult | typeof nothing {
  switch (f.control) {
    case 'partner':
      return partnerField(view, f);
    case 'text':
      return textField(view, f as Parameters<typeof textField>[1]);
    case 'country':
      return countryField(view, f);
    case 'use-case':
      return useCaseField(view, f);
    case 'timeline':
      return timelineField(view, f);
    case 'amount':
      return amountField(view, f);
    case 'currency':
      return currencyField(view, f);
    case 'notes':
      return notesField(view, f);
    case 'yes-no':
      return yesNoField(view);
    case 'consent':
      return consentField(view);
    case 'duplicate-reason':
      return nothing; // in the duplicate notice
  }
}

/** The fields of one section, in table order. */
export function renderSection(view: FieldView, section: FormSection): TemplateResult[] {
  return FIELDS.filter((f) => f.section === section).map((f) => html`${renderField(view, f)}`);
}
