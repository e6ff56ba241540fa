// About 460 lines, on purpose: this file is the element itself — its public API (eleven documented
// properties and the JSDoc of its events, parts and tokens), the draft's lifecycle and the glue that
// joins the parts, each in its own file: fields.ts (the field table), field-controls.ts, validation.ts,
// submission.ts (the submission workflow), duplicate-notice.ts, error-summary.ts, confirmation.ts,
// partner-combobox.ts and referral-form.styles.ts.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Announcer } from '../base/announcer.js';
import { CosellElement } from '../base/cosell-element.js';
import { noSubmitPermissionText, waitingToSendText } from '../base/messages.js';
import { tokens } from '../base/tokens.js';
import { CrmLoad } from '../base/crm-load.js';
import { LiveChanges } from '../base/live-changes.js';
import { SharedPartners } from '../base/shared-partners.js';
import { partnerNotFound, renderEmpty, renderNoPermission } from '../base/states.js';
import { PartnerSchema, type Partner } from '../../src/domain/partner.js';
import type { Referral, ReferralInput } from '../../src/domain/referral.js';
import { can } from '../../src/domain/user.js';
import { currencyForCountry } from '../../src/domain/countries.js';
import { CrmError, fieldErrorsFrom, type FieldErrors } from '../../src/errors.js';
import { ReferralSubmittedEvent } from '../../src/events.js';
import { countryName, formatMoney, parseMoneyInput } from '../../src/format.js';
import { referralReference } from '../../src/domain/reference.js';
import { clearDraft, draftKey, DraftValuesSchema, loadDraft, saveDraft, type DraftField, type DraftValues } from './draft.js';
import { renderDuplicateNotice } from './duplicate-notice.js';
import { describedBy, useCaseOptions, NOTES_BANDS, notesBand, notesCountText, renderMessage, renderSection, type FieldView, type NotesBand } from './field-controls.js';
import { renderConfirmation } from './confirmation.js';
import { renderErrorSummary } from './error-summary.js';
import { FIELD_ORDER, fieldLabel, type FieldKey } from './fields.js';
import { PartnerComboboxController } from './partner-combobox.js';
import { referralFormStyles } from './referral-form.styles.js';
import { ReferralSubmission } from './submission.js';
import { checkDraft, crmFieldMessages, notSubmittedMessage, type FieldMessages } from './validation.js';

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
  static override styles = [tokens, referralFormStyles];

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
  @state() private errors: FieldMessages = {};
  @state() private otherErrors: string[] = [];
  @state() private showSummary = false;
  @state() private restored = false;
  /** The last submission is in the provider's outbox, waiting to send. */
  @state() private waitingToSend = false;
  
  private externalId = '';
  private key = '';
  private dirty = false;
  /** The seller chose the currency (or a restored draft carries one): it no longer follows the country. */
  private currencyChosen = false;
  private readonly touched = new Set<FieldKey>();
  /** How near the notes were to their limit when last typed (see `notesBand`). */
  private notesNearness: NotesBand = 'far';
  private readonly sharedPartners = new SharedPartners(this);
  private readonly live = new LiveChanges(this, (change) => change.type === 'reset' && this.crmReset());
  /** The provider's one live region (shared with the board and my referrals). */
  private readonly announcer = new Announcer(this);

  private readonly submission = new ReferralSubmission(this, {
    adapter: () => this.adapter,
    partners: () => this.sharedPartners.source,
    locale: () => this.localeSettings.locale,
    externalId: () => this.externalId,
    partnerId: () => this.effectivePartnerId(),
    prospect: () => ({ company: this.values.company, website: this.values.website }),
    validate: (reason) => this.validateForSubmission(reason),
    focusFirstInvalid: (fallback) => this.focusFirstInvalid(fallback),
    clearErrors: (summary) => {
      this.errors = {};
      if (summary) this.showSummary = false;
    },
    showCrmErrors: (fieldErrors) => this.applyFieldErrors(fieldErrors),
    invalidFieldLabels: () => Object.keys(this.errors).map((f) => fieldLabel(f as FieldKey)),
    saveDraft: () => this.persist(),
    submitted: (referral) => {
      clearDraft(this.key);
      this.dirty = false;
      this.announce(msg(str`Referral ${referralReference(referral.externalId)} submitted.`, { id: 'form.announce.submitted' }));
      this.dispatchEvent(new ReferralSubmittedEvent(referral));
    },
    report: (error) => this.reportError(error),
    announce: (message) => this.announce(message),
    keptInOutbox: () => {
      clearDraft(this.key);
      this.startDraft();
      this.waitingToSend = true;
      this.announce(waitingToSendText());
    },
    focus: (selector) => this.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
  });

  private readonly combobox = new PartnerComboboxController(this, {
    partners: () => this.sharedPartners.source,
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
      this.values = { ...this.values, partnerId: partner.id, partnerName: partner.name, useCase: useCaseOptions(partner, '').includes(this.values.useCase) ? this.values.useCase : '' };
      this.changed('partner');
      this.validateTouched();
      void this.submission.probeDuplicates();
    },
  });

  private readonly partnerLoad = new CrmLoad(this, {
    loadingLabel: () => msg('Loading the partner…', { id: 'form.loading-partner' }),
    task: async ([partners, partner, id], { signal }): Promise<Partner | undefined> => {
      if (partner && (!id || partner.id === id)) {
        const parsed = PartnerSchema.safeParse(partner);
        if (!parsed.success) throw new CrmError('bad-data', msg('The partner record could not be read.', { id: 'form.bad-partner' }), { fieldErrors: fieldErrorsFrom(parsed.error.issues) });
        return parsed.data;
      }
      if (!id || !partners) return undefined;
      return partners.getPartner(id, { signal });
    },
    args: () => [this.sharedPartners.source, this.partner, this.partnerId || this.values.partnerId] as const,
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
    return this.submission.referral;
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
      currency: this.defaultCurrency(this.prospectCountry.toUpperCase()),
    });
  }

  /** The prospect's country's currency, else the provider's. */
  private defaultCurrency(country: string): string {
    return currencyForCountry(country) ?? this.localeSettings.currency;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = draftKey(this.crmRecordId, this.partnerId);
    if (key !== this.key) {
      this.key = key;
      this.startDraft();
    } else if (!this.dirty && this.submission.phase === 'editing') {
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
    this.waitingToSend = false;
    this.submission.restart();
    this.submission.forgetDuplicates();
    this.combobox.forgetResults();
    if (draft) {
      this.values = { ...draft.values, currency: draft.values.currency || this.defaultCurrency(draft.values.country) };
      this.currencyChosen = Boolean(draft.values.currency);
      this.externalId = draft.externalId;
      this.dirty = true;
      this.restored = true;
    } else {
      this.values = this.prefill();
      this.currencyChosen = false;
      this.externalId = crypto.randomUUID();
      this.dirty = false;
      this.restored = false;
    }
    this.combobox.query = this.values.partnerName;
    this.notesNearness = notesBand(this.values.notes.length);
  }

  /** The CRM's data was reset: what the form found in it (duplicates, partners) is forgotten and looked up again. */
  private crmReset(): void {
    this.submission.forgetDuplicates();
    this.combobox.forgetResults();
    if (this.submission.phase === 'success') this.startAnother();
    else void this.submission.probeDuplicates();
  }

  protected override firstUpdated(): void {
    // A company prefilled from the host record is checked at once, so an earlier referral shows early.
    if (this.values.company.trim()) void this.submission.probeDuplicates();
  }

  private persist(): void {
    saveDraft(this.key, { externalId: this.externalId, values: this.values });
  }

  private changed(field: FieldKey): void {
    this.dirty = true;
    this.submission.edited();
    this.persist();
    if (this.errors[field]) this.validateTouched();
  }

  private setValue(field: Exclude<DraftField, 'consent'>, value: string): void {
    this.values = { ...this.values, [field]: value };
    if (field === 'notes') this.announceNotesCount(value);
    if (field === 'currency') this.currencyChosen = true;
    else if (field === 'country' && !this.currencyChosen) this.values = { ...this.values, currency: this.defaultCurrency(value) };
    this.changed(field as FieldKey);
  }

  /** Near the limit, the notes counter is said once per band it enters (never on every keystroke). */
  private announceNotesCount(notes: string): void {
    const band = notesBand(notes.length);
    const nearer = NOTES_BANDS.indexOf(band) > NOTES_BANDS.indexOf(this.notesNearness);
    this.notesNearness = band;
    if (nearer) this.announce(notesCountText(notes.length, this.localeSettings.locale));
  }

  private countryCode(): string | undefined {
    return /^[A-Z]{2}$/.test(this.values.country) ? this.values.country : undefined;
  }

  private effectivePartnerId(): string {
    return this.partnerId || this.values.partnerId;
  }

  /** Every field's message, or the parsed input when the draft is valid. */
  private check(): { errors: FieldMessages; input?: ReferralInput } {
    return checkDraft(this.values, {
      locale: this.localeSettings.locale,
      currency: this.localeSettings.currency,
      partnerId: this.effectivePartnerId(),
      externalId: this.externalId,
      crmRecordId: this.crmRecordId,
    });
  }

  private validateTouched(): void {
    const { errors } = this.check();
    const shown: FieldMessages = {};
    for (const field of this.touched) if (errors[field]) shown[field] = errors[field];
    this.errors = shown;
    if (Object.keys(shown).length === 0) this.showSummary = false;
  }

  /** Every field is checked (a reason is asked for "Submit anyway"); the messages shown and announced. */
  private validateForSubmission(reason: string | undefined): ReferralInput | undefined {
    FIELD_ORDER.forEach((f) => f !== 'duplicateReason' && this.touched.add(f));
    const { errors, input } = this.check();
    if (reason !== undefined && !reason.trim()) errors.duplicateReason = msg('Say why you are submitting anyway', { id: 'form.invalid.duplicate-reason' });
    if (input && !errors.duplicateReason) return input;
    this.errors = errors;
    this.otherErrors = [];
    this.showSummary = !errors.duplicateReason || Object.keys(errors).length > 1;
    this.announce(notSubmittedMessage(Object.keys(errors).length));
    return undefined;
  }

  private readonly onBlur = (event: FocusEvent): void => {
    const field = (event.target as HTMLElement).dataset['field'] as FieldKey | undefined;
    if (!field) return;
    this.touched.add(field);
    this.validateTouched();
    if (field === 'company' || field === 'website') void this.submission.probeDuplicates();
  };

  private async focusFirstInvalid(fallback: string): Promise<void> {
    await this.updateComplete;
    const first = FIELD_ORDER.find((f) => this.errors[f]);
    if (first) this.focusField(first);
    else this.renderRoot.querySelector<HTMLElement>(fallback)?.focus();
  }

  private focusField(field: FieldKey): void {
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-field="${field}"]`);
    target?.focus();
  }

  /** A reset of the <form> (a host's reset button, `form.reset()`) is "Discard draft". */
  private readonly onReset = (event: Event): void => {
    event.preventDefault();
    this.discardDraft();
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Validate, check for duplicates, then create the referral once. Safe to call repeatedly. */
  submit(options: { override?: boolean } = {}): Promise<void> {
    this.waitingToSend = false;
    return this.submission.submit(options);
  }

  /** CRM messages that name a field go beside that field; the rest go in the summary. */
  private applyFieldErrors(fieldErrors: FieldErrors): void {
    const { errors, other } = crmFieldMessages(fieldErrors);
    this.errors = errors;
    this.otherErrors = other;
    this.showSummary = true;
  }

  private announce(message: string): void {
    this.announcer.announce(message);
  }

  /**
   * Start a new referral for the same host record and partner: the values come from the host record
   * again and everything derived from the last one goes (currency, duplicates, partners found,
   * messages, the outbox notice).
   */
  startAnother(): void {
    clearDraft(this.key);
    this.startDraft();
    this.announce(msg('A new referral form is ready.', { id: 'form.announce.new' }));
    void this.updateComplete.then(() => this.focusField(this.partnerId ? 'company' : 'partner'));
  }

  /** Throw away the saved draft and start again from the host record's values. */
  discardDraft(): void {
    this.startAnother();
    this.announce(msg('Draft discarded.', { id: 'form.announce.discarded' }));
  }

  protected override render() {
    if (this.user && !can.submitReferral(this.user)) return renderNoPermission(noSubmitPermissionText());
    if (this.partnerId || this.partner) {
      return this.partnerLoad.render({
        notFound: () => renderEmpty(partnerNotFound()),
        complete: (partner) => this.renderBody(partner),
      });
    }
    return this.renderBody(this.partnerLoad.value);
  }

  private renderBody(partner: Partner | undefined): TemplateResult {
    const referral = this.submission.referral;
    return html`${this.submission.phase === 'success' && referral ? renderConfirmation(referral, partner, this.localeSettings.locale, () => this.startAnother()) : this.renderForm(partner)}`;
  }

  private fieldView(partner: Partner | undefined): FieldView {
    return {
      values: this.values,
      errors: this.errors,
      locale: this.localeSettings.locale,
      currency: this.values.currency || this.localeSettings.currency,
      partner,
      partnerFixed: Boolean(this.partnerId || this.partner),
      partnerId: this.partnerId,
      renderPicker: (label, opts) => this.combobox.render(label, opts),
      setValue: (field, value) => this.setValue(field, value),
      setConsent: (checked) => {
        this.values = { ...this.values, consent: checked };
        this.changed('consent');
      },
      touch: (field) => {
        this.touched.add(field);
        this.validateTouched();
      },
      onBlur: this.onBlur,
    };
  }

  private renderDuplicates(view: FieldView, partner: Partner | undefined): TemplateResult | typeof nothing {
    const submission = this.submission;
    return renderDuplicateNotice({
      asking: submission.phase === 'duplicate',
      same: submission.sameDuplicates,
      others: submission.otherDuplicates,
      partnerNames: submission.partnerNames,
      partnerName: partner?.name,
      locale: view.locale,
      reason: submission.duplicateReason,
      reasonMessage: renderMessage(view, 'duplicateReason'),
      reasonInvalid: Boolean(this.errors.duplicateReason),
      reasonDescribedBy: describedBy(view, 'duplicateReason'),
      onReasonInput: (reason) => {
        submission.setReason(reason);
        if (this.errors.duplicateReason && reason.trim()) this.errors = { ...this.errors, duplicateReason: undefined };
      },
      onSubmitAnyway: () => void this.submit({ override: true }),
      onCancel: () => submission.cancelDuplicate(),
    });
  }

  private renderForm(partner: Partner | undefined): TemplateResult {
    const view = this.fieldView(partner);
    const { locale, currency } = view;
    const country = this.countryCode();
    const amount = parseMoneyInput(this.values.arr, locale, currency);
    const outOfMarket = partner && country && partner.markets.length > 0 && !partner.markets.includes(country);
    const phase = this.submission.phase;
    const submitError = this.submission.submitError;
    const busy = phase === 'submitting';
    return html`<form part="form" novalidate @submit=${this.onSubmit} @reset=${this.onReset} aria-busy=${busy ? 'true' : 'false'} aria-labelledby="form-heading">
      <h3 id="form-heading" class="visually-hidden">
        ${partner ? msg(str`Refer a customer to ${partner.name}`, { id: 'partner-card.dialog.title' }) : msg('Refer a customer', { id: 'partner-card.refer' })}
      </h3>
      ${this.restored ? html`<p class="hint" data-kind="restored">${msg('Your unsent draft was restored.', { id: 'form.restored' })}</p>` : nothing} ${this.showSummary ? renderErrorSummary(this.errors, this.otherErrors, (f) => this.focusField(f)) : nothing}
      ${this.waitingToSend ? html`<p class="hint" data-kind="waiting-to-send">${waitingToSendText()}</p>` : nothing}
      ${phase === 'failed' && submitError
        ? html`<div class="notice error" id="failure" tabindex="-1" role="alert" data-kind=${submitError.kind}>
            <p>${msg(str`The referral was not submitted. ${this.submission.errorText(submitError)}`, { id: 'form.announce.failed' })}</p>
            <p>${msg('Everything you entered is kept.', { id: 'form.kept' })}</p>
            ${submitError.kind === 'validation' || submitError.kind === 'permission'
              ? nothing
              : html`<button type="button" part="retry" @click=${() => void this.submit()}>${msg('Retry', { id: 'state.retry' })}</button>`}
          </div>`
        : nothing}
      <fieldset>
        <legend>${msg('Partner', { id: 'form.field.partner' })}</legend>
        ${renderSection(view, 'partner')}
      </fieldset>
      <fieldset>
        <legend>${msg('Prospect', { id: 'form.section.prospect' })}</legend>
        ${renderSection(view, 'prospect')}
        ${outOfMarket
          ? html`<div class="notice warning wide field" part="warning" data-kind="market">
              ${msg(str`${partner.name} does not list ${countryName(country, locale)} among its markets. You can still refer; the partner may decline.`, { id: 'form.market.warning' })}
            </div>`
          : nothing}
        <div class="wide">${this.renderDuplicates(view, partner)}</div>
      </fieldset>
      <fieldset>
        <legend>${msg('Contact', { id: 'form.section.contact' })}</legend>
        ${renderSection(view, 'contact')}
      </fieldset>
      <fieldset>
        <legend>${msg('Opportunity', { id: 'form.section.opportunity' })}</legend>
        ${renderSection(view, 'opportunity')}
      </fieldset>
      <p class="credit" data-kind="credit">
        ${amount && amount.amountMinor > 0
          ? partner
            ? msg(str`Quota credit: when ${partner.name} closes this deal, ${formatMoney(amount, locale)} ARR is credited toward your quota.`, { id: 'form.credit.amount' })
            : msg(str`Quota credit: when the partner closes this deal, ${formatMoney(amount, locale)} ARR is credited toward your quota.`, { id: 'form.credit.amount-any' })
          : msg('Quota credit: the estimated ARR is credited toward your quota when the partner closes the deal.', { id: 'form.credit.none' })}
      </p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy || phase === 'duplicate'}>
          ${busy ? msg('Submitting…', { id: 'form.submitting' }) : msg('Submit referral', { id: 'form.submit' })}
        </button>
        ${this.dirty ? html`<button type="button" class="link" @click=${() => this.discardDraft()}>${msg('Discard draft', { id: 'form.discard' })}</button>` : nothing}
      </div>
    </form>`;
  }
}
