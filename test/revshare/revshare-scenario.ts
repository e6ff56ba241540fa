import type { RevshareAgreement, RevshareStatement } from '../../src/domain/revshare.js';
import type { Referral } from '../../src/domain/referral.js';
import { agreement, flat, line, referral, statement, tiered } from '../node/revshare-fixtures.js';

/**
 * A small, hand-checkable book for the element tests (as of 2026-07-20, terms 30 days):
 *
 * Partner p-1 (USD), 10 % first year / 8 % renewal, flat:
 *   2026-01  Acme $1,000.00 (first year)           → $100.00 due, remitted $100.00      → remitted
 *   2026-02  Acme $2,000.00, Beta $500.00 renewal  → $200.00 + $40.00 = $240.00, remitted $0 → overdue (due 2026-03-30)
 *   2026-03  Acme $1,000.00, refund −$3,000.00     → $100.00 − $300.00 = −$200.00 → $0 due, $200.00 carried → remitted
 *   2026-04  Acme $3,000.00                        → $300.00 − $200.00 credit = $100.00, remitted $40.00 → overdue
 *   2026-05  Acme $1,500.00                        → $150.00, remitted $0, due 2026-06-30 → overdue
 *   2026-06  Acme $1,000.00                        → $100.00, due 2026-07-30 → due
 *   Totals: billed $7,000.00 (1,000 + 2,500 − 2,000 + 3,000 + 1,500 + 1,000), due $690.00, remitted $140.00,
 *   outstanding $550.00, overdue 3 statements $450.00 (240 + 60 + 150).
 *
 * Partner p-2 (EUR), tiered 5 % to €1,000.00 then 10 %:
 *   2026-02  Gamma €1,500.00 → €50.00 + €50.00 = €100.00, remitted €100.00 → remitted
 */
export const asOf = '2026-07-20';

export const agreements: RevshareAgreement[] = [
  agreement({ id: 'a-1', partnerId: 'p-1', rates: [{ effectiveFrom: '2026-01-01', firstYear: flat(1000), renewal: flat(800) }] }),
  agreement({ id: 'a-2', partnerId: 'p-2', currency: 'EUR', rates: [{ effectiveFrom: '2026-01-01', firstYear: tiered([0, 500], [100_000, 1000]), renewal: flat(500) }] }),
];

const acme = (amount: number, kind?: 'refund') => line(amount, { customer: 'Acme', referralId: 'r-1', since: '2026-01', ...(kind ? { kind } : {}) });

export const statements: RevshareStatement[] = [
  statement('2026-01', [acme(100_000)], { id: 's-jan', agreementId: 'a-1', remitted: 10_000 }),
  statement('2026-02', [acme(200_000), line(50_000, { customer: 'Beta', since: '2024-06' })], { id: 's-feb', agreementId: 'a-1' }),
  statement('2026-03', [acme(100_000), acme(-300_000, 'refund')], { id: 's-mar', agreementId: 'a-1' }),
  statement('2026-04', [acme(300_000)], { id: 's-apr', agreementId: 'a-1', remitted: 4_000 }),
  statement('2026-05', [acme(150_000)], { id: 's-may', agreementId: 'a-1' }),
  statement('2026-06', [acme(100_000)], { id: 's-jun', agreementId: 'a-1' }),
  statement('2026-02', [line(150_000, { customer: '=Gamma', currency: 'EUR', since: '2026-02' })], { id: 's-eur-feb', agreementId: 'a-2', partnerId: 'p-2', currency: 'EUR', remitted: 10_000 }),
];

const ana = { id: 'u-ana', name: 'Ana Seller' };
const ben = { id: 'u-ben', name: 'Ben Seller' };
export const referrals: Referral[] = [
  // Billed: Acme's latest month up to June is $1,000.00 → ARR $12,000.00.
  referral('r-1', ana, { closedAt: '2026-01-05T10:00:00Z' }),
  // Not billed: its estimate, $24,000.00.
  referral('r-2', ben, { closedAt: '2026-05-02T10:00:00Z', estimatedMinor: 2_400_000 }),
  // Closed after the range.
  referral('r-3', ana, { closedAt: '2026-08-02T10:00:00Z' }),
];
