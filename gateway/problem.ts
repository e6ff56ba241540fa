import { z } from '../src/domain/zod.js';
import { CRM_ERROR_MESSAGES, CrmError, type CrmErrorKind, type FieldErrors } from '../src/errors.js';
import { kindOfStatus, PROBLEM_STATUS, problemType, type Problem } from '../src/rest/contract.js';

const TITLES: Record<CrmErrorKind, string> = {
  auth: 'Not signed in',
  permission: 'Not allowed',
  validation: 'Invalid request',
  conflict: 'Changed by someone else',
  duplicate: 'Duplicate',
  'not-found': 'Not found',
  'rate-limit': 'Too many requests',
  network: 'CRM not reachable',
  unavailable: 'Unavailable',
  'bad-data': 'Unreadable CRM data',
};

/** What the gateway itself refuses, beyond the CRM's own errors: kind, status and the reason sent. */
const FASTIFY_ERRORS: Record<string, { kind: CrmErrorKind; status: number; reason: string; detail: string }> = {
  FST_CSRF_MISSING_SECRET: { kind: 'permission', status: 403, reason: 'csrf', detail: 'This write carries no valid CSRF token: get one from GET /api/v1/session' },
  FST_CSRF_INVALID_TOKEN: { kind: 'permission', status: 403, reason: 'csrf', detail: 'This write carries no valid CSRF token: get one from GET /api/v1/session' },
  FST_ERR_CTP_BODY_TOO_LARGE: { kind: 'validation', status: 413, reason: 'body-too-large', detail: 'The request body is larger than this gateway accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { kind: 'validation', status: 415, reason: 'media-type', detail: 'Send the request body as application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { kind: 'validation', status: 400, reason: 'invalid-json', detail: 'The request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { kind: 'validation', status: 400, reason: 'invalid-json', detail: 'The request body is not JSON' },
};

/** A CrmError the gateway raises itself, with the reason a client can switch on. */
export class GatewayRefusal extends CrmError {
  constructor(kind: CrmErrorKind, readonly reason: string, message?: string, readonly status: number = PROBLEM_STATUS[kind]) {
    super(kind, message);
  }
}

export interface ProblemReply {
  status: number;
  problem: Problem;
}

/** Anything thrown while answering, as the problem document and status to send. */
export function toProblem(error: unknown, instance?: string): ProblemReply {
  const make = (kind: CrmErrorKind, status: number, detail: string, extra: Partial<Problem> = {}): ProblemReply => ({
    status,
    problem: { type: problemType(kind), title: TITLES[kind], status, detail, ...(instance ? { instance } : {}), ...extra },
  });
  if (error instanceof GatewayRefusal) return make(error.kind, error.status, error.message, { reason: error.reason });
  if (error instanceof CrmError) {
    const extra: Partial<Problem> = {};
    if (Object.keys(error.fieldErrors).length > 0) extra.fieldErrors = error.fieldErrors;
    if (error.details !== undefined) extra.details = error.details;
    if (error.retryAfter !== undefined) extra.retryAfter = error.retryAfter;
    return make(error.kind, PROBLEM_STATUS[error.kind], error.message, extra);
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string } | undefined;
  const known = fastify?.code ? FASTIFY_ERRORS[fastify.code] : undefined;
  if (known) return make(known.kind, known.status, known.detail, { reason: known.reason });
  const status = fastify?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const kind = kindOfStatus(status);
    return make(kind, status, CRM_ERROR_MESSAGES[kind]);
  }
  // An unexpected failure: say so without its text, which may hold anything.
  return make('unavailable', 500, 'The gateway failed unexpectedly; the failure is logged');
}

/**
 * Parse a request's query or body with its schema. A failure is a validation error naming each
 * field, an unknown field included (under its own name, not the record's).
 */
export function parseRequest<S extends z.core.$ZodType>(schema: S, value: unknown, record: string): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const at = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...at, key].join('.')) : [at.join('.') || '(record)'];
    for (const key of keys) (fieldErrors[key] ??= []).push(issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message);
  }
  const fields = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join('; ')}`).join(', ');
  throw new CrmError('validation', `${record} is not valid — ${fields}`, { fieldErrors });
}
