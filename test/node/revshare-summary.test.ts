import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyRate, money } from '../../src/domain/money.js';
import { addMonths } from '../../src/domain/period.js';
import type { RateSchedule, RevshareAgreement, RevshareStatement, StatementLine } from '../../src/domain/revshare.js';
import { computeStatements } from '../../src/revshare/engine.js';
import { referredArr, selectStatements, seriesByPeriod, summarize } from '../../src/revshare/summary.js';
import { quotaCredit, quotaRetirement, totalQuotaRetired } from '../../src/domain/quota.js';
import { agreement, flat, line, referral, seeded, statement } from './revshare-fixtures.js';

const usd = (amountMinor: number) => money(amountMinor, 'USD');

describe('revshare: property — totals are the sum of what is shown', () => {
  it('holds for 200 seeded random agreements with tiers, rate changes, refunds and two currencies', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seeded(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
      const schedule = (): RateSchedule =>
        random() < 0.5
          ? flat(int(0, 30000) / 10)
          : { kind: 'tiered', tiers: [{ fromMinor: 0, rateBps: int(0, 3000) }, { fromMinor: int(1, 5_000_000), rateBps: int(0, 3000) + 0.25 }, { fromMinor: 5_000_001 + int(0, 9_000_000), rateBps: int(0, 10000) }] };
      const currencies = random() < 0.5 ? ['USD'] : ['USD', 'JPY'];
      const agreements: RevshareAgreement[] = currencies.map((currency) => ({
        ...agreement({ id: `a-${currency}`, currency, rates: [{ effectiveFrom: '2026-01-01', firstYear: schedule(), renewal: schedule() }] }),
      }));
      for (const a of agreements) {
        if (random() < 0.6) a.rates.push({ effectiveFrom: `2026-${String(int(2, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`, firstYear: schedule(), renewal: schedule() });
      }
      const statements: RevshareStatement[] = [];
      for (const a of agreements) {
        for (let m = 0; m < 18; m++) {
          const period = addMonths('2026-01', m);
          const lines: StatementLine[] = Array.from({ length: int(0, 12) }, () => {
            const amount = random() < 0.2 ? -int(1, 3_000_000) : int(0, 2_000_000);
            return line(amount, { currency: a.currency, since: addMonths('2025-01', int(0, 30)), customer: `C${int(1, 9)}` });
          });
          statements.push(statement(period, lines, { agreementId: a.id, currency: a.currency, remitted: int(0, 300_000) }));
        }
      }
      const results = computeStatements(agreements, statements, { asOf: '2027-03-15' });
      assert.equal(results.length, statements.length);
      for (const r of results) {
        const lineBilled = r.lines.reduce((s, l) => s + l.billed.amountMinor, 0);
        const lineDue = r.lines.reduce((s, l) => s + l.due.amountMinor, 0);
        assert.equal(r.billed.amountMinor, lineBilled, `seed ${seed}: billed = Σ lines`);
        assert.equal(r.revshare.amountMinor, lineDue, `seed ${seed}: revshare = Σ line due`);
        assert.equal(r.charges.amountMinor + r.credits.amountMinor, r.billed.amountMinor);
        assert.ok(r.due.amountMinor >= 0 && r.creditCarriedForward.amountMinor >= 0 && r.creditBroughtForward.amountMinor >= 0);
        assert.equal(r.due.amountMinor - r.creditCarriedForward.amountMinor, r.revshare.amountMinor - r.creditBroughtForward.amountMinor);
        assert.equal(r.outstanding.amountMinor - r.overpaid.amountMinor, r.due.amountMinor - r.remitted.amountMinor);
        for (const l of r.lines) {
          assert.equal(l.due.currency, r.currency);
          // A line with one flat rate is exactly applyRate of money.ts.
          const only = l.rates[0];
          if (l.rates.length === 1 && only && only.tier === undefined) assert.deepEqual(l.due, applyRate(l.billed, only.rateBps));
        }
      }
      // Credits chain from one statement to the next of the same agreement.
      for (const a of agreements) {
        const mine = results.filter((r) => r.agreement.id === a.id);
        mine.forEach((r, i) => i > 0 && assert.deepEqual(r.creditBroughtForward, mine[i - 1]?.creditCarriedForward));
      }
      // KPIs per currency are the sums of the statements shown; the chart buckets too.
      const shown = selectStatements(results, { from: '2026-04', to: '2027-03' });
      const series = seriesByPeriod(shown, random() < 0.5 ? 'month' : 'quarter', { from: '2026-04', to: '2027-03' });
      for (const totals of summarize(shown)) {
        const mine = shown.filter((r) => r.currency === totals.currency);
        for (const key of ['billed', 'revshare', 'due', 'remitted', 'outstanding'] as const) {
          assert.equal(totals[key].amountMinor, mine.reduce((s, r) => s + r[key].amountMinor, 0), `${key} ${totals.currency}`);
        }
        const buckets = series.get(totals.currency) ?? [];
        assert.equal(buckets.reduce((s, b) => s + b.due.amountMinor, 0), totals.due.amountMinor);
        assert.equal(buckets.reduce((s, b) => s + b.remitted.amountMinor, 0), totals.remitted.amountMinor);
        assert.equal(buckets.reduce((s, b) => s + b.overdueCount, 0), totals.overdue.count);
      }
    }
  });
});

describe('revshare: ARR from referred customers and quota retirement', () => {
  const a = agreement({ rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(1000) }] });
  const ana = { id: 'u-ana', name: 'Ana' };
  const ben = { id: 'u-ben', name: 'Ben' };
  const statements = [
    statement('2026-01', [line(100_000, { customer: 'Acme', referralId: 'r-1' }), line(999_999, { customer: 'Direct' })]),
    statement('2026-02', [
      line(120_000, { customer: 'Acme', referralId: 'r-1' }), // recurring $1,200
      line(30_000, { customer: 'Acme', referralId: 'r-1', recurring: false }), // usage $300
      line(-5_000, { customer: 'Acme', referralId: 'r-1', kind: 'credit' }), // a credit: not run-rate
      line(50_000, { customer: 'Beta', referralId: 'r-2' }), // $500
      line(999_999, { customer: 'Direct' }), // not referred
    ]),
  ];
  const results = computeStatements([a], statements, { asOf: '2026-06-01' });

  it('ARR = the latest month’s recurring + usage charges of referred customers × 12', () => {
    // February: Acme $1,200 + $300, Beta $500 → $2,000 × 12 = $24,000.00.
    assert.deepEqual(referredArr(results), [usd(2_400_000)]);
    // Only January selected: Acme $1,000 × 12 = $12,000.00.
    assert.deepEqual(referredArr(selectStatements(results, { to: '2026-01' })), [usd(1_200_000)]);
    // With the guide's threshold (≥ $1,000 a month for 2 consecutive months) only Acme counts: $1,500 × 12.
    assert.deepEqual(referredArr(results, { threshold: { minMonthlyMinor: 100_000, months: 2 } }), [usd(1_800_000)]);
  });

  it('credits each seller with the estimated ARR of referrals closed won in the period, whatever was billed', () => {
    const referrals = [
      referral('r-1', ana, { closedAt: '2026-01-20T09:00:00Z' }), // estimate $12,000 (billed $18,000 a year: not what counts)
      referral('r-2', ben, { closedAt: '2026-02-03T09:00:00Z' }), // $12,000
      referral('r-3', ana, { closedAt: '2026-02-25T09:00:00Z', estimatedMinor: 3_600_000 }), // $36,000
      referral('r-4', ana, { closedAt: '2026-04-01T09:00:00Z' }), // outside the period
      referral('r-5', ben, { stage: 'closed-lost', closedAt: '2026-02-01T09:00:00Z' }), // lost
      referral('r-6', ben, { closedAt: '2026-02-01T09:00:00Z', estimatedMinor: 500_000, currency: 'EUR' }), // €5,000
    ];
    const quota = quotaRetirement(referrals, { from: '2026-01', to: '2026-03' });
    assert.deepEqual(quota.map((s) => s.sellerName), ['Ana', 'Ben']);
    assert.deepEqual(quota[0]?.credits.map((c) => [c.referral.id, c.arr.amountMinor]), [['r-1', 1_200_000], ['r-3', 3_600_000]]);
    assert.deepEqual(quota[0]?.retired, [usd(4_800_000)]);
    assert.deepEqual(quota[1]?.retired, [money(500_000, 'EUR'), usd(1_200_000)]);
    assert.deepEqual(totalQuotaRetired(quota), [money(500_000, 'EUR'), usd(6_000_000)]);
    // A seller sees only their own, and exactly the figure everyone else sees for them.
    const bensOwn = quotaRetirement(referrals, { from: '2026-01', to: '2026-03', sellerId: 'u-ben' });
    assert.deepEqual(bensOwn, [quota[1]]);
    // Per referral: pending while open, retired once won, none when lost; always the estimate.
    assert.deepEqual(['negotiation', 'closed-won', 'closed-lost', 'rejected'].map((stage) => quotaCredit({ stage: stage as never, estimatedArr: usd(100) }).status), ['pending', 'retired', 'none', 'none']);
  });

});
