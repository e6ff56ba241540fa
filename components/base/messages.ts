import { msg } from '@lit/localize';
import { DEFAULT_CLOSE_REASONS, type CloseReason } from '../../src/domain/close-reasons.js';
import { CRM_ERROR_MESSAGES, GAVE_UP_MESSAGES, type CrmError, type CrmErrorKind, type RetryAction } from '../../src/errors.js';
import type { IntegrationStatus, LifecycleStep } from '../../src/domain/partner.js';
import { STAGE_LABELS, type ReasonStage, type Stage } from '../../src/domain/stages.js';
import { pluralCategory } from './localize.js';

/**
 * Messages several elements share. Every message has an explicit id, so a company can override it by
 * that id (see `overrideMessages`) and a translation survives an edit of the English.
 */

/** The forms of a counted message, by CLDR plural category; `other` is required, the rest fall back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, () => string>> & { other: () => string };

/**
 * The form of a counted message that the active language needs for `count` (Arabic has six, Japanese
 * one). Each form is its own message, so each language writes its own sentence.
 */
export function plural(count: number, forms: PluralForms): string {
  return (forms[pluralCategory(count)] ?? forms.other)();
}

/** What a referral kept in the outbox says, in the form that kept it and in my referrals. */
export function waitingToSendText(): string {
  return msg('Waiting to send — will send when you are back online', { id: 'outbox.waiting' });
}

/**
 * The one message for a person who may not submit referrals: the form's no-permission state and a
 * submission the CRM refused for permission say the same words.
 */
export function noSubmitPermissionText(): string {
  return msg('You do not have permission to submit referrals. Ask your CRM administrator for access.', { id: 'permission.submit' });
}

/** A stage's name in the active language; a deployment's own label (renamed in the CRM) is shown as it is. */
export function stageLabel(stage: Stage, label?: string): string {
  if (label && label !== STAGE_LABELS[stage]) return label;
  switch (stage) {
    case 'submitted':
      return msg('Submitted', { id: 'stage.submitted' });
    case 'accepted':
      return msg('Accepted', { id: 'stage.accepted' });
    case 'qualified':
      return msg('Qualified', { id: 'stage.qualified' });
    case 'proposal':
      return msg('Proposal', { id: 'stage.proposal' });
    case 'negotiation':
      return msg('Negotiation', { id: 'stage.negotiation' });
    case 'closed-won':
      return msg('Closed won', { id: 'stage.closed-won' });
    case 'closed-lost':
      return msg('Closed lost', { id: 'stage.closed-lost' });
    case 'rejected':
      return msg('Rejected', { id: 'stage.rejected' });
  }
}

/** The plain words for an error kind in the active language. */
export function errorKindMessage(kind: CrmErrorKind): string {
  switch (kind) {
    case 'auth':
      return msg('Your CRM session has expired. Sign in again, then retry.', { id: 'error.auth' });
    case 'permission':
      return msg('You do not have permission to do this in the CRM.', { id: 'error.permission' });
    case 'validation':
      return msg('The CRM did not accept some fields. Check the highlighted fields.', { id: 'error.validation' });
    case 'conflict':
      return msg('Someone else changed this record. It has been reloaded.', { id: 'error.conflict' });
    case 'duplicate':
      return msg('This looks like a duplicate of an existing record.', { id: 'error.duplicate' });
    case 'not-found':
      return msg('This record was not found. It may have been deleted.', { id: 'error.not-found' });
    case 'rate-limit':
      return msg('The CRM is receiving too many requests. Wait a moment, then retry.', { id: 'error.rate-limit' });
    case 'network':
      return msg('You appear to be offline. Check your connection, then retry.', { id: 'error.network' });
    case 'unavailable':
      return msg('The CRM is unavailable right now. Retry in a few minutes.', { id: 'error.unavailable' });
    case 'bad-data':
      return msg('The CRM returned data Cosell could not read.', { id: 'error.bad-data' });
  }
}

/**
 * What to show for an error: the kind's words in the active language when the adapter said nothing
 * more; the adapter's own text (the CRM's words, e.g. a validation rule) when it did.
 */
export function errorMessage(error: CrmError): string {
  if (error.gaveUp && error.message === GAVE_UP_MESSAGES[error.gaveUp]) return gaveUpMessage(error.gaveUp);
  return error.message === CRM_ERROR_MESSAGES[error.kind] ? errorKindMessage(error.kind) : error.message;
}

/** The words for an action whose retries were spent: what happened and what to do. */
export function gaveUpMessage(action: RetryAction): string {
  switch (action) {
    case 'create referral':
      return msg('The CRM did not confirm the referral in time. Nothing you typed is lost: send it again; it will not be doubled.', { id: 'error.gave-up.create-referral' });
    case 'move':
      return msg('The CRM did not confirm the move in time. Reload the board to see where the card is, then move it again if needed.', { id: 'error.gave-up.move' });
    case 'batch move':
      return msg('The CRM did not confirm the moves in time. Reload the board to see where the cards are, then move the rest again.', { id: 'error.gave-up.batch-move' });
    case 'read':
      return msg('The CRM did not answer in time. Try again in a minute; if it keeps happening, tell your CRM administrator.', { id: 'error.gave-up.read' });
  }
}

/** A lifecycle step or ongoing program of the partner program. */
export function lifecycleLabel(step: LifecycleStep): string {
  switch (step) {
    case 'evaluation':
      return msg('Evaluation', { id: 'lifecycle.evaluation' });
    case 'legal':
      return msg('Legal', { id: 'lifecycle.legal' });
    case 'onboarding':
      return msg('Onboarding', { id: 'lifecycle.onboarding' });
    case 'launch-prep':
      return msg('Launch prep', { id: 'lifecycle.launch-prep' });
    case 'launch':
      return msg('Launch', { id: 'lifecycle.launch' });
    case 'enablement':
      return msg('Enablement', { id: 'lifecycle.enablement' });
    case 'co-marketing':
      return msg('Co-marketing', { id: 'lifecycle.co-marketing' });
    case 'referrals':
      return msg('Referrals', { id: 'lifecycle.referrals' });
    case 'governance':
      return msg('Governance', { id: 'lifecycle.governance' });
    case 'product-collaboration':
      return msg('Product collaboration', { id: 'lifecycle.product-collaboration' });
  }
}

/** The status of a partner's integration. */
export function integrationStatusLabel(status: IntegrationStatus): string {
  switch (status) {
    case 'planned':
      return msg('Planned', { id: 'integration.planned' });
    case 'in-development':
      return msg('In development', { id: 'integration.in-development' });
    case 'certified':
      return msg('Certified', { id: 'integration.certified' });
    case 'generally-available':
      return msg('Generally available', { id: 'integration.generally-available' });
  }
}

/** A default close reason (DEFAULT_CLOSE_REASONS) in the active language. */
function closeReasonLabel(reason: CloseReason): string {
  switch (reason.id) {
    case 'competitor':
      return msg('Chose a competitor', { id: 'reason.competitor' });
    case 'no-budget':
      return msg('No budget this year', { id: 'reason.no-budget' });
    case 'postponed':
      return msg('Project postponed', { id: 'reason.postponed' });
    case 'in-house':
      return msg('Went with an in-house build', { id: 'reason.in-house' });
    case 'price':
      return msg('Price too high', { id: 'reason.price' });
    case 'outside-markets':
      return msg('Outside the partner’s markets', { id: 'reason.outside-markets' });
    case 'already-in-pipeline':
      return msg('Customer already in the partner’s pipeline', { id: 'reason.already-in-pipeline' });
    case 'too-small':
      return msg('Too small for the partner’s minimum deal', { id: 'reason.too-small' });
    case 'use-case':
      return msg('Use case not supported', { id: 'reason.use-case' });
    default:
      return reason.label;
  }
}

/** The domain's default reasons for a move to Closed lost or Rejected, in the active language. */
export function defaultCloseReasons(stage: ReasonStage): string[] {
  return DEFAULT_CLOSE_REASONS[stage].map(closeReasonLabel);
}
