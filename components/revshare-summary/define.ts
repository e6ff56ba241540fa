import { CosellRevshareSummary } from './revshare-summary.js';

if (!customElements.get('cosell-revshare-summary')) customElements.define('cosell-revshare-summary', CosellRevshareSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-revshare-summary': CosellRevshareSummary;
  }
}
