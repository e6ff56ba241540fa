/**
 * The referral writes: create (an upsert by external id) and moves (one, or many through sObject
 * Collections), each in one Composite request with the read-back of the record as saved.
 */
import type { CallOptions } from '../adapters/adapter.js';
import { CrmError, parseRecord } from '../errors.js';
import { MoveRequestSchema, ReferralInputSchema, type MoveRequest, type Referral, type ReferralInput } from '../domain/referral.js';
import { CLOSED_STAGES, type Stage } from '../domain/stages.js';
import { moveAlreadyApplied } from '../domain/stage-history.js';
import type { SalesforceClient } from './client.js';
import type { OrgDescribe } from './describe.js';
import { errorItems, isTransient, toCrmError } from './errors.js';
import type { SalesforceMapping } from './mapping.js';
import { isRecord, type Queries } from './queries.js';
import { referralDomainField, referralInputToFields, type CurrencyInfo } from './records.js';
import { assertSalesforceId, eq, idEq, idIn, isSalesforceId, type Condition } from './soql.js';

/** sObject Collections take at most 200 records per call. */
const COLLECTION_SIZE = 200;

/** What the writes need from the referral reads. */
export interface ReferralReader {
  /** The SOQL that reads referrals with every mapped field. */
  select(where: Condition | undefined, currency: CurrencyInfo): string;
  /** A record → a referral (and its LastModifiedDate remembered). */
  toReferral(record: unknown, currency: CurrencyInfo): Referral;
  getReferral(id: string, options?: CallOptions): Promise<Referral>;
  /** The version, LastModifiedDate and stage last read for this referral. */
  seen(id: string): { version: number; lastModified: string; stage: Stage } | undefined;
  /** The signed-in user's id (whose own landed move a retry may repeat). */
  currentUserId(signal?: AbortSignal): Promise<string>;
}

export class ReferralWrites {
  constructor(
    private readonly client: SalesforceClient,
    private readonly mapping: SalesforceMapping,
    private readonly queries: Queries,
    private readonly org: OrgDescribe,
    private readonly reader: ReferralReader,
  ) {}

  async create(input: ReferralInput, options: CallOptions = {}): Promise<Referral> {
    const parsed = parseRecord(ReferralInputSchema, input, { record: 'Referral', source: 'input' });
    if (!isSalesforceId(parsed.partnerId)) {
      throw new CrmError('validation', undefined, { fieldErrors: { partnerId: ['Choose a partner'] } });
    }
    const currency = await this.org.currency('referral', options.signal);
    await this.org.assertWritable('referral', 'create', options.signal);
    if (!currency.multiCurrency && parsed.estimatedArr.currency !== currency.orgCurrency) {
      throw new CrmError('validation', undefined, {
        fieldErrors: { 'estimatedArr.currency': [`This Salesforce org records amounts in ${currency.orgCurrency} only.`] },
      });
    }
    const r = this.mapping.referral;
    const extIdPath = `${this.client.dataPath}/sobjects/${r.object}/${r.fields.externalId}/${encodeURIComponent(parsed.externalId)}`;
    const read = this.reader.select(eq(r.fields.externalId, parsed.externalId), currency);
    // One Composite request = one API call: the upsert by external id, then the record as saved
    // (a retried upsert returns the first referral, whatever happened to it since).
    const [upsert, readBack] = await this.composite(
      [
        { method: 'PATCH', url: extIdPath, referenceId: 'upsert', body: referralInputToFields(parsed, this.mapping, currency) },
        { method: 'GET', url: this.queries.path(read), referenceId: 'read' },
      ],
      true,
      options.signal,
    );
    if (!upsert || upsert.httpStatusCode >= 300) {
      throw toCrmError(upsert?.httpStatusCode ?? 500, upsert?.body, referralDomainField(this.mapping));
    }
    if (!readBack || readBack.httpStatusCode >= 300) throw toCrmError(readBack?.httpStatusCode ?? 500, readBack?.body);
    const record = (await this.queries.complete(this.queries.result(readBack.body), options.signal)).records?.[0];
    if (!record) throw new CrmError('unavailable', 'Salesforce saved the referral but did not return it. Reload to see it.');
    return this.reader.toReferral(record, currency);
  }

  private moveFields(move: MoveRequest, now: string): Record<string, unknown> {
    const f = this.mapping.referral.fields;
    const closing = (CLOSED_STAGES as readonly Stage[]).includes(move.to);
    const fields: Record<string, unknown> = {
      [f.stage]: this.mapping.stageValues[move.to],
      [f.stageChangedAt]: now,
      [f.version]: move.expectedVersion + 1,
      [f.moveToken]: crypto.randomUUID(),
      [f.closedAt]: closing ? now : null,
      [f.closeReason]: closing ? (move.reason ?? null) : null,
    };
    if (move.to === 'accepted') fields[f.acceptedAt] = now;
    return fields;
  }

  /**
   * The stage change a move records, a child of the referral saved in the same Composite request.
   * By__c is left to Salesforce's own CreatedById (the user making the call); Apex fills it in.
   */
  private changeRecord(id: string, from: Stage | undefined, move: MoveRequest, moveFields: Record<string, unknown>, now: string): Record<string, unknown> {
    const c = this.mapping.stageChange.fields;
    return {
      [c.referralId]: id,
      [c.from]: from === undefined ? null : this.mapping.stageValues[from],
      [c.to]: this.mapping.stageValues[move.to],
      [c.at]: now,
      [c.reason]: move.reason ?? null,
      [c.moveToken]: moveFields[this.mapping.referral.fields.moveToken],
    };
  }

  /**
   * The stage each referral is in at the version the move names: from what this adapter last read
   * at that version, otherwise one query for the rest. (A referral at another version fails its
   * move with a conflict, and its change record with it.)
   */
  private async stagesBefore(moves: { id: string; move: MoveRequest }[], currency: CurrencyInfo, signal?: AbortSignal): Promise<Map<string, Stage>> {
    const stages = new Map<string, Stage>();
    const unknown: string[] = [];
    for (const { id, move } of moves) {
      const seen = this.reader.seen(id);
      if (seen && seen.version === move.expectedVersion) stages.set(id, seen.stage);
      else unknown.push(id);
    }
    const r = this.mapping.referral;
    for (const run of this.queries.idRuns(unknown, (ids) => this.reader.select(idIn(r.fields.id, ids), currency))) {
      const result = await this.queries.query(this.reader.select(idIn(r.fields.id, run), currency), signal);
      for (const record of result.records ?? []) {
        try {
          const referral = this.reader.toReferral(record, currency);
          stages.set(referral.id, referral.stage);
        } catch {
          // A record the schema rejects: its change records no from stage.
        }
      }
    }
    return stages;
  }

  private ifUnmodifiedSince(id: string, expectedVersion: number): Record<string, string> | undefined {
    const seen = this.reader.seen(id);
    if (!seen || seen.version !== expectedVersion) return undefined;
    const date = new Date(seen.lastModified.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(date.getTime()) ? undefined : { 'If-Unmodified-Since': date.toUTCString() };
  }

  private async conflictWithCurrent(id: string, error: CrmError, signal?: AbortSignal): Promise<CrmError> {
    if (error.kind !== 'conflict') return error;
    const current = await this.reader.getReferral(id, { signal }).catch(() => undefined);
    return new CrmError('conflict', undefined, { details: current, cause: error });
  }

  /**
   * One Composite call: PATCH with `If-Unmodified-Since` (the LastModifiedDate seen with that
   * version) and Version__c = expectedVersion + 1 (checked by the Cosell_Version_Check validation
   * rule), then the record as saved. A stale move changes nothing and fails with `conflict`.
   */
  async move(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    assertSalesforceId(id, 'referral');
    const parsed = parseRecord(MoveRequestSchema, move, { record: 'Move', source: 'input' });
    const currency = await this.org.currency('referral', options.signal);
    await this.org.assertWritable('referral', 'update', options.signal);
    const r = this.mapping.referral;
    const headers = this.ifUnmodifiedSince(id, parsed.expectedVersion);
    const from = (await this.stagesBefore([{ id, move: parsed }], currency, options.signal)).get(id);
    const now = new Date().toISOString();
    const fields = this.moveFields(parsed, now);
    // All or none: the move and its stage change are saved together or not at all.
    const [patch, change, readBack] = await this.composite(
      [
        { method: 'PATCH', url: `${this.client.dataPath}/sobjects/${r.object}/${id}`, referenceId: 'move', body: fields, ...(headers ? { httpHeaders: headers } : {}) },
        { method: 'POST', url: `${this.client.dataPath}/sobjects/${this.mapping.stageChange.object}`, referenceId: 'change', body: this.changeRecord(id, from, parsed, fields, now) },
        { method: 'GET', url: this.queries.path(this.reader.select(idEq(r.fields.id, id), currency)), referenceId: 'read' },
      ],
      true,
      options.signal,
    );
    // The subrequest that failed (the others say PROCESSING_HALTED): the move, or its stage change.
    const failures = [patch, change].filter((sub) => !sub || sub.httpStatusCode >= 300);
    if (failures.length) {
      const cause = failures.find((sub) => sub && !errorItems(sub.body).some((e) => e.errorCode === 'PROCESSING_HALTED')) ?? failures[0];
      const error = await this.conflictWithCurrent(id, toCrmError(cause?.httpStatusCode ?? 500, cause?.body, referralDomainField(this.mapping)), options.signal);
      const current = error.details as Referral | undefined;
      // A retry of this user's own move that did land (its answer was lost) is that move, not a conflict.
      if (error.kind === 'conflict' && current && moveAlreadyApplied(current, parsed, await this.reader.currentUserId(options.signal))) return current;
      throw error;
    }
    const record = readBack && readBack.httpStatusCode < 300 ? (await this.queries.complete(this.queries.result(readBack.body), options.signal)).records?.[0] : undefined;
    if (!record) throw new CrmError('not-found', `No referral has the id ${id}.`);
    return this.reader.toReferral(record, currency);
  }

  /**
   * sObject Collections, 200 records per call, each in a Composite request with the read-back
   * query: ceil(k/200) calls. Each referral succeeds or fails on its own.
   */
  async moveMany(moves: { id: string; move: MoveRequest }[], options: CallOptions = {}): Promise<(Referral | CrmError)[]> {
    const currency = await this.org.currency('referral', options.signal);
    await this.org.assertWritable('referral', 'update', options.signal);
    const r = this.mapping.referral;
    const results: (Referral | CrmError)[] = new Array<Referral | CrmError>(moves.length);
    let userId: string | undefined;
    const valid: { index: number; id: string; move: MoveRequest }[] = [];
    moves.forEach(({ id, move }, index) => {
      try {
        assertSalesforceId(id, 'referral');
        valid.push({ index, id, move: parseRecord(MoveRequestSchema, move, { record: 'Move', source: 'input' }) });
      } catch (error) {
        results[index] = CrmError.from(error);
      }
    });
    const now = new Date().toISOString();
    const before = await this.stagesBefore(valid, currency, options.signal);
    for (let start = 0; start < valid.length; start += COLLECTION_SIZE) {
      const chunk = valid.slice(start, start + COLLECTION_SIZE).map((m) => ({ ...m, fields: this.moveFields(m.move, now) }));
      // Each move succeeds or fails on its own, and so does its stage change: the validation rule
      // Cosell_Change_Matches_Move saves a change only where its move wrote the same token.
      const [patch, , readBack] = await this.composite(
        [
          {
            method: 'PATCH',
            url: `${this.client.dataPath}/composite/sobjects`,
            referenceId: 'moves',
            body: { allOrNone: false, records: chunk.map((m) => ({ attributes: { type: r.object }, id: m.id, ...m.fields })) },
          },
          {
            method: 'POST',
            url: `${this.client.dataPath}/composite/sobjects`,
            referenceId: 'changes',
            body: { allOrNone: false, records: chunk.map((m) => ({ attributes: { type: this.mapping.stageChange.object }, ...this.changeRecord(m.id, before.get(m.id), m.move, m.fields, now) })) },
          },
          { method: 'GET', url: this.queries.path(this.reader.select(idIn(r.fields.id, chunk.map((m) => m.id)), currency)), referenceId: 'read' },
        ],
        false,
        options.signal,
      );
      if (!patch || patch.httpStatusCode >= 300 || !Array.isArray(patch.body)) {
        const error = toCrmError(patch?.httpStatusCode ?? 500, patch?.body, referralDomainField(this.mapping));
        for (const m of chunk) results[m.index] = error;
        continue;
      }
      const saved = new Map<string, unknown>();
      if (readBack && readBack.httpStatusCode < 300) {
        for (const record of (await this.queries.complete(this.queries.result(readBack.body), options.signal)).records ?? []) if (isRecord(record) && record.Id) saved.set(String(record.Id).slice(0, 15), record);
      }
      const outcomes = patch.body as { id?: string; success?: boolean; errors?: unknown[] }[];
      for (const [i, m] of chunk.entries()) {
        const outcome = outcomes[i];
        if (outcome?.success) {
          const record = saved.get(m.id.slice(0, 15));
          try {
            results[m.index] = record ? this.reader.toReferral(record, currency) : new CrmError('not-found', `No referral has the id ${m.id}.`);
          } catch (error) {
            results[m.index] = CrmError.from(error);
          }
        } else {
          const errors = errorItems(outcome?.errors ?? []);
          const error = toCrmError(400, errors, referralDomainField(this.mapping));
          const record = saved.get(m.id.slice(0, 15));
          const current = error.kind === 'conflict' && record ? this.reader.toReferral(record, currency) : undefined;
          results[m.index] = !current
            ? error
            : moveAlreadyApplied(current, m.move, (userId ??= await this.reader.currentUserId(options.signal)))
              ? current
              : new CrmError('conflict', undefined, { details: current, cause: error });
        }
      }
    }
    return results;
  }

  /**
   * One Composite request (one API call); returns each sub-response, in the order of `subrequests`.
   * `collateSubrequests: false`, because each of ours is a write and its read-back: with collation
   * (the default since API 49.0) Salesforce may run unrelated subrequests in any order, and the read
   * could see the record as it was before the write. With allOrNone, nothing was saved when a
   * subrequest failed, so a transient failure inside (UNABLE_TO_LOCK_ROW, 503) is thrown as the
   * CrmError it is, and the write's retry policy sends it again like a transient HTTP status.
   */
  private async composite(
    subrequests: { method: string; url: string; referenceId: string; body?: unknown; httpHeaders?: Record<string, string> }[],
    allOrNone: boolean,
    signal?: AbortSignal,
  ): Promise<({ body: unknown; httpStatusCode: number; referenceId: string } | undefined)[]> {
    const body = await this.client.json(
      { method: 'POST', path: `${this.client.dataPath}/composite`, body: { allOrNone, collateSubrequests: false, compositeRequest: subrequests } },
      signal,
    );
    if (!isRecord(body) || !Array.isArray(body.compositeResponse)) throw new CrmError('bad-data', 'Salesforce answered a composite request with something unexpected.');
    const received = body.compositeResponse as { body: unknown; httpStatusCode: number; referenceId: string }[];
    const byReference = new Map(received.map((r) => [r.referenceId, r]));
    const transient = allOrNone ? received.find((r) => r.httpStatusCode >= 300 && isTransient(r.httpStatusCode, errorItems(r.body))) : undefined;
    // Nothing was saved: the write's retry policy sends it again, like a transient HTTP status.
    if (transient) throw toCrmError(transient.httpStatusCode, transient.body, referralDomainField(this.mapping));
    return subrequests.map((s) => byReference.get(s.referenceId));
  }
}
