import { z } from './zod.js';

/** The program guide's ten lifecycle steps: five pre-launch steps, then five ongoing programs. */
export const PRE_LAUNCH_STEPS = ['evaluation', 'legal', 'onboarding', 'launch-prep', 'launch'] as const;
export const ONGOING_PROGRAMS = ['enablement', 'co-marketing', 'referrals', 'governance', 'product-collaboration'] as const;
export const LIFECYCLE_STEPS = [...PRE_LAUNCH_STEPS, ...ONGOING_PROGRAMS] as const;

export const PreLaunchStepSchema = z.enum(PRE_LAUNCH_STEPS);
export const OngoingProgramSchema = z.enum(ONGOING_PROGRAMS);
export const LifecycleStepSchema = z.enum(LIFECYCLE_STEPS);
export type PreLaunchStep = z.infer<typeof PreLaunchStepSchema>;
export type OngoingProgram = z.infer<typeof OngoingProgramSchema>;
export type LifecycleStep = z.infer<typeof LifecycleStepSchema>;

export const LIFECYCLE_LABELS: Record<LifecycleStep, string> = {
  evaluation: 'Evaluation',
  legal: 'Legal',
  onboarding: 'Onboarding',
  'launch-prep': 'Launch prep',
  launch: 'Launch',
  enablement: 'Enablement',
  'co-marketing': 'Co-marketing',
  referrals: 'Referrals',
  governance: 'Governance',
  'product-collaboration': 'Product collaboration',
};

export const INTEGRATION_STATUSES = ['planned', 'in-development', 'certified', 'generally-available'] as const;
export const IntegrationStatusSchema = z.enum(INTEGRATION_STATUSES);
export type IntegrationStatus = z.infer<typeof IntegrationStatusSchema>;
export const INTEGRATION_STATUS_LABELS: Record<IntegrationStatus, string> = {
  planned: 'Planned',
  'in-development': 'In development',
  certified: 'Certified',
  'generally-available': 'Generally available',
};

/** ISO 3166-1 alpha-2, upper case ("US", "DE"). Lower case input is accepted and upper-cased. */
export const CountryCodeSchema = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 country code, such as US'),
);
export type CountryCode = z.infer<typeof CountryCodeSchema>;

export const PARTNER_LINK_KINDS = ['landing-page', 'demo-environment', 'enablement'] as const;
/**
 * A link as the CRM holds it. The URL is kept as text: widgets render only http(s) URLs as links
 * (see `safeHttpUrl`), so a `javascript:` value from the CRM is shown, never followed.
 */
export const PartnerLinkSchema = z.object({
  kind: z.enum(PARTNER_LINK_KINDS),
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  url: z.string().check(z.maxLength(2048)),
});
export type PartnerLink = z.infer<typeof PartnerLinkSchema>;

/** Business days a partner has to accept or decline a referral when its record does not say (the program guide's 5). */
export const DEFAULT_ACCEPTANCE_WINDOW_DAYS = 5;

export const PartnerSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1, 'A partner needs a name'), z.maxLength(255)),
  logoUrl: z.optional(z.string().check(z.maxLength(2048))),
  summary: z._default(z.string().check(z.maxLength(2000)), ''),
  website: z.optional(z.string().check(z.maxLength(2048))),
  integration: z.object({
    name: z.string().check(z.minLength(1), z.maxLength(255)),
    status: IntegrationStatusSchema,
  }),
  lifecycle: z.object({
    /** The current step: a pre-launch step, or — once launched — the latest ongoing program. */
    step: LifecycleStepSchema,
    /** Ongoing programs that are active for this partner (after launch). */
    activePrograms: z._default(z.array(OngoingProgramSchema), []),
  }),
  partnerManager: z.optional(z.object({ name: z.string().check(z.minLength(1), z.maxLength(255)), email: z.email() })),
  markets: z._default(z.array(CountryCodeSchema), []),
  useCases: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(255))), []),
  supportSla: z.optional(z.string().check(z.maxLength(500))),
  links: z._default(z.array(PartnerLinkSchema), []),
  /** Business days the partner has to accept or decline a referral (the guide says 5). */
  acceptanceWindowDays: z._default(z.number().check(z.int(), z.positive(), z.lte(60)), DEFAULT_ACCEPTANCE_WINDOW_DAYS),
});
/** The use case a seller picks for a partner that lists none of its own (the seller says more in the notes). */
export const UNLISTED_USE_CASE = 'Other';

export type Partner = z.infer<typeof PartnerSchema>;
export type PartnerInput = z.input<typeof PartnerSchema>;

export function isLaunched(partner: Pick<Partner, 'lifecycle'>): boolean {
  return (ONGOING_PROGRAMS as readonly string[]).includes(partner.lifecycle.step) || partner.lifecycle.step === 'launch';
}
