import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/partner-card/define.js';
import type { CosellPartnerCard } from '../../components/partner-card/partner-card.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { allReferrals } from '../../src/adapters/adapter.js';
import { PartnerSchema, type Partner } from '../../src/domain/partner.js';
import type { CosellErrorEvent, ReferEvent, ReferralSubmittedEvent } from '../../src/events.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';
import { clearDrafts, sellerAdapter, storedReferral, voicePartner } from '../fixtures/seller-world.js';

async function mountCard(adapter: CrmAdapter, template: (a: CrmAdapter) => ReturnType<typeof html>): Promise<CosellPartnerCard> {
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter}>${template(adapter)}</cosell-provider>`);
  await provider.ready;
  const card = provider.querySelector('cosell-partner-card')!;
  await waitUntil(() => card.shadowRoot!.querySelector('[part="card"], [part="state"]:not([data-kind="loading"])'), 'card settled');
  return card;
}

const voice: Partner = PartnerSchema.parse(voicePartner);

describe('<cosell-partner-card>', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('shows the partner: integration and status, lifecycle, markets by name, use cases, manager, SLA and links', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-voice"></cosell-partner-card>`);
    const root = card.shadowRoot!;
    expect(root.querySelector('[part="name"]')!.textContent).to.equal('Northwind Voice');
    expect(root.querySelector('[part="status"]')!.textContent).to.equal('Generally available');
    expect(root.textContent).to.contain('Northwind for 8x8 Contact Center');
    expect(root.textContent).to.contain('United States, Canada, United Kingdom');
    expect(root.textContent).to.contain('Contact centre analytics, Quality management');
    expect(root.textContent).to.contain('4 business hours, 24x5');
    const mail = root.querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(mail.getAttribute('href')).to.equal('mailto:pat.keller@vendor.example');
    // Launched: every pre-launch step done, programs active or inactive.
    expect(root.querySelectorAll('ol.steps li[data-state="done"]')).to.have.length(5);
    expect([...root.querySelectorAll('ul.programs li')].map((li) => li.getAttribute('data-active'))).to.deep.equal(['true', 'true', 'true', 'false', 'false']);
    // The initials avatar when there is no logo.
    expect(root.querySelector('[part="logo"]')!.textContent.trim()).to.equal('NV');
    await expect(card).to.be.accessible();
  });

  it('shows the current pre-launch step of a partner not launched yet', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-crm"></cosell-partner-card>`);
    const current = card.shadowRoot!.querySelector('ol.steps li[aria-current="step"]')!;
    expect(current.textContent).to.contain('Onboarding');
    expect(card.shadowRoot!.querySelectorAll('ol.steps li[data-state="done"]')).to.have.length(2);
    expect(card.shadowRoot!.querySelector('ul.programs')).to.equal(null);
  });

  it('never links a javascript: or data: URL from the CRM; http(s) links open safely', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-voice"></cosell-partner-card>`);
    const anchors = [...card.shadowRoot!.querySelectorAll('a')];
    for (const a of anchors) expect(a.getAttribute('href')).to.match(/^(https?:|mailto:)/);
    const external = anchors.filter((a) => a.getAttribute('href')!.startsWith('http'));
    expect(external.map((a) => a.getAttribute('href'))).to.deep.equal(['https://northwind.example/', 'https://northwind.example/8x8']);
    for (const a of external) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
    expect(card.shadowRoot!.textContent).to.contain('Demo (javascript:alert(document.domain))');
    expect(card.shadowRoot!.textContent).to.contain('Battlecard (data:text/html,<script>alert(1)</script>)');
  });

  it('renders markup in a partner’s name and summary as text', async () => {
    const hostile = { ...voice, name: '<img src=x onerror="window.__pwned=1">', summary: '<script>window.__pwned=2</script><b>bold</b>' };
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card .partner=${hostile}></cosell-partner-card>`);
    const root = card.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null); // no logo given, and the name's <img> is text
    expect(root.querySelector('script')).to.equal(null);
    expect(root.querySelector('b')).to.equal(null);
    expect(root.querySelector('[part="name"]')!.textContent).to.equal(hostile.name);
    expect(root.querySelector('.summary')!.textContent).to.equal(hostile.summary);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(card).to.be.accessible();
  });

  it('falls back to the initials avatar when the logo fails to load', async () => {
    const withLogo = { ...voice, logoUrl: 'http://127.0.0.1:9/logo.png' };
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card .partner=${withLogo}></cosell-partner-card>`);
    expect(card.shadowRoot!.querySelector('[part="logo"] img')!.getAttribute('src')).to.equal('http://127.0.0.1:9/logo.png');
    await waitUntil(() => !card.shadowRoot!.querySelector('[part="logo"] img'), 'the broken logo is removed', { timeout: 8000 });
    expect(card.shadowRoot!.querySelector('[part="logo"]')!.textContent.trim()).to.equal('NV');
  });

  it('shows open referrals and won ARR when the adapter reports them', async () => {
    const adapter = sellerAdapter({ referrals: [storedReferral({ stage: 'proposal' }), storedReferral({ stage: 'closed-won', estimatedArr: { amountMinor: 5_000_000, currency: 'USD' } })] });
    const card = await mountCard(adapter, () => html`<cosell-partner-card partner-id="p-voice"></cosell-partner-card>`);
    await waitUntil(() => card.shadowRoot!.querySelector('[data-kind="stats"]'), 'stats shown');
    const stats = card.shadowRoot!.querySelector('[data-kind="stats"]')!.textContent;
    expect(stats).to.contain('Open referrals');
    expect(stats).to.match(/Open referrals\s*1/);
    expect(stats).to.contain('$50,000.00');
  });

  it('compact variant is a row: name, integration, summary and the refer button', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-voice" variant="compact"></cosell-partner-card>`);
    expect(card.shadowRoot!.querySelector('ol.steps')).to.equal(null);
    expect(card.shadowRoot!.querySelector('[part="refer-button"]')).to.not.equal(null);
    await expect(card).to.be.accessible();
  });

  it('states: not found, and an error with a retry that works', async () => {
    const notFound = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-missing"></cosell-partner-card>`);
    expect(notFound.shadowRoot!.textContent).to.contain('This partner was not found');
    await expect(notFound).to.be.accessible();

    const faulty = new FaultyAdapter(sellerAdapter());
    faulty.failNext('getPartner', 'network');
    const errors: string[] = [];
    const card = await mountCard(faulty.adapter, () => html`<cosell-partner-card partner-id="p-voice" @cosell-error=${(e: CosellErrorEvent) => errors.push(e.error.kind)}></cosell-partner-card>`);
    expect(card.shadowRoot!.querySelector('[data-kind="error"]')!.textContent).to.contain('offline');
    expect(errors).to.deep.equal(['network']);
    await expect(card).to.be.accessible();
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => card.shadowRoot!.querySelector('[part="card"]'), 'card after retry');
  });

  it('a loading skeleton while the partner loads', async () => {
    const faulty = new FaultyAdapter(sellerAdapter());
    const release = faulty.hold('getPartner');
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter}><cosell-partner-card partner-id="p-voice"></cosell-partner-card></cosell-provider>`);
    const card = provider.querySelector('cosell-partner-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[data-kind="loading"]')).to.not.equal(null);
    await expect(card).to.be.accessible();
    release();
    await waitUntil(() => card.shadowRoot!.querySelector('[part="card"]'), 'card loaded');
  });

  it('"Refer a customer" fires a cancelable cosell-refer; cancelled, no dialog opens', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-voice" @cosell-refer=${(e: ReferEvent) => e.preventDefault()}></cosell-partner-card>`);
    const event = oneEvent(card, 'cosell-refer');
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="refer-button"]')!.click();
    const refer = (await event) as unknown as ReferEvent;
    expect(refer.detail.partner.id).to.equal('p-voice');
    expect(refer.cancelable).to.equal(true);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('dialog')).to.equal(null);
  });

  it('opens the form in a modal dialog and returns focus to the button on close', async () => {
    const card = await mountCard(sellerAdapter(), () => html`<cosell-partner-card partner-id="p-crm"></cosell-partner-card>`);
    const button = card.shadowRoot!.querySelector<HTMLButtonElement>('[part="refer-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => card.shadowRoot!.querySelector('dialog[open]'), 'dialog open');
    const dialog = card.shadowRoot!.querySelector('dialog')!;
    expect(dialog.matches(':modal')).to.equal(true);
    const form = dialog.querySelector('cosell-referral-form')!;
    await waitUntil(() => form.shadowRoot!.activeElement, 'focus moved into the form');
    expect((form.shadowRoot!.activeElement as HTMLElement).dataset['field']).to.equal('company');
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !card.shadowRoot!.querySelector('dialog'), 'dialog closed');
    expect(card.shadowRoot!.activeElement).to.equal(card.shadowRoot!.querySelector('[part="refer-button"]'));
  });

  it('keyboard only: from "Refer a customer" to the confirmation', async () => {
    const adapter = sellerAdapter();
    const prefill = { crmRecordId: 'acc-42', prospectCompany: 'Globex Corporation', prospectCountry: 'US', contactName: 'Hank Scorpio', contactEmail: 'hank@globex.example' };
    const card = await mountCard(adapter, () => html`<cosell-partner-card partner-id="p-voice" .referralPrefill=${prefill}></cosell-partner-card>`);
    const submittedEvent = oneEvent(card, 'cosell-referral-submitted');
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="refer-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => card.shadowRoot!.querySelector('dialog[open]'), 'dialog open');
    const form = card.shadowRoot!.querySelector<CosellReferralForm>('cosell-referral-form')!;
    await waitUntil(() => form.shadowRoot!.activeElement, 'focus in the form');
    const focused = () => (form.shadowRoot!.activeElement as HTMLElement | null)?.dataset['field'];
    async function tabTo(field: string) {
      for (let i = 0; i < 30 && focused() !== field; i++) await sendKeys({ press: 'Tab' });
      expect(focused(), `reached ${field} by Tab`).to.equal(field);
    }
    await tabTo('useCase');
    await sendKeys({ press: 'ArrowDown' }); // a closed <select> changes its value with the arrows
    await form.updateComplete;
    expect((form.shadowRoot!.activeElement as HTMLSelectElement).value).to.equal('Contact centre analytics');
    await tabTo('arr');
    await sendKeys({ type: '48,000' });
    await tabTo('consent');
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 10 && (form.shadowRoot!.activeElement as HTMLElement | null)?.getAttribute('type') !== 'submit'; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const { referral } = (await submittedEvent) as unknown as ReferralSubmittedEvent;
    await waitUntil(() => form.shadowRoot!.activeElement?.id === 'confirmation-heading', 'focus on the confirmation');
    expect(referral.estimatedArr).to.deep.equal({ amountMinor: 4_800_000, currency: 'USD' });
    expect(referral.crmRecordId).to.equal('acc-42');
    const stored = [];
    for await (const r of allReferrals(adapter)) stored.push(r);
    expect(stored).to.have.length(1);
    await expect(card).to.be.accessible();
  });
});
