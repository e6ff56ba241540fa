import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { adapterContext, localeContext, userContext, type LocaleSettings } from '../src/context.js';
import type { User } from '../src/domain/user.js';
import type { CrmAdapter } from '../src/adapters/adapter.js';
import { ROLE_LABELS } from '../src/domain/user.js';

/** Shows what the nearest provider offers: the story's proof that context reaches inside. */
class ProviderInspector extends LitElement {
  @consume({ context: adapterContext, subscribe: true }) @property({ attribute: false }) adapter?: CrmAdapter;
  @consume({ context: userContext, subscribe: true }) @property({ attribute: false }) user?: User;
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) localeSettings?: LocaleSettings;
  override render() {
    return html`<dl>
      <dt>Adapter</dt><dd>${this.adapter?.constructor.name ?? 'none'}</dd>
      <dt>Signed in as</dt><dd>${this.user ? `${this.user.name} (${ROLE_LABELS[this.user.role]})` : 'loading…'}</dd>
      <dt>Locale</dt><dd>${this.localeSettings?.locale}</dd>
      <dt>Currency</dt><dd>${this.localeSettings?.currency}</dd>
    </dl>`;
  }
}
if (!customElements.get('story-provider-inspector')) customElements.define('story-provider-inspector', ProviderInspector);

const meta: Meta = {
  title: 'Provider',
  component: 'cosell-provider',
  render: () => html`<story-provider-inspector></story-provider-inspector>`,
};
export default meta;

export const PartnerManager: StoryObj = { parameters: { role: 'partner-manager' } };
export const Seller: StoryObj = { parameters: { role: 'seller' } };
export const GermanEuro: StoryObj = { parameters: { locale: 'de-DE', currency: 'EUR', role: 'finance' } };
