import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { z } from '../../src/domain/zod.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import type { PartnerSource } from '../../src/adapters/partner-directory.js';
import { DUPLICATE_WINDOW_DAYS } from '../../src/domain/duplicates.js';
import { ReferralSchema, type Referral, type ReferralInput } from '../../src/domain/referral.js';
import { CrmError, type FieldErrors } from '../../src/errors.js';
import { errorMessage, noSubmitPermissionText } from '../base/messages.js';
import { ReferralQueuedError } from '../../src/outbox/outbox-adapter.js';

export type SubmissionPhase = 'editing' | 'submitting' | 'duplicate' | 'failed' | 'success';

/** What the submission needs from the form: its draft, its messages and its focus. Nothing else. */
export interface SubmissionForm {
  adapter(): CrmAdapter | undefined;
  /** Where partner names come from (the provider's partner directory, or the adapter). */
  partners(): PartnerSource | undefined;
  locale(): string;
  /** The id that makes this submission idempotent (kept across retries and reloads). */
  externalId(): string;
  /** The partner chosen in the picker or fixed by `partner-id`. */
  partnerId(): string;
  /** The prospect as typed, for the early duplicate check. */
  prospect(): { company: string; website: string };
  /**
   * Validate every field for a submission (`reason`: "Submit anyway" with this reason); shows and
   * announces the messages. The input when valid.
   */
  validate(reason: string | undefined): ReferralInput | undefined;
  /** Focus the first field with a message, else the element matching `fallback`. */
  focusFirstInvalid(fallback: string): Promise<void>;
  /** Hide the field messages (and the summary with `summary`). */
  clearErrors(summary: boolean): void;
  /** CRM messages by schema path: beside their fields, the rest in the summary. */
  showCrmErrors(fieldErrors: FieldErrors): void;
  /** The labels of the fields that carry a message now. */
  invalidFieldLabels(): string[];
  /** Keep what the person typed (before a submission and across failures). */
  saveDraft(): void;
  /** The referral was saved: forget the draft and tell the page. */
  submitted(referral: Referral): void;
  /** The CRM could not be reached and the provider's outbox keeps the referral to send later. */
  keptInOutbox(): void;
  /** Fires `cosell-error` and returns the CrmError. */
  report(error: unknown): CrmError;
  announce(message: string): void;
  focus(selector: string): void;
}

/**
 * The submission workflow of the referral form: validate, check for duplicates, create the
 * referral exactly once (the externalId makes a retry the same submission), and on failure keep
 * everything typed and say why, with Retry when retrying can help.
 */
export class ReferralSubmission implements ReactiveController {
  phase: SubmissionPhase = 'editing';
  submitError: CrmError | undefined;
  /** Earlier referrals of this prospect to this partner / to other partners. */
  sameDuplicates: Referral[] = [];
  otherDuplicates: Referral[] = [];
  /** Names of the other partners, by id (ids are shown until they load). */
  partnerNames = new Map<string, string>();
  /** Why the seller submits a possible duplicate anyway. */
  duplicateReason = '';
  referral: Referral | undefined;
  /** Set synchronously before the first await: a second click or a held Enter finds it set. */
  private inFlight = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly form: SubmissionForm,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Back to an empty submission (a new or restored draft). */
  restart(): void {
    this.phase = 'editing';
    this.submitError = undefined;
    this.referral = undefined;
    this.host.requestUpdate();
  }

  /** Forget the duplicates found, the other partners' names and the reason typed (a new referral, or the CRM's data was reset). */
  forgetDuplicates(): void {
    this.sameDuplicates = [];
    this.otherDuplicates = [];
    this.partnerNames = new Map();
    this.duplicateReason = '';
    if (this.phase === 'duplicate') this.phase = 'editing';
    this.host.requestUpdate();
  }

  /** The seller changed a field: a failure shown is no longer the current state. */
  edited(): void {
    if (this.phase === 'failed') {
      this.phase = 'editing';
      this.host.requestUpdate();
    }
  }

  setReason(reason: string): void {
    this.duplicateReason = reason;
    this.host.requestUpdate();
  }

  /** Validate, check for duplicates, then create the referral once. Safe to call repeatedly. */
  async submit(options: { override?: boolean } = {}): Promise<void> {
    if (this.inFlight || this.phase === 'success') return;
    const form = this.form;
    const adapter = form.adapter();
    const input = form.validate(options.override ? this.duplicateReason : undefined);
    if (!input) {
      await form.focusFirstInvalid('.summary');
      return;
    }
    if (!adapter) {
      this.phase = 'failed';
      this.submitError = new CrmError('unavailable', msg('No CRM is connected: place the form inside a <cosell-provider> with an adapter.', { id: 'form.no-adapter' }));
      this.host.requestUpdate();
      form.announce(msg(str`The referral was not submitted. ${this.submitError.message}`, { id: 'form.announce.failed' }));
      return;
    }
    this.inFlight = true;
    form.clearErrors(true);
    this.submitError = undefined;
    this.phase = 'submitting';
    this.host.requestUpdate();
    form.saveDraft();
    form.announce(msg('Submitting the referral…', { id: 'form.announce.submitting' }));
    try {
      if (!options.override) {
        const found = await adapter.findDuplicateReferrals({ company: input.prospect.company, website: input.prospect.website, withinDays: DUPLICATE_WINDOW_DAYS });
        this.splitDuplicates(found);
        if (this.sameDuplicates.length > 0) {
          this.phase = 'duplicate';
          this.host.requestUpdate();
          form.announce(msg('Possible duplicate found. Submit anyway with a reason, or cancel.', { id: 'form.announce.duplicate' }));
          await this.host.updateComplete;
          form.focus('#duplicate-heading');
          return;
        }
      }
      const reason = options.override ? this.duplicateReason.trim() : undefined;
      const referral = await adapter.createReferral({ ...input, ...(reason ? { duplicateOverrideReason: reason } : {}) });
      this.referral = referral;
      this.phase = 'success';
      this.host.requestUpdate();
      form.submitted(referral);
      await this.host.updateComplete;
      form.focus('#confirmation-heading');
    } catch (error) {
      if (ReferralQueuedError.queuedIn(error)) {
        this.phase = 'editing';
        this.host.requestUpdate();
        form.keptInOutbox();
      } else this.failed(error);
    } finally {
      this.inFlight = false;
    }
  }

  /** Look for earlier referrals of this prospect as soon as the company is known (information only). */
  async probeDuplicates(): Promise<void> {
    const adapter = this.form.adapter();
    const { company, website } = this.form.prospect();
    if (!adapter || !company.trim()) return;
    try {
      const found = await adapter.findDuplicateReferrals({ company: company.trim(), website: website.trim() || undefined, withinDays: DUPLICATE_WINDOW_DAYS });
      if (company.trim() !== this.form.prospect().company.trim()) return;
      this.splitDuplicates(found);
    } catch {
      // Information only; the check runs again on submit.
    }
  }

  /** "Cancel" in the duplicate notice: nothing is sent, the draft stays. */
  cancelDuplicate(): void {
    this.phase = 'editing';
    this.duplicateReason = '';
    this.form.clearErrors(false);
    this.host.requestUpdate();
    this.form.announce(msg('The referral was not submitted. Your draft is kept.', { id: 'form.announce.canceled' }));
    void this.host.updateComplete.then(() => this.form.focus('button[type="submit"]'));
  }

  /** The failure in words, for the notice and the live region. */
  errorText(error: CrmError): string {
    if (error.kind === 'permission') return noSubmitPermissionText();
    if (error.kind === 'validation') {
      const names = new Intl.ListFormat(this.form.locale(), { type: 'conjunction' }).format(this.form.invalidFieldLabels());
      return names ? msg(str`The CRM rejected ${names}. Check the highlighted fields.`, { id: 'form.crm-rejected' }) : errorMessage(error);
    }
    if (error.kind === 'rate-limit' && error.retryAfter) {
      const seconds = Math.ceil(error.retryAfter);
      return msg(str`${errorMessage(error)} (about ${seconds} seconds)`, { id: 'form.rate-limit.seconds' });
    }
    return errorMessage(error);
  }

  private splitDuplicates(all: Referral[]): void {
    const partnerId = this.form.partnerId();
    const externalId = this.form.externalId();
    // This very submission, saved by an earlier attempt whose answer was lost, is not a duplicate:
    // creating it again returns it (same externalId).
    const found = all.filter((r) => r.externalId !== externalId);
    this.sameDuplicates = found.filter((r) => r.partnerId === partnerId);
    this.otherDuplicates = found.filter((r) => r.partnerId !== partnerId);
    this.host.requestUpdate();
    if (this.otherDuplicates.some((r) => !this.partnerNames.has(r.partnerId))) void this.loadPartnerNames();
  }

  /** Names of the other partners a prospect was referred to (information only: ids if this fails). */
  private async loadPartnerNames(): Promise<void> {
    try {
      const partners = (await this.form.partners()?.listPartners()) ?? [];
      this.partnerNames = new Map(partners.map((p) => [p.id, p.name]));
      this.host.requestUpdate();
    } catch {
      // keep showing ids
    }
  }

  private failed(error: unknown): void {
    const form = this.form;
    const crmError = form.report(error);
    if (crmError.kind === 'duplicate') {
      const parsed = z.array(ReferralSchema).safeParse(crmError.details);
      this.sameDuplicates = parsed.success ? parsed.data : [];
      this.phase = 'duplicate';
      this.host.requestUpdate();
      form.announce(msg('Possible duplicate found. Submit anyway with a reason, or cancel.', { id: 'form.announce.duplicate' }));
      return;
    }
    this.phase = 'failed';
    this.submitError = crmError;
    this.host.requestUpdate();
    if (crmError.kind === 'validation') form.showCrmErrors(crmError.fieldErrors);
    form.announce(msg(str`The referral was not submitted. ${this.errorText(crmError)}`, { id: 'form.announce.failed' }));
    void form.focusFirstInvalid('#failure');
  }
}
