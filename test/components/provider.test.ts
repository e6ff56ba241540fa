import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import '../../components/provider/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { adapterContext, localeContext, userContext, type LocaleSettings } from '../../src/context.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { CosellErrorEvent } from '../../src/events.js';

/** A consumer made only for this test: it shows what the provider gives it. */
class ProbeElement extends LitElement {
  @consume({ context: adapterContext, subscribe: true }) @property({ attribute: false }) adapter?: CrmAdapter;
  @consume({ context: userContext, subscribe: true }) @property({ attribute: false }) user?: User;
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) localeSettings?: LocaleSettings;
  override render() {
    return litHtml`<span>${this.user?.name ?? 'nobody'}</span>`;
  }
}
customElements.define('test-probe', ProbeElement);

function adapterFor(user: User | Error): CrmAdapter {
  return {
    capabilities: { liveChanges: false, partnerStats: false, batchMoves: false },
    getCurrentUser: () => (user instanceof Error ? Promise.reject(user) : Promise.resolve(user)),
  } as unknown as CrmAdapter;
}

const ana: User = { id: 'u-1', name: 'Ana Seller', role: 'seller', partnerIds: [] };
const pat: User = { id: 'u-2', name: 'Pat Manager', role: 'partner-manager', partnerIds: [] };

describe('<cosell-provider>', () => {
  it('provides the adapter, the current user, locale and currency to elements inside it', async () => {
    const adapter = adapterFor(ana);
    const provider = await fixture<CosellProvider>(html`<cosell-provider locale="de-DE" currency="eur" .adapter=${adapter}>
      <test-probe></test-probe>
    </cosell-provider>`);
    await provider.ready;
    const probe = provider.querySelector<ProbeElement>('test-probe')!;
    await probe.updateComplete;
    expect(probe.adapter).to.equal(adapter);
    expect(probe.user?.name).to.equal('Ana Seller');
    expect(probe.localeSettings).to.deep.equal({ locale: 'de-DE', currency: 'EUR' });
    expect(probe.shadowRoot!.textContent).to.equal('Ana Seller');
  });

  it('updates consumers when the adapter is swapped', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapterFor(ana)}><test-probe></test-probe></cosell-provider>`);
    await provider.ready;
    const probe = provider.querySelector<ProbeElement>('test-probe')!;
    const second = adapterFor(pat);
    provider.adapter = second;
    await provider.updateComplete;
    await provider.ready;
    await probe.updateComplete;
    expect(probe.adapter).to.equal(second);
    expect(probe.user?.name).to.equal('Pat Manager');
  });

  it('reports a user that cannot be loaded as cosell-error and provides no user', async () => {
    const errors: CrmError[] = [];
    const provider = await fixture<CosellProvider>(html`<cosell-provider
      @cosell-error=${(e: CosellErrorEvent) => errors.push(e.error)}
      .adapter=${adapterFor(new CrmError('auth'))}><test-probe></test-probe></cosell-provider>`);
    await provider.ready;
    expect(errors.map((e) => e.kind)).to.deep.equal(['auth']);
    expect(provider.querySelector<ProbeElement>('test-probe')!.user).to.equal(undefined);
  });
});
