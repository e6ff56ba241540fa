import { msg } from '@lit/localize';
import type { Money } from '../../src/domain/money.js';
import type { TIMELINES } from '../../src/domain/referral.js';
import type { DraftField, DraftValues } from './draft.js';

/** A field of the form that can carry a message: every draft value plus the partner picker. */
export type FieldKey = Exclude<DraftField, 'partnerName' | 'partnerId'> | 'partner' | 'duplicateReason';

/** The fieldsets of the form, in page order. */
export type FormSection = 'partner' | 'prospect' | 'contact' | 'opportunity' | 'duplicate';

/** How a field is shown (field-controls.ts renders each kind). */
export type FieldControl = 'partner' | 'text' | 'country' | 'use-case' | 'timeline' | 'amount' | 'currency' | 'notes' | 'yes-no' | 'consent' | 'duplicate-reason';

/** What a field's value in the referral input is computed from. */
export interface InputSource {
  values: DraftValues;
  /** The partner chosen in the picker or fixed by `partner-id`. */
  partnerId: string;
  /** The estimated ARR as read from the typed text (zero when it cannot be read). */
  amount: Money;
}

const optional = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

export interface FormField {
  key: FieldKey;
  /** The field's label in the active language. */
  label: () => string;
  /**
   * Where the field's value sits in a ReferralInput (a dot path, as zod and the CRM report errors).
   * The same path builds the input (`toReferralInput`) and maps an error back to the field (`fieldForPath`).
   */
  path: string;
  section: FormSection;
  control: FieldControl;
  /** The field's value in the referral input; without it the field is not part of the input as such. */
  input?: (source: InputSource) => unknown;
  required?: boolean;
  /** For text controls: the input type (default `text`) and autocomplete (default `off`). */
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  /** A hint under the control, in the active language. */
  hint?: () => string;
}

/**
 * The form's one field table: key, label, schema path, section and control, in page order. The
 * order is the order the fields are rendered in, listed in the error summary in and focused in
 * ("focus the first invalid field").
 */
export const FIELDS: readonly FormField[] = [
  { key: 'partner', label: () => msg('Partner', { id: 'form.field.partner' }), path: 'partnerId', section: 'partner', control: 'partner', required: true, input: (s) => s.partnerId },
  {
    key: 'company',
    label: () => msg('Company', { id: 'form.field.company' }),
    path: 'prospect.company',
    section: 'prospect',
    control: 'text',
    required: true,
    autocomplete: 'organization',
    input: (s) => s.values.company,
  },
  {
    key: 'website',
    label: () => msg('Website or domain', { id: 'form.field.website' }),
    path: 'prospect.website',
    section: 'prospect',
    control: 'text',
    hint: () => msg('A domain such as acme.com, or a full web address', { id: 'form.website.hint' }),
    input: (s) => optional(s.values.website),
  },
  { key: 'country', label: () => msg('Country', { id: 'form.field.country' }), path: 'prospect.country', section: 'prospect', control: 'country', required: true, input: (s) => s.values.country },
  {
    key: 'contactName',
    label: () => msg('Contact name', { id: 'form.field.contact-name' }),
    path: 'prospect.contactName',
    section: 'contact',
    control: 'text',
    required: true,
    input: (s) => s.values.contactName,
  },
  {
    key: 'contactEmail',
    label: () => msg('Contact email', { id: 'form.field.contact-email' }),
    path: 'prospect.contactEmail',
    section: 'contact',
    control: 'text',
    type: 'email',
    required: true,
    input: (s) => s.values.contactEmail.trim(),
  },
  {
    key: 'contactPhone',
    label: () => msg('Contact phone', { id: 'form.field.contact-phone' }),
    path: 'prospect.contactPhone',
    section: 'contact',
    control: 'text',
    type: 'tel',
    input: (s) => optional(s.values.contactPhone),
  },
  {
    key: 'contactTitle',
    label: () => msg('Contact title', { id: 'form.field.contact-title' }),
    path: 'prospect.contactTitle',
    section: 'contact',
    control: 'text',
    input: (s) => optional(s.values.contactTitle),
  },
  { key: 'useCase', label: () => msg('Use case', { id: 'form.field.use-case' }), path: 'useCase', section: 'opportunity', control: 'use-case', required: true, input: (s) => s.values.useCase },
  { key: 'timeline', label: () => msg('Expected timeline', { id: 'form.field.timeline' }), path: 'expectedTimeline', section: 'opportunity', control: 'timeline', input: (s) => optional(s.values.timeline) },
  { key: 'arr', label: () => msg('Estimated ARR', { id: 'form.field.arr' }), path: 'estimatedArr.amountMinor', section: 'opportunity', control: 'amount', required: true, input: (s) => s.amount.amountMinor },
  { key: 'currency', label: () => msg('Currency', { id: 'form.field.currency' }), path: 'estimatedArr.currency', section: 'opportunity', control: 'currency', input: (s) => s.amount.currency },
  { key: 'notes', label: () => msg('Notes', { id: 'form.field.notes' }), path: 'notes', section: 'opportunity', control: 'notes', input: (s) => optional(s.values.notes) },
  {
    key: 'existingCustomer',
    label: () => msg('Existing customer', { id: 'form.field.existing-customer' }),
    path: 'existingCustomer',
    section: 'opportunity',
    control: 'yes-no',
    input: (s) => s.values.existingCustomer === 'yes',
  },
  { key: 'consent', label: () => msg('Consent to be contacted', { id: 'form.field.consent' }), path: 'consentToContact', section: 'opportunity', control: 'consent', required: true, input: (s) => s.values.consent },
  // Shown in the duplicate notice; sent only with "Submit anyway".
  { key: 'duplicateReason', label: () => msg('Reason to submit anyway', { id: 'form.field.duplicate-reason' }), path: 'duplicateOverrideReason', section: 'duplicate', control: 'duplicate-reason', required: true },
];

const BY_KEY = new Map<FieldKey, FormField>(FIELDS.map((f) => [f.key, f]));

/** The field of this key (every FieldKey is in the table). */
export function field(key: FieldKey): FormField {
  return BY_KEY.get(key)!;
}

/** A field's label in the active language. */
export function fieldLabel(key: FieldKey): string {
  return field(key).label();
}

/** Field keys in page order. */
export const FIELD_ORDER: readonly FieldKey[] = FIELDS.map((f) => f.key);

/**
 * Where an error at a referral-schema path ("prospect.contactEmail", "estimatedArr") is shown: the
 * field at that path (or at a path inside it), else the first field of the same part of the input
 * ("prospect" → company), else nowhere (the summary lists it).
 */
export function fieldForPath(path: string): FieldKey | undefined {
  const exact = FIELDS.find((f) => f.path === path || path.startsWith(`${f.path}.`));
  if (exact) return exact.key;
  const head = path.split('.')[0]!;
  return FIELDS.find((f) => f.path.split('.')[0] === head)?.key;
}

/** The draft as a referral input, built from the table's paths; `extra` adds what the form holds outside the table. */
export function toReferralInput(source: InputSource, extra: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = { ...extra };
  for (const f of FIELDS) {
    if (!f.input) continue;
    const parts = f.path.split('.');
    let target = input;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts.at(-1)!] = f.input(source);
  }
  return input;
}

/** An expected timeline ("0-3 months") in the active language. */
export function timelineLabel(timeline: (typeof TIMELINES)[number]): string {
  switch (timeline) {
    case '0-3 months':
      return msg('0-3 months', { id: 'form.timeline.0-3' });
    case '3-6 months':
      return msg('3-6 months', { id: 'form.timeline.3-6' });
    case '6-12 months':
      return msg('6-12 months', { id: 'form.timeline.6-12' });
    case '12+ months':
      return msg('12+ months', { id: 'form.timeline.12+' });
  }
}

/**
 * The referral schema's messages (src/domain/referral.ts) in the active language; a CRM's own
 * messages are shown as it wrote them.
 */
export function validationMessage(text: string | undefined): string | undefined {
  switch (text) {
    case 'Enter the company name':
      return msg('Enter the company name', { id: 'form.invalid.company' });
    case 'At most 255 characters':
      return msg('At most 255 characters', { id: 'form.invalid.max-255' });
    case 'Enter a website or domain, such as acme.com':
      return msg('Enter a website or domain, such as acme.com', { id: 'form.invalid.website' });
    case 'Enter the contact’s name':
      return msg('Enter the contact’s name', { id: 'form.invalid.contact-name' });
    case 'Enter an email address, such as name@company.com':
      return msg('Enter an email address, such as name@company.com', { id: 'form.invalid.contact-email' });
    case 'Enter a phone number with digits, spaces, ( ) - or a leading +':
      return msg('Enter a phone number with digits, spaces, ( ) - or a leading +', { id: 'form.invalid.contact-phone' });
    case 'Choose a partner':
      return msg('Choose a partner', { id: 'form.invalid.partner' });
    case 'Choose a use case':
      return msg('Choose a use case', { id: 'form.invalid.use-case' });
    case 'Enter the estimated ARR':
      return msg('Enter the estimated ARR', { id: 'form.invalid.arr' });
    case 'At most 4,000 characters':
      return msg('At most 4,000 characters', { id: 'form.invalid.max-4000' });
    case 'The prospect must agree to be contacted by the partner':
      return msg('The prospect must agree to be contacted by the partner', { id: 'form.invalid.consent' });
    default:
      return text;
  }
}
