/**
 * Every HTTP call the adapter makes goes through here, on the jsforce Connection's transport
 * (undici in Node, fetch in the browser, or the proxy/canvas transport the host configured).
 * jsforce's own retries and session refresh are not used: this layer refreshes an expired session
 * once through the host's `getAccessToken()` and sends again once, records `Sforce-Limit-Info`, and
 * turns failures into CrmError; the shared RetryPolicy (src/adapters/retry.ts) sends again after a
 * network error, a timeout, 5xx, UNABLE_TO_LOCK_ROW or REQUEST_LIMIT_EXCEEDED, within its budget.
 */
import type { Connection } from 'jsforce';
import { CrmError, type RetryAction } from '../errors.js';
import { parseRetryAfter, type RetryPolicy } from '../adapters/retry.js';
import { toCrmError } from './errors.js';

export type AccessTokenProvider = () => string | Promise<string>;

export interface ApiUsage {
  /** API requests used in the org's rolling 24 hours, as Salesforce last reported. */
  used: number;
  limit: number;
  /** The raw `Sforce-Limit-Info` header (may carry api-bursts and per-app usage too). */
  header: string;
  /** When it was reported (ISO). */
  at: string;
}

export interface SalesforceRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path from the instance URL ("/services/data/v64.0/query?q=...") or an absolute URL. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SalesforceResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

export function parseLimitInfo(header: string | undefined): Omit<ApiUsage, 'at'> | undefined {
  const match = header?.match(/api-usage=(\d+)\/(\d+)/);
  return header && match ? { used: Number(match[1]), limit: Number(match[2]), header } : undefined;
}

export class SalesforceClient {
  /** The latest API usage Salesforce reported. */
  apiUsage: ApiUsage | undefined;
  /** HTTP requests sent (each attempt counts). */
  requestCount = 0;

  constructor(
    readonly connection: Connection,
    readonly apiVersion: string,
    private readonly getAccessToken: AccessTokenProvider | undefined,
    readonly policy: RetryPolicy,
    private readonly toDomainField: (field: string) => string,
  ) {}

  /** "/services/data/v64.0" */
  get dataPath(): string {
    return `/services/data/v${this.apiVersion}`;
  }

  private url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    return `${this.connection.instanceUrl.replace(/\/$/, '')}${path}`;
  }

  private async once(request: SalesforceRequest, signal?: AbortSignal): Promise<RawResponse> {
    if (signal?.aborted) throw abortError(signal);
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (this.connection.accessToken) headers.Authorization = `Bearer ${this.connection.accessToken}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    this.requestCount++;
    const pending = Promise.resolve(
      this.connection._transport.httpRequest(
        { method: request.method, url: this.url(request.path), headers, ...(body !== undefined ? { body } : {}) },
        { retry: { maxRetries: 0 } },
      ),
    ) as Promise<RawResponse>;
    pending.catch(() => undefined); // an abandoned (aborted) request may still fail later
    let response: RawResponse;
    try {
      response = await (signal
        ? Promise.race([
            pending,
            new Promise<never>((_, reject) =>
              signal.addEventListener('abort', () => reject(abortError(signal)), { once: true }),
            ),
          ])
        : pending);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      if ((error as Error | undefined)?.name === 'AbortError') throw error;
      throw new CrmError('network', undefined, { cause: error });
    }
    if (!response) throw new CrmError('network');
    const limit = parseLimitInfo(response.headers['sforce-limit-info']);
    if (limit) this.apiUsage = { ...limit, at: new Date().toISOString() };
    return response;
  }

  /**
   * Send a request under `action`'s retry budget (a call made inside a write runs under the write's).
   * Returns the parsed body.
   */
  send(request: SalesforceRequest, signal?: AbortSignal, action: RetryAction = 'read'): Promise<SalesforceResponse> {
    return this.policy.run(action, (attemptSignal) => this.sendOnce(request, attemptSignal), { signal });
  }

  /** One attempt: 401 → one token refresh and one resend; any other status ≥ 300 → CrmError. */
  private async sendOnce(request: SalesforceRequest, signal: AbortSignal): Promise<SalesforceResponse> {
    let refreshed = false;
    for (;;) {
      const raw = await this.once(request, signal);
      let body: unknown;
      const text = raw.body ?? '';
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch (cause) {
          if (raw.statusCode < 300) {
            throw new CrmError('bad-data', `Salesforce answered ${request.method} with a body that is not JSON.`, { cause });
          }
          body = { errorCode: `ERROR_HTTP_${raw.statusCode}`, message: text.slice(0, 500) };
        }
      }
      if (raw.statusCode < 300) return { status: raw.statusCode, headers: raw.headers, body };
      if (raw.statusCode === 401 && this.getAccessToken && !refreshed) {
        refreshed = true;
        let token: string;
        try {
          token = await this.getAccessToken();
        } catch (cause) {
          throw new CrmError('auth', undefined, { cause });
        }
        this.connection.accessToken = token;
        continue;
      }
      throw toCrmError(raw.statusCode, body, this.toDomainField, parseRetryAfter(raw.headers['retry-after']));
    }
  }

  /** GET/POST/PATCH and return the JSON body. */
  async json(request: SalesforceRequest, signal?: AbortSignal, action?: RetryAction): Promise<unknown> {
    return (await this.send(request, signal, action)).body;
  }
}
