import { z } from './zod.js';

/** The referral stages, in pipeline order. Written once: type, schema, labels and loops come from here. */
export const STAGES = [
  'submitted',
  'accepted',
  'qualified',
  'proposal',
  'negotiation',
  'closed-won',
  'closed-lost',
  'rejected',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const OPEN_STAGES = ['submitted', 'accepted', 'qualified', 'proposal', 'negotiation'] as const satisfies readonly Stage[];
export const CLOSED_STAGES = ['closed-won', 'closed-lost', 'rejected'] as const satisfies readonly Stage[];
export const WON_STAGES = ['closed-won'] as const satisfies readonly Stage[];
/** Stages whose move asks for a reason (saved with the move). */
export const REASON_STAGES = ['closed-lost', 'rejected'] as const satisfies readonly Stage[];

export const STAGE_LABELS: Record<Stage, string> = {
  submitted: 'Submitted',
  accepted: 'Accepted',
  qualified: 'Qualified',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  'closed-won': 'Closed won',
  'closed-lost': 'Closed lost',
  rejected: 'Rejected',
};

export const isOpenStage = (s: Stage): boolean => (OPEN_STAGES as readonly Stage[]).includes(s);
export const isClosedStage = (s: Stage): boolean => (CLOSED_STAGES as readonly Stage[]).includes(s);
export const isWonStage = (s: Stage): boolean => (WON_STAGES as readonly Stage[]).includes(s);
/** A stage that asks why: Closed lost or Rejected. */
export type ReasonStage = (typeof REASON_STAGES)[number];
export const needsReason = (s: Stage): s is ReasonStage => (REASON_STAGES as readonly Stage[]).includes(s);

/**
 * How a deployment shows a stage: it may rename (label) and reorder (the array's order) the stages,
 * or hide some, but not invent new ones: open/closed/won is known to the code by id.
 */
export const StageDefinitionSchema = z.object({ id: StageSchema, label: z.string().check(z.minLength(1)) });
export type StageDefinition = z.infer<typeof StageDefinitionSchema>;

export const DEFAULT_STAGE_DEFINITIONS: readonly StageDefinition[] = STAGES.map((id) => ({ id, label: STAGE_LABELS[id] }));
