import type { CurrencyCode } from '../../src/domain/money.js';
import type { Referral } from '../../src/domain/referral.js';
import type { RateSchedule, RevshareAgreement, RevshareStatement, StatementLine } from '../../src/domain/revshare.js';

/** Builders for the engine tests: small, explicit records. */

export const flat = (rateBps: number): RateSchedule => ({ kind: 'flat', rateBps });
export const tiered = (...tiers: [fromMinor: number, rateBps: number][]): RateSchedule => ({
  kind: 'tiered',
  tiers: tiers.map(([fromMinor, rateBps]) => ({ fromMinor, rateBps })),
});

export function agreement(overrides: Partial<RevshareAgreement> & Pick<RevshareAgreement, 'rates'>): RevshareAgreement {
  return {
    id: 'a-1',
    partnerId: 'p-1',
    currency: 'USD',
    startDate: '2026-01-01',
    paymentTermsDays: 30,
    reportingCadence: 'monthly',
    ...overrides,
  };
}

let lineCounter = 0;
export function line(
  amountMinor: number,
  options: { customer?: string; since?: string; currency?: CurrencyCode; kind?: StatementLine['kind']; referralId?: string; recurring?: boolean } = {},
): StatementLine {
  const customer = options.customer ?? 'Acme';
  return {
    id: `l-${++lineCounter}`,
    customerId: `c-${customer.toLowerCase()}`,
    customer,
    kind: options.kind ?? (amountMinor < 0 ? 'refund' : 'charge'),
    billed: { amountMinor, currency: options.currency ?? 'USD' },
    customerSince: options.since ?? '2026-01',
    recurring: options.recurring ?? true,
    ...(options.referralId ? { referralId: options.referralId } : {}),
  };
}

export function statement(
  period: string,
  lines: StatementLine[],
  options: { id?: string; agreementId?: string; partnerId?: string; currency?: CurrencyCode; remitted?: number; disputed?: boolean; revshareDue?: number } = {},
): RevshareStatement {
  const currency = options.currency ?? 'USD';
  return {
    id: options.id ?? `s-${options.agreementId ?? 'a-1'}-${period}`,
    partnerId: options.partnerId ?? 'p-1',
    agreementId: options.agreementId ?? 'a-1',
    period,
    currency,
    lines,
    remitted: { amountMinor: options.remitted ?? 0, currency },
    disputed: options.disputed ?? false,
    ...(options.revshareDue !== undefined ? { revshareDue: { amountMinor: options.revshareDue, currency } } : {}),
  };
}

export function referral(id: string, seller: { id: string; name: string }, options: { stage?: Referral['stage']; closedAt?: string; estimatedMinor?: number; partnerId?: string; currency?: CurrencyCode } = {}): Referral {
  return {
    id,
    externalId: '00000000-0000-4000-8000-000000000000',
    partnerId: options.partnerId ?? 'p-1',
    prospect: { company: `Company ${id}`, country: 'US', contactName: 'Jo', contactEmail: 'jo@example.com' },
    useCase: 'Contact center',
    estimatedArr: { amountMinor: options.estimatedMinor ?? 1_200_000, currency: options.currency ?? 'USD' },
    consentToContact: true,
    existingCustomer: false,
    seller,
    stage: options.stage ?? 'closed-won',
    submittedAt: '2025-11-01T10:00:00Z',
    stageChangedAt: options.closedAt ?? '2026-02-10T10:00:00Z',
    ...(options.closedAt ? { closedAt: options.closedAt } : {}),
    version: 1,
  };
}

/**
 * A seeded PRNG (Park–Miller "minimal standard", 48271), so random test inputs are the same on every run.
 * Returns floats in (0, 1).
 */
export function seeded(seed: number): () => number {
  let x = (Math.abs(Math.trunc(seed)) % 2147483646) + 1;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}
