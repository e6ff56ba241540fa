import { ProspectSchema, ReferralInputSchema, ReferralSchema, type Referral } from './referral.js';
import { STAGES, type Stage } from './stages.js';
import { TIMELINES } from './referral.js';

/**
 * A fast path for referrals in bulk (a seed of 100,000): `isCanonicalReferral(value)` is true only
 * when ReferralSchema accepts `value` AND its output would deep-equal `value` — every field already
 * what the schema makes of it (trimmed, upper-cased country, `existingCustomer` present, no unknown
 * or undefined keys). Such a record can be kept as it is: no parse, no copy, nothing allocated per
 * field. Anything else (false) goes through the schema, which gives its usual output or error.
 *
 * The rules are ReferralSchema's, checked here in plain code; the format patterns (UUID, email,
 * ISO date-time) are read from the schema itself. test/domain/referral-canonical.test.ts mutates
 * every field of a valid record and fails if this accepts anything the schema refuses or changes.
 */

type Shape = Record<string, { _zod: { def: { pattern?: RegExp; shape?: Shape; innerType?: unknown } } }>;
const referralShape = (ReferralSchema as unknown as { _zod: { def: { shape: Shape } } })._zod.def.shape;
const prospectShape = (ProspectSchema as unknown as { _zod: { def: { shape: Shape } } })._zod.def.shape;
const inputShape = (ReferralInputSchema as unknown as { _zod: { def: { shape: Shape } } })._zod.def.shape;

function patternOf(schema: Shape[string] | undefined, field: string): RegExp {
  const pattern = schema?._zod.def.pattern;
  if (!(pattern instanceof RegExp)) throw new Error(`referral-canonical: ${field} has no pattern in ReferralSchema`);
  return pattern;
}

const UUID = patternOf(inputShape.externalId, 'externalId');
const EMAIL = patternOf(prospectShape.contactEmail, 'prospect.contactEmail');
const DATETIME = patternOf(referralShape.submittedAt, 'submittedAt');
// The patterns the schema's own checks name (src/domain/referral.ts, partner.ts, money.ts).
const WEBSITE = /^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}(\/.*)?$/i;
const PHONE = /^\+?[0-9 ()./-]{6,25}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const STAGE_SET: ReadonlySet<string> = new Set<Stage>(STAGES);
const TIMELINE_SET: ReadonlySet<string> = new Set<string>(TIMELINES);

type Obj = Record<string, unknown>;

function plain(value: unknown): value is Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Own enumerable keys, counted without allocating. */
function keyCount(value: Obj): number {
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key)) n++;
  return n;
}

/** A string the schema's `z.trim()` leaves as it is, within `min`..`max` characters. */
function trimmed(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max && value === value.trim();
}

function text(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function dateTime(value: unknown): boolean {
  return typeof value === 'string' && DATETIME.test(value);
}

/** `present` counts the optional keys found, so that unknown keys are told apart by count. */
function optional(value: Obj, key: string, check: (v: unknown) => boolean): number {
  if (!Object.hasOwn(value, key)) return 0;
  return check(value[key]) ? 1 : -Infinity;
}

// The checks of optional fields, made once (not a closure per record).
const website = (v: unknown): boolean => trimmed(v, 0, 255) && WEBSITE.test(v as string);
const phone = (v: unknown): boolean => trimmed(v, 0, Infinity) && PHONE.test(v as string);
const upTo = (max: number) => (v: unknown): boolean => text(v, 0, max);
const trimmedUpTo = (max: number) => (v: unknown): boolean => trimmed(v, 0, max);
const upTo64 = upTo(64);
const upTo1000 = upTo(1000);
const upTo4000 = upTo(4000);
const trimmedUpTo128 = trimmedUpTo(128);
const trimmedUpTo1000 = trimmedUpTo(1000);
const boolean = (v: unknown): boolean => typeof v === 'boolean';
const anyString = (v: unknown): boolean => typeof v === 'string';
const timeline = (v: unknown): boolean => typeof v === 'string' && TIMELINE_SET.has(v);

function canonicalProspect(p: unknown): boolean {
  if (!plain(p)) return false;
  if (!trimmed(p.company, 1, 255) || !trimmed(p.contactName, 1, 255)) return false;
  if (typeof p.country !== 'string' || !COUNTRY.test(p.country)) return false;
  if (typeof p.contactEmail !== 'string' || p.contactEmail.length > 255 || !EMAIL.test(p.contactEmail)) return false;
  const present =
    optional(p, 'website', website) + optional(p, 'contactPhone', phone) + optional(p, 'contactTitle', trimmedUpTo128);
  return present >= 0 && keyCount(p) === 4 + present;
}

function canonicalMoney(m: unknown): boolean {
  return (
    plain(m) &&
    typeof m.amountMinor === 'number' &&
    Number.isSafeInteger(m.amountMinor) &&
    m.amountMinor > 0 &&
    typeof m.currency === 'string' &&
    CURRENCY.test(m.currency) &&
    keyCount(m) === 2
  );
}

function canonicalChange(c: unknown): boolean {
  if (!plain(c)) return false;
  if (!(c.from === null || (typeof c.from === 'string' && STAGE_SET.has(c.from)))) return false;
  if (typeof c.to !== 'string' || !STAGE_SET.has(c.to) || !dateTime(c.at) || !text(c.by, 1, Infinity)) return false;
  const present = optional(c, 'reason', upTo1000) + optional(c, 'inferred', boolean);
  return present >= 0 && keyCount(c) === 4 + present;
}

function canonicalHistory(h: unknown): boolean {
  if (!Array.isArray(h)) return false;
  for (const change of h) if (!canonicalChange(change)) return false;
  return true;
}

/** True when ReferralSchema would accept `value` and give back a deep-equal record (see above). */
export function isCanonicalReferral(value: unknown): value is Referral {
  if (!plain(value)) return false;
  const r = value;
  if (typeof r.externalId !== 'string' || !UUID.test(r.externalId)) return false;
  if (!text(r.partnerId, 1, Infinity) || !text(r.id, 1, Infinity)) return false;
  if (!canonicalProspect(r.prospect) || !trimmed(r.useCase, 1, 255) || !canonicalMoney(r.estimatedArr)) return false;
  if (typeof r.consentToContact !== 'boolean' || typeof r.existingCustomer !== 'boolean') return false;
  const seller = r.seller;
  if (!plain(seller) || !text(seller.id, 1, Infinity) || !text(seller.name, 1, Infinity) || keyCount(seller) !== 2) return false;
  if (typeof r.stage !== 'string' || !STAGE_SET.has(r.stage)) return false;
  if (!dateTime(r.submittedAt) || !dateTime(r.stageChangedAt)) return false;
  if (typeof r.version !== 'number' || !Number.isSafeInteger(r.version) || r.version < 0) return false;
  const present =
    optional(r, 'expectedTimeline', timeline) +
    optional(r, 'notes', upTo4000) +
    optional(r, 'crmRecordId', upTo64) +
    optional(r, 'duplicateOverrideReason', trimmedUpTo1000) +
    optional(r, 'acceptedAt', dateTime) +
    optional(r, 'closedAt', dateTime) +
    optional(r, 'closeReason', upTo1000) +
    optional(r, 'lastModifiedBy', anyString) +
    optional(r, 'stageHistory', canonicalHistory);
  // externalId partnerId prospect useCase estimatedArr consentToContact existingCustomer id seller stage submittedAt stageChangedAt version
  return present >= 0 && keyCount(r) === 13 + present;
}
