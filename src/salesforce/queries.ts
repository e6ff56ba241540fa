/**
 * SOQL over REST: one query call, every batch of a query (following nextRecordsUrl), and the URI
 * budget that keeps an IN list of ids within what Salesforce accepts.
 */
import { CrmError } from '../errors.js';
import type { SalesforceClient } from './client.js';
import type { SfRecord } from './records.js';

export interface QueryResult {
  totalSize?: number;
  done?: boolean;
  nextRecordsUrl?: string;
  records?: unknown[];
}

/** One batch of a query: its records, the link to the next batch, the query's total. */
export interface QueryBatch {
  records: unknown[];
  nextRecordsUrl?: string;
  total?: number;
}

/** Salesforce returns at most 2,000 records per query call. */
export const MAX_BATCH = 2000;
/**
 * A GET's URI is kept to this many bytes. Salesforce takes at most 16,384 bytes of URI and headers
 * together (414 / 431 beyond) and recommends headers of about 8 KB, so half is left for headers.
 */
export const MAX_QUERY_URI_BYTES = 8192;
const NEXT_RECORDS = /^\/services\/data\/v\d+\.\d+\/query\/[A-Za-z0-9-]+$/;

export const isRecord = (v: unknown): v is SfRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bytes of a path and query string as an HTTP client sends it (percent-encoded by the URL parser). */
function uriBytes(path: string): number {
  const url = new URL(path, 'https://host.invalid');
  return url.pathname.length + url.search.length;
}

export class Queries {
  constructor(private readonly client: SalesforceClient) {}

  /** "/services/data/v64.0/query?q=…" */
  path(soql: string): string {
    return `${this.client.dataPath}/query?q=${encodeURIComponent(soql)}`;
  }

  async query(soql: string, signal?: AbortSignal, headers?: Record<string, string>): Promise<QueryResult> {
    const body = await this.client.json({ method: 'GET', path: this.path(soql), headers }, signal);
    return this.complete(this.result(body), signal);
  }

  /**
   * The result with every parent's child rows: Salesforce returns a subquery's children in batches
   * (a referral with hundreds of stage changes gets the first batch, `done: false` and a
   * nextRecordsUrl on the child result: "Query More Results" in the REST API Developer Guide,
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query_more_results.htm).
   * One call per further batch, for the parents that have more; the rest cost nothing.
   */
  async complete(result: QueryResult, signal?: AbortSignal): Promise<QueryResult> {
    for (const record of result.records ?? []) {
      if (!isRecord(record)) continue;
      for (const [key, value] of Object.entries(record)) {
        if (!isRecord(value) || value.done !== false || typeof value.nextRecordsUrl !== 'string' || !Array.isArray(value.records)) continue;
        const rows = [...(value.records as unknown[])];
        let next: QueryResult = value as QueryResult;
        while (next.done === false && next.nextRecordsUrl) {
          next = this.result(await this.client.json({ method: 'GET', path: this.nextRecordsPath(next.nextRecordsUrl) }, signal));
          rows.push(...(next.records ?? []));
        }
        record[key] = { totalSize: rows.length, done: true, records: rows };
      }
    }
    return result;
  }

  /** A query result, or `bad-data` for anything else. */
  result(body: unknown): QueryResult {
    if (!isRecord(body) || !Array.isArray(body.records)) throw new CrmError('bad-data', 'Salesforce answered a query with something that is not a query result.');
    return body as QueryResult;
  }

  /** The batch at a nextRecordsUrl. */
  async more(nextRecordsUrl: string, signal?: AbortSignal): Promise<QueryResult> {
    return this.complete(this.result(await this.client.json({ method: 'GET', path: this.nextRecordsPath(nextRecordsUrl) }, signal)), signal);
  }

  /** Every record of a query, following nextRecordsUrl (ceil(N/2000) calls). */
  async all(soql: string, signal?: AbortSignal): Promise<unknown[]> {
    let result = await this.query(soql, signal);
    const records = [...(result.records ?? [])];
    while (result.done === false && result.nextRecordsUrl) {
      result = await this.more(result.nextRecordsUrl, signal);
      records.push(...(result.records ?? []));
    }
    return records;
  }

  /** A next-page link Cosell follows: a query locator on this org's REST API, nothing else. */
  nextRecordsPath(url: string): string {
    if (!NEXT_RECORDS.test(url)) throw new CrmError('bad-data', 'Salesforce returned a next-page link Cosell does not follow.');
    return url;
  }

  batchOf(result: QueryResult): QueryBatch {
    return {
      records: result.records ?? [],
      ...(result.done === false && result.nextRecordsUrl ? { nextRecordsUrl: this.nextRecordsPath(result.nextRecordsUrl) } : {}),
      ...(typeof result.totalSize === 'number' ? { total: result.totalSize } : {}),
    };
  }

  /**
   * Split ids into runs whose query, `build(run)`, has a URI of at most MAX_QUERY_URI_BYTES as sent
   * (the URL parser also escapes the quotes that encodeURIComponent leaves). Each id after the first
   * adds `, 'id'` to the IN list.
   */
  idRuns(ids: readonly string[], build: (run: string[]) => string): string[][] {
    const runs: string[][] = [];
    const cost = (id: string) => uriBytes(`/?q=${encodeURIComponent(`, '${id}'`)}`) - uriBytes('/?q=');
    for (let start = 0; start < ids.length; ) {
      let used = uriBytes(this.path(build([ids[start]!])));
      let end = start + 1;
      while (end < ids.length && used + cost(ids[end]!) <= MAX_QUERY_URI_BYTES) used += cost(ids[end++]!);
      runs.push(ids.slice(start, end));
      start = end;
    }
    return runs;
  }
}
