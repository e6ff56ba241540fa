import type { Connection } from 'jsforce';
import { z } from 'zod';
import { PeriodSchema } from '../domain/period.js';
import type {
  CallOptions, CrmAdapter, CrmCapabilities, DuplicateProbe, PartnerFilter, ReferralPage, ReferralPageRequest, StatementQuery,
} from '../adapters/adapter.js';
import { CrmError, parseRecord } from '../errors.js';
import type { Partner } from '../domain/partner.js';
import { MoveRequestSchema, ReferralFilterSchema, ReferralInputSchema, type MoveRequest, type Referral, type ReferralInput } from '../domain/referral.js';
import type { RevshareAgreement, RevshareStatement, StatementLine } from '../domain/revshare.js';
import { CLOSED_STAGES, STAGES, type Stage, type StageDefinition, STAGE_LABELS } from '../domain/stages.js';
import { UserSchema, type Role, type User } from '../domain/user.js';
import { normalizeCompany, normalizeDomain } from '../domain/normalize.js';
import { DUPLICATE_WINDOW_DAYS } from '../domain/duplicates.js';
import { SalesforceClient, type AccessTokenProvider, type ApiUsage, type RetryPolicy } from './client.js';
import { DEFAULT_API_VERSION, tokenProviderOf } from './connection.js';
import { errorItems, isTransient, toCrmError } from './errors.js';
import { fieldNeeds, parseMapping, type MappedObject, type SalesforceMapping, type SalesforceMappingInput } from './mapping.js';
import {
  agreementFromRecord, getPath, partnerFromRecord, referralDomainField, referralFromRecord, referralInputToFields,
  statementFromRecord, statementLineFromRecord, type CurrencyInfo, type SfRecord,
} from './records.js';
import { and, assertSalesforceId, cmp, contains, eq, idEq, idIn, inList, isSalesforceId, or, select, type Condition } from './soql.js';

export interface SalesforceAdapterOptions {
  /** A jsforce Connection (see connectWithToken, connectWithTokenProvider, completeAuthorization). */
  connection: Connection;
  /** Where the domain lives in the org; defaults match salesforce/force-app. */
  mapping?: SalesforceMappingInput;
  /** REST API version, "64.0" or newer (default 64.0). */
  apiVersion?: string;
  /** Asked for a new token once when Salesforce answers 401; defaults to the connection helper's. */
  getAccessToken?: AccessTokenProvider;
  /** Backoff for 503 and UNABLE_TO_LOCK_ROW. */
  retry?: Partial<RetryPolicy>;
}

interface DescribeField {
  name: string;
  type: string;
  createable?: boolean;
  updateable?: boolean;
  relationshipName?: string | null;
  picklistValues?: { value: string; label: string; active?: boolean }[];
}
interface Described {
  name: string;
  fields: DescribeField[];
  byName: Map<string, DescribeField>;
  byRelationship: Map<string, DescribeField>;
}

interface QueryResult {
  totalSize?: number;
  done?: boolean;
  nextRecordsUrl?: string;
  records?: unknown[];
}

/** Salesforce returns at most 2,000 records per query call. */
const MAX_BATCH = 2000;
/** sObject Collections take at most 200 records per call. */
const COLLECTION_SIZE = 200;
/**
 * A GET's URI is kept to this many bytes. Salesforce takes at most 16,384 bytes of URI and headers
 * together (414 / 431 beyond) and recommends headers of about 8 KB, so half is left for headers.
 */
export const MAX_QUERY_URI_BYTES = 8192;
const NEXT_RECORDS = /^\/services\/data\/v\d+\.\d+\/query\/[A-Za-z0-9-]+$/;

const StatementRangeSchema = z
  .object({ partnerId: z.string().min(1).optional(), from: PeriodSchema, to: PeriodSchema })
  .refine((q) => q.from <= q.to, { message: 'The period range ends before it starts', path: ['to'] });

const isRecord = (v: unknown): v is SfRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * CrmAdapter for a Salesforce org, on a jsforce Connection. See the README's Salesforce section for
 * the org set-up, the mapping, and the calls each method makes.
 */
export class SalesforceAdapter implements CrmAdapter {
  readonly capabilities: CrmCapabilities = { liveChanges: false, partnerStats: false, batchMoves: true };
  readonly mapping: SalesforceMapping;
  readonly apiVersion: string;
  private readonly client: SalesforceClient;
  private readonly describes = new Map<string, Promise<Described>>();
  private orgCurrency: Promise<string> | undefined;
  private currentUser: Promise<User> | undefined;
  /**
   * Partner queries in flight, by SOQL. Several widgets on one page (form, list, board, summary) ask
   * for the partners as they load; while one query is under way the others share it, so the org
   * answers once. Nothing is kept after it settles, so there is nothing to invalidate.
   */
  private readonly partnerLoads = new Map<string, Promise<Partner[]>>();
  /** LastModifiedDate seen for (id, version): sent as If-Unmodified-Since on a move. */
  private readonly seen = new Map<string, { version: number; lastModified: string }>();
  private readonly pageBuffers = new Map<string, { records: unknown[]; nextRecordsUrl?: string; total?: number }>();
  private bufferCounter = 0;

  constructor(options: SalesforceAdapterOptions) {
    this.mapping = parseMapping(options.mapping);
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    if (!/^\d{2,3}\.0$/.test(this.apiVersion)) throw new TypeError(`Not a Salesforce API version: ${this.apiVersion}`);
    this.client = new SalesforceClient(
      options.connection,
      this.apiVersion,
      options.getAccessToken ?? tokenProviderOf(options.connection),
      { attempts: options.retry?.attempts ?? 3, baseDelayMs: options.retry?.baseDelayMs ?? 300 },
      referralDomainField(this.mapping),
    );
  }

  /** The API usage from the latest `Sforce-Limit-Info` header (undefined before the first call). */
  get apiUsage(): ApiUsage | undefined {
    return this.client.apiUsage;
  }

  /** HTTP requests this adapter has sent (retries included). */
  get requestCount(): number {
    return this.client.requestCount;
  }

  // ---------------------------------------------------------------- describe, once per object

  /** Shared by every caller, so it is not cancelled by one caller's signal; each caller checks its own. */
  private async describe(object: MappedObject, signal?: AbortSignal): Promise<Described> {
    signal?.throwIfAborted();
    const name = this.mapping[object].object;
    let pending = this.describes.get(name);
    if (!pending) {
      pending = this.loadDescribe(object, name);
      this.describes.set(name, pending);
      pending.catch(() => this.describes.delete(name));
    }
    return pending;
  }

  private async loadDescribe(object: MappedObject, name: string): Promise<Described> {
    let body: unknown;
    try {
      body = await this.client.json({ method: 'GET', path: `${this.client.dataPath}/sobjects/${name}/describe` });
    } catch (error) {
      if (CrmError.is(error, 'not-found')) {
        throw new CrmError('bad-data', `Salesforce object ${name} (mapping.${object}.object) does not exist in this org or you cannot read it.`, { cause: error });
      }
      throw error;
    }
    if (!isRecord(body) || !Array.isArray(body.fields)) throw new CrmError('bad-data', `The describe of ${name} is not readable.`);
    const fields = body.fields as DescribeField[];
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const byRelationship = new Map(fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName!.toLowerCase(), f]));
    const missing: string[] = [];
    for (const need of fieldNeeds(this.mapping, object)) {
      if (!this.describedField(byName, byRelationship, need.field)) missing.push(`${need.field} (${object}.${need.key})`);
    }
    if (missing.length) {
      throw new CrmError('bad-data', `Salesforce object ${name} is missing these mapped fields, or you cannot read them: ${missing.join(', ')}. Deploy salesforce/force-app or fix the mapping, and check field-level security.`);
    }
    return { name, fields, byName, byRelationship };
  }

  private describedField(byName: Map<string, DescribeField>, byRelationship: Map<string, DescribeField>, path: string): DescribeField | undefined {
    const [head, ...rest] = path.split('.');
    return rest.length ? byRelationship.get(head!.toLowerCase()) : byName.get(path.toLowerCase());
  }

  /** Before a write: every mapped field it writes must be createable / updateable for this user. */
  private async assertWritable(object: MappedObject, how: 'create' | 'update', signal?: AbortSignal): Promise<void> {
    const described = await this.describe(object, signal);
    const blocked = fieldNeeds(this.mapping, object)
      .filter((need) => need[how])
      .filter((need) => {
        const field = this.describedField(described.byName, described.byRelationship, need.field);
        return field?.[how === 'create' ? 'createable' : 'updateable'] === false;
      })
      .map((need) => `${need.field} (${object}.${need.key})`);
    if (blocked.length) {
      throw new CrmError('permission', `You cannot ${how === 'create' ? 'set' : 'edit'} these fields of ${described.name}: ${blocked.join(', ')}. Ask your admin for the Cosell permission set of your role.`);
    }
  }

  private async currency(object: MappedObject, signal?: AbortSignal): Promise<CurrencyInfo> {
    const described = await this.describe(object, signal);
    if (described.byName.has(this.mapping.currencyField.toLowerCase())) return { multiCurrency: true, orgCurrency: 'USD' };
    signal?.throwIfAborted();
    this.orgCurrency ??= this.query(select({ fields: ['DefaultCurrencyIsoCode'], from: 'Organization', limit: 1 })).then((r) => {
      const code = r.records?.[0] && isRecord(r.records[0]) ? r.records[0].DefaultCurrencyIsoCode : undefined;
      if (typeof code !== 'string') throw new CrmError('bad-data', 'The org did not report its currency.');
      return code;
    });
    this.orgCurrency.catch(() => (this.orgCurrency = undefined));
    return { multiCurrency: false, orgCurrency: await this.orgCurrency };
  }

  /**
   * The org's stages, in its picklist order, with its labels: a renamed stage shows the org's label.
   * Inactive values and values no domain stage maps to are left out.
   */
  async getStageDefinitions(options: CallOptions = {}): Promise<StageDefinition[]> {
    const described = await this.describe('referral', options.signal);
    const field = described.byName.get(this.mapping.referral.fields.stage.toLowerCase());
    const out: StageDefinition[] = [];
    for (const value of field?.picklistValues ?? []) {
      if (value.active === false) continue;
      const id = STAGES.find((s) => this.mapping.stageValues[s] === value.value);
      if (id && !out.some((d) => d.id === id)) out.push({ id, label: value.label || STAGE_LABELS[id] });
    }
    return out.length ? out : STAGES.map((id) => ({ id, label: STAGE_LABELS[id] }));
  }

  // ---------------------------------------------------------------- low-level calls

  private queryPath(soql: string): string {
    return `${this.client.dataPath}/query?q=${encodeURIComponent(soql)}`;
  }

  private async query(soql: string, signal?: AbortSignal, headers?: Record<string, string>): Promise<QueryResult> {
    const body = await this.client.json({ method: 'GET', path: this.queryPath(soql), headers }, signal);
    return this.queryResult(body);
  }

  /**
   * Split ids into runs whose query, `build(run)`, has a URI of at most MAX_QUERY_URI_BYTES as sent
   * (the URL parser also escapes the quotes that encodeURIComponent leaves). Each id after the first
   * adds `, 'id'` to the IN list.
   */
  private idRuns(ids: readonly string[], build: (run: string[]) => string): string[][] {
    const runs: string[][] = [];
    const cost = (id: string) => uriBytes(`/?q=${encodeURIComponent(`, '${id}'`)}`) - uriBytes('/?q=');
    for (let start = 0; start < ids.length; ) {
      let used = uriBytes(this.queryPath(build([ids[start]!])));
      let end = start + 1;
      while (end < ids.length && used + cost(ids[end]!) <= MAX_QUERY_URI_BYTES) used += cost(ids[end++]!);
      runs.push(ids.slice(start, end));
      start = end;
    }
    return runs;
  }

  private queryResult(body: unknown): QueryResult {
    if (!isRecord(body) || !Array.isArray(body.records)) throw new CrmError('bad-data', 'Salesforce answered a query with something that is not a query result.');
    return body as QueryResult;
  }

  /** Every record of a query, following nextRecordsUrl (ceil(N/2000) calls). */
  private async queryAll(soql: string, signal?: AbortSignal): Promise<unknown[]> {
    let result = await this.query(soql, signal);
    const records = [...(result.records ?? [])];
    while (result.done === false && result.nextRecordsUrl) {
      result = this.queryResult(await this.client.json({ method: 'GET', path: this.nextRecordsPath(result.nextRecordsUrl) }, signal));
      records.push(...(result.records ?? []));
    }
    return records;
  }

  private nextRecordsPath(url: string): string {
    if (!NEXT_RECORDS.test(url)) throw new CrmError('bad-data', 'Salesforce returned a next-page link Cosell does not follow.');
    return url;
  }

  /**
   * One Composite request (one API call); returns each sub-response, in the order of `subrequests`.
   * `collateSubrequests: false`, because each of ours is a write and its read-back: with collation
   * (the default since API 49.0) Salesforce may run unrelated subrequests in any order, and the read
   * could see the record as it was before the write. With allOrNone, nothing was saved when a
   * subrequest failed, so a transient failure inside (UNABLE_TO_LOCK_ROW, 503) is retried with
   * backoff like a transient HTTP status.
   */
  private async composite(
    subrequests: { method: string; url: string; referenceId: string; body?: unknown; httpHeaders?: Record<string, string> }[],
    allOrNone: boolean,
    signal?: AbortSignal,
  ): Promise<({ body: unknown; httpStatusCode: number; referenceId: string } | undefined)[]> {
    for (let attempt = 1; ; attempt++) {
      const body = await this.client.json(
        { method: 'POST', path: `${this.client.dataPath}/composite`, body: { allOrNone, collateSubrequests: false, compositeRequest: subrequests } },
        signal,
      );
      if (!isRecord(body) || !Array.isArray(body.compositeResponse)) throw new CrmError('bad-data', 'Salesforce answered a composite request with something unexpected.');
      const received = body.compositeResponse as { body: unknown; httpStatusCode: number; referenceId: string }[];
      const byReference = new Map(received.map((r) => [r.referenceId, r]));
      const responses = subrequests.map((s) => byReference.get(s.referenceId));
      const transient = allOrNone && received.some((r) => r.httpStatusCode >= 300 && isTransient(r.httpStatusCode, errorItems(r.body)));
      if (!transient || attempt >= this.client.retry.attempts) return responses;
      await this.client.backoff(attempt, signal);
    }
  }

  private referralFields(): string[] {
    const fields = Object.values(this.mapping.referral.fields);
    return fields;
  }

  private referralSelect(where: Condition | undefined, currency: CurrencyInfo, extra: Partial<Parameters<typeof select>[0]> = {}): string {
    const fields = this.referralFields();
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    return select({ fields, from: this.mapping.referral.object, where, ...extra });
  }

  private toReferral(record: unknown, currency: CurrencyInfo): Referral {
    if (!isRecord(record)) throw new CrmError('bad-data', 'Salesforce returned a referral that is not a record.');
    const referral = referralFromRecord(record, this.mapping, currency);
    const lastModified = getPath(record, this.mapping.referral.fields.lastModifiedDate);
    if (typeof lastModified === 'string') this.seen.set(referral.id, { version: referral.version, lastModified });
    return referral;
  }

  /** Parse each record; a record that fails the schema is skipped and reported, the rest still show. */
  private toReferrals(records: unknown[], currency: CurrencyInfo): { referrals: Referral[]; skipped: { id?: string; message: string }[] } {
    const referrals: Referral[] = [];
    const skipped: { id?: string; message: string }[] = [];
    for (const record of records) {
      try {
        referrals.push(this.toReferral(record, currency));
      } catch (error) {
        if (!CrmError.is(error, 'bad-data')) throw error;
        const id = isRecord(record) && typeof record.Id === 'string' ? record.Id : undefined;
        skipped.push(id ? { id, message: error.message } : { message: error.message });
      }
    }
    return { referrals, skipped };
  }

  // ---------------------------------------------------------------- user

  async getCurrentUser(options: CallOptions = {}): Promise<User> {
    options.signal?.throwIfAborted();
    this.currentUser ??= this.loadCurrentUser();
    this.currentUser.catch(() => (this.currentUser = undefined));
    return this.currentUser;
  }

  private async loadCurrentUser(): Promise<User> {
    const info = await this.client.json({ method: 'GET', path: '/services/oauth2/userinfo' });
    if (!isRecord(info) || typeof info.user_id !== 'string') throw new CrmError('bad-data', 'Salesforce did not say who you are.');
    const userId = info.user_id;
    const sets = this.mapping.rolePermissionSets;
    const result = await this.query(
      select({ fields: ['PermissionSet.Name'], from: 'PermissionSetAssignment', where: and(idEq('AssigneeId', userId), inList('PermissionSet.Name', Object.values(sets))) }),
    );
    const names = new Set((result.records ?? []).map((r) => (isRecord(r) ? getPath(r, 'PermissionSet.Name') : undefined)));
    const order: Role[] = ['admin', 'partner-manager', 'finance', 'seller'];
    const role = order.find((r) => names.has(sets[r])) ?? 'seller';
    return parseRecord(
      UserSchema,
      { id: userId, name: info.name ?? info.preferred_username, email: typeof info.email === 'string' ? info.email : undefined, role },
      { record: 'Current user', source: 'crm' },
    );
  }

  // ---------------------------------------------------------------- partners

  private partnerQuery(where: Condition | undefined): string {
    return select({ fields: Object.values(this.mapping.partner.fields), from: this.mapping.partner.object, where, orderBy: [{ field: this.mapping.partner.fields.name }] });
  }

  private partnersFrom(records: unknown[]): Partner[] {
    const out: Partner[] = [];
    for (const record of records) {
      if (!isRecord(record)) continue;
      try {
        out.push(partnerFromRecord(record, this.mapping));
      } catch (error) {
        if (!CrmError.is(error, 'bad-data')) throw error; // a malformed partner is left out, the rest still show
      }
    }
    return out;
  }

  async getPartner(id: string, options: CallOptions = {}): Promise<Partner> {
    if (!isSalesforceId(id)) throw new CrmError('not-found', `No partner has the id "${String(id).slice(0, 40)}".`);
    await this.describe('partner', options.signal);
    const result = await this.query(this.partnerQuery(idEq(this.mapping.partner.fields.id, id)), options.signal);
    const record = result.records?.[0];
    if (!isRecord(record)) throw new CrmError('not-found', `No partner has the id ${id}.`);
    return partnerFromRecord(record, this.mapping);
  }

  async listPartners(filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    await this.describe('partner', options.signal);
    const f = this.mapping.partner.fields;
    const where = filter.integrationStatus?.length
      ? inList(f.integrationStatus, filter.integrationStatus.map((s) => this.mapping.integrationStatusValues[s]))
      : undefined;
    const partners = await this.sharedPartnerLoad(this.partnerQuery(where));
    options.signal?.throwIfAborted();
    return partners.filter(
      (p) =>
        (!filter.market || p.markets.includes(filter.market.toUpperCase())) &&
        (!filter.useCase || p.useCases.some((u) => u.toLowerCase() === filter.useCase!.toLowerCase())),
    );
  }

  /** Shared by every caller in flight, so it is not cancelled by one caller's signal; each caller checks its own. */
  private sharedPartnerLoad(soql: string): Promise<Partner[]> {
    let load = this.partnerLoads.get(soql);
    if (!load) {
      load = this.queryAll(soql)
        .then((records) => this.partnersFrom(records))
        .finally(() => this.partnerLoads.delete(soql));
      this.partnerLoads.set(soql, load);
    }
    return load;
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    const partners = await this.listPartners(filter, options);
    const q = query.trim().toLowerCase();
    if (!q) return partners;
    const score = (p: Partner): number => {
      const name = p.name.toLowerCase();
      if (name === q) return 0;
      if (name.startsWith(q)) return 1;
      if (name.includes(q)) return 2;
      if (p.integration.name.toLowerCase().includes(q)) return 3;
      if (p.useCases.some((u) => u.toLowerCase().includes(q))) return 4;
      return -1;
    };
    return partners
      .map((p) => ({ p, s: score(p) }))
      .filter((x) => x.s >= 0)
      .sort((a, b) => a.s - b.s || a.p.name.localeCompare(b.p.name))
      .map((x) => x.p);
  }

  // ---------------------------------------------------------------- referrals

  async createReferral(input: ReferralInput, options: CallOptions = {}): Promise<Referral> {
    const parsed = parseRecord(ReferralInputSchema, input, { record: 'Referral', source: 'input' });
    if (!isSalesforceId(parsed.partnerId)) {
      throw new CrmError('validation', undefined, { fieldErrors: { partnerId: ['Choose a partner'] } });
    }
    const currency = await this.currency('referral', options.signal);
    await this.assertWritable('referral', 'create', options.signal);
    if (!currency.multiCurrency && parsed.estimatedArr.currency !== currency.orgCurrency) {
      throw new CrmError('validation', undefined, {
        fieldErrors: { 'estimatedArr.currency': [`This Salesforce org records amounts in ${currency.orgCurrency} only.`] },
      });
    }
    const r = this.mapping.referral;
    const extIdPath = `${this.client.dataPath}/sobjects/${r.object}/${r.fields.externalId}/${encodeURIComponent(parsed.externalId)}`;
    const read = this.referralSelect(eq(r.fields.externalId, parsed.externalId), currency);
    // One Composite request = one API call: the upsert by external id, then the record as saved
    // (a retried upsert returns the first referral, whatever happened to it since).
    const [upsert, readBack] = await this.composite(
      [
        { method: 'PATCH', url: extIdPath, referenceId: 'upsert', body: referralInputToFields(parsed, this.mapping, currency) },
        { method: 'GET', url: this.queryPath(read), referenceId: 'read' },
      ],
      true,
      options.signal,
    );
    if (!upsert || upsert.httpStatusCode >= 300) {
      throw toCrmError(upsert?.httpStatusCode ?? 500, upsert?.body, referralDomainField(this.mapping));
    }
    if (!readBack || readBack.httpStatusCode >= 300) throw toCrmError(readBack?.httpStatusCode ?? 500, readBack?.body);
    const record = this.queryResult(readBack.body).records?.[0];
    if (!record) throw new CrmError('unavailable', 'Salesforce saved the referral but did not return it. Reload to see it.');
    return this.toReferral(record, currency);
  }

  async findDuplicateReferrals(probe: DuplicateProbe, options: CallOptions = {}): Promise<Referral[]> {
    const currency = await this.currency('referral', options.signal);
    const f = this.mapping.referral.fields;
    const key = normalizeCompany(probe.company);
    const domain = probe.website ? normalizeDomain(probe.website) : '';
    const since = new Date(Date.now() - (probe.withinDays ?? DUPLICATE_WINDOW_DAYS) * 86_400_000);
    if (probe.partnerId && !isSalesforceId(probe.partnerId)) return [];
    const where = and(
      or(key ? eq(f.companyKey, key) : undefined, domain ? eq(f.websiteKey, domain) : undefined),
      cmp(f.submittedAt, '>=', since),
      probe.partnerId ? idEq(f.partnerId, probe.partnerId) : undefined,
    );
    if (!key && !domain) return [];
    const records = await this.queryAll(this.referralSelect(where, currency, { orderBy: [{ field: f.submittedAt, direction: 'DESC' }] }), options.signal);
    return this.toReferrals(records, currency).referrals;
  }

  async getReferral(id: string, options: CallOptions = {}): Promise<Referral> {
    if (!isSalesforceId(id)) throw new CrmError('not-found', `No referral has the id "${String(id).slice(0, 40)}".`);
    const currency = await this.currency('referral', options.signal);
    const result = await this.query(this.referralSelect(idEq(this.mapping.referral.fields.id, id), currency), options.signal);
    const record = result.records?.[0];
    if (!record) throw new CrmError('not-found', `No referral has the id ${id}.`);
    return this.toReferral(record, currency);
  }

  /**
   * Salesforce returns a query in batches of 2,000 (one call each, following nextRecordsUrl). A
   * smaller `pageSize` is served from the batch already fetched, so listing N referrals costs
   * ceil(N/2000) query calls whatever the page size. `nextCursor` is opaque.
   */
  async listReferrals(request: ReferralPageRequest = {}, options: CallOptions = {}): Promise<ReferralPage> {
    const currency = await this.currency('referral', options.signal);
    const pageSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(request.pageSize ?? MAX_BATCH)));
    let batch: { records: unknown[]; nextRecordsUrl?: string; total?: number };
    let offset = 0;
    const buffered = request.cursor ? this.pageBuffers.get(request.cursor.split(':')[1] ?? '') : undefined;
    if (request.cursor && buffered) {
      batch = buffered;
      offset = Number(request.cursor.split(':')[2]);
    } else if (request.cursor) {
      if (request.cursor.startsWith('cosell:')) throw new CrmError('bad-data', 'This page of referrals has expired. Reload the list.');
      batch = this.batchOf(this.queryResult(await this.client.json({ method: 'GET', path: this.nextRecordsPath(request.cursor) }, options.signal)));
    } else {
      const { cursor: _c, pageSize: _p, ...rest } = request;
      const filter = parseRecord(ReferralFilterSchema, rest, { record: 'Referral filter', source: 'input' });
      const f = this.mapping.referral.fields;
      if ((filter.partnerId && !isSalesforceId(filter.partnerId)) || (filter.sellerId && !isSalesforceId(filter.sellerId))) {
        return { referrals: [], total: 0 };
      }
      const where = and(
        filter.partnerId ? idEq(f.partnerId, filter.partnerId) : undefined,
        filter.sellerId ? idEq(f.sellerId, filter.sellerId) : undefined,
        filter.stages ? inList(f.stage, filter.stages.map((s: Stage) => this.mapping.stageValues[s])) : undefined,
        filter.market ? eq(f.country, filter.market) : undefined,
        filter.submittedFrom ? cmp(f.submittedAt, '>=', dateBound(filter.submittedFrom, 'from')) : undefined,
        filter.submittedTo ? cmp(f.submittedAt, '<', dateBound(filter.submittedTo, 'to')) : undefined,
        filter.q?.trim() ? or(contains(f.company, filter.q.trim()), contains(f.partnerName, filter.q.trim())) : undefined,
      );
      const soql = this.referralSelect(where, currency, {
        orderBy: [{ field: f.submittedAt, direction: 'DESC' }, { field: f.id, direction: 'DESC' }],
      });
      batch = this.batchOf(await this.query(soql, options.signal));
    }
    const slice = batch.records.slice(offset, offset + pageSize);
    const { referrals, skipped } = this.toReferrals(slice, currency);
    const page: ReferralPage = { referrals };
    if (offset + pageSize < batch.records.length) {
      const key = request.cursor && buffered ? request.cursor.split(':')[1]! : this.bufferBatch(batch);
      page.nextCursor = `cosell:${key}:${offset + pageSize}`;
    } else if (batch.nextRecordsUrl) {
      page.nextCursor = batch.nextRecordsUrl;
    }
    if (batch.total !== undefined) page.total = batch.total;
    if (skipped.length) page.skipped = skipped;
    return page;
  }

  private batchOf(result: QueryResult): { records: unknown[]; nextRecordsUrl?: string; total?: number } {
    return {
      records: result.records ?? [],
      ...(result.done === false && result.nextRecordsUrl ? { nextRecordsUrl: this.nextRecordsPath(result.nextRecordsUrl) } : {}),
      ...(typeof result.totalSize === 'number' ? { total: result.totalSize } : {}),
    };
  }

  /** Keep a fetched batch for the pages still to be handed out (the 20 most recent lists). */
  private bufferBatch(batch: { records: unknown[]; nextRecordsUrl?: string; total?: number }): string {
    const key = (++this.bufferCounter).toString(36);
    this.pageBuffers.set(key, batch);
    if (this.pageBuffers.size > 20) this.pageBuffers.delete(this.pageBuffers.keys().next().value!);
    return key;
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

  private ifUnmodifiedSince(id: string, expectedVersion: number): Record<string, string> | undefined {
    const seen = this.seen.get(id);
    if (!seen || seen.version !== expectedVersion) return undefined;
    const date = new Date(seen.lastModified.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(date.getTime()) ? undefined : { 'If-Unmodified-Since': date.toUTCString() };
  }

  private async conflictWithCurrent(id: string, error: CrmError, signal?: AbortSignal): Promise<CrmError> {
    if (error.kind !== 'conflict') return error;
    const current = await this.getReferral(id, { signal }).catch(() => undefined);
    return new CrmError('conflict', undefined, { details: current, cause: error });
  }

  /**
   * One Composite call: PATCH with `If-Unmodified-Since` (the LastModifiedDate seen with that
   * version) and Version__c = expectedVersion + 1 (checked by the Cosell_Version_Check validation
   * rule), then the record as saved. A stale move changes nothing and fails with `conflict`.
   */
  async moveReferral(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    assertSalesforceId(id, 'referral');
    const parsed = parseRecord(MoveRequestSchema, move, { record: 'Move', source: 'input' });
    const currency = await this.currency('referral', options.signal);
    await this.assertWritable('referral', 'update', options.signal);
    const r = this.mapping.referral;
    const headers = this.ifUnmodifiedSince(id, parsed.expectedVersion);
    const [patch, readBack] = await this.composite(
      [
        { method: 'PATCH', url: `${this.client.dataPath}/sobjects/${r.object}/${id}`, referenceId: 'move', body: this.moveFields(parsed, new Date().toISOString()), ...(headers ? { httpHeaders: headers } : {}) },
        { method: 'GET', url: this.queryPath(this.referralSelect(idEq(r.fields.id, id), currency)), referenceId: 'read' },
      ],
      true,
      options.signal,
    );
    if (!patch || patch.httpStatusCode >= 300) {
      throw await this.conflictWithCurrent(id, toCrmError(patch?.httpStatusCode ?? 500, patch?.body, referralDomainField(this.mapping)), options.signal);
    }
    const record = readBack && readBack.httpStatusCode < 300 ? this.queryResult(readBack.body).records?.[0] : undefined;
    if (!record) throw new CrmError('not-found', `No referral has the id ${id}.`);
    return this.toReferral(record, currency);
  }

  /**
   * sObject Collections, 200 records per call, each in a Composite request with the read-back
   * query: ceil(k/200) calls. Each referral succeeds or fails on its own.
   */
  async moveReferrals(moves: { id: string; move: MoveRequest }[], options: CallOptions = {}): Promise<(Referral | CrmError)[]> {
    const currency = await this.currency('referral', options.signal);
    await this.assertWritable('referral', 'update', options.signal);
    const r = this.mapping.referral;
    const results: (Referral | CrmError)[] = new Array<Referral | CrmError>(moves.length);
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
    for (let start = 0; start < valid.length; start += COLLECTION_SIZE) {
      const chunk = valid.slice(start, start + COLLECTION_SIZE);
      const [patch, readBack] = await this.composite(
        [
          {
            method: 'PATCH',
            url: `${this.client.dataPath}/composite/sobjects`,
            referenceId: 'moves',
            body: { allOrNone: false, records: chunk.map((m) => ({ attributes: { type: r.object }, id: m.id, ...this.moveFields(m.move, now) })) },
          },
          { method: 'GET', url: this.queryPath(this.referralSelect(idIn(r.fields.id, chunk.map((m) => m.id)), currency)), referenceId: 'read' },
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
        for (const record of this.queryResult(readBack.body).records ?? []) if (isRecord(record) && record.Id) saved.set(String(record.Id).slice(0, 15), record);
      }
      const outcomes = patch.body as { id?: string; success?: boolean; errors?: unknown[] }[];
      for (const [i, m] of chunk.entries()) {
        const outcome = outcomes[i];
        if (outcome?.success) {
          const record = saved.get(m.id.slice(0, 15));
          try {
            results[m.index] = record ? this.toReferral(record, currency) : new CrmError('not-found', `No referral has the id ${m.id}.`);
          } catch (error) {
            results[m.index] = CrmError.from(error);
          }
        } else {
          const errors = errorItems(outcome?.errors ?? []);
          const error = toCrmError(400, errors, referralDomainField(this.mapping));
          const record = saved.get(m.id.slice(0, 15));
          results[m.index] = error.kind === 'conflict' && record
            ? new CrmError('conflict', undefined, { details: this.toReferral(record, currency), cause: error })
            : error;
        }
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- revshare

  async listAgreements(partnerId?: string, options: CallOptions = {}): Promise<RevshareAgreement[]> {
    if (partnerId !== undefined && !isSalesforceId(partnerId)) return [];
    const currency = await this.currency('agreement', options.signal);
    const a = this.mapping.agreement;
    const fields = Object.values(a.fields);
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    const records = await this.queryAll(
      select({ fields, from: a.object, where: partnerId ? idEq(a.fields.partnerId, partnerId) : undefined, orderBy: [{ field: a.fields.startDate }] }),
      options.signal,
    );
    return records.filter(isRecord).map((record) => agreementFromRecord(record, this.mapping, currency));
  }

  async listStatements(input: StatementQuery, options: CallOptions = {}): Promise<RevshareStatement[]> {
    const query = parseRecord(StatementRangeSchema, input, { record: 'Statement query', source: 'input' });
    if (query.partnerId !== undefined && !isSalesforceId(query.partnerId)) return [];
    const currency = await this.currency('statement', options.signal);
    const lineCurrency = await this.currency('statementLine', options.signal);
    const s = this.mapping.statement;
    const l = this.mapping.statementLine;
    const fields = Object.values(s.fields);
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    const statements = (await this.queryAll(
      select({
        fields,
        from: s.object,
        where: and(
          query.partnerId ? idEq(s.fields.partnerId, query.partnerId) : undefined,
          cmp(s.fields.period, '>=', query.from),
          cmp(s.fields.period, '<=', query.to),
        ),
        orderBy: [{ field: s.fields.period }, { field: s.fields.id }],
      }),
      options.signal,
    )).filter(isRecord);
    const lines = new Map<string, StatementLine[]>();
    const lineFields = Object.values(l.fields);
    if (lineCurrency.multiCurrency) lineFields.push(this.mapping.currencyField);
    const ids = statements.map((st) => String(st.Id));
    const linesOf = (run: string[]) => select({ fields: lineFields, from: l.object, where: idIn(l.fields.statementId, run), orderBy: [{ field: l.fields.id }] });
    // As many statements per query as keep its URI within MAX_QUERY_URI_BYTES (about 260 ids).
    for (const run of this.idRuns(ids, linesOf)) {
      const records = await this.queryAll(linesOf(run), options.signal);
      for (const record of records.filter(isRecord)) {
        const statementId = String(getPath(record, l.fields.statementId)).slice(0, 15);
        const list = lines.get(statementId) ?? [];
        list.push(statementLineFromRecord(record, this.mapping, lineCurrency));
        lines.set(statementId, list);
      }
    }
    return statements.map((st) => statementFromRecord(st, lines.get(String(st.Id).slice(0, 15)) ?? [], this.mapping, currency));
  }
}

/** Bytes of a path and query string as an HTTP client sends it (percent-encoded by the URL parser). */
function uriBytes(path: string): number {
  const url = new URL(path, 'https://host.invalid');
  return url.pathname.length + url.search.length;
}

/** A filter bound: YYYY-MM-DD is the start of that day (from) or of the next day (to, exclusive). */
function dateBound(value: string, side: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (side === 'to') day.setUTCDate(day.getUTCDate() + 1);
    return day;
  }
  return new Date(value);
}
