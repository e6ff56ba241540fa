/**
 * The HTTP contract of `cosell/rest`, written once: paths, the problem document, the response
 * envelopes and the query and body schemas. `RestAdapter` parses every response with these; the
 * gateway parses every request with them. Browser-safe: no Node, no server code.
 * @module
 */
import { z } from '../domain/zod.js';
import { MoneySchema } from '../domain/money.js';
import { CountryCodeSchema, IntegrationStatusSchema, PartnerSchema } from '../domain/partner.js';
import { PeriodSchema } from '../domain/period.js';
import { MoveRequestSchema, ProspectSchema, ReferralFilterSchema, ReferralInputSchema, ReferralSchema } from '../domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema } from '../domain/revshare.js';
import { UserSchema } from '../domain/user.js';
import { CRM_ERROR_KINDS, type CrmErrorKind } from '../errors.js';

/** Every path of the contract starts here; a breaking change gets `/api/v2`. */
export const API_PREFIX = '/api/v1';
/** The header every write carries, with the token from `GET /api/v1/session`. */
export const CSRF_HEADER = 'x-csrf-token';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** The session cookie: signed, HttpOnly, SameSite=Lax; the browser sends it, no script reads it. */
export const SESSION_COOKIE = 'cosell_session';
/** Moves per `POST /api/v1/referrals/moves`. */
export const MAX_BATCH_MOVES = 200;
export const MAX_PAGE_SIZE = 2000;

/** The RFC 9457 `type` of each CrmError kind, one to one. */
export function problemType(kind: CrmErrorKind): string {
  return `urn:cosell:problem:${kind}`;
}

const KIND_BY_TYPE = new Map<string, CrmErrorKind>(CRM_ERROR_KINDS.map((kind) => [problemType(kind), kind]));

/** The CrmError kind of a problem `type`, or undefined for a type this contract does not define. */
export function kindOfProblemType(type: string): CrmErrorKind | undefined {
  return KIND_BY_TYPE.get(type);
}

/** The status each kind is sent with (validation may also be 400 for unreadable JSON, 413 or 415). */
export const PROBLEM_STATUS: Record<CrmErrorKind, number> = {
  auth: 401,
  permission: 403,
  validation: 422,
  conflict: 409,
  duplicate: 409,
  'not-found': 404,
  'rate-limit': 429,
  network: 502,
  unavailable: 503,
  'bad-data': 502,
};

/** The kind a status means when a response carries no problem document (a proxy's error page, say). */
export function kindOfStatus(status: number): CrmErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limit';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'validation';
  if (status === 502 || status === 504) return 'network';
  return 'unavailable';
}

/** An RFC 9457 problem document, with Cosell's extensions. */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.optional(z.string()),
  status: z.optional(z.number().check(z.int())),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  /** Field path ("prospect.contactEmail") → messages, for validation. */
  fieldErrors: z.optional(z.record(z.string(), z.array(z.string()))),
  /** For conflict: the record as it is now; for duplicate: the matching records. */
  details: z.optional(z.unknown()),
  /** Seconds, as in the Retry-After header (which wins when both are present). */
  retryAfter: z.optional(z.number().check(z.nonnegative())),
  /** What exactly was refused, where the kind alone does not say: 'csrf', 'origin', 'session-expired'... */
  reason: z.optional(z.string()),
});
export type Problem = z.infer<typeof ProblemSchema>;

// ---- responses ----

export const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string().check(z.minLength(1)) });
export type Session = z.infer<typeof SessionSchema>;
export const PartnerListSchema = z.object({ partners: z.array(PartnerSchema) });
export const PartnerStatsSchema = z.object({ openReferrals: z.number().check(z.int(), z.nonnegative()), wonArr: z.array(MoneySchema) });
export const ReferralListSchema = z.object({ referrals: z.array(ReferralSchema) });
export const ReferralPageSchema = z.object({
  referrals: z.array(ReferralSchema),
  nextCursor: z.optional(z.string()),
  total: z.optional(z.number().check(z.int(), z.nonnegative())),
  skipped: z.optional(z.array(z.object({ id: z.optional(z.string()), message: z.string() }))),
});
export const MoveResultsSchema = z.object({
  results: z.array(z.union([z.object({ referral: ReferralSchema }), z.object({ problem: ProblemSchema })])),
});
/** One live change, the `data` of each `change` event on `GET /api/v1/changes` (text/event-stream). */
export const CrmChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('referral-created'), referral: ReferralSchema }),
  z.object({ type: z.literal('referral-updated'), referral: ReferralSchema }),
  z.object({ type: z.literal('reset') }),
]);
export const AgreementListSchema = z.object({ agreements: z.array(RevshareAgreementSchema) });
export const StatementListSchema = z.object({ statements: z.array(RevshareStatementSchema) });

// ---- requests: strict, so an unknown field is refused rather than dropped ----

const Id = z.string().check(z.minLength(1), z.maxLength(255));
const Count = (max: number) => z.number().check(z.int('Use a whole number'), z.gte(1, 'At least 1'), z.lte(max, `At most ${max}`));

export const PartnerFilterQuerySchema = z.strictObject({
  market: z.optional(CountryCodeSchema),
  integrationStatus: z.optional(z.array(IntegrationStatusSchema)),
  useCase: z.optional(z.string().check(z.maxLength(255))),
});
export const PartnerSearchQuerySchema = z.extend(PartnerFilterQuerySchema, { q: z.string().check(z.maxLength(200)) });
export const ReferralPageQuerySchema = z.strictObject({
  ...ReferralFilterSchema.shape,
  cursor: z.optional(z.string().check(z.maxLength(1000))),
  pageSize: z.optional(Count(MAX_PAGE_SIZE)),
});
export const DuplicateQuerySchema = z.strictObject({
  company: z.string().check(z.trim(), z.minLength(1, 'Enter the company name'), z.maxLength(255)),
  website: z.optional(z.string().check(z.maxLength(255))),
  partnerId: z.optional(Id),
  withinDays: z.optional(Count(3650)),
});
export const AgreementQuerySchema = z.strictObject({ partnerId: z.optional(Id) });
export const StatementQuerySchema = z.strictObject({ partnerId: z.optional(Id), from: PeriodSchema, to: PeriodSchema });

export const ReferralInputBodySchema = z.strictObject({
  ...ReferralInputSchema.shape,
  prospect: z.strictObject(ProspectSchema.shape),
  estimatedArr: z.strictObject(MoneySchema.shape).check(
    z.refine((m) => m.amountMinor > 0, { message: 'Enter the estimated ARR', path: ['amountMinor'] }),
  ),
});
export const MoveBodySchema = z.strictObject(MoveRequestSchema.shape);
export const BatchMoveBodySchema = z.strictObject({
  moves: z.array(z.strictObject({ id: Id, move: MoveBodySchema })).check(z.maxLength(MAX_BATCH_MOVES, `At most ${MAX_BATCH_MOVES} moves at once`)),
});
export const SignInBodySchema = z.strictObject({ userId: Id });

/** Query keys that repeat (`stages=submitted&stages=accepted`) and keys that are numbers. */
export const ARRAY_QUERY_KEYS: ReadonlySet<string> = new Set(['stages', 'integrationStatus']);
export const NUMBER_QUERY_KEYS: ReadonlySet<string> = new Set(['pageSize', 'withinDays']);

/** A query object as URL search params: arrays repeat their key, undefined is left out. */
export function toSearchParams(query: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) params.append(key, String(item));
  }
  return params;
}

/**
 * A parsed query string (`key → string | string[]`) as the object the schemas expect: repeated keys
 * become arrays, numeric keys numbers (a non-number is kept as text, so the schema names the field).
 */
export function fromQuery(query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (ARRAY_QUERY_KEYS.has(key)) out[key] = Array.isArray(value) ? value : [value];
    else {
      const one = Array.isArray(value) ? value[value.length - 1]! : value;
      out[key] = NUMBER_QUERY_KEYS.has(key) && /^-?\d+(\.\d+)?$/.test(one) ? Number(one) : one;
    }
  }
  return out;
}
