import { z } from './zod.js';
import { MoneySchema } from './money.js';
import { CountryCodeSchema } from './partner.js';
import { StageSchema } from './stages.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const ProspectSchema = z.object({
  company: z.string().check(z.trim(), z.minLength(1, 'Enter the company name'), z.maxLength(255, 'At most 255 characters')),
  website: z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(255),
      z.regex(/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/.*)?$/i, 'Enter a website or domain, such as acme.com'),
    ),
  ),
  country: CountryCodeSchema,
  contactName: z.string().check(z.trim(), z.minLength(1, 'Enter the contact’s name'), z.maxLength(255)),
  contactEmail: z.email('Enter an email address, such as name@company.com').check(z.maxLength(255)),
  contactPhone: z.optional(
    z.string().check(z.trim(), z.regex(/^\+?[0-9 ()./-]{6,25}$/, 'Enter a phone number with digits, spaces, ( ) - or a leading +')),
  ),
  contactTitle: z.optional(z.string().check(z.trim(), z.maxLength(128))),
});
export type Prospect = z.infer<typeof ProspectSchema>;

export const TIMELINES = ['0-3 months', '3-6 months', '6-12 months', '12+ months'] as const;
export const TimelineSchema = z.enum(TIMELINES);

/** The longest notes a referral takes (the form's counter counts down from it). */
export const NOTES_MAX_LENGTH = 4000;

/** What a seller submits. The adapter adds id, seller, stage, timestamps and version. */
export const ReferralInputSchema = z.object({
  /** Client-made UUID: the same externalId twice creates one referral. */
  externalId: z.uuid('externalId must be a UUID'),
  partnerId: z.string().check(z.minLength(1, 'Choose a partner')),
  prospect: ProspectSchema,
  useCase: z.string().check(z.trim(), z.minLength(1, 'Choose a use case'), z.maxLength(255)),
  estimatedArr: MoneySchema.check(z.refine((m) => m.amountMinor > 0, { message: 'Enter the estimated ARR', path: ['amountMinor'] })),
  expectedTimeline: z.optional(TimelineSchema),
  notes: z.optional(z.string().check(z.maxLength(NOTES_MAX_LENGTH, 'At most 4,000 characters'))),
  consentToContact: z.literal(true, { error: 'The prospect must agree to be contacted by the partner' }),
  existingCustomer: z._default(z.boolean(), false),
  /** The host CRM record (Account, Opportunity) the referral came from. */
  crmRecordId: z.optional(z.string().check(z.maxLength(64))),
  /** Why the seller submitted although a possible duplicate was shown. */
  duplicateOverrideReason: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

/**
 * One step of a referral's stage history: the submission (`from: null`, `to: 'submitted'`) and every
 * move after it, oldest first. Written by the adapter that saves the move; review mode reads it.
 */
export const StageChangeSchema = z.object({
  from: z.nullable(StageSchema),
  to: StageSchema,
  at: isoDateTime,
  /** The user who made the change (id). */
  by: z.string().check(z.minLength(1)),
  /** Why, for closing moves that ask for a reason. */
  reason: z.optional(z.string().check(z.maxLength(1000))),
  /**
   * Reconstructed from the referral's dates (for a referral saved before history was kept), not
   * recorded when it happened: moves between may be missing and `by` is not known.
   */
  inferred: z.optional(z.boolean()),
});
export type StageChange = z.infer<typeof StageChangeSchema>;

export const ReferralSchema = z.extend(ReferralInputSchema, {
  id: z.string().check(z.minLength(1)),
  // Stored referrals may pre-date the consent rule; they are still shown.
  consentToContact: z.boolean(),
  seller: z.object({ id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) }),
  stage: StageSchema,
  submittedAt: isoDateTime,
  acceptedAt: z.optional(isoDateTime),
  stageChangedAt: isoDateTime,
  closedAt: z.optional(isoDateTime),
  /** Why it was lost or rejected. */
  closeReason: z.optional(z.string().check(z.maxLength(1000))),
  /** Optimistic concurrency: a move must name the version it saw. */
  version: z.number().check(z.int(), z.nonnegative()),
  /** Who changed it last, when the adapter knows. */
  lastModifiedBy: z.optional(z.string()),
  /** Every stage change, oldest first (absent when the CRM has none recorded). */
  stageHistory: z.optional(z.array(StageChangeSchema)),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const ReferralFilterSchema = z.object({
  partnerId: z.optional(z.string()),
  sellerId: z.optional(z.string()),
  stages: z.optional(z.array(StageSchema)),
  market: z.optional(CountryCodeSchema),
  /** Submitted on or after this date (YYYY-MM-DD or a full ISO date-time). */
  submittedFrom: z.optional(z.string()),
  /** Submitted before the end of this date (YYYY-MM-DD) or before this instant. */
  submittedTo: z.optional(z.string()),
  /** Free text over prospect company and partner name. */
  q: z.optional(z.string().check(z.maxLength(200))),
});
export type ReferralFilter = z.infer<typeof ReferralFilterSchema>;

export const MoveRequestSchema = z.object({
  to: StageSchema,
  expectedVersion: z.number().check(z.int(), z.nonnegative()),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
});
export type MoveRequest = z.infer<typeof MoveRequestSchema>;
