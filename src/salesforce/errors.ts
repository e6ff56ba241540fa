/**
 * Salesforce REST errors → CrmError kinds. A REST error body is an array of
 * `{ message, errorCode, fields? }` (sometimes a single object); sObject Collections put the same
 * shape under each result's `errors` with `statusCode` instead of `errorCode`.
 */
import { CrmError, type FieldErrors } from '../errors.js';

export interface SalesforceErrorItem {
  errorCode?: string;
  statusCode?: string;
  message?: string;
  fields?: string[];
  duplicateResult?: { matchResults?: { matchRecords?: { record?: { Id?: string; Name?: string } }[] }[] };
}

/** The message our validation rule Cosell_Version_Check starts with (salesforce/force-app). */
export const VERSION_CONFLICT_MARKER = 'COSELL_VERSION_CONFLICT';

const AUTH = new Set(['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER', 'INVALID_GRANT']);
const PERMISSION = new Set([
  'INSUFFICIENT_ACCESS_OR_READONLY', 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', 'INSUFFICIENT_ACCESS',
  'FUNCTIONALITY_NOT_ENABLED', 'API_DISABLED_FOR_ORG', 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY_PERMISSION',
]);
const RATE = new Set(['REQUEST_LIMIT_EXCEEDED', 'TXN_SECURITY_NO_ACCESS_RATE_LIMIT']);
const VALIDATION = new Set([
  'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'REQUIRED_FIELD_MISSING', 'STRING_TOO_LONG',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'INVALID_EMAIL_ADDRESS', 'FIELD_INTEGRITY_EXCEPTION',
  'NUMBER_OUTSIDE_VALID_RANGE', 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'MALFORMED_ID', 'JSON_PARSER_ERROR',
]);
const NOT_FOUND = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);
/** Worth retrying with backoff; once the attempts are spent: unavailable. */
export const TRANSIENT = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'ERROR_HTTP_503']);
const DUPLICATE = new Set(['DUPLICATES_DETECTED', 'DUPLICATE_VALUE', 'DUPLICATE_EXTERNAL_ID']);
const CONFLICT = new Set(['PRECONDITION_FAILED', 'ERROR_HTTP_412']);
const BAD_DATA = new Set(['INVALID_FIELD', 'INVALID_TYPE', 'MALFORMED_QUERY', 'INVALID_QUERY_FILTER_OPERATOR']);

export function errorItems(body: unknown): SalesforceErrorItem[] {
  const list = Array.isArray(body) ? body : [body];
  return list.filter((e): e is SalesforceErrorItem => typeof e === 'object' && e !== null && ('errorCode' in e || 'statusCode' in e || 'message' in e));
}

const codeOf = (e: SalesforceErrorItem): string => e.errorCode ?? e.statusCode ?? '';

export function isTransient(status: number, items: SalesforceErrorItem[]): boolean {
  return status === 503 || items.some((e) => TRANSIENT.has(codeOf(e)));
}

/**
 * One CrmError for a failed response. `toDomainField` maps a Salesforce field name back to the
 * domain path ("Contact_Email__c" → "prospect.contactEmail") for field messages.
 */
export function toCrmError(
  status: number,
  body: unknown,
  toDomainField: (field: string) => string = (f) => f,
  retryAfter?: number,
): CrmError {
  const items = errorItems(body);
  const first = items[0];
  const code = first ? codeOf(first) : `ERROR_HTTP_${status}`;
  const text = items.map((e) => `${codeOf(e)}: ${e.message ?? ''}`).join('; ') || `HTTP ${status}`;
  const details = { status, errors: items };

  if (status === 300) {
    return new CrmError('duplicate', 'Several records already have this external id.', { details: { status, matches: body } });
  }
  if (items.some((e) => codeOf(e) === 'FIELD_CUSTOM_VALIDATION_EXCEPTION' && e.message?.includes(VERSION_CONFLICT_MARKER))) {
    return new CrmError('conflict', undefined, { details });
  }
  if (status === 412 || CONFLICT.has(code)) return new CrmError('conflict', undefined, { details });
  if (items.some((e) => RATE.has(codeOf(e)))) {
    return new CrmError('rate-limit', `Salesforce API limit reached: ${text}`, { details, retryAfter });
  }
  if (status === 401 || AUTH.has(code)) return new CrmError('auth', undefined, { details });
  if (items.some((e) => DUPLICATE.has(codeOf(e)))) {
    const matches = items.flatMap((e) =>
      (e.duplicateResult?.matchResults ?? []).flatMap((m) => (m.matchRecords ?? []).map((r) => r.record ?? {})),
    );
    const named = matches.map((m) => m.Name ?? m.Id).filter(Boolean).join(', ');
    return new CrmError('duplicate', named ? `This looks like a duplicate of ${named}.` : undefined, {
      details: { ...details, matches },
    });
  }
  if (items.some((e) => VALIDATION.has(codeOf(e)))) {
    const fieldErrors: FieldErrors = {};
    for (const e of items) {
      const fields = e.fields?.length ? e.fields : ['(record)'];
      for (const f of fields) (fieldErrors[f === '(record)' ? f : toDomainField(f)] ??= []).push(e.message ?? codeOf(e));
    }
    return new CrmError('validation', undefined, { fieldErrors, details });
  }
  if (status === 403 || items.some((e) => PERMISSION.has(codeOf(e)))) return new CrmError('permission', undefined, { details });
  if (status === 404 || items.some((e) => NOT_FOUND.has(codeOf(e)))) return new CrmError('not-found', undefined, { details });
  if (isTransient(status, items) || status >= 500) {
    return new CrmError('unavailable', `Salesforce is unavailable: ${text}`, { details, retryAfter });
  }
  if (items.some((e) => BAD_DATA.has(codeOf(e)))) {
    return new CrmError('bad-data', `Salesforce refused the request (check the field mapping): ${text}`, { details });
  }
  return new CrmError('unavailable', `Salesforce failed: ${text}`, { details });
}
