import { html, css, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { z } from '../../src/domain/zod.js';
import { CosellElement } from '../base/cosell-element.js';
import { errorMessage, plural, stageLabel } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { CrmLoad } from '../base/crm-load.js';
import { partnerNotFound, renderEmpty, renderNoPermission } from '../base/states.js';
import { DEFAULT_ACCEPTANCE_WINDOW_DAYS, PartnerSchema, type Partner } from '../../src/domain/partner.js';
import { ReferralInputSchema, ReferralSchema, TIMELINES, type Referral, type ReferralInput } from '../../src/domain/referral.js';
import { can } from '../../src/domain/user.js';
import { CrmError, fieldErrorsFrom, type FieldErrors } from '../../src/errors.js';
import { ReferralSubmittedEvent } from '../../src/events.js';
import { countryName, formatDate, formatMoney, formatNumber, parseMoneyInput } from '../../src/format.js';
import { countryOptions } from '../../src/domain/countries.js';
import { DUPLICATE_WINDOW_DAYS } from '../../src/domain/duplicates.js';
import { ReferralQueuedError } from '../../src/outbox/outbox-adapter.js';
import { waitingToSendText } from '../my-referrals/waiting-referrals.js';
import { clearDraft, draftKey, DraftValuesSchema, loadDraft, saveDraft, type DraftField, type DraftValues } from './draft.js';
import { PartnerComboboxController } from './partner-combobox.js';

/** A field of the form that can carry a message: every draft value plus the partner picker. */
type FieldKey = Exclude<DraftField, 'partnerName'> | 'partner' | 'duplicateReason';

const FIELD_KEYS: ReadonlySet<string> = new Set<FieldKey>([
  'partner', 'partnerId', 'company', 'website', 'country', 'contactName', 'contactEmail', 'contactPhone', 'contactTitle',
  'useCase', 'arr', 'currency', 'timeline', 'notes', 'consent', 'existingCustomer', 'duplicateReason',
]);

/** A field's label in the active language. */
function fieldLabel(field: FieldKey): string {
  switch (field) {
    case 'partner':
    case 'partnerId':
      return msg('Partner', { id: 'form.field.partner' });
    case 'company':
      return msg('Company', { id: 'form.field.company' });
    case 'website':
      return msg('Website or domain', { id: 'form.field.website' });
    case 'country':
      return msg('Country', { id: 'form.field.country' });
    case 'contactName':
      return msg('Contact name', { id: 'form.field.contact-name' });
    case 'contactEmail':
      return msg('Contact email', { id: 'form.field.contact-email' });
    case 'contactPhone':
      return msg('Contact phone', { id: 'form.field.contact-phone' });
    case 'contactTitle':
      return msg('Contact title', { id: 'form.field.contact-title' });
    case 'useCase':
      return msg('Use case', { id: 'form.field.use-case' });
    case 'arr':
      return msg('Estimated ARR', { id: 'form.field.arr' });
    case 'currency':
      return msg('Currency', { id: 'form.field.currency' });
    case 'timeline':
      return msg('Expected timeline', { id: 'form.field.timeline' });
    case 'notes':
      return msg('Notes', { id: 'form.field.notes' });
    case 'consent':
      return msg('Consent to be contacted', { id: 'form.field.consent' });
    case 'existingCustomer':
      return msg('Existing customer', { id: 'form.field.existing-customer' });
    case 'duplicateReason':
      return msg('Reason to submit anyway', { id: 'form.field.duplicate-reason' });
  }
}

/** An expected timeline ("0-3 months") in the active language. */
function timelineLabel(timeline: (typeof TIMELINES)[number]): string {
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
function validationMessage(text: string | undefined): string | undefined {
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

/** Order of fields on the page: the summary and "focus the first invalid field" follow it. */
const FIELD_ORDER: FieldKey[] = [
  'partner', 'company', 'website', 'country', 'contactName', 'contactEmail', 'contactPhone', 'contactTitle',
  'useCase', 'arr', 'currency', 'timeline', 'notes', 'consent', 'existingCustomer', 'duplicateReason',
];

/** Where a referral-schema path ("prospect.contactEmail") is shown on the form. */
function fieldForPath(path: string): FieldKey | undefined {
  const [head, next] = path.split('.');
  switch (head) {
    case 'partnerId':
      return 'partner';
    case 'prospect':
      return next && FIELD_KEYS.has(next) ? (next as FieldKey) : 'company';
    case 'useCase':
      return 'useCase';
    case 'estimatedArr':
      return next === 'currency' ? 'currency' : 'arr';
    case 'expectedTimeline':
      return 'timeline';
    case 'notes':
      return 'notes';
    case 'consentToContact':
      return 'consent';
    case 'existingCustomer':
      return 'existingCustomer';
    case 'duplicateOverrideReason':
      return 'duplicateReason';
    default:
      return undefined;
  }
}

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'INR', 'BRL', 'MXN', 'SGD'];

type Phase = 'editing' | 'submitting' | 'duplicate' | 'failed' | 'success';

/**
 * @tagname cosell-referral-form
 * @summary A seller refers a prospect to a technology partner: partner picker, prefill from the host
 * record, validation as you go, duplicate and market-coverage warnings, a draft kept across reloads
 * and failures, and exactly one referral per submission.
 *
 * @fires cosell-referral-submitted - The CRM saved the referral; detail: `{ referral }`.
 * @fires cosell-error - A submission or a load failed; detail: the CrmError (the form shows it too).
 *
 * @csspart form - The <form>.
 * @csspart field - Each label + control + message group.
 * @csspart error-summary - The list of fields to fix, at the top.
 * @csspart warning - Market-coverage and duplicate warnings.
 * @csspart submit - The submit button.
 * @csspart confirmation - What is shown once the referral is saved.
 * @csspart listbox - The partner picker's list of options.
 * @csspart option - One partner in the picker.
 * @csspart state - Loading, error and no-permission states.
 * @csspart retry - The retry button of an error state.
 *
 * @cssproperty --cosell-form-columns - Columns of the field grid (default 2; 1 below 32rem).
 * @cssproperty --cosell-color-warning - Colour of warnings.
 * @cssproperty --cosell-color-error - Colour of field errors.
 */
export class CosellReferralForm extends CosellElement {
  static override styles = [
    tokens,
    css`
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
    `,
  ];

  /** Fix the partner by id (no picker). Without it the seller picks one in a searchable combobox. */
  @property({ attribute: 'partner-id' }) partnerId = '';
  /** The partner record, when the host has it already (skips loading it). */
  @property({ attribute: false }) partner: Partner | undefined;
  /** Prefill: the prospect's company name (from the host record). */
  @property({ attribute: 'prospect-company' }) prospectCompany = '';
  /** Prefill: the prospect's website or domain. */
  @property({ attribute: 'prospect-website' }) prospectWebsite = '';
  /** Prefill: the prospect's country, ISO 3166 alpha-2 ("DE"). */
  @property({ attribute: 'prospect-country' }) prospectCountry = '';
  /** Prefill: the contact's name. */
  @property({ attribute: 'contact-name' }) contactName = '';
  /** Prefill: the contact's email. */
  @property({ attribute: 'contact-email' }) contactEmail = '';
  /** Prefill: the contact's phone. */
  @property({ attribute: 'contact-phone' }) contactPhone = '';
  /** Prefill: the contact's job title. */
  @property({ attribute: 'contact-title' }) contactTitle = '';
  /** The host CRM record (Account, Opportunity) the referral comes from; also keys the saved draft. */
  @property({ attribute: 'crm-record-id' }) crmRecordId = '';

  @state() private values: DraftValues = DraftValuesSchema.parse({});
  @state() private errors: Partial<Record<FieldKey, string>> = {};
  @state() private otherErrors: string[] = [];
  @state() private showSummary = false;
  @state() private phase: Phase = 'editing';
  @state() private submitError: CrmError | undefined;
  @state() private sameDuplicates: Referral[] = [];
  @state() private otherDuplicates: Referral[] = [];
  @state() private duplicateReason = '';
  @state() private referral: Referral | undefined;
  @state() private announcement = '';
  @state() private restored = false;
  /** The last submission is in the provider's outbox, waiting to send. */
  @state() private waitingToSend = false;
  @state() private partnerNames = new Map<string, string>();

  private externalId = '';
  private key = '';
  private dirty = false;
  private readonly touched = new Set<FieldKey>();
  /** Set synchronously before the first await: a second click or a held Enter finds it set. */
  private inFlight = false;

  private readonly combobox = new PartnerComboboxController(this, {
    country: () => this.countryCode(),
    locale: () => this.localeSettings.locale,
    onQueryChange: (query) => {
      if (this.values.partnerId && query !== this.values.partnerName) {
        this.values = { ...this.values, partnerId: '', partnerName: '' };
        this.changed('partner');
      }
    },
    onBlur: () => {
      this.touched.add('partner');
      this.validateTouched();
    },
    onSelect: (partner) => {
      this.values = { ...this.values, partnerId: partner.id, partnerName: partner.name, useCase: partner.useCases.includes(this.values.useCase) ? this.values.useCase : '' };
      this.changed('partner');
      this.validateTouched();
      void this.probeDuplicates();
    },
  });

  private readonly partnerLoad = new CrmLoad(this, {
    loadingLabel: () => msg('Loading the partner…', { id: 'form.loading-partner' }),
    task: async ([adapter, partner, id], { signal }): Promise<Partner | undefined> => {
      if (partner && (!id || partner.id === id)) {
        const parsed = PartnerSchema.safeParse(partner);
        if (!parsed.success) throw new CrmError('bad-data', msg('The partner record could not be read.', { id: 'form.bad-partner' }), { fieldErrors: fieldErrorsFrom(parsed.error.issues) });
        return parsed.data;
      }
      if (!id || !adapter) return undefined;
      return adapter.getPartner(id, { signal });
    },
    args: () => [this.adapter, this.partner, this.partnerId || this.values.partnerId] as const,
  });

  /** Resolves once the partner is loaded and the fields are rendered. */
  get ready(): Promise<void> {
    return this.updateComplete.then(() => this.partnerLoad.settled).then(() => this.updateComplete).then(() => undefined);
  }

  /** Focus the first field (the partner picker, or the company when the partner is fixed). */
  override focus(options?: FocusOptions): void {
    const first = this.renderRoot.querySelector<HTMLElement>('[data-field]');
    if (first) first.focus(options);
    else super.focus(options);
  }

  /** The referral the form saved, once it is saved. */
  get submittedReferral(): Referral | undefined {
    return this.referral;
  }

  /** The id that makes this submission idempotent; kept across retries and reloads until success. */
  get draftExternalId(): string {
    return this.externalId;
  }

  private prefill(): DraftValues {
    return DraftValuesSchema.parse({
      company: this.prospectCompany,
      website: this.prospectWebsite,
      country: this.prospectCountry.toUpperCase(),
      contactName: this.contactName,
      contactEmail: this.contactEmail,
      contactPhone: this.contactPhone,
      contactTitle: this.contactTitle,
      currency: this.localeSettings.currency,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = draftKey(this.crmRecordId, this.partnerId);
    if (key !== this.key) {
      this.key = key;
      this.startDraft();
    } else if (!this.dirty && this.phase === 'editing') {
      const prefillChanged = (['prospectCompany', 'prospectWebsite', 'prospectCountry', 'contactName', 'contactEmail', 'contactPhone', 'contactTitle', 'localeSettings'] as const).some((p) =>
        changed.has(p),
      );
      if (prefillChanged) this.values = { ...this.prefill(), partnerId: this.values.partnerId, partnerName: this.values.partnerName };
    }
  }

  /** Restore the saved draft for this record and partner, or start a new one from the prefill. */
  private startDraft(): void {
    const draft = loadDraft(this.key);
    this.touched.clear();
    this.errors = {};
    this.otherErrors = [];
    this.showSummary = false;
    this.submitError = undefined;
    this.referral = undefined;
    this.phase = 'editing';
    if (draft) {
      this.values = { ...draft.values, currency: draft.values.currency || this.localeSettings.currency };
      this.externalId = draft.externalId;
      this.dirty = true;
      this.restored = true;
    } else {
      this.values = this.prefill();
      this.externalId = crypto.randomUUID();
      this.dirty = false;
      this.restored = false;
    }
    this.combobox.query = this.values.partnerName;
  }

  protected override firstUpdated(): void {
    // A company prefilled from the host record is checked at once, so an earlier referral shows early.
    if (this.values.company.trim()) void this.probeDuplicates();
  }

  private persist(): void {
    saveDraft(this.key, { externalId: this.externalId, values: this.values });
  }

  private changed(field: FieldKey): void {
    this.dirty = true;
    if (this.phase === 'failed') this.phase = 'editing';
    this.persist();
    if (this.errors[field]) this.validateTouched();
  }

  private setValue(field: Exclude<DraftField, 'consent'>, value: string): void {
    this.values = { ...this.values, [field]: value };
    this.changed(field as FieldKey);
  }

  private countryCode(): string | undefined {
    return /^[A-Z]{2}$/.test(this.values.country) ? this.values.country : undefined;
  }

  private effectivePartnerId(): string {
    return this.partnerId || this.values.partnerId;
  }

  /** The values as a referral input, plus messages the schema cannot know (unreadable amounts). */
  private toInput(): { input: unknown; extra: Partial<Record<FieldKey, string>> } {
    const v = this.values;
    const locale = this.localeSettings.locale;
    const currency = v.currency || this.localeSettings.currency;
    const extra: Partial<Record<FieldKey, string>> = {};
    let amount = parseMoneyInput(v.arr, locale, currency);
    if (v.arr.trim() && !amount) {
      extra.arr = msg(str`Enter the amount as a number, such as ${formatNumber(12500, locale)}`, { id: 'form.invalid.arr-number' });
    } else if (amount && amount.amountMinor <= 0) {
      extra.arr = msg('Enter an amount above zero', { id: 'form.invalid.arr-positive' });
    }
    if (!v.country) extra.country = msg('Choose the prospect’s country', { id: 'form.invalid.country' });
    amount ??= { amountMinor: 0, currency };
    const optional = (s: string) => (s.trim() ? s.trim() : undefined);
    const input = {
      externalId: this.externalId,
      partnerId: this.effectivePartnerId(),
      prospect: {
        company: v.company,
        website: optional(v.website),
        country: v.country,
        contactName: v.contactName,
        contactEmail: v.contactEmail.trim(),
        contactPhone: optional(v.contactPhone),
        contactTitle: optional(v.contactTitle),
      },
      useCase: v.useCase,
      estimatedArr: amount,
      expectedTimeline: optional(v.timeline),
      notes: optional(v.notes),
      consentToContact: v.consent,
      existingCustomer: v.existingCustomer === 'yes',
      crmRecordId: optional(this.crmRecordId),
    };
    return { input, extra };
  }

  /** Every field's message (schema first, then the form's own), or the parsed input when valid. */
  private check(): { errors: Partial<Record<FieldKey, string>>; input?: ReferralInput } {
    const { input, extra } = this.toInput();
    const result = ReferralInputSchema.safeParse(input);
    const errors: Partial<Record<FieldKey, string>> = {};
    if (!result.success) {
      for (const [path, messages] of Object.entries(fieldErrorsFrom(result.error.issues))) {
        const field = fieldForPath(path);
        if (field && !errors[field]) errors[field] = validationMessage(messages[0]);
      }
    }
    Object.assign(errors, extra);
    return Object.keys(errors).length === 0 && result.success ? { errors, input: result.data } : { errors };
  }

  private validateTouched(): void {
    const { errors } = this.check();
    const shown: Partial<Record<FieldKey, string>> = {};
    for (const field of this.touched) if (errors[field]) shown[field] = errors[field];
    this.errors = shown;
    if (Object.keys(shown).length === 0) this.showSummary = false;
  }

  private readonly onBlur = (event: FocusEvent): void => {
    const field = (event.target as HTMLElement).dataset['field'] as FieldKey | undefined;
    if (!field) return;
    this.touched.add(field);
    this.validateTouched();
    if (field === 'company' || field === 'website') void this.probeDuplicates();
  };

  /** Look for earlier referrals of this prospect as soon as the company is known (information only). */
  private async probeDuplicates(): Promise<void> {
    const adapter = this.adapter;
    const company = this.values.company.trim();
    if (!adapter || !company) return;
    try {
      const found = await adapter.findDuplicateReferrals({ company, website: this.values.website.trim() || undefined, withinDays: DUPLICATE_WINDOW_DAYS });
      if (company !== this.values.company.trim()) return;
      this.splitDuplicates(found);
    } catch {
      // Information only; the check runs again on submit.
    }
  }

  private splitDuplicates(all: Referral[]): void {
    const partnerId = this.effectivePartnerId();
    // This very submission, saved by an earlier attempt whose answer was lost, is not a duplicate:
    // creating it again returns it (same externalId).
    const found = all.filter((r) => r.externalId !== this.externalId);
    this.sameDuplicates = found.filter((r) => r.partnerId === partnerId);
    this.otherDuplicates = found.filter((r) => r.partnerId !== partnerId);
    if (this.otherDuplicates.some((r) => !this.partnerNames.has(r.partnerId))) void this.loadPartnerNames();
  }

  /** Names of the other partners a prospect was referred to (information only: ids if this fails). */
  private async loadPartnerNames(): Promise<void> {
    try {
      const partners = (await this.adapter?.listPartners()) ?? [];
      this.partnerNames = new Map(partners.map((p) => [p.id, p.name]));
    } catch {
      // keep showing ids
    }
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    const first = FIELD_ORDER.find((f) => this.errors[f]);
    if (first) this.focusField(first);
    else this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  private focusField(field: FieldKey): void {
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-field="${field}"]`);
    target?.focus();
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Validate, check for duplicates, then create the referral once. Safe to call repeatedly. */
  async submit(options: { override?: boolean } = {}): Promise<void> {
    if (this.inFlight || this.phase === 'success') return;
    const adapter = this.adapter;
    FIELD_ORDER.forEach((f) => f !== 'duplicateReason' && this.touched.add(f));
    const { errors, input } = this.check();
    if (options.override && !this.duplicateReason.trim()) errors.duplicateReason = msg('Say why you are submitting anyway', { id: 'form.invalid.duplicate-reason' });
    if (!input || errors.duplicateReason) {
      this.errors = errors;
      this.otherErrors = [];
      this.showSummary = !errors.duplicateReason || Object.keys(errors).length > 1;
      const count = Object.keys(errors).length;
      this.announce(
        plural(count, {
          zero: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.zero' }),
          one: () => msg(str`The referral was not submitted: ${count} field needs attention.`, { id: 'form.announce.invalid.one' }),
          two: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.two' }),
          few: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.few' }),
          many: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.many' }),
          other: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.other' }),
        }),
      );
      await this.focusFirstInvalid();
      return;
    }
    if (!adapter) {
      this.phase = 'failed';
      this.submitError = new CrmError('unavailable', msg('No CRM is connected: place the form inside a <cosell-provider> with an adapter.', { id: 'form.no-adapter' }));
      this.announce(msg(str`The referral was not submitted. ${this.submitError.message}`, { id: 'form.announce.failed' }));
      return;
    }
    this.inFlight = true;
    this.waitingToSend = false;
    this.errors = {};
    this.showSummary = false;
    this.submitError = undefined;
    this.phase = 'submitting';
    this.persist();
    this.announce(msg('Submitting the referral…', { id: 'form.announce.submitting' }));
    try {
      if (!options.override) {
        const found = await adapter.findDuplicateReferrals({ company: input.prospect.company, website: input.prospect.website, withinDays: DUPLICATE_WINDOW_DAYS });
        this.splitDuplicates(found);
        if (this.sameDuplicates.length > 0) {
          this.phase = 'duplicate';
          this.announce(msg('Possible duplicate found. Submit anyway with a reason, or cancel.', { id: 'form.announce.duplicate' }));
          await this.updateComplete;
          this.renderRoot.querySelector<HTMLElement>('#duplicate-heading')?.focus();
          return;
        }
      }
      const reason = options.override ? this.duplicateReason.trim() : undefined;
      const referral = await adapter.createReferral({ ...input, ...(reason ? { duplicateOverrideReason: reason } : {}) });
      clearDraft(this.key);
      this.referral = referral;
      this.phase = 'success';
      this.dirty = false;
      this.announce(msg(str`Referral ${referral.id} submitted.`, { id: 'form.announce.submitted' }));
      this.dispatchEvent(new ReferralSubmittedEvent(referral));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#confirmation-heading')?.focus();
    } catch (error) {
      if (ReferralQueuedError.queuedIn(error)) this.keptInOutbox();
      else this.failed(error);
    } finally {
      this.inFlight = false;
    }
  }

  /** The CRM could not be reached: the provider's outbox keeps the referral and sends it later, so the draft is done. */
  private keptInOutbox(): void {
    clearDraft(this.key);
    this.startDraft();
    this.waitingToSend = true;
    this.announce(waitingToSendText());
  }

  private failed(error: unknown): void {
    const crmError = this.reportError(error);
    if (crmError.kind === 'duplicate') {
      const parsed = z.array(ReferralSchema).safeParse(crmError.details);
      this.sameDuplicates = parsed.success ? parsed.data : [];
      this.phase = 'duplicate';
      this.announce(msg('Possible duplicate found. Submit anyway with a reason, or cancel.', { id: 'form.announce.duplicate' }));
      return;
    }
    this.phase = 'failed';
    this.submitError = crmError;
    if (crmError.kind === 'validation') this.applyFieldErrors(crmError.fieldErrors);
    this.announce(msg(str`The referral was not submitted. ${this.errorText(crmError)}`, { id: 'form.announce.failed' }));
    void this.updateComplete.then(() => {
      const first = FIELD_ORDER.find((f) => this.errors[f]);
      if (first) this.focusField(first);
      else this.renderRoot.querySelector<HTMLElement>('#failure')?.focus();
    });
  }

  /** CRM messages that name a field go beside that field; the rest go in the summary. */
  private applyFieldErrors(fieldErrors: FieldErrors): void {
    const errors: Partial<Record<FieldKey, string>> = {};
    const other: string[] = [];
    for (const [path, messages] of Object.entries(fieldErrors)) {
      const field = fieldForPath(path);
      if (field) errors[field] = messages.map((m) => validationMessage(m) ?? m).join(' ');
      else other.push(`${path}: ${messages.join(' ')}`);
    }
    this.errors = errors;
    this.otherErrors = other;
    this.showSummary = true;
  }

  private errorText(error: CrmError): string {
    if (error.kind === 'validation') {
      const names = new Intl.ListFormat(this.localeSettings.locale, { type: 'conjunction' }).format(Object.keys(this.errors).map((f) => fieldLabel(f as FieldKey)));
      return names ? msg(str`The CRM rejected ${names}. Check the highlighted fields.`, { id: 'form.crm-rejected' }) : errorMessage(error);
    }
    if (error.kind === 'rate-limit' && error.retryAfter) {
      const seconds = Math.ceil(error.retryAfter);
      return msg(str`${errorMessage(error)} (about ${seconds} seconds)`, { id: 'form.rate-limit.seconds' });
    }
    return errorMessage(error);
  }

  private announce(message: string): void {
    // A different string each time so a repeated message is still read out.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  private cancelDuplicate(): void {
    this.phase = 'editing';
    this.duplicateReason = '';
    this.errors = {};
    this.announce(msg('The referral was not submitted. Your draft is kept.', { id: 'form.announce.canceled' }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button[type="submit"]')?.focus());
  }

  /** Start a new referral for the same host record and partner. */
  startAnother(): void {
    clearDraft(this.key);
    this.startDraft();
    this.sameDuplicates = [];
    this.otherDuplicates = [];
    this.duplicateReason = '';
    this.announce(msg('A new referral form is ready.', { id: 'form.announce.new' }));
    void this.updateComplete.then(() => this.focusField(this.partnerId ? 'company' : 'partner'));
  }

  /** Throw away the saved draft and start again from the host record's values. */
  discardDraft(): void {
    this.startAnother();
    this.announce(msg('Draft discarded.', { id: 'form.announce.discarded' }));
  }

  protected override render() {
    if (this.user && !can.submitReferral(this.user)) return renderNoPermission(msg('You do not have permission to submit referrals.', { id: 'form.no-permission' }));
    if (this.partnerId || this.partner) {
      return this.partnerLoad.render({
        notFound: () => renderEmpty(partnerNotFound()),
        complete: (partner) => this.renderBody(partner),
      });
    }
    return this.renderBody(this.partnerLoad.value);
  }

  private renderBody(partner: Partner | undefined): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.phase === 'success' && this.referral ? this.renderConfirmation(this.referral, partner) : this.renderForm(partner)}`;
  }

  private renderConfirmation(referral: Referral, partner: Partner | undefined): TemplateResult {
    const locale = this.localeSettings.locale;
    const name = partner?.name ?? msg('The partner', { id: 'form.the-partner' });
    const days = partner?.acceptanceWindowDays ?? DEFAULT_ACCEPTANCE_WINDOW_DAYS;
    const company = referral.prospect.company;
    const arr = formatMoney(referral.estimatedArr, locale);
    return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation-heading">
      <h3 id="confirmation-heading" tabindex="-1">${msg('Referral submitted', { id: 'form.confirmation.heading' })}</h3>
      <p>
        ${msg('Reference', { id: 'form.confirmation.reference' })} <strong class="referral-id">${referral.id}</strong>:
        ${msg(str`${company} referred to ${name}.`, { id: 'form.confirmation.referred' })}
      </p>
      <p>
        ${plural(days, {
          zero: () => msg(str`${name} accepts or declines within ${days} business days. Follow its stage under My referrals.`, { id: 'form.confirmation.window.zero' }),
          one: () => msg(str`${name} accepts or declines within ${days} business day. Follow its stage under My referrals.`, { id: 'form.confirmation.window.one' }),
          two: () => msg(str`${name} accepts or declines within ${days} business days. Follow its stage under My referrals.`, { id: 'form.confirmation.window.two' }),
          few: () => msg(str`${name} accepts or declines within ${days} business days. Follow its stage under My referrals.`, { id: 'form.confirmation.window.few' }),
          many: () => msg(str`${name} accepts or declines within ${days} business days. Follow its stage under My referrals.`, { id: 'form.confirmation.window.many' }),
          other: () => msg(str`${name} accepts or declines within ${days} business days. Follow its stage under My referrals.`, { id: 'form.confirmation.window.other' }),
        })}
      </p>
      <p class="credit">${msg(str`Quota credit: ${arr} ARR is credited toward your quota when ${name} closes the deal.`, { id: 'form.confirmation.credit' })}</p>
      <div class="actions">
        <button type="button" class="link" @click=${() => this.startAnother()}>${msg('Refer another customer', { id: 'form.refer-another' })}</button>
      </div>
    </section>`;
  }

  private describedBy(field: FieldKey, hint = false): string | undefined {
    return [hint ? `${field}-hint` : '', this.errors[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  }

  private renderMessage(field: FieldKey): TemplateResult | typeof nothing {
    const message = this.errors[field];
    return message ? html`<p class="message" id="${field}-error">${message}</p>` : nothing;
  }

  private textField(
    field: 'company' | 'website' | 'contactName' | 'contactEmail' | 'contactPhone' | 'contactTitle',
    options: { type?: string; required?: boolean; autocomplete?: string; hint?: string; wide?: boolean } = {},
  ): TemplateResult {
    return html`<div class="field ${options.wide ? 'wide' : ''}" part="field">
      <label for="f-${field}">${fieldLabel(field)}${options.required ? nothing : html` <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span>`}</label>
      <input
        id="f-${field}"
        data-field=${field}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        aria-required=${options.required ? 'true' : 'false'}
        aria-invalid=${this.errors[field] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(field, Boolean(options.hint)))}
        .value=${this.values[field]}
        @input=${(e: Event) => this.setValue(field, (e.target as HTMLInputElement).value)}
        @blur=${this.onBlur}
      />
      ${options.hint ? html`<p class="hint" id="${field}-hint">${options.hint}</p>` : nothing} ${this.renderMessage(field)}
    </div>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    const fields = FIELD_ORDER.filter((f) => this.errors[f]);
    if (!this.showSummary || (fields.length === 0 && this.otherErrors.length === 0)) return nothing;
    const count = fields.length + this.otherErrors.length;
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
                  this.focusField(f);
                }}
                >${msg(str`${fieldLabel(f)}: ${this.errors[f] ?? ''}`, { id: 'form.summary.item' })}</a
              >
            </li>`,
        )}
        ${this.otherErrors.map((m) => html`<li>${m}</li>`)}
      </ul>
    </div>`;
  }

  private renderDuplicates(partner: Partner | undefined): TemplateResult | typeof nothing {
    const locale = this.localeSettings.locale;
    const row = (r: Referral, showPartner: boolean) =>
      html`<li>
        ${showPartner
          ? msg(str`${r.prospect.company} to ${this.partnerNames.get(r.partnerId) ?? r.partnerId}: referred by ${r.seller.name} on ${formatDate(r.submittedAt, locale)}, ${stageLabel(r.stage)}`, {
              id: 'form.duplicate.row-partner',
            })
          : msg(str`${r.prospect.company}: referred by ${r.seller.name} on ${formatDate(r.submittedAt, locale)}, ${stageLabel(r.stage)}`, { id: 'form.duplicate.row' })}
      </li>`;
    const partnerName = partner?.name ?? msg('this partner', { id: 'form.this-partner' });
    const windowDays = DUPLICATE_WINDOW_DAYS;
    const blocks: TemplateResult[] = [];
    if (this.phase === 'duplicate') {
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
          ${this.sameDuplicates.map((r) => row(r, false))}
        </ul>
        <div class="field" part="field">
          <label for="f-duplicateReason">${fieldLabel('duplicateReason')}</label>
          <textarea
            id="f-duplicateReason"
            data-field="duplicateReason"
            aria-required="true"
            aria-invalid=${this.errors.duplicateReason ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy('duplicateReason'))}
            .value=${this.duplicateReason}
            @input=${(e: Event) => {
              this.duplicateReason = (e.target as HTMLTextAreaElement).value;
              if (this.errors.duplicateReason && this.duplicateReason.trim()) this.errors = { ...this.errors, duplicateReason: undefined };
            }}
          ></textarea>
          ${this.renderMessage('duplicateReason')}
        </div>
        <div class="actions">
          <button type="button" class="primary" @click=${() => void this.submit({ override: true })}>${msg('Submit anyway', { id: 'form.submit-anyway' })}</button>
          <button type="button" @click=${() => this.cancelDuplicate()}>${msg('Cancel', { id: 'form.cancel' })}</button>
        </div>
      </section>`);
    } else if (this.sameDuplicates.length > 0) {
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
          ${this.sameDuplicates.map((r) => row(r, false))}
        </ul>
      </div>`);
    }
    if (this.otherDuplicates.length > 0) {
      blocks.push(html`<div class="notice info" data-kind="other-partners">
        <p>${msg('For your information, this prospect was also referred to other partners:', { id: 'form.duplicate.others' })}</p>
        <ul>
          ${this.otherDuplicates.map((r) => row(r, true))}
        </ul>
      </div>`);
    }
    return blocks.length ? html`${blocks}` : nothing;
  }

  private renderForm(partner: Partner | undefined): TemplateResult {
    const locale = this.localeSettings.locale;
    const v = this.values;
    const country = this.countryCode();
    const currency = v.currency || this.localeSettings.currency;
    const amount = parseMoneyInput(v.arr, locale, currency);
    const outOfMarket = partner && country && partner.markets.length > 0 && !partner.markets.includes(country);
    const busy = this.phase === 'submitting';
    const countries = countryOptions(locale);
    const useCases = partner?.useCases ?? [];
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-busy=${busy ? 'true' : 'false'} aria-labelledby="form-heading">
      <h3 id="form-heading" class="visually-hidden">
        ${partner ? msg(str`Refer a customer to ${partner.name}`, { id: 'partner-card.dialog.title' }) : msg('Refer a customer', { id: 'partner-card.refer' })}
      </h3>
      ${this.restored ? html`<p class="hint" data-kind="restored">${msg('Your unsent draft was restored.', { id: 'form.restored' })}</p>` : nothing} ${this.renderSummary()}
      ${this.waitingToSend ? html`<p class="hint" data-kind="waiting-to-send">${waitingToSendText()}</p>` : nothing}
      ${this.phase === 'failed' && this.submitError
        ? html`<div class="notice error" id="failure" tabindex="-1" role="alert" data-kind=${this.submitError.kind}>
            <p>${msg(str`The referral was not submitted. ${this.errorText(this.submitError)}`, { id: 'form.announce.failed' })}</p>
            <p>${msg('Everything you entered is kept.', { id: 'form.kept' })}</p>
            ${this.submitError.kind === 'validation' || this.submitError.kind === 'permission'
              ? nothing
              : html`<button type="button" part="retry" @click=${() => void this.submit()}>${msg('Retry', { id: 'state.retry' })}</button>`}
          </div>`
        : nothing}
      <fieldset>
        <legend>${msg('Partner', { id: 'form.field.partner' })}</legend>
        <div class="field wide" part="field">
          ${this.partnerId || this.partner
            ? html`<p class="fixed-partner">${partner?.name ?? this.partnerId}</p>`
            : html`<div data-field-wrapper="partner">
                ${this.combobox.render(fieldLabel('partner'), { invalid: Boolean(this.errors.partner), describedBy: this.errors.partner ? 'partner-error' : 'partner-hint', required: true })}
              </div>`}
          ${this.partnerId || this.partner ? nothing : html`<p class="hint" id="partner-hint">${msg('Type to search; use the arrow keys and Enter to choose.', { id: 'form.partner.hint' })}</p>`}
          ${this.renderMessage('partner')}
        </div>
      </fieldset>
      <fieldset>
        <legend>${msg('Prospect', { id: 'form.section.prospect' })}</legend>
        ${this.textField('company', { required: true, autocomplete: 'organization' })}
        ${this.textField('website', { hint: msg('A domain such as acme.com, or a full web address', { id: 'form.website.hint' }) })}
        <div class="field" part="field">
          <label for="f-country">${fieldLabel('country')}</label>
          <select
            id="f-country"
            data-field="country"
            aria-required="true"
            aria-invalid=${this.errors.country ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy('country'))}
            @change=${(e: Event) => {
              this.setValue('country', (e.target as HTMLSelectElement).value);
              this.touched.add('country');
              this.validateTouched();
            }}
            @blur=${this.onBlur}
          >
            <option value="" ?selected=${!v.country}>${msg('Choose a country', { id: 'form.country.choose' })}</option>
            ${v.country && !countries.some((c) => c.code === v.country) ? html`<option value=${v.country} selected>${v.country}</option>` : nothing}
            ${countries.map((c) => html`<option value=${c.code} ?selected=${c.code === v.country}>${c.name}</option>`)}
          </select>
          ${this.renderMessage('country')}
        </div>
        ${outOfMarket
          ? html`<div class="notice warning wide field" part="warning" data-kind="market">
              ${msg(str`${partner.name} does not list ${countryName(country, locale)} among its markets. You can still refer; the partner may decline.`, { id: 'form.market.warning' })}
            </div>`
          : nothing}
        <div class="wide">${this.renderDuplicates(partner)}</div>
      </fieldset>
      <fieldset>
        <legend>${msg('Contact', { id: 'form.section.contact' })}</legend>
        ${this.textField('contactName', { required: true, autocomplete: 'off' })}
        ${this.textField('contactEmail', { type: 'email', required: true })}
        ${this.textField('contactPhone', { type: 'tel' })} ${this.textField('contactTitle')}
      </fieldset>
      <fieldset>
        <legend>${msg('Opportunity', { id: 'form.section.opportunity' })}</legend>
        <div class="field" part="field">
          <label for="f-useCase">${fieldLabel('useCase')}</label>
          ${useCases.length > 0
            ? html`<select
                id="f-useCase"
                data-field="useCase"
                aria-required="true"
                aria-invalid=${this.errors.useCase ? 'true' : 'false'}
                aria-describedby=${ifDefined(this.describedBy('useCase'))}
                @change=${(e: Event) => {
                  this.setValue('useCase', (e.target as HTMLSelectElement).value);
                  this.touched.add('useCase');
                  this.validateTouched();
                }}
                @blur=${this.onBlur}
              >
                <option value="" ?selected=${!v.useCase}>${msg('Choose a use case', { id: 'form.invalid.use-case' })}</option>
                ${useCases.map((u) => html`<option value=${u} ?selected=${u === v.useCase}>${u}</option>`)}
              </select>`
            : html`<input
                id="f-useCase"
                data-field="useCase"
                type="text"
                aria-required="true"
                aria-invalid=${this.errors.useCase ? 'true' : 'false'}
                aria-describedby=${ifDefined(this.describedBy('useCase'))}
                .value=${v.useCase}
                @input=${(e: Event) => this.setValue('useCase', (e.target as HTMLInputElement).value)}
                @blur=${this.onBlur}
              />`}
          ${this.renderMessage('useCase')}
        </div>
        <div class="field" part="field">
          <label for="f-timeline">${fieldLabel('timeline')} <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span></label>
          <select id="f-timeline" data-field="timeline" @change=${(e: Event) => this.setValue('timeline', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!v.timeline}>${msg('Not known yet', { id: 'form.timeline.unknown' })}</option>
            ${TIMELINES.map((t) => html`<option value=${t} ?selected=${t === v.timeline}>${timelineLabel(t)}</option>`)}
          </select>
        </div>
        <div class="field" part="field">
          <label for="f-arr">${fieldLabel('arr')}</label>
          <input
            id="f-arr"
            data-field="arr"
            type="text"
            inputmode="decimal"
            aria-required="true"
            aria-invalid=${this.errors.arr ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy('arr', true))}
            .value=${v.arr}
            @input=${(e: Event) => this.setValue('arr', (e.target as HTMLInputElement).value)}
            @blur=${this.onBlur}
          />
          <p class="hint" id="arr-hint">${msg(str`Annual recurring revenue, such as ${formatNumber(12500, locale)}`, { id: 'form.arr.hint' })}</p>
          ${this.renderMessage('arr')}
        </div>
        <div class="field" part="field">
          <label for="f-currency">${fieldLabel('currency')}</label>
          <select id="f-currency" data-field="currency" @change=${(e: Event) => this.setValue('currency', (e.target as HTMLSelectElement).value)}>
            ${[...new Set([currency, ...CURRENCIES])].map((c) => html`<option value=${c} ?selected=${c === currency}>${c}</option>`)}
          </select>
          ${this.renderMessage('currency')}
        </div>
        <div class="field wide" part="field">
          <label for="f-notes">${fieldLabel('notes')} <span class="optional">${msg('(optional)', { id: 'form.optional' })}</span></label>
          <textarea
            id="f-notes"
            data-field="notes"
            aria-invalid=${this.errors.notes ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy('notes'))}
            .value=${v.notes}
            @input=${(e: Event) => this.setValue('notes', (e.target as HTMLTextAreaElement).value)}
            @blur=${this.onBlur}
          ></textarea>
          ${this.renderMessage('notes')}
        </div>
        <fieldset class="radios wide">
          <legend>${msg('Existing customer?', { id: 'form.existing-customer.legend' })}</legend>
          ${(['no', 'yes'] as const).map(
            (choice) =>
              html`<label class="check"
                ><input
                  type="radio"
                  name="existingCustomer"
                  data-field=${choice === 'no' ? 'existingCustomer' : nothing}
                  value=${choice}
                  .checked=${v.existingCustomer === choice}
                  @change=${() => this.setValue('existingCustomer', choice)}
                />${choice === 'yes' ? msg('Yes', { id: 'form.yes' }) : msg('No', { id: 'form.no' })}</label
              >`,
          )}
        </fieldset>
        <div class="field wide" part="field">
          <label class="check">
            <input
              type="checkbox"
              data-field="consent"
              aria-required="true"
              aria-invalid=${this.errors.consent ? 'true' : 'false'}
              aria-describedby=${ifDefined(this.describedBy('consent'))}
              .checked=${v.consent}
              @change=${(e: Event) => {
                this.values = { ...this.values, consent: (e.target as HTMLInputElement).checked };
                this.changed('consent');
                this.touched.add('consent');
                this.validateTouched();
              }}
            />
            ${msg('The prospect agreed to be contacted by the partner', { id: 'form.consent.label' })}
          </label>
          ${this.renderMessage('consent')}
        </div>
      </fieldset>
      <p class="credit" data-kind="credit">
        ${amount && amount.amountMinor > 0
          ? partner
            ? msg(str`Quota credit: when ${partner.name} closes this deal, ${formatMoney(amount, locale)} ARR is credited toward your quota.`, { id: 'form.credit.amount' })
            : msg(str`Quota credit: when the partner closes this deal, ${formatMoney(amount, locale)} ARR is credited toward your quota.`, { id: 'form.credit.amount-any' })
          : msg('Quota credit: the estimated ARR is credited toward your quota when the partner closes the deal.', { id: 'form.credit.none' })}
      </p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy || this.phase === 'duplicate'}>
          ${busy ? msg('Submitting…', { id: 'form.submitting' }) : msg('Submit referral', { id: 'form.submit' })}
        </button>
        ${this.dirty ? html`<button type="button" class="link" @click=${() => this.discardDraft()}>${msg('Discard draft', { id: 'form.discard' })}</button>` : nothing}
      </div>
    </form>`;
  }
}
