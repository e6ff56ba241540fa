// The card opens a <cosell-referral-form>, so registering the card registers the form too.
import '../referral-form/define.js';
import { CosellPartnerCard } from './partner-card.js';

if (!customElements.get('cosell-partner-card')) customElements.define('cosell-partner-card', CosellPartnerCard);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-partner-card': CosellPartnerCard;
  }
}
