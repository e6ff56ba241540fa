/**
 * The one retry policy every adapter that talks HTTP uses (RestAdapter, SalesforceAdapter): bounded
 * exponential backoff with full jitter for what may pass by itself — a network error, a timeout, a
 * 5xx, 503, a rate limit (429, 403 REQUEST_LIMIT_EXCEEDED) — honouring Retry-After; never for
 * validation, permission, conflict or anything else the CRM refused on purpose. Each action has a
 * budget: a person waits at most that long (attempts, waits and each attempt's timeout included)
 * before being told, in words, what happened and what to do. The caller's AbortSignal stops it at
 * once. Every write is idempotent (a create by its externalId, a move by its expected version), so
 * sending one again after a lost answer is safe.
 */
import { CrmError, GAVE_UP_MESSAGES, type RetryAction } from '../errors.js';

export type { RetryAction };

/** How long a person waits at most, per action, in milliseconds (the README's table). */
export const RETRY_BUDGETS_MS: Readonly<Record<RetryAction, number>> = {
  'create referral': 30_000,
  move: 20_000,
  'batch move': 45_000,
  read: 30_000,
};

export interface RetryOptions {
  /** Per action, the longest a person waits (ms), from the first attempt to the answer or the error. */
  budgetsMs?: Partial<Record<RetryAction, number>>;
  /** Attempts in all, however much budget is left (default 5). */
  attempts?: number;
  /** First backoff cap; doubles each attempt up to `maxDelayMs` (default 500). The wait is random below it. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** One attempt's time limit (default 20 000 ms); never more than the budget left. */
  timeoutMs?: number;
}

/**
 * Worth sending again: a network error, a timeout, 5xx or a rate limit (`CrmError.retryable`).
 * Validation, permission, conflict, duplicate, not-found, auth and bad data are answers, not accidents.
 */
export function isTransient(error: unknown): error is CrmError {
  return CrmError.is(error) && error.retryable;
}

/** `navigator.onLine` is false: this device has no network at all (never true in Node). */
function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Signals handed to an attempt: a call made inside one runs under that action's budget, not its own. */
const attemptSignals = new WeakSet<AbortSignal>();

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class RetryPolicy {
  readonly budgetsMs: Readonly<Record<RetryAction, number>>;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly timeoutMs: number;

  constructor(options: RetryOptions = {}) {
    this.budgetsMs = { ...RETRY_BUDGETS_MS, ...options.budgetsMs };
    this.attempts = Math.max(1, options.attempts ?? 5);
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 500);
    this.maxDelayMs = Math.max(this.baseDelayMs, options.maxDelayMs ?? 8_000);
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 20_000);
  }

  /** The wait before attempt `attempt + 1` without a Retry-After: full jitter under a doubling cap. */
  backoffMs(attempt: number): number {
    return Math.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
  }

  /**
   * Run `attempt` until it succeeds, fails for good, or the action's budget is spent. Each attempt
   * gets a signal that aborts on the caller's abort or its own timeout. `repeatable: false` (a
   * sign-in) runs once, with the timeout. Called from inside another run (the signal is that
   * run's), it runs once: the outer action's budget holds.
   */
  async run<T>(action: RetryAction, attempt: (signal: AbortSignal) => Promise<T>, options: { signal?: AbortSignal | undefined; repeatable?: boolean } = {}): Promise<T> {
    const { signal } = options;
    if (signal && attemptSignals.has(signal)) return attempt(signal);
    signal?.throwIfAborted();
    const deadline = Date.now() + this.budgetsMs[action];
    const attempts = options.repeatable === false ? 1 : this.attempts;
    let previous: CrmError | undefined;
    for (let n = 1; ; n++) {
      const left = deadline - Date.now();
      const timeout = AbortSignal.timeout(Math.max(1, Math.min(this.timeoutMs, left)));
      const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
      attemptSignals.add(attemptSignal);
      let error: unknown;
      try {
        return await attempt(attemptSignal);
      } catch (thrown) {
        if (signal?.aborted) throw abortReason(signal);
        if (!timeout.aborted) error = thrown;
        // The budget, not the CRM, cut this attempt short: what the CRM said before is the news.
        else if (previous && left < this.timeoutMs) throw gaveUp(action, previous);
        else error = new CrmError('network', 'The CRM did not answer in time.', { cause: thrown });
      }
      if (!isTransient(error) || options.repeatable === false) throw error;
      previous = error;
      // The browser says it is offline: waiting out the backoff only keeps the person waiting. Give
      // up now (the outbox keeps a referral; its sender runs again on the `online` event).
      if (error.kind === 'network' && browserOffline()) throw gaveUp(action, error);
      const wait = error.retryAfter !== undefined ? error.retryAfter * 1000 : this.backoffMs(n);
      // Stop when the next attempt could not even start within the budget.
      if (n >= attempts || Date.now() + wait >= deadline) throw gaveUp(action, error);
      await sleep(wait, signal);
    }
  }
}

/**
 * The last error, marked with the action whose retries were spent. A rate limit keeps its own words
 * (the CRM asked to wait, and `retryAfter` says how long); a network error, a timeout or an
 * unavailable CRM gets the action's words.
 */
function gaveUp(action: RetryAction, last: CrmError): CrmError {
  return new CrmError(last.kind, last.kind === 'rate-limit' ? last.message : GAVE_UP_MESSAGES[action], {
    cause: last,
    details: last.details,
    fieldErrors: last.fieldErrors,
    retryAfter: last.retryAfter,
    gaveUp: action,
  });
}
