import { expect } from '@open-wc/testing';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { draftKey } from '../../components/referral-form/draft.js';
import { Announcer } from '../../components/base/announcer.js';
import { readMoneyInput } from '../../src/format.js';
import { clearDrafts, sellerAdapter } from '../fixtures/seller-world.js';
import { choose, control, messageFor, mountForm, submitButton, typeInto } from './referral-form-helpers.js';

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
});
