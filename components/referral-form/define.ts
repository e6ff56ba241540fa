import { CosellReferralForm } from './referral-form.js';

if (!customElements.get('cosell-referral-form')) customElements.define('cosell-referral-form', CosellReferralForm);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-referral-form': CosellReferralForm;
  }
}
