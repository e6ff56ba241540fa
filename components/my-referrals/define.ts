import { CosellMyReferrals } from './my-referrals.js';

if (!customElements.get('cosell-my-referrals')) customElements.define('cosell-my-referrals', CosellMyReferrals);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-my-referrals': CosellMyReferrals;
  }
}
