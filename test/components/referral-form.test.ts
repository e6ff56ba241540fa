import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CosellProvider } from '../../components/provider/provider.js';
import { sendKeys } from '@web/test-runner-commands';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { draftKey } from '../../components/referral-form/draft.js';
import { Announcer } from '../../components/base/announcer.js';
import type { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { allReferrals } from '../../src/adapters/adapter.js';
import type { ReferralInput, Referral } from '../../src/domain/referral.js';
import { CrmError } from '../../src/errors.js';
import type { ReferralSubmittedEvent } from '../../src/events.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';
import { clearDrafts, sellerAdapter, storedReferral } from '../fixtures/seller-world.js';
import { check, choose, control, fillValid, focusedField, messageFor, mountForm, submitButton, typeInto, waitForShadow } from './referral-form-helpers.js';
import { referralReference } from '../../src/domain/reference.js';

async function referralsIn(adapter: MemoryAdapter): Promise<Referral[]> {
  const out: Referral[] = [];
  for await (const r of allReferrals(adapter)) out.push(r);
  return out;
}

async function submitted(form: CosellReferralForm): Promise<void> {
  await waitForShadow(form, '#confirmation-heading', 'the confirmation never appeared');
}

describe('<cosell-referral-form>', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  describe('validation', () => {
    it('on submit: shows a message beside every required field, a summary linking to them, and focuses the first', async () => {
      const adapter = sellerAdapter();
      const form = await mountForm(adapter);
      submitButton(form).click();
      await waitForShadow(form, '.summary');
      expect(messageFor(form, 'partner')).to.equal('Choose a partner');
      expect(messageFor(form, 'company')).to.equal('Enter the company name');
      expect(messageFor(form, 'country')).to.equal('Choose the prospect’s country');
      expect(messageFor(form, 'contactName')).to.equal('Enter the contact’s name');
      expect(messageFor(form, 'contactEmail')).to.contain('Enter an email address');
      expect(messageFor(form, 'useCase')).to.equal('Choose a use case');
      expect(messageFor(form, 'arr')).to.equal('Enter the estimated ARR');
      expect(messageFor(form, 'consent')).to.contain('must agree to be contacted');
      const links = [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.summary a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        '#f-partner', '#f-company', '#f-country', '#f-contactName', '#f-contactEmail', '#f-useCase', '#f-arr', '#f-consent',
      ]);
      expect(focusedField(form)).to.equal('partner');
      expect(control(form, 'company').getAttribute('aria-invalid')).to.equal('true');
      expect(control(form, 'company').getAttribute('aria-describedby')).to.contain('company-error');
      expect(Announcer.regionOf(form)!.textContent).to.contain('8 fields need attention');
      // A summary link moves focus to its field.
      links[3]!.click();
      expect(focusedField(form)).to.equal('contactName');
      expect(await referralsIn(adapter)).to.have.length(0);
    });

    it('on blur: each field says what is wrong with it, and the message goes once it is fixed', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice' });
      const cases: [string, string, string][] = [
        ['company', '   ', 'Enter the company name'],
        ['website', 'not a website', 'Enter a website or domain, such as acme.com'],
        ['contactName', '', 'Enter the contact’s name'],
        ['contactEmail', 'hank@', 'Enter an email address, such as name@company.com'],
        ['contactPhone', 'call me', 'Enter a phone number with digits, spaces, ( ) - or a leading +'],
        ['contactTitle', 'x'.repeat(129), 'Too big'],
        ['arr', '1.2.3', 'Enter the amount as a number, such as 12,500'],
        ['notes', 'n'.repeat(4001), 'At most 4,000 characters'],
      ];
      for (const [field, bad] of cases) await typeInto(form, field, bad);
      for (const [field, , message] of cases) {
        if (field === 'contactTitle') expect(messageFor(form, field), field).to.be.a('string').and.not.equal('');
        else expect(messageFor(form, field), field).to.equal(message);
      }
      await typeInto(form, 'arr', '-5');
      expect(messageFor(form, 'arr')).to.equal('The amount cannot be negative');
      await typeInto(form, 'contactEmail', 'hank@globex.example');
      await typeInto(form, 'contactPhone', '+1 (555) 010-2030');
      await typeInto(form, 'website', 'https://www.globex.example/about');
      expect(messageFor(form, 'contactEmail')).to.equal(undefined);
      expect(messageFor(form, 'contactPhone')).to.equal(undefined);
      expect(messageFor(form, 'website')).to.equal(undefined);
      await check(form, 'consent');
      await check(form, 'consent', false);
      expect(messageFor(form, 'consent')).to.contain('must agree');
      await expect(form).to.be.accessible();
    });

    it('parses the ARR by locale: "12.500" is twelve thousand five hundred in de-DE', async () => {
      const adapter = sellerAdapter();
      const form = await mountForm(adapter, { partnerId: 'p-voice', locale: 'de-DE', currency: 'EUR' });
      await fillValid(form);
      await choose(form, 'country', 'DE');
      await typeInto(form, 'arr', '12.500');
      expect(form.shadowRoot!.querySelector('[data-kind="credit"]')!.textContent).to.contain('12.500,00');
      const event = oneEvent(form, 'cosell-referral-submitted');
      submitButton(form).click();
      const { referral } = (await event) as unknown as ReferralSubmittedEvent;
      expect(referral.estimatedArr).to.deep.equal({ amountMinor: 1_250_000, currency: 'EUR' });
    });
  });

  describe('partner combobox', () => {
    it('works with the keyboard alone: type, arrows, Enter, Escape', async () => {
      const form = await mountForm(sellerAdapter(), { country: 'DE' });
      const input = control(form, 'partner');
      expect(input.getAttribute('role')).to.equal('combobox');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      const listbox = form.shadowRoot!.getElementById(input.getAttribute('aria-controls')!)!;
      expect(listbox.getAttribute('role')).to.equal('listbox');
      input.focus();
      await sendKeys({ type: 'voice' });
      await waitUntil(() => form.shadowRoot!.querySelectorAll('[role="option"]').length === 2, 'two partners match "voice"');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      const options = [...form.shadowRoot!.querySelectorAll('[role="option"]')];
      const northwind = options.findIndex((o) => o.textContent.includes('Northwind Voice'));
      expect(northwind).to.be.greaterThan(-1);
      expect(options[northwind]!.textContent).to.contain('Generally available');
      expect(options[northwind]!.textContent).to.contain('does not serve Germany');
      await sendKeys({ press: 'ArrowDown' });
      await form.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal(options[0]!.id);
      expect(options[0]!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await form.updateComplete;
      expect(input.getAttribute('aria-activedescendant'), 'wraps to the first').to.equal(options[0]!.id);
      await sendKeys({ press: 'ArrowUp' });
      await form.updateComplete;
      expect(input.getAttribute('aria-activedescendant'), 'wraps to the last').to.equal(options[1]!.id);
      await sendKeys({ press: 'Escape' });
      await form.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
      await sendKeys({ press: 'ArrowDown' });
      await form.updateComplete;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      for (let i = 0; i < northwind; i++) await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await form.updateComplete;
      expect(input.value).to.equal('Northwind Voice');
      expect(input.getAttribute('aria-expanded')).to.equal('false');
      // The chosen partner's use cases become the options.
      await waitUntil(() => control<HTMLSelectElement>(form, 'useCase').options.length > 1, 'use cases of the partner');
      expect([...control<HTMLSelectElement>(form, 'useCase').options].map((o) => o.value)).to.deep.equal(['', 'Contact centre analytics', 'Quality management']);
      await expect(form).to.be.accessible();
    });
  });

  describe('country', () => {
    it('offers the 249 current ISO 3166-1 countries, each name once, in the provider’s locale', async () => {
      for (const locale of ['en-US', 'de-DE']) {
        const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', locale });
        const options = [...control<HTMLSelectElement>(form, 'country').options].filter((o) => o.value);
        expect(options, locale).to.have.length(249);
        const names = options.map((o) => o.textContent.trim());
        expect(names.filter((n, i) => names.indexOf(n) !== i), locale).to.deep.equal([]);
        expect(options.some((o) => ['DD', 'SU', 'YU', 'ZR', 'CS', 'AN'].includes(o.value)), `${locale}: a retired code`).to.equal(false);
        const germany = locale === 'de-DE' ? 'Deutschland' : 'Germany';
        expect(options.filter((o) => o.textContent.trim() === germany).map((o) => o.value)).to.deep.equal(['DE']);
        fixtureCleanup();
      }
    });
  });

  describe('market coverage', () => {
    it('warns, without blocking, when the partner does not serve the prospect’s country', async () => {
      const adapter = sellerAdapter();
      const form = await mountForm(adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      expect(form.shadowRoot!.querySelector('[data-kind="market"]')).to.equal(null);
      await choose(form, 'country', 'DE');
      const warning = form.shadowRoot!.querySelector('[data-kind="market"]')!;
      expect(warning.textContent).to.contain('Northwind Voice does not list Germany');
      await expect(form).to.be.accessible();
      submitButton(form).click();
      await submitted(form);
      expect((await referralsIn(adapter))[0]!.prospect.country).to.equal('DE');
    });
  });

  describe('duplicates', () => {
    it('shows a referral of the same company to the same partner and needs a reason to submit anyway', async () => {
      const adapter = sellerAdapter({ referrals: [storedReferral({ stage: 'qualified' })] });
      const form = await mountForm(adapter, { partnerId: 'p-voice' });
      await fillValid(form, 'ACME, Inc');
      submitButton(form).click();
      await waitForShadow(form, '[data-kind="duplicate"]');
      const panel = form.shadowRoot!.querySelector('[data-kind="duplicate"]')!;
      expect(panel.textContent).to.contain('Ben Other');
      expect(panel.textContent).to.contain('Qualified');
      expect(focusedField(form) ?? form.shadowRoot!.activeElement?.id).to.equal('duplicate-heading');
      await expect(form).to.be.accessible();
      const anyway = [...panel.querySelectorAll('button')].find((b) => b.textContent.includes('Submit anyway'))!;
      anyway.click();
      await form.updateComplete;
      expect(messageFor(form, 'duplicateReason')).to.equal('Say why you are submitting anyway');
      expect(await referralsIn(adapter)).to.have.length(1);
      await typeInto(form, 'duplicateReason', 'New division, different buyer');
      anyway.click();
      await submitted(form);
      const all = await referralsIn(adapter);
      expect(all).to.have.length(2);
      expect(all.find((r) => r.seller.id === 'u-ana')!.duplicateOverrideReason).to.equal('New division, different buyer');
    });

    it('warns as soon as a company prefilled from the host record was referred to this partner', async () => {
      const adapter = sellerAdapter({ referrals: [storedReferral({ stage: 'accepted' })] });
      const form = await mountForm(adapter, { partnerId: 'p-voice', company: 'acme inc' });
      await waitForShadow(form, '[data-kind="duplicate-early"]');
      expect(form.shadowRoot!.querySelector('[data-kind="duplicate-early"]')!.textContent).to.contain('Ben Other');
      await expect(form).to.be.accessible();
    });

    it('cancel leaves the draft as it was and submits nothing', async () => {
      const adapter = sellerAdapter({ referrals: [storedReferral({ prospect: { company: 'Initech', website: 'https://www.initech.example', country: 'US', contactName: 'Bill', contactEmail: 'bill@initech.example' } })] });
      const form = await mountForm(adapter, { partnerId: 'p-voice' });
      await fillValid(form, 'Other name');
      await typeInto(form, 'website', 'initech.example'); // same domain, different name
      submitButton(form).click();
      await waitForShadow(form, '[data-kind="duplicate"]');
      const cancel = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-kind="duplicate"] button')].find((b) => b.textContent.includes('Cancel'))!;
      cancel.click();
      await form.updateComplete;
      expect(form.shadowRoot!.querySelector('[data-kind="duplicate"]')).to.equal(null);
      expect(control(form, 'company').value).to.equal('Other name');
      expect(await referralsIn(adapter)).to.have.length(1);
      expect(localStorage.getItem(draftKey('acc-1', 'p-voice'))).to.be.a('string');
    });

    it('shows referrals of the same prospect to other partners as information only', async () => {
      const adapter = sellerAdapter({ referrals: [storedReferral({ partnerId: 'p-crm', stage: 'accepted' })] });
      const form = await mountForm(adapter, { partnerId: 'p-voice' });
      await fillValid(form, 'Acme');
      await waitForShadow(form, '[data-kind="other-partners"]');
      expect(form.shadowRoot!.querySelector('[data-kind="other-partners"]')!.textContent).to.contain('Accepted');
      await waitUntil(() => form.shadowRoot!.querySelector('[data-kind="other-partners"]')!.textContent.includes('Contoso CRM Connect'), 'the other partner by name');
      await expect(form).to.be.accessible();
      submitButton(form).click();
      await submitted(form);
      expect(await referralsIn(adapter)).to.have.length(2);
    });
  });

  describe('exactly one referral per submission', () => {
    it('a double click and a held Enter create one referral', async () => {
      const memory = sellerAdapter();
      const faulty = new FaultyAdapter(memory);
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      const release = faulty.hold('createReferral');
      submitButton(form).click();
      submitButton(form).click();
      control(form, 'company').focus();
      await sendKeys({ down: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Enter' });
      await waitUntil(() => faulty.count('createReferral') === 1, 'createReferral called');
      expect(submitButton(form).disabled).to.equal(true);
      release();
      await submitted(form);
      expect(faulty.count('createReferral')).to.equal(1);
      expect(await referralsIn(memory)).to.have.length(1);
    });

    it('a retry after a network failure reuses the externalId, keeps every value and creates one referral', async () => {
      const memory = sellerAdapter();
      const faulty = new FaultyAdapter(memory);
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      faulty.failNext('createReferral', 'network');
      submitButton(form).click();
      await waitForShadow(form, '#failure');
      const failure = form.shadowRoot!.querySelector('#failure')!;
      expect(failure.textContent).to.contain('offline');
      expect(failure.textContent).to.contain('Everything you entered is kept');
      expect(control(form, 'company').value).to.equal('Globex Corporation');
      expect(control(form, 'arr').value).to.equal('12,500');
      await expect(form).to.be.accessible();
      (failure.querySelector('button') as HTMLButtonElement).click();
      await submitted(form);
      const creates = faulty.calls.filter((c) => c.method === 'createReferral').map((c) => (c.args[0] as ReferralInput).externalId);
      expect(creates).to.have.length(2);
      expect(creates[0]).to.equal(creates[1]);
      const stored = await referralsIn(memory);
      expect(stored).to.have.length(1);
      expect(stored[0]!.externalId).to.equal(creates[0]);
    });

    it('a form re-created after a failed submission submits the same referral once', async () => {
      const memory = sellerAdapter();
      const faulty = new FaultyAdapter(memory);
      const first = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(first);
      faulty.failNext('createReferral', 'unavailable');
      submitButton(first).click();
      await waitForShadow(first, '#failure');
      const externalId = first.draftExternalId;
      fixtureCleanup(); // the seller reloads the page
      const second = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      expect(second.draftExternalId).to.equal(externalId);
      expect(control(second, 'contactEmail').value).to.equal('hank@globex.example');
      expect(control<HTMLInputElement>(second, 'consent').checked).to.equal(true);
      submitButton(second).click();
      await submitted(second);
      const stored = await referralsIn(memory);
      expect(stored.map((r) => r.externalId)).to.deep.equal([externalId]);
    });

    it('a form re-created while its submission hangs restores the draft and its externalId: one referral', async () => {
      const memory = sellerAdapter();
      const faulty = new FaultyAdapter(memory);
      const first = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(first);
      const release = faulty.hold('createReferral');
      submitButton(first).click();
      await waitUntil(() => faulty.count('createReferral') === 1, 'first submission sent');
      const externalId = first.draftExternalId;
      fixtureCleanup(); // the host page navigated away mid-submission
      const second = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      expect(second.draftExternalId).to.equal(externalId);
      expect(control(second, 'company').value).to.equal('Globex Corporation');
      release();
      // The first attempt lands although its form is gone; the second finds it (its own externalId)
      // and must not call it a duplicate of itself.
      await waitUntil(async () => (await referralsIn(memory)).length === 1, 'the first attempt landed');
      submitButton(second).click();
      await submitted(second);
      expect(second.shadowRoot!.querySelector('[data-kind="duplicate"]')).to.equal(null);
      expect(await referralsIn(memory)).to.have.length(1);
      expect(second.submittedReferral!.externalId).to.equal(externalId);
      expect(localStorage.getItem(draftKey('acc-1', 'p-voice'))).to.equal(null);
    });
  });

  describe('nothing lost', () => {
    it('restores the draft when the form is created again, keyed by host record and partner', async () => {
      const adapter = sellerAdapter();
      const first = await mountForm(adapter, { partnerId: 'p-voice', crmRecordId: 'acc-7' });
      await typeInto(first, 'company', 'Umbrella Corp');
      await typeInto(first, 'notes', 'Met at the user conference');
      await choose(first, 'timeline', '3-6 months');
      fixtureCleanup();
      const again = await mountForm(adapter, { partnerId: 'p-voice', crmRecordId: 'acc-7' });
      expect(control(again, 'company').value).to.equal('Umbrella Corp');
      expect(control<HTMLTextAreaElement>(again, 'notes').value).to.equal('Met at the user conference');
      expect(control<HTMLSelectElement>(again, 'timeline').value).to.equal('3-6 months');
      expect(again.shadowRoot!.querySelector('[data-kind="restored"]')).to.not.equal(null);
      fixtureCleanup();
      const otherRecord = await mountForm(adapter, { partnerId: 'p-voice', crmRecordId: 'acc-8', company: 'Prefilled Co' });
      expect(control(otherRecord, 'company').value).to.equal('Prefilled Co');
    });

    it('maps CRM field errors onto the fields and keeps the values', async () => {
      const faulty = new FaultyAdapter(sellerAdapter());
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      faulty.failNext(
        'createReferral',
        new CrmError('validation', undefined, { fieldErrors: { 'prospect.contactEmail': ['The CRM says this address bounces'], Region__c: ['Region is required'] } }),
      );
      submitButton(form).click();
      await waitForShadow(form, '#contactEmail-error');
      expect(messageFor(form, 'contactEmail')).to.equal('The CRM says this address bounces');
      expect(control(form, 'contactEmail').getAttribute('aria-invalid')).to.equal('true');
      expect(focusedField(form)).to.equal('contactEmail');
      expect(form.shadowRoot!.querySelector('.summary')!.textContent).to.contain('Region__c: Region is required');
      expect(form.shadowRoot!.querySelector('#failure')!.textContent).to.contain('The CRM rejected Contact email');
      expect(control(form, 'contactEmail').value).to.equal('hank@globex.example');
      await expect(form).to.be.accessible();
    });

    it('says what happened in plain words for each kind of failure', async () => {
      const faulty = new FaultyAdapter(sellerAdapter());
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      const kinds = [
        ['auth', 'session has expired'],
        ['permission', 'do not have permission'],
        ['unavailable', 'unavailable'],
        ['rate-limit', 'too many requests'],
      ] as const;
      for (const [kind, words] of kinds) {
        faulty.failNext('createReferral', kind);
        submitButton(form).click();
        await waitUntil(() => form.shadowRoot!.querySelector(`#failure[data-kind="${kind}"]`), `${kind} shown`);
        expect(form.shadowRoot!.querySelector('#failure')!.textContent).to.contain(words);
      }
    });
  });

  describe('success', () => {
    it('confirms with the id and the acceptance window, fires cosell-referral-submitted, clears the draft and can start another', async () => {
      const adapter = sellerAdapter();
      const form = await mountForm(adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      expect(localStorage.getItem(draftKey('acc-1', 'p-voice'))).to.be.a('string');
      const event = oneEvent(form, 'cosell-referral-submitted');
      submitButton(form).click();
      const { referral } = (await event) as unknown as ReferralSubmittedEvent;
      await submitted(form);
      const confirmation = form.shadowRoot!.querySelector('[part="confirmation"]')!;
      // A short reference for people (not the UUID); the CRM id stays on the element.
      const shown = confirmation.querySelector<HTMLElement>('.referral-reference')!;
      expect(shown.textContent).to.match(/^REF-[0-9A-Z]{6}$/).and.equal(referralReference(referral.externalId));
      expect(shown.dataset.referralId).to.equal(referral.id);
      expect(confirmation.textContent).to.contain('accepts or declines within 5 business days');
      expect(confirmation.textContent).to.contain('$12,500.00');
      expect(form.shadowRoot!.activeElement?.id).to.equal('confirmation-heading');
      expect(referral.crmRecordId).to.equal('acc-1');
      expect(localStorage.getItem(draftKey('acc-1', 'p-voice'))).to.equal(null);
      await expect(form).to.be.accessible();
      const another = [...confirmation.querySelectorAll('button')].find((b) => b.textContent.includes('Refer another'))!;
      another.click();
      await form.updateComplete;
      expect(control(form, 'company').value).to.equal('');
      expect(form.draftExternalId).to.not.equal(referral.externalId);
    });
  });

  describe('states', () => {
    it('no permission for a finance user', async () => {
      const form = await mountForm(sellerAdapter({ user: { id: 'u-f', name: 'Fin', role: 'finance' } }), { partnerId: 'p-voice' });
      expect(form.shadowRoot!.querySelector('[data-kind="no-permission"]')).to.not.equal(null);
      await expect(form).to.be.accessible();
    });

    it('a partner that cannot be loaded shows an error with retry', async () => {
      const faulty = new FaultyAdapter(sellerAdapter());
      faulty.failNext('getPartner', 'unavailable');
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await waitForShadow(form, '[data-kind="error"]');
      await expect(form).to.be.accessible();
      form.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitForShadow(form, '[data-field="company"]');
    });

    it('loading while the partner loads', async () => {
      const faulty = new FaultyAdapter(sellerAdapter());
      const release = faulty.hold('getPartner');
      const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter}><cosell-referral-form partner-id="p-voice"></cosell-referral-form></cosell-provider>`);
      const form = provider.querySelector('cosell-referral-form')!;
      await form.updateComplete;
      expect(form.shadowRoot!.querySelector('[data-kind="loading"]')).to.not.equal(null);
      await expect(form).to.be.accessible();
      release();
      await waitForShadow(form, '[data-field="company"]');
    });

    it('an unknown partner says so', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-nope' });
      await waitUntil(() => form.shadowRoot!.textContent.includes('not found'), 'not found shown');
      await expect(form).to.be.accessible();
    });
  });
});
