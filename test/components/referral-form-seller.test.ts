import { expect } from '@open-wc/testing';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { draftKey } from '../../components/referral-form/draft.js';
import { clearDrafts, sellerAdapter } from '../fixtures/seller-world.js';
import { choose, control, mountForm } from './referral-form-helpers.js';

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
});
