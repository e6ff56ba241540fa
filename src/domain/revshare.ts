import { z } from './zod.js';
import { CurrencyCodeSchema, MoneySchema, RateBpsSchema } from './money.js';
import { IsoDateSchema, PeriodSchema } from './period.js';

/**
 * A rate schedule. `tiered` is marginal (like tax brackets): each tier's rate applies only to the
 * part of cumulative billings within the agreement year that falls inside that tier.
 */
export const RateScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), rateBps: RateBpsSchema }),
  z.object({
    kind: z.literal('tiered'),
    /** Sorted by `fromMinor`; the first tier starts at 0. Thresholds are in the agreement's currency. */
    tiers: z.array(z.object({ fromMinor: z.number().check(z.int(), z.nonnegative()), rateBps: RateBpsSchema })).check(
      z.minLength(1),
      z.refine((t) => t[0]?.fromMinor === 0, 'The first tier starts at 0'),
      z.refine((t) => t.every((x, i) => i === 0 || x.fromMinor > (t[i - 1]?.fromMinor ?? -1)), 'Tiers must rise'),
    ),
  }),
]);
export type RateSchedule = z.infer<typeof RateScheduleSchema>;

/** The rates in force from a date on. First-year applies in a customer's first 12 billed months. */
export const RatePeriodSchema = z.object({
  effectiveFrom: IsoDateSchema,
  firstYear: RateScheduleSchema,
  renewal: RateScheduleSchema,
});
export type RatePeriod = z.infer<typeof RatePeriodSchema>;

export const RevshareAgreementSchema = z.object({
  id: z.string().check(z.minLength(1)),
  partnerId: z.string().check(z.minLength(1)),
  currency: CurrencyCodeSchema,
  /** The agreement year starts on this date each year; tiers reset then. */
  startDate: IsoDateSchema,
  /** Rate periods, sorted by effectiveFrom; the first starts on or before startDate. */
  rates: z.array(RatePeriodSchema).check(z.minLength(1)),
  /** Revshare is due this many days after the period ends. */
  paymentTermsDays: z.number().check(z.int(), z.gte(0), z.lte(365)),
  reportingCadence: z._default(z.literal('monthly'), 'monthly'),
});
export type RevshareAgreement = z.infer<typeof RevshareAgreementSchema>;

export const LINE_KINDS = ['charge', 'credit', 'refund'] as const;

/** A billing line a partner reports: what it billed one customer. Credits and refunds are negative. */
export const StatementLineSchema = z.object({
  id: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  customer: z.string().check(z.minLength(1), z.maxLength(255)),
  kind: z._default(z.enum(LINE_KINDS), 'charge'),
  billed: MoneySchema,
  /** The customer's first billed month, to tell first-year from renewal. */
  customerSince: PeriodSchema,
  /** Recurring subscription vs usage, for the ARR definition. */
  recurring: z._default(z.boolean(), true),
  /** The referral this customer came from, when known (for quota retirement and ARR). */
  referralId: z.optional(z.string()),
  description: z.optional(z.string().check(z.maxLength(500))),
}).check(
  z.refine((l) => (l.kind === 'charge') === (l.billed.amountMinor >= 0), {
    message: 'Charges are positive; credits and refunds are negative',
    path: ['billed'],
  }),
);
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const STATEMENT_STATUSES = ['open', 'due', 'partially-remitted', 'remitted', 'overdue', 'disputed'] as const;
export const StatementStatusSchema = z.enum(STATEMENT_STATUSES);
export type StatementStatus = z.infer<typeof StatementStatusSchema>;
export const STATEMENT_STATUS_LABELS: Record<StatementStatus, string> = {
  open: 'Open',
  due: 'Due',
  'partially-remitted': 'Partially remitted',
  remitted: 'Remitted',
  overdue: 'Overdue',
  disputed: 'Disputed',
};

/** A partner's monthly revshare statement as the CRM stores it. Computed figures come from the engine. */
export const RevshareStatementSchema = z.object({
  id: z.string().check(z.minLength(1)),
  partnerId: z.string().check(z.minLength(1)),
  agreementId: z.string().check(z.minLength(1)),
  period: PeriodSchema,
  currency: CurrencyCodeSchema,
  lines: z.array(StatementLineSchema),
  /** Revshare due as the CRM recorded it, if it did; the engine recomputes and flags differences. */
  revshareDue: z.optional(MoneySchema),
  remitted: MoneySchema,
  remittedAt: z.optional(IsoDateSchema),
  disputed: z._default(z.boolean(), false),
  disputeReason: z.optional(z.string().check(z.maxLength(1000))),
});
export type RevshareStatement = z.infer<typeof RevshareStatementSchema>;
