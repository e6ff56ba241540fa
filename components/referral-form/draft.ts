import { z } from 'zod';

/** What the seller has typed, as text: kept exactly as typed so nothing is lost or reformatted. */
export const DraftValuesSchema = z.object({
  partnerId: z.string().default(''),
  partnerName: z.string().default(''),
  company: z.string().default(''),
  website: z.string().default(''),
  country: z.string().default(''),
  contactName: z.string().default(''),
  contactEmail: z.string().default(''),
  contactPhone: z.string().default(''),
  contactTitle: z.string().default(''),
  useCase: z.string().default(''),
  arr: z.string().default(''),
  currency: z.string().default(''),
  timeline: z.string().default(''),
  notes: z.string().default(''),
  consent: z.boolean().default(false),
  existingCustomer: z.enum(['yes', 'no']).default('no'),
});
export type DraftValues = z.infer<typeof DraftValuesSchema>;
export type DraftField = keyof DraftValues;

/** A draft: the values and the externalId that makes every retry of this submission the same one. */
export const DraftSchema = z.object({
  externalId: z.uuid(),
  values: DraftValuesSchema,
  savedAt: z.string(),
});
export type Draft = z.infer<typeof DraftSchema>;

const PREFIX = 'cosell:referral-draft';

/** One draft per host record and partner: "cosell:referral-draft:<record or ->:<partner or ->". */
export function draftKey(crmRecordId: string | undefined, partnerId: string | undefined): string {
  return `${PREFIX}:${crmRecordId || '-'}:${partnerId || '-'}`;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (sandboxed iframe, privacy settings): the form still works
  }
}

/** The saved draft, or undefined when there is none or it cannot be read (a bad draft is dropped). */
export function loadDraft(key: string): Draft | undefined {
  const text = storage()?.getItem(key);
  if (!text) return undefined;
  try {
    const result = DraftSchema.safeParse(JSON.parse(text));
    if (result.success) return result.data;
  } catch {
    // fall through: unreadable JSON
  }
  storage()?.removeItem(key);
  return undefined;
}

export function saveDraft(key: string, draft: Omit<Draft, 'savedAt'>): void {
  try {
    storage()?.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // quota exceeded or storage blocked: the values stay in the form
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}
