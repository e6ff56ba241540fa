import { z } from '../../src/domain/zod.js';

/** What the seller has typed, as text: kept exactly as typed so nothing is lost or reformatted. */
export const DraftValuesSchema = z.object({
  partnerId: z._default(z.string(), ''),
  partnerName: z._default(z.string(), ''),
  company: z._default(z.string(), ''),
  website: z._default(z.string(), ''),
  country: z._default(z.string(), ''),
  contactName: z._default(z.string(), ''),
  contactEmail: z._default(z.string(), ''),
  contactPhone: z._default(z.string(), ''),
  contactTitle: z._default(z.string(), ''),
  useCase: z._default(z.string(), ''),
  arr: z._default(z.string(), ''),
  currency: z._default(z.string(), ''),
  timeline: z._default(z.string(), ''),
  notes: z._default(z.string(), ''),
  consent: z._default(z.boolean(), false),
  existingCustomer: z._default(z.enum(['yes', 'no']), 'no'),
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
