import { z } from 'zod';
import { MoneySchema } from './money.js';
import { CountryCodeSchema } from './partner.js';
import { StageSchema } from './stages.js';

const isoDateTime = z.iso.datetime({ offset: true });

export const ProspectSchema = z.object({
  company: z.string().trim().min(1, 'Enter the company name').max(255, 'At most 255 characters'),
  website: z
    .string()
    .trim()
    .max(255)
    .regex(/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/.*)?$/i, 'Enter a website or domain, such as acme.com')
    .optional(),
  country: CountryCodeSchema,
  contactName: z.string().trim().min(1, 'Enter the contact’s name').max(255),
  contactEmail: z.email('Enter an email address, such as name@company.com').max(255),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,25}$/, 'Enter a phone number with digits, spaces, ( ) - or a leading +')
    .optional(),
  contactTitle: z.string().trim().max(128).optional(),
});
export type Prospect = z.infer<typeof ProspectSchema>;

export const TIMELINES = ['0-3 months', '3-6 months', '6-12 months', '12+ months'] as const;
export const TimelineSchema = z.enum(TIMELINES);

/** What a seller submits. The adapter adds id, seller, stage, timestamps and version. */
export const ReferralInputSchema = z.object({
  /** Client-made UUID: the same externalId twice creates one referral. */
  externalId: z.uuid('externalId must be a UUID'),
  partnerId: z.string().min(1, 'Choose a partner'),
  prospect: ProspectSchema,
  useCase: z.string().trim().min(1, 'Choose a use case').max(255),
  estimatedArr: MoneySchema.refine((m) => m.amountMinor > 0, { message: 'Enter the estimated ARR', path: ['amountMinor'] }),
  expectedTimeline: TimelineSchema.optional(),
  notes: z.string().max(4000, 'At most 4,000 characters').optional(),
  consentToContact: z.literal(true, { error: 'The prospect must agree to be contacted by the partner' }),
  existingCustomer: z.boolean().default(false),
  /** The host CRM record (Account, Opportunity) the referral came from. */
  crmRecordId: z.string().max(64).optional(),
  /** Why the seller submitted although a possible duplicate was shown. */
  duplicateOverrideReason: z.string().trim().max(1000).optional(),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

export const ReferralSchema = ReferralInputSchema.extend({
  id: z.string().min(1),
  // Stored referrals may pre-date the consent rule; they are still shown.
  consentToContact: z.boolean(),
  seller: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  stage: StageSchema,
  submittedAt: isoDateTime,
  acceptedAt: isoDateTime.optional(),
  stageChangedAt: isoDateTime,
  closedAt: isoDateTime.optional(),
  /** Why it was lost or rejected. */
  closeReason: z.string().max(1000).optional(),
  /** Optimistic concurrency: a move must name the version it saw. */
  version: z.number().int().nonnegative(),
  /** Who changed it last, when the adapter knows. */
  lastModifiedBy: z.string().optional(),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const ReferralFilterSchema = z.object({
  partnerId: z.string().optional(),
  sellerId: z.string().optional(),
  stages: z.array(StageSchema).optional(),
  market: CountryCodeSchema.optional(),
  /** Submitted on or after this date (YYYY-MM-DD or a full ISO date-time). */
  submittedFrom: z.string().optional(),
  /** Submitted before the end of this date (YYYY-MM-DD) or before this instant. */
  submittedTo: z.string().optional(),
  /** Free text over prospect company and partner name. */
  q: z.string().max(200).optional(),
});
export type ReferralFilter = z.infer<typeof ReferralFilterSchema>;

export const MoveRequestSchema = z.object({
  to: StageSchema,
  expectedVersion: z.number().int().nonnegative(),
  reason: z.string().trim().max(1000).optional(),
});
export type MoveRequest = z.infer<typeof MoveRequestSchema>;
