import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, applyRate, CurrencyMismatchError, divRoundHalfAwayFromZero, money } from '../../src/domain/money.js';
import { computeStatements, ExactProducts, rateUnits, RevshareError, type StatementResult } from '../../src/revshare/index.js';
import { splitByDays } from '../../src/revshare/exact.js';
import { seriesByPeriod, summarize } from '../../src/revshare/summary.js';
import { agreement, flat, line, seeded, statement, tiered } from './revshare-fixtures.js';

const usd = (amountMinor: number) => money(amountMinor, 'USD');
const eur = (amountMinor: number) => money(amountMinor, 'EUR');
const byPeriod = (results: StatementResult[], period: string) => {
  const found = results.find((r) => r.period === period);
  assert.ok(found, `no statement for ${period}`);
  return found;
};

// Tiers used below: marginal, on cumulative billings in the agreement year.
//   tier 1: $0 – $100,000 at 10 %; tier 2: $100,000 – $250,000 at 15 %; tier 3: from $250,000 at 20 %.
const TIERS = tiered([0, 1000], [10_000_000, 1500], [25_000_000, 2000]);

describe('revshare engine: worked examples', () => {
  it('crosses a tier boundary inside one month (marginal, like tax brackets)', () => {
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: TIERS, renewal: TIERS }] });
    const results = computeStatements(
      [a],
      [
        statement('2026-01', [line(6_000_000)]), // $60,000
        statement('2026-02', [line(3_000_000, { customer: 'Beta' }), line(2_500_000, { customer: 'Gamma' })]), // $30,000 + $25,000
        statement('2027-01', [line(1_000_000)]), // new agreement year: cumulative resets
      ],
      { asOf: '2027-06-01' },
    );
    // January: $60,000 all in tier 1 → $60,000 × 10 % = $6,000.00.
    assert.deepEqual(byPeriod(results, '2026-01').revshare, usd(600_000));
    const feb = byPeriod(results, '2026-02');
    // February starts at $60,000 year to date.
    assert.deepEqual(feb.yearToDateBefore, usd(6_000_000));
    // Beta: $60,000 → $90,000, all tier 1: $30,000 × 10 % = $3,000.00.
    assert.deepEqual(feb.lines[0]?.due, usd(300_000));
    assert.equal(feb.lines[0]?.rates.length, 1);
    // Gamma: $90,000 → $115,000 crosses $100,000: $10,000 × 10 % + $15,000 × 15 % = $1,000 + $2,250 = $3,250.00.
    assert.deepEqual(feb.lines[1]?.due, usd(325_000));
    assert.deepEqual(feb.lines[1]?.rates.map((r) => [r.tier?.index, r.rateBps]), [[0, 1000], [1, 1500]]);
    // February total = $3,000 + $3,250 = $6,250.00 (the sum of its lines), due the same (no credit).
    assert.deepEqual(feb.revshare, usd(625_000));
    assert.deepEqual(feb.due, usd(625_000));
    assert.deepEqual(feb.yearToDateAfter, usd(11_500_000));
    // January 2027 is a new agreement year: $10,000 × 10 % = $1,000.00 (tier 1 again).
    const next = byPeriod(results, '2027-01');
    assert.deepEqual(next.yearToDateBefore, usd(0));
    assert.deepEqual(next.due, usd(100_000));
  });

  it('takes a refund back from the top tier, so a refunded charge reverses exactly', () => {
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: TIERS, renewal: TIERS }] });
    const results = computeStatements(
      [a],
      [
        // $120,000: $100,000 × 10 % + $20,000 × 15 % = $10,000 + $3,000 = $13,000.00
        statement('2026-01', [line(12_000_000)]),
        // Refund $30,000 from $120,000 down to $90,000: $20,000 × 15 % + $10,000 × 10 % = $4,000 back;
        // plus a $5,000 charge from $90,000 to $95,000 at 10 % = $500. Revshare −$4,000 + $500 = −$3,500.
        statement('2026-02', [line(-3_000_000), line(500_000, { customer: 'Beta' })]),
      ],
      { asOf: '2026-12-31' },
    );
    assert.deepEqual(byPeriod(results, '2026-01').due, usd(1_300_000));
    const feb = byPeriod(results, '2026-02');
    assert.deepEqual(feb.lines[0]?.due, usd(-400_000));
    assert.deepEqual(feb.lines[0]?.rates.map((r) => r.rateBps), [1500, 1000]);
    assert.deepEqual(feb.lines[1]?.due, usd(50_000));
    assert.deepEqual(feb.revshare, usd(-350_000));
    // Negative month: nothing to pay, $3,500 carried forward.
    assert.deepEqual(feb.due, usd(0));
    assert.deepEqual(feb.creditCarriedForward, usd(350_000));
  });

  it('changes the rate mid-month by splitting each line by calendar days', () => {
    // 10 % until 14 March 2026, 12 % from 15 March. March has 31 days: 14 days at 10 %, 17 at 12 %.
    const a = agreement({
      rates: [
        { effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) },
        { effectiveFrom: '2026-03-15', firstYear: flat(1200), renewal: flat(1200) },
      ],
    });
    const results = computeStatements(
      [a],
      [
        statement('2026-02', [line(100_000)]),
        statement('2026-03', [line(310_000), line(100_001, { customer: 'Beta' })]),
        statement('2026-04', [line(100_000)]),
      ],
      { asOf: '2026-12-31' },
    );
    // February: all at 10 %: $1,000.00 → $100.00.
    assert.deepEqual(byPeriod(results, '2026-02').due, usd(10_000));
    const march = byPeriod(results, '2026-03');
    // $3,100.00 split 14:17 → $1,400.00 at 10 % + $1,700.00 at 12 % = $140.00 + $204.00 = $344.00.
    assert.deepEqual(march.lines[0]?.due, usd(34_400));
    assert.deepEqual(march.lines[0]?.rates.map((r) => [r.rateBps, r.effectiveFrom]), [[1000, '2026-01-01'], [1200, '2026-03-15']]);
    // $1,000.01 split 14:17: 100,001 × 14/31 = 45,161.74…, × 17/31 = 54,839.25…; the spare cent goes to
    // the larger remainder → 45,162 and 54,839 cents. Exact due 4,516.2 + 6,580.68 = 11,096.88 → 11,097.
    assert.deepEqual(march.lines[1]?.due, usd(11_097));
    assert.deepEqual(march.revshare, usd(34_400 + 11_097));
    // April: all at 12 %: $1,000.00 → $120.00.
    assert.deepEqual(byPeriod(results, '2026-04').due, usd(12_000));
  });

  it('carries forward a refund larger than the month’s billings instead of a negative payment', () => {
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) }] });
    const results = computeStatements(
      [a],
      [
        statement('2026-01', [line(500_000)]), // $5,000 → $500 due
        statement('2026-02', [line(100_000), line(-400_000, { kind: 'refund' })]), // $1,000 − $4,000 → −$300
        statement('2026-03', [line(200_000)]), // $2,000 → $200, less $300 credit → $0, $100 carried
        statement('2026-04', [line(300_000)]), // $3,000 → $300, less $100 credit → $200 due
      ],
      { asOf: '2026-12-31' },
    );
    const [jan, feb, mar, apr] = ['2026-01', '2026-02', '2026-03', '2026-04'].map((p) => byPeriod(results, p));
    assert.deepEqual(jan?.due, usd(50_000));
    assert.deepEqual(feb?.billed, usd(-300_000));
    assert.deepEqual(feb?.charges, usd(100_000));
    assert.deepEqual(feb?.credits, usd(-400_000));
    assert.deepEqual(feb?.revshare, usd(-30_000));
    assert.deepEqual(feb?.due, usd(0));
    assert.deepEqual(feb?.creditCarriedForward, usd(30_000));
    assert.equal(feb?.status, 'remitted'); // nothing is owed for February
    assert.deepEqual(mar?.creditBroughtForward, usd(30_000));
    assert.deepEqual(mar?.revshare, usd(20_000));
    assert.deepEqual(mar?.due, usd(0));
    assert.deepEqual(mar?.creditCarriedForward, usd(10_000));
    assert.deepEqual(apr?.creditBroughtForward, usd(10_000));
    assert.deepEqual(apr?.due, usd(20_000));
    assert.deepEqual(apr?.creditCarriedForward, usd(0));
    // Over the four months: $500 − $300 + $200 + $300 = $700 of revshare, $500 + $0 + $0 + $200 = $700 due.
    assert.equal(results.reduce((s, r) => s + r.due.amountMinor, 0), 70_000);
  });

  it('reports two currencies under one partner apart, never summed', () => {
    const usdAgreement = agreement({ id: 'a-usd', rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) }] });
    const eurAgreement = agreement({ id: 'a-eur', currency: 'EUR', rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(2000), renewal: flat(2000) }] });
    const results = computeStatements(
      [usdAgreement, eurAgreement],
      [
        statement('2026-01', [line(100_000)], { agreementId: 'a-usd', remitted: 10_000 }), // $1,000 × 10 % = $100, paid
        statement('2026-01', [line(50_000, { currency: 'EUR' })], { agreementId: 'a-eur', currency: 'EUR' }), // €500 × 20 % = €100
      ],
      { asOf: '2026-06-01' },
    );
    const totals = summarize(results);
    assert.deepEqual(totals.map((t) => t.currency), ['EUR', 'USD']);
    assert.deepEqual(totals[0]?.due, eur(10_000));
    assert.deepEqual(totals[0]?.outstanding, eur(10_000));
    assert.deepEqual(totals[0]?.overdue, { count: 1, amount: eur(10_000) });
    assert.deepEqual(totals[1]?.due, usd(10_000));
    assert.deepEqual(totals[1]?.outstanding, usd(0));
    assert.deepEqual(totals[1]?.overdue, { count: 0, amount: usd(0) });
    const series = seriesByPeriod(results, 'quarter', { from: '2026-01', to: '2026-06' });
    assert.deepEqual([...series.keys()], ['EUR', 'USD']);
    assert.deepEqual(series.get('EUR')?.map((b) => [b.key, b.due.amountMinor, b.overdueCount]), [['2026-Q1', 10_000, 1], ['2026-Q2', 0, 0]]);
  });

  it('refuses a line in another currency than its agreement', () => {
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) }] });
    assert.throws(() => computeStatements([a], [statement('2026-01', [line(100, { currency: 'EUR' })])]), CurrencyMismatchError);
    assert.throws(() => computeStatements([a], [statement('2026-01', [], { agreementId: 'missing' })]), RevshareError);
  });

  it('uses the first-year rate for 12 months from the customer’s first billed month, then renewal', () => {
    const a = agreement({ rates: [{ effectiveFrom: '2025-01-01', firstYear: flat(2000), renewal: flat(1000) }], startDate: '2025-01-01' });
    const results = computeStatements(
      [a],
      [
        statement('2026-02', [line(100_000, { since: '2025-03' })]), // 11 months since: first year, 20 % → $200
        statement('2026-03', [line(100_000, { since: '2025-03' })]), // 12 months since: renewal, 10 % → $100
      ],
      { asOf: '2026-12-31' },
    );
    assert.equal(byPeriod(results, '2026-02').lines[0]?.cohort, 'first-year');
    assert.deepEqual(byPeriod(results, '2026-02').due, usd(20_000));
    assert.equal(byPeriod(results, '2026-03').lines[0]?.cohort, 'renewal');
    assert.deepEqual(byPeriod(results, '2026-03').due, usd(10_000));
  });

  it('rounds per line, half away from zero, and the statement is the sum of its lines', () => {
    // 12.5 % of 4 cents = 0.5 cent → 1 cent per line (half away from zero); three lines → 3 cents.
    // Rounding the statement instead would give 12 × 12.5 % = 1.5 → 2 cents: we show 3, the sum of the lines.
    // A refund of 4 cents rounds to exactly −1 cent, the mirror of its charge.
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1250), renewal: flat(1250) }] });
    const [jan] = computeStatements([a], [statement('2026-01', [line(4), line(4), line(4), line(-4)])], { asOf: '2026-12-31' });
    assert.deepEqual(jan?.lines.map((l) => l.due.amountMinor), [1, 1, 1, -1]);
    assert.deepEqual(jan?.revshare, usd(2));
    assert.deepEqual(jan?.billed, usd(8));
  });

  it('dates and statuses: open, due, partially remitted, remitted, overdue, disputed', () => {
    // 30 days of terms: January 2026 ends on the 31st, due 2 March 2026.
    const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) }] });
    const status = (asOf: string, options: Parameters<typeof statement>[2] = {}) => {
      const [r] = computeStatements([a], [statement('2026-01', [line(100_000)], options)], { asOf });
      assert.ok(r);
      return r;
    };
    assert.equal(status('2026-01-31').dueDate, '2026-03-02');
    assert.equal(status('2026-01-31').status, 'open');
    assert.equal(status('2026-02-01').status, 'due');
    assert.equal(status('2026-03-02').status, 'due');
    assert.equal(status('2026-02-10', { remitted: 4_000 }).status, 'partially-remitted');
    const late = status('2026-03-03', { remitted: 4_000 });
    assert.equal(late.status, 'overdue');
    assert.deepEqual(late.outstanding, usd(6_000));
    assert.equal(status('2026-03-03', { remitted: 10_000 }).status, 'remitted');
    const over = status('2026-03-03', { remitted: 12_000 });
    assert.deepEqual([over.status, over.outstanding, over.overpaid], ['remitted', usd(0), usd(2_000)]);
    assert.equal(status('2026-03-03', { disputed: true }).status, 'disputed');
    assert.equal(status('2026-03-03', { revshareDue: 10_000 }).recordedDueDiffers, false);
    assert.equal(status('2026-03-03', { revshareDue: 9_999 }).recordedDueDiffers, true);
  });
});

describe('revshare engine: exact arithmetic', () => {
  it('ExactProducts matches BigInt on the small and the big path', () => {
    const random = seeded(12345);
    for (let i = 0; i < 2000; i++) {
      const acc = new ExactProducts();
      let reference = 0n;
      const slices = 1 + Math.floor(random() * 3);
      for (let s = 0; s < slices; s++) {
        const huge = random() < 0.2;
        const amount = Math.round((random() - 0.3) * (huge ? 4e12 : 2e7));
        const units = rateUnits(Math.round(random() * 100000) / 10);
        acc.add(amount, units);
        reference += BigInt(amount) * BigInt(units);
      }
      assert.equal(acc.round(), Number(divRoundHalfAwayFromZero(reference, 100_000_000n)));
    }
  });

  it('a single flat slice equals applyRate from money.ts', () => {
    for (const [amount, bps] of [[4, 1250], [-4, 1250], [123_456_789, 1234.5678], [99, 5000], [-99, 5000], [2 ** 52, 3333]] as const) {
      const acc = new ExactProducts();
      acc.add(amount, rateUnits(bps));
      assert.equal(acc.round(), applyRate(usd(amount), bps).amountMinor, `${amount} × ${bps}`);
    }
  });

  it('splitByDays splits exactly as allocate does, for small and huge amounts', () => {
    const random = seeded(7);
    for (let i = 0; i < 3000; i++) {
      const huge = random() < 0.1;
      const amount = usd(Math.round((random() - 0.4) * (huge ? 8e15 : 1e7)));
      const cut = 1 + Math.floor(random() * 30);
      const days = random() < 0.3 ? [cut, 31 - cut] : [cut, 3, 28 - cut].filter((d) => d > 0);
      const total = days.reduce((s, d) => s + d, 0);
      assert.deepEqual(splitByDays(amount, days, total), allocate(amount, days).map((m) => m.amountMinor), `${amount.amountMinor} by ${days.join(':')}`);
    }
  });
});
