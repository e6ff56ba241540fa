import { expect } from '@open-wc/testing';
import { add, allocate, applyRate, CurrencyMismatchError, money, MoneyError, MoneySchema, subtract, sum, toDecimalString, totalsByCurrency, compare, multiply } from '../../src/domain/money.js';
import { annualRecurringRevenue } from '../../src/domain/arr.js';
import { formatMoney, parseMoneyInput } from '../../src/format.js';

describe('Money', () => {
  it('adds and subtracts in one currency, including negative lines and zero', () => {
    expect(add(money(1050, 'USD'), money(-250, 'USD'))).to.deep.equal(money(800, 'USD'));
    expect(subtract(money(0, 'USD'), money(1, 'USD'))).to.deep.equal(money(-1, 'USD'));
    expect(sum([], 'EUR')).to.deep.equal(money(0, 'EUR'));
    expect(compare(money(5, 'USD'), money(7, 'USD'))).to.equal(-1);
  });

  it('refuses to combine two currencies', () => {
    expect(() => add(money(1, 'USD'), money(1, 'EUR'))).to.throw(CurrencyMismatchError, /USD and EUR/);
    expect(() => sum([money(1, 'USD'), money(1, 'GBP')], 'USD')).to.throw(CurrencyMismatchError);
    expect(totalsByCurrency([money(1, 'USD'), money(2, 'EUR'), money(3, 'USD')])).to.deep.equal([money(2, 'EUR'), money(4, 'USD')]);
  });

  it('rejects amounts beyond 2^53 − 1 minor units instead of losing precision', () => {
    expect(() => money(2 ** 53, 'USD')).to.throw(MoneyError);
    expect(() => add(money(Number.MAX_SAFE_INTEGER, 'USD'), money(1, 'USD'))).to.throw(MoneyError);
    expect(MoneySchema.safeParse({ amountMinor: 2 ** 53, currency: 'USD' }).success).to.equal(false);
    expect(MoneySchema.safeParse({ amountMinor: 10.5, currency: 'USD' }).success).to.equal(false);
    // The product amount × rate is exact even when it passes 2^53 on the way.
    expect(applyRate(money(Number.MAX_SAFE_INTEGER, 'USD'), 5000)).to.deep.equal(money(4503599627370496, 'USD'));
  });

  it('applies a rate rounding half away from zero, symmetric for refunds', () => {
    // 12.5 % of $0.20 = 2.5 cents → 3 cents; of −$0.20 → −3 cents.
    expect(applyRate(money(20, 'USD'), 1250)).to.deep.equal(money(3, 'USD'));
    expect(applyRate(money(-20, 'USD'), 1250)).to.deep.equal(money(-3, 'USD'));
    // 15 % of $1,234.56 = 185.184 → 185.18
    expect(applyRate(money(123456, 'USD'), 1500)).to.deep.equal(money(18518, 'USD'));
  });

  it('allocates without losing a cent', () => {
    const parts = allocate(money(100, 'USD'), [1, 1, 1]);
    expect(parts.map((p) => p.amountMinor)).to.deep.equal([34, 33, 33]);
    expect(allocate(money(-100, 'USD'), [1, 1, 1]).map((p) => p.amountMinor)).to.deep.equal([-34, -33, -33]);
  });

  it('computes ARR as the latest month of recurring plus usage, times 12', () => {
    const arr = annualRecurringRevenue({ recurring: [money(100000, 'USD'), money(25000, 'USD')], usage: [money(4550, 'USD')] }, 'USD');
    expect(arr).to.deep.equal(money(1554600, 'USD'));
    expect(multiply(money(-3, 'JPY'), 12)).to.deep.equal(money(-36, 'JPY'));
  });

  it('formats exactly, per locale and currency digits', () => {
    expect(toDecimalString(money(-5, 'USD'))).to.equal('-0.05');
    expect(toDecimalString(money(1234, 'JPY'))).to.equal('1234');
    expect(formatMoney(money(1250000, 'USD'), 'en-US')).to.equal('$12,500.00');
    expect(formatMoney(money(1250000, 'EUR'), 'de-DE')).to.equal('12.500,00\u00a0€');
    expect(formatMoney(money(9007199254740991, 'USD'), 'en-US')).to.equal('$90,071,992,547,409.91');
  });

  it('parses amounts typed in the person’s locale', () => {
    expect(parseMoneyInput('12,500', 'en-US', 'USD')).to.deep.equal(money(1250000, 'USD'));
    expect(parseMoneyInput('12.500', 'de-DE', 'EUR')).to.deep.equal(money(1250000, 'EUR'));
    expect(parseMoneyInput('12.500,5', 'de-DE', 'EUR')).to.deep.equal(money(1250050, 'EUR'));
    expect(parseMoneyInput('$ 1,000.25', 'en-US', 'USD')).to.deep.equal(money(100025, 'USD'));
    expect(parseMoneyInput('1.5', 'ja-JP', 'JPY')).to.equal(undefined);
    expect(parseMoneyInput('abc', 'en-US', 'USD')).to.equal(undefined);
    // The locale's own digits and separators: Arabic-Indic in ar-EG, narrow no-break space in fr-FR.
    expect(parseMoneyInput('١٢٬٥٠٠', 'ar-EG', 'EGP')).to.deep.equal(money(1250000, 'EGP'));
    expect(parseMoneyInput('١٢٬٥٠٠٫٢٥', 'ar-EG', 'USD')).to.deep.equal(money(1250025, 'USD'));
    expect(parseMoneyInput('12500', 'ar-EG', 'USD')).to.deep.equal(money(1250000, 'USD'));
    expect(parseMoneyInput('12\u202f500,5 €', 'fr-FR', 'EUR')).to.deep.equal(money(1250050, 'EUR'));
    expect(parseMoneyInput('−1,000', 'en-US', 'USD')).to.deep.equal(money(-100000, 'USD'));
    expect(parseMoneyInput('1.2.3', 'en-US', 'USD')).to.equal(undefined);
  });
});
