import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CosellProvider } from '../../components/provider/provider.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { draftKey } from '../../components/referral-form/draft.js';
import { Announcer } from '../../components/base/announcer.js';
import { readMoneyInput } from '../../src/format.js';
import { NOTES_MAX_LENGTH } from '../../src/domain/referral.js';
import { clearDrafts, crmPartner, plannedPartner, seller, sellerAdapter, storedReferral, voicePartner } from '../fixtures/seller-world.js';
import '../../components/my-referrals/define.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';
import { choose, control, fillValid, messageFor, mountForm, submitButton, typeInto } from './referral-form-helpers.js';

const currencyOf = (form: CosellReferralForm) => control<HTMLSelectElement>(form, 'currency').value;

describe('<cosell-referral-form> seller details (issue 13)', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  describe('currency', () => {
    it('defaults from the prospect’s country: a UK prospect gets GBP, not the provider’s USD', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', country: 'GB', currency: 'USD' });
      expect(currencyOf(form)).to.equal('GBP');
    });

    it('follows the country the seller chooses, falling back to the provider’s currency', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', currency: 'USD' });
      expect(currencyOf(form)).to.equal('USD');
      await choose(form, 'country', 'JP');
      expect(currencyOf(form)).to.equal('JPY');
      await choose(form, 'country', 'AQ'); // Antarctica has no currency of its own
      expect(currencyOf(form)).to.equal('USD');
    });

    it('never overwrites a currency the seller picked', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', country: 'GB', currency: 'USD' });
      await choose(form, 'currency', 'CHF');
      await choose(form, 'country', 'DE');
      expect(currencyOf(form)).to.equal('CHF');
    });

    it('a restored draft keeps its currency', async () => {
      localStorage.setItem(
        draftKey('acc-1', 'p-voice'),
        JSON.stringify({ externalId: crypto.randomUUID(), values: { company: 'Initech', country: 'GB', currency: 'SEK' }, savedAt: new Date().toISOString() }),
      );
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', country: 'GB', currency: 'USD' });
      expect(currencyOf(form)).to.equal('SEK');
      await choose(form, 'country', 'FR');
      expect(currencyOf(form)).to.equal('SEK');
    });
  });

  describe('estimated ARR', () => {
    it('says why an amount cannot be read: too large, negative, too many decimals, not a number', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', currency: 'USD' });
      const cases: [string, string][] = [
        ['1e30', 'That amount is too large. Check the number of digits.'],
        ['10000000000000000', 'That amount is too large. Check the number of digits.'],
        ['-500', 'The amount cannot be negative'],
        ['12.505', 'Too many decimals for USD: use at most 2'],
        ['twelve', 'Enter the amount as a number, such as 12,500'],
        ['0', 'Enter an amount above zero'],
      ];
      for (const [typed, expected] of cases) {
        await typeInto(form, 'arr', typed);
        expect(messageFor(form, 'arr'), typed).to.equal(expected);
      }
      await choose(form, 'currency', 'JPY');
      await typeInto(form, 'arr', '1.5');
      expect(messageFor(form, 'arr')).to.equal('Enter a whole amount: JPY has no decimals');
      await typeInto(form, 'arr', '1e3');
      expect(messageFor(form, 'arr')).to.equal(undefined);
    });

    it('readMoneyInput reads the amount or names the problem, exactly', () => {
      expect(readMoneyInput('12.500,5', 'de-DE', 'EUR')).to.deep.equal({ ok: true, money: { amountMinor: 1250050, currency: 'EUR' } });
      expect(readMoneyInput('2.5e6', 'en-US', 'USD')).to.deep.equal({ ok: true, money: { amountMinor: 250_000_000, currency: 'USD' } });
      expect(readMoneyInput('90071992547409.91', 'en-US', 'USD')).to.deep.equal({ ok: true, money: { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'USD' } });
      expect(readMoneyInput('90071992547409.92', 'en-US', 'USD')).to.deep.equal({ ok: false, problem: 'too-large' });
      expect(readMoneyInput('1e500', 'en-US', 'USD')).to.deep.equal({ ok: false, problem: 'too-large' });
      expect(readMoneyInput('−1,000', 'en-US', 'USD')).to.deep.equal({ ok: false, problem: 'negative' });
      expect(readMoneyInput('1e-3', 'en-US', 'USD')).to.deep.equal({ ok: false, problem: 'too-many-decimals' });
      expect(readMoneyInput('1.2.3', 'en-US', 'USD')).to.deep.equal({ ok: false, problem: 'not-a-number' });
    });
  });

  describe('announcements (issue 10)', () => {
    it('go through the provider’s one live region, not a region of the form’s own', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice' });
      submitButton(form).click();
      await form.updateComplete;
      expect(form.shadowRoot!.querySelector('[aria-live]')).to.equal(null);
      expect(Announcer.regionOf(form)!.textContent).to.contain('fields need attention');
    });
  });

  describe('notes counter', () => {
    const count = (form: CosellReferralForm) => form.shadowRoot!.querySelector('#notes-count')!.textContent.trim();

    it('counts down from the schema’s limit and is announced only as it nears it', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice' });
      const region = () => Announcer.regionOf(form)!.textContent;
      expect(count(form)).to.equal(`${NOTES_MAX_LENGTH.toLocaleString('en-US')} characters left`);
      expect(control(form, 'notes').getAttribute('aria-describedby')).to.contain('notes-count');
      await typeInto(form, 'notes', 'x'.repeat(NOTES_MAX_LENGTH - 300), false);
      expect(count(form)).to.equal('300 characters left');
      expect(region()).not.to.contain('characters left');
      await typeInto(form, 'notes', 'x'.repeat(NOTES_MAX_LENGTH - 150), false);
      expect(region()).to.equal('150 characters left');
      await typeInto(form, 'notes', 'x'.repeat(NOTES_MAX_LENGTH - 140), false);
      expect(count(form)).to.equal('140 characters left');
      expect(region(), 'not on every keystroke').to.equal('150 characters left');
      await typeInto(form, 'notes', 'x'.repeat(NOTES_MAX_LENGTH - 1), false);
      expect(region()).to.equal('1 character left');
      await typeInto(form, 'notes', 'x'.repeat(NOTES_MAX_LENGTH + 5));
      expect(count(form)).to.equal('5 characters too many');
      expect(region()).to.equal('5 characters too many');
      expect(messageFor(form, 'notes')).to.equal('At most 4,000 characters');
    });
  });

  describe('use case', () => {
    const options = (form: CosellReferralForm) => [...control<HTMLSelectElement>(form, 'useCase').options].map((o) => o.value);

    it('is one select from the start: the same element once the partner’s use cases load, the draft’s value kept', async () => {
      localStorage.setItem(
        draftKey('acc-1', ''),
        JSON.stringify({ externalId: crypto.randomUUID(), values: { partnerId: 'p-voice', partnerName: 'Northwind Voice', useCase: 'Quality management' }, savedAt: new Date().toISOString() }),
      );
      const adapter = new MemoryAdapter({ partners: [voicePartner, crmPartner, plannedPartner], referrals: [], currentUser: seller }, { latencyMs: 300 });
      const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-US" currency="USD">
        <cosell-referral-form crm-record-id="acc-1"></cosell-referral-form>
      </cosell-provider>`);
      await provider.ready;
      const form = provider.querySelector('cosell-referral-form')!;
      await form.updateComplete;
      const before = control<HTMLSelectElement>(form, 'useCase');
      expect(before.localName, 'while the partner loads').to.equal('select');
      expect(before.value).to.equal('Quality management');
      await form.ready;
      expect(control(form, 'useCase'), 'the same control').to.equal(before);
      expect(options(form)).to.deep.equal(['', 'Contact centre analytics', 'Quality management']);
      expect(before.value).to.equal('Quality management');
    });

    it('without a partner says to choose one first; a partner that lists none offers “Other”', async () => {
      const form = await mountForm(sellerAdapter());
      const select = control<HTMLSelectElement>(form, 'useCase');
      expect(select.localName).to.equal('select');
      expect(select.options[0]!.textContent.trim()).to.equal('Choose a partner first');
      const input = control(form, 'partner');
      input.click();
      await waitUntil(() => form.shadowRoot!.querySelectorAll('[role="option"]').length === 3, 'the picker lists the partners');
      [...form.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent.includes('Fabrikam'))!.click();
      await form.ready;
      await waitUntil(() => options(form).length > 1, 'the partner’s options');
      expect(control(form, 'useCase')).to.equal(select);
      expect(options(form)).to.deep.equal(['', 'Other']);
      expect(select.options[1]!.textContent.trim()).to.equal('Other (say more in the notes)');
    });
  });

  describe('reset', () => {
    const notice = (form: CosellReferralForm) => form.shadowRoot!.querySelector('[data-kind="duplicate-early"]');
    const acme = () => storedReferral({ prospect: { company: 'Acme Inc.', website: 'acme.com', country: 'US', contactName: 'Jo Buyer', contactEmail: 'jo@acme.com' } });

    it('a reset of the CRM’s data takes away the duplicate notice of a referral that is gone', async () => {
      const adapter = sellerAdapter({ referrals: [acme()] });
      const form = await mountForm(adapter, { partnerId: 'p-voice', company: 'Acme Inc.' });
      await waitUntil(() => notice(form), 'the duplicate notice');
      await adapter.reset({ partners: [voicePartner, crmPartner, plannedPartner], referrals: [], currentUser: seller });
      await waitUntil(() => !notice(form), 'the notice of a referral that no longer exists stays');
      await form.ready;
      expect(control(form, 'company').value, 'what the seller typed stays').to.equal('Acme Inc.');
    });

    it('a reset of the CRM’s data forgets the partners the picker found', async () => {
      const adapter = sellerAdapter();
      const form = await mountForm(adapter);
      const listed = () => form.shadowRoot!.querySelectorAll('[role="option"]').length;
      control(form, 'partner').click();
      await waitUntil(() => listed() === 3, 'three partners');
      control(form, 'partner').blur();
      await adapter.reset({ partners: [voicePartner], referrals: [], currentUser: seller });
      control(form, 'partner').click();
      await waitUntil(() => listed() === 1, 'the picker still lists the partners from before the reset');
    });

    it('another record (or “Start another referral”) starts without the last one’s duplicates, messages or currency', async () => {
      const form = await mountForm(sellerAdapter({ referrals: [acme()] }), { partnerId: 'p-voice', company: 'Acme Inc.', country: 'GB' });
      await waitUntil(() => notice(form), 'the duplicate notice');
      await choose(form, 'country', 'JP');
      expect(currencyOf(form)).to.equal('JPY');
      submitButton(form).click();
      await waitUntil(() => form.shadowRoot!.querySelector('.summary'), 'the error summary');
      form.crmRecordId = 'acc-2';
      await form.updateComplete;
      expect(notice(form), 'duplicate notice').to.equal(null);
      expect(form.shadowRoot!.querySelector('.summary'), 'error summary').to.equal(null);
      expect(currencyOf(form), 'the currency follows the prefilled country again').to.equal('GBP');
    });

    it('a reset of the <form> discards the draft', async () => {
      const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice', country: 'GB' });
      await typeInto(form, 'contactName', 'Hank Scorpio');
      await choose(form, 'country', 'JP');
      form.shadowRoot!.querySelector('form')!.reset();
      await form.updateComplete;
      expect(control(form, 'contactName').value).to.equal('');
      expect(currencyOf(form)).to.equal('GBP');
      expect(localStorage.getItem(draftKey('acc-1', 'p-voice'))).to.equal(null);
    });
  });

  describe('permission', () => {
    const words = 'You do not have permission to submit referrals. Ask your CRM administrator for access.';

    it('one message: the same words for a user who may not submit and for a submission the CRM refuses', async () => {
      const finance = await mountForm(sellerAdapter({ user: { id: 'u-f', name: 'Fin', role: 'finance' } }), { partnerId: 'p-voice' });
      expect(finance.shadowRoot!.querySelector('[data-kind="no-permission"]')!.textContent.trim()).to.equal(words);
      const faulty = new FaultyAdapter(sellerAdapter());
      const form = await mountForm(faulty.adapter, { partnerId: 'p-voice' });
      await fillValid(form);
      faulty.failNext('createReferral', 'permission');
      submitButton(form).click();
      await waitUntil(() => form.shadowRoot!.querySelector('#failure[data-kind="permission"]'), 'the failure');
      expect(form.shadowRoot!.querySelector('#failure p')!.textContent.trim()).to.equal(`The referral was not submitted. ${words}`);
      expect(form.shadowRoot!.querySelector('#failure button'), 'no Retry').to.equal(null);
    });

    it('my referrals does not invite a user who may not submit to refer', async () => {
      const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${sellerAdapter({ user: { id: 'u-f', name: 'Fin', role: 'finance' } })} locale="en-US">
        <cosell-my-referrals></cosell-my-referrals>
      </cosell-provider>`);
      await provider.ready;
      const list = provider.querySelector('cosell-my-referrals')!;
      await waitUntil(() => list.shadowRoot!.querySelector('[data-kind="empty"]'), 'the empty state');
      expect(list.shadowRoot!.querySelector('[data-kind="empty"]')!.textContent.trim()).to.equal('You have no referrals.');
    });
  });
});
