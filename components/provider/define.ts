import { CosellProvider } from './provider.js';

if (!customElements.get('cosell-provider')) customElements.define('cosell-provider', CosellProvider);

declare global {
  interface HTMLElementTagNameMap {
    'cosell-provider': CosellProvider;
  }
}
