import { msg, str } from '@lit/localize';
import { ReferralInputSchema, type ReferralInput } from '../../src/domain/referral.js';
import { fieldErrorsFrom, type FieldErrors } from '../../src/errors.js';
import { currencyDigits } from '../../src/domain/money.js';
import { formatNumber, readMoneyInput, type MoneyInputProblem } from '../../src/format.js';
import { plural } from '../base/messages.js';
import type { DraftValues } from './draft.js';
import { fieldForPath, toReferralInput, validationMessage, type FieldKey } from './fields.js';

export type FieldMessages = Partial<Record<FieldKey, string>>;

/** What a draft is checked with besides its values. */
export interface DraftContext {
  locale: string;
  /** The provider's currency, for a draft without one. */
  currency: string;
  partnerId: string;
  externalId: string;
  crmRecordId: string;
}

/**
 * Every field's message (the referral schema's first, mapped back through the field table, then the
 * form's own: unreadable amounts, no country), or the parsed input when the draft is valid.
 */
export function checkDraft(values: DraftValues, context: DraftContext): { errors: FieldMessages; input?: ReferralInput } {
  const { locale } = context;
  const currency = values.currency || context.currency;
  const extra: FieldMessages = {};
  const reading = values.arr.trim() ? readMoneyInput(values.arr, locale, currency) : undefined;
  const amount = reading?.ok ? reading.money : undefined;
  if (reading && !reading.ok) extra.arr = amountMessage(reading.problem, locale, currency);
  else if (amount && amount.amountMinor <= 0) extra.arr = msg('Enter an amount above zero', { id: 'form.invalid.arr-positive' });
  if (!values.country) extra.country = msg('Choose the prospect’s country', { id: 'form.invalid.country' });
  const input = toReferralInput(
    { values, partnerId: context.partnerId, amount: amount ?? { amountMinor: 0, currency } },
    { externalId: context.externalId, crmRecordId: context.crmRecordId.trim() || undefined },
  );
  const result = ReferralInputSchema.safeParse(input);
  const errors: FieldMessages = {};
  if (!result.success) {
    for (const [path, messages] of Object.entries(fieldErrorsFrom(result.error.issues))) {
      const field = fieldForPath(path);
      if (field && !errors[field]) errors[field] = validationMessage(messages[0]);
    }
  }
  Object.assign(errors, extra);
  return Object.keys(errors).length === 0 && result.success ? { errors, input: result.data } : { errors };
}

/** Why the typed ARR is not an amount, in the active language. */
export function amountMessage(problem: MoneyInputProblem, locale: string, currency: string): string {
  switch (problem) {
    case 'not-a-number':
      return msg(str`Enter the amount as a number, such as ${formatNumber(12500, locale)}`, { id: 'form.invalid.arr-number' });
    case 'too-large':
      return msg('That amount is too large. Check the number of digits.', { id: 'form.invalid.arr-too-large' });
    case 'negative':
      return msg('The amount cannot be negative', { id: 'form.invalid.arr-negative' });
    case 'too-many-decimals': {
      const digits = currencyDigits(currency);
      return digits === 0
        ? msg(str`Enter a whole amount: ${currency} has no decimals`, { id: 'form.invalid.arr-whole' })
        : msg(str`Too many decimals for ${currency}: use at most ${formatNumber(digits, locale)}`, { id: 'form.invalid.arr-decimals' });
    }
  }
}

/** CRM messages that name a field go beside that field; the rest go in the summary. */
export function crmFieldMessages(fieldErrors: FieldErrors): { errors: FieldMessages; other: string[] } {
  const errors: FieldMessages = {};
  const other: string[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const field = fieldForPath(path);
    if (field) errors[field] = messages.map((m) => validationMessage(m) ?? m).join(' ');
    else other.push(`${path}: ${messages.join(' ')}`);
  }
  return { errors, other };
}

/** What the live region says when a submission stops on invalid fields. */
export function notSubmittedMessage(count: number): string {
  return plural(count, {
    zero: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.zero' }),
    one: () => msg(str`The referral was not submitted: ${count} field needs attention.`, { id: 'form.announce.invalid.one' }),
    two: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.two' }),
    few: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.few' }),
    many: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.many' }),
    other: () => msg(str`The referral was not submitted: ${count} fields need attention.`, { id: 'form.announce.invalid.other' }),
  });
}
