import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { DEFAULT_ACCEPTANCE_WINDOW_DAYS, type Partner } from '../../src/domain/partner.js';
import type { Referral } from '../../src/domain/referral.js';
import { referralReference } from '../../src/domain/reference.js';
import { formatMoney } from '../../src/format.js';
import { plural } from '../base/messages.js';

/**
 * What the form shows once the referral is saved: its short reference (REF-XXXXXX, for people; the
 * CRM id is on `data-referral-id`), what happens next and the quota credit.
 */
export function renderConfirmation(referral: Referral, partner: Partner | undefined, locale: string, onAnother: () => void): TemplateResult {
  const name = partner?.name ?? msg('The partner', { id: 'form.the-partner' });
  const days = partner?.acceptanceWindowDays ?? DEFAULT_ACCEPTANCE_WINDOW_DAYS;
  const company = referral.prospect.company;
  const arr = formatMoney(referral.estimatedArr, locale);
  return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation-heading">
    <h3 id="confirmation-heading" tabindex="-1">${msg('Referral submitted', { id: 'form.confirmation.heading' })}</h3>
    <p>
      ${msg('Reference', { id: 'form.confirmation.reference' })} <strong class="referral-reference" data-referral-id=${referral.id}>${referralReference(referral.externalId)}</strong>:
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
      <button type="button" class="link" @click=${onAnother}>${msg('Refer another customer', { id: 'form.refer-another' })}</button>
    </div>
  </section>`;
}
