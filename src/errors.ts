import { z } from './domain/zod.js';

export const CRM_ERROR_KINDS = [
  'auth',
  'permission',
  'validation',
  'conflict',
  'duplicate',
  'not-found',
  'rate-limit',
  'network',
  'unavailable',
  'bad-data',
] as const;
export type CrmErrorKind = (typeof CRM_ERROR_KINDS)[number];

/** What a person waits for when an adapter retries; each has its own budget (src/adapters/retry.ts). */
export type RetryAction = 'create referral' | 'move' | 'batch move' | 'read';

/** Field path ("prospect.contactEmail") → messages. */
export type FieldErrors = Record<string, string[]>;

export interface CrmErrorOptions {
  fieldErrors?: FieldErrors;
  /** For conflicts: the record as it is now; for duplicates: the matching records. */
  details?: unknown;
  cause?: unknown;
  /** Seconds to wait before retrying (rate limit), when known. */
  retryAfter?: number;
  /** Set when the retries were spent: the action the person waited for. */
  gaveUp?: RetryAction;
}

/** Plain words a person can act on, per kind. Widgets show these unless the adapter says more. */
export const CRM_ERROR_MESSAGES: Record<CrmErrorKind, string> = {
  auth: 'Your CRM session has expired. Sign in again, then retry.',
  permission: 'You do not have permission to do this in the CRM.',
  validation: 'The CRM did not accept some fields. Check the highlighted fields.',
  conflict: 'Someone else changed this record. It has been reloaded.',
  duplicate: 'This looks like a duplicate of an existing record.',
  'not-found': 'This record was not found. It may have been deleted.',
  'rate-limit': 'The CRM is receiving too many requests. Wait a moment, then retry.',
  network: 'You appear to be offline. Check your connection, then retry.',
  unavailable: 'The CRM is unavailable right now. Retry in a few minutes.',
  'bad-data': 'The CRM returned data Cosell could not read.',
};

/** The words for a budget spent: what happened, and what the person can do (elements show these localized; src/adapters/retry.ts). */
export const GAVE_UP_MESSAGES: Readonly<Record<RetryAction, string>> = {
  'create referral': 'The CRM did not confirm the referral in time. Nothing you typed is lost: send it again; it will not be doubled.',
  move: 'The CRM did not confirm the move in time. Reload the board to see where the card is, then move it again if needed.',
  'batch move': 'The CRM did not confirm the moves in time. Reload the board to see where the cards are, then move the rest again.',
  read: 'The CRM did not answer in time. Try again in a minute; if it keeps happening, tell your CRM administrator.',
};

/** The one error type adapters throw. A widget switches on `kind`. */
export class CrmError extends Error {
  override name = 'CrmError';
  readonly fieldErrors: FieldErrors;
  readonly details: unknown;
  readonly retryAfter: number | undefined;
  readonly gaveUp: RetryAction | undefined;

  constructor(
    readonly kind: CrmErrorKind,
    message: string = CRM_ERROR_MESSAGES[kind],
    options: CrmErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.fieldErrors = options.fieldErrors ?? {};
    this.details = options.details;
    this.retryAfter = options.retryAfter;
    this.gaveUp = options.gaveUp;
  }

  /** Worth trying again as it is (not for validation, permission, conflict...). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'unavailable' || this.kind === 'rate-limit';
  }

  static is(error: unknown, kind?: CrmErrorKind): error is CrmError {
    return error instanceof CrmError && (kind === undefined || error.kind === kind);
  }

  /** Anything thrown, as a CrmError: an AbortError stays an AbortError (rethrow it). */
  static from(error: unknown): CrmError {
    if (error instanceof CrmError) return error;
    if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
      return new CrmError('network', undefined, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new CrmError('unavailable', `The CRM failed unexpectedly: ${message}`, { cause: error });
  }
}

export function fieldErrorsFrom(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(record)';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Parse a record with its schema. Person input that fails is a `validation` error; records coming
 * from a CRM or an attribute are `bad-data`. The message names the record and the fields.
 */
export function parseRecord<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  what: { record: string; source: 'input' | 'crm' },
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsFrom(result.error.issues);
  const fields = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(', ');
  return ((): never => {
    throw new CrmError(
      what.source === 'input' ? 'validation' : 'bad-data',
      `${what.record} is not valid — ${fields}`,
      { fieldErrors, cause: result.error },
    );
  })();
}
