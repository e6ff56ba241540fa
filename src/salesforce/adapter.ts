import type { Connection } from 'jsforce';
import { z } from '../domain/zod.js';
import { PeriodSchema } from '../domain/period.js';
import type {
  CallOptions, CrmAdapter, CrmCapabilities, DuplicateProbe, PartnerFilter, ReferralPage, ReferralPageRequest, StatementQuery,
} from '../adapters/adapter.js';
import { CrmError, parseRecord } from '../errors.js';
import type { Partner } from '../domain/partner.js';
import { rankPartners } from '../domain/partner-search.js';
import { submittedRange } from '../domain/referral-filter.js';
import { ReferralFilterSchema, type MoveRequest, type Referral, type ReferralInput } from '../domain/referral.js';
import type { RevshareAgreement, RevshareStatement, StatementLine } from '../domain/revshare.js';
import type { Stage, StageDefinition } from '../domain/stages.js';
import { can, UserSchema, type Role, type User } from '../domain/user.js';
import { normalizeCompany, normalizeDomain } from '../domain/normalize.js';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart } from '../domain/duplicates.js';
import { SalesforceClient, type AccessTokenProvider, type ApiUsage } from './client.js';
import { RetryPolicy, type RetryOptions } from '../adapters/retry.js';
import { DEFAULT_API_VERSION, tokenProviderOf } from './connection.js';
import { OrgDescribe } from './describe.js';
import { parseMapping, type SalesforceMapping, type SalesforceMappingInput } from './mapping.js';
import { isRecord, MAX_BATCH, Queries, type QueryBatch } from './queries.js';
import {
  agreementFromRecord, getPath, partnerFromRecord, referralDomainField, referralFromRecord,
  statementFromRecord, statementLineFromRecord, type CurrencyInfo,
} from './records.js';
import { and, cmp, contains, eq, idEq, idIn, inList, isSalesforceId, or, select, type Condition } from './soql.js';
import { ReferralWrites } from './writes.js';

export { MAX_QUERY_URI_BYTES } from './queries.js';

export interface SalesforceAdapterOptions {
  /** A jsforce Connection (see connectWithToken, connectWithTokenProvider, completeAuthorization). */
  connection: Connection;
  /** Where the domain lives in the org; defaults match salesforce/force-app. */
  mapping?: SalesforceMappingInput;
  /** REST API version, "64.0" or newer (default 64.0). */
  apiVersion?: string;
  /** Asked for a new token once when Salesforce answers 401; defaults to the connection helper's. */
  getAccessToken?: AccessTokenProvider;
  /**
   * Retries after a network error, a timeout, 5xx, UNABLE_TO_LOCK_ROW or REQUEST_LIMIT_EXCEEDED, with
   * backoff and honouring Retry-After, within a budget per action (the README's table); `timeoutMs`
   * is one attempt's limit.
   */
  retry?: RetryOptions;
}

const StatementRangeSchema = z
  .object({ partnerId: z.optional(z.string().check(z.minLength(1))), from: PeriodSchema, to: PeriodSchema })
  .check(z.refine((q) => q.from <= q.to, { message: 'The period range ends before it starts', path: ['to'] }));

/**
 * CrmAdapter for a Salesforce org, on a jsforce Connection. See the README's Salesforce section for
 * the org set-up, the mapping, and the calls each method makes.
 */
export class SalesforceAdapter implements CrmAdapter {
  readonly capabilities: CrmCapabilities = { liveChanges: false, partnerStats: false, batchMoves: true };
  readonly mapping: SalesforceMapping;
  readonly apiVersion: string;
  private readonly client: SalesforceClient;
  private readonly queries: Queries;
  private readonly org: OrgDescribe;
  private readonly writes: ReferralWrites;
  private currentUser: Promise<User> | undefined;
  /**
   * Partner queries in flight, by SOQL. Several widgets on one page (form, list, board, summary) ask
   * for the partners as they load; while one query is under way the others share it, so the org
   * answers once. Nothing is kept after it settles, so there is nothing to invalidate.
   */
  private readonly partnerLoads = new Map<string, Promise<Partner[]>>();
  /** LastModifiedDate seen for (id, version): sent as If-Unmodified-Since on a move. */
  private readonly seen = new Map<string, { version: number; lastModified: string; stage: Stage }>();
  private readonly pageBuffers = new Map<string, QueryBatch>();
  private bufferCounter = 0;

  constructor(options: SalesforceAdapterOptions) {
    this.mapping = parseMapping(options.mapping);
    this.apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    if (!/^\d{2,3}\.0$/.test(this.apiVersion)) throw new TypeError(`Not a Salesforce API version: ${this.apiVersion}`);
    this.client = new SalesforceClient(
      options.connection,
      this.apiVersion,
      options.getAccessToken ?? tokenProviderOf(options.connection),
      new RetryPolicy(options.retry),
      referralDomainField(this.mapping),
    );
    this.queries = new Queries(this.client);
    this.org = new OrgDescribe(this.client, this.mapping, this.queries);
    this.writes = new ReferralWrites(this.client, this.mapping, this.queries, this.org, {
      select: (where, currency) => this.referralSelect(where, currency),
      toReferral: (record, currency) => this.toReferral(record, currency),
      getReferral: (id, options) => this.getReferral(id, options),
      currentUserId: async (signal) => (await this.getCurrentUser(signal ? { signal } : {})).id,
      seen: (id) => this.seen.get(id),
    });
  }

  /** The API usage from the latest `Sforce-Limit-Info` header (undefined before the first call). */
  get apiUsage(): ApiUsage | undefined {
    return this.client.apiUsage;
  }

  /** HTTP requests this adapter has sent (retries included). */
  get requestCount(): number {
    return this.client.requestCount;
  }

  /**
   * The org's stages, in its picklist order, with its labels: a renamed stage shows the org's label.
   * Inactive values and values no domain stage maps to are left out.
   */
  async getStageDefinitions(options: CallOptions = {}): Promise<StageDefinition[]> {
    return this.org.stageDefinitions(options.signal);
  }

  // ---------------------------------------------------------------- referral records

  private referralFields(): string[] {
    const fields = Object.values(this.mapping.referral.fields);
    return fields;
  }

  private referralSelect(where: Condition | undefined, currency: CurrencyInfo, extra: Partial<Parameters<typeof select>[0]> = {}): string {
    const fields = this.referralFields();
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    // The stage history in the same query: one parent-child subquery, oldest change first.
    const c = this.mapping.stageChange.fields;
    const history = {
      fields: [c.id, c.from, c.to, c.at, c.by, c.reason, 'CreatedById'],
      from: this.mapping.stageChangeRelationship,
      orderBy: [{ field: c.at }, { field: c.id }],
    };
    return select({ fields, from: this.mapping.referral.object, where, children: [history], ...extra });
  }

  private toReferral(record: unknown, currency: CurrencyInfo): Referral {
    if (!isRecord(record)) throw new CrmError('bad-data', 'Salesforce returned a referral that is not a record.');
    const referral = referralFromRecord(record, this.mapping, currency);
    const lastModified = getPath(record, this.mapping.referral.fields.lastModifiedDate);
    if (typeof lastModified === 'string') this.seen.set(referral.id, { version: referral.version, lastModified, stage: referral.stage });
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
    let role: Role;
    try {
      role = await this.roleFromPermissionSets(userId);
    } catch (error) {
      if (!CrmError.is(error, 'bad-data')) throw error;
      role = await this.roleFromAccess();
    }
    return parseRecord(
      UserSchema,
      { id: userId, name: info.name ?? info.preferred_username, email: typeof info.email === 'string' ? info.email : undefined, role },
      { record: 'Current user', source: 'crm' },
    );
  }

  /** The role of the highest Cosell permission set assigned to the user. */
  private async roleFromPermissionSets(userId: string): Promise<Role> {
    const sets = this.mapping.rolePermissionSets;
    const result = await this.queries.query(
      select({ fields: ['PermissionSet.Name'], from: 'PermissionSetAssignment', where: and(idEq('AssigneeId', userId), inList('PermissionSet.Name', Object.values(sets))) }),
    );
    const names = new Set((result.records ?? []).map((r) => (isRecord(r) ? getPath(r, 'PermissionSet.Name') : undefined)));
    const order: Role[] = ['admin', 'partner-manager', 'finance', 'seller'];
    return order.find((r) => names.has(sets[r])) ?? 'seller';
  }

  /**
   * Only users with View Setup and Configuration, Assign Permission Sets or Manage Users may read
   * PermissionSetAssignment (Salesforce object reference, Summer '20 on), which no Cosell set grants.
   * For everyone else the role is what the org lets them do, from the describes the adapter needs
   * anyway: creating partners is the admin's, editing the stage the partner manager's, reading
   * revenue share finance's; everyone else is a seller.
   */
  private async roleFromAccess(): Promise<Role> {
    const field = async (object: 'partner' | 'referral' | 'statement', name: string | undefined, flag: 'createable' | 'updateable' | 'readable') => {
      try {
        const described = await this.org.describe(object);
        return flag === 'readable' || described.byName.get(String(name).toLowerCase())?.[flag] === true;
      } catch (error) {
        if (CrmError.is(error, 'bad-data')) return false;
        throw error;
      }
    };
    if (await field('partner', this.mapping.partner.fields.name, 'createable')) return 'admin';
    if (await field('referral', this.mapping.referral.fields.stage, 'updateable')) return 'partner-manager';
    if (await field('statement', undefined, 'readable')) return 'finance';
    return 'seller';
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
    await this.org.describe('partner', options.signal);
    const result = await this.queries.query(this.partnerQuery(idEq(this.mapping.partner.fields.id, id)), options.signal);
    const record = result.records?.[0];
    if (!isRecord(record)) throw new CrmError('not-found', `No partner has the id ${id}.`);
    return partnerFromRecord(record, this.mapping);
  }

  async listPartners(filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    await this.org.describe('partner', options.signal);
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
      load = this.queries.all(soql)
        .then((records) => this.partnersFrom(records))
        .finally(() => this.partnerLoads.delete(soql));
      this.partnerLoads.set(soql, load);
    }
    return load;
  }

  async searchPartners(query: string, filter: PartnerFilter = {}, options: CallOptions = {}): Promise<Partner[]> {
    return rankPartners(await this.listPartners(filter, options), query);
  }

  // ---------------------------------------------------------------- referrals

  /**
   * One Composite call: the upsert by external id, then the record as saved (a retried upsert
   * returns the first referral, whatever happened to it since).
   */
  createReferral(input: ReferralInput, options: CallOptions = {}): Promise<Referral> {
    return this.client.policy.run('create referral', (signal) => this.writes.create(input, { signal }), options);
  }

  async findDuplicateReferrals(probe: DuplicateProbe, options: CallOptions = {}): Promise<Referral[]> {
    const currency = await this.org.currency('referral', options.signal);
    const f = this.mapping.referral.fields;
    const key = normalizeCompany(probe.company);
    const domain = probe.website ? normalizeDomain(probe.website) : '';
    const since = duplicateWindowStart(new Date(), probe.withinDays ?? DUPLICATE_WINDOW_DAYS);
    if (probe.partnerId && !isSalesforceId(probe.partnerId)) return [];
    const where = and(
      or(key ? eq(f.companyKey, key) : undefined, domain ? eq(f.websiteKey, domain) : undefined),
      cmp(f.submittedAt, '>=', since),
      probe.partnerId ? idEq(f.partnerId, probe.partnerId) : undefined,
    );
    if (!key && !domain) return [];
    const records = await this.queries.all(this.referralSelect(where, currency, { orderBy: [{ field: f.submittedAt, direction: 'DESC' }] }), options.signal);
    return this.toReferrals(records, currency).referrals;
  }

  async getReferral(id: string, options: CallOptions = {}): Promise<Referral> {
    if (!isSalesforceId(id)) throw new CrmError('not-found', `No referral has the id "${String(id).slice(0, 40)}".`);
    const currency = await this.org.currency('referral', options.signal);
    const result = await this.queries.query(this.referralSelect(idEq(this.mapping.referral.fields.id, id), currency), options.signal);
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
    const currency = await this.org.currency('referral', options.signal);
    const pageSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(request.pageSize ?? MAX_BATCH)));
    let batch: QueryBatch;
    let offset = 0;
    const buffered = request.cursor ? this.pageBuffers.get(request.cursor.split(':')[1] ?? '') : undefined;
    if (request.cursor && buffered) {
      batch = buffered;
      offset = Number(request.cursor.split(':')[2]);
    } else if (request.cursor) {
      if (request.cursor.startsWith('cosell:')) throw new CrmError('bad-data', 'This page of referrals has expired. Reload the list.');
      batch = this.queries.batchOf(await this.queries.more(request.cursor, options.signal));
    } else {
      const { cursor: _c, pageSize: _p, ...rest } = request;
      const filter = parseRecord(ReferralFilterSchema, rest, { record: 'Referral filter', source: 'input' });
      const f = this.mapping.referral.fields;
      const range = submittedRange(filter);
      if ((filter.partnerId && !isSalesforceId(filter.partnerId)) || (filter.sellerId && !isSalesforceId(filter.sellerId))) {
        return { referrals: [], total: 0 };
      }
      const where = and(
        filter.partnerId ? idEq(f.partnerId, filter.partnerId) : undefined,
        filter.sellerId ? idEq(f.sellerId, filter.sellerId) : undefined,
        filter.stages ? inList(f.stage, filter.stages.map((s: Stage) => this.mapping.stageValues[s])) : undefined,
        filter.market ? eq(f.country, filter.market) : undefined,
        range.fromMs !== undefined ? cmp(f.submittedAt, '>=', new Date(range.fromMs)) : undefined,
        // Inclusive, as the domain's rule; SOQL date-times have whole seconds, like the org's values.
        range.toMs !== undefined ? cmp(f.submittedAt, '<=', new Date(range.toMs)) : undefined,
        filter.q?.trim() ? or(contains(f.company, filter.q.trim()), contains(f.partnerName, filter.q.trim())) : undefined,
      );
      const soql = this.referralSelect(where, currency, {
        orderBy: [{ field: f.submittedAt, direction: 'DESC' }, { field: f.id, direction: 'DESC' }],
      });
      batch = this.queries.batchOf(await this.queries.query(soql, options.signal));
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

  /** Keep a fetched batch for the pages still to be handed out (the 20 most recent lists). */
  private bufferBatch(batch: QueryBatch): string {
    const key = (++this.bufferCounter).toString(36);
    this.pageBuffers.set(key, batch);
    if (this.pageBuffers.size > 20) this.pageBuffers.delete(this.pageBuffers.keys().next().value!);
    return key;
  }

  /**
   * One Composite call: PATCH with `If-Unmodified-Since` (the LastModifiedDate seen with that
   * version) and Version__c = expectedVersion + 1 (checked by the Cosell_Version_Check validation
   * rule), then the record as saved. A stale move changes nothing and fails with `conflict`.
   */
  moveReferral(id: string, move: MoveRequest, options: CallOptions = {}): Promise<Referral> {
    return this.client.policy.run('move', (signal) => this.writes.move(id, move, { signal }), options);
  }

  /**
   * sObject Collections, 200 records per call, each in a Composite request with the read-back
   * query: ceil(k/200) calls. Each referral succeeds or fails on its own.
   */
  moveReferrals(moves: { id: string; move: MoveRequest }[], options: CallOptions = {}): Promise<(Referral | CrmError)[]> {
    return this.client.policy.run('batch move', (signal) => this.writes.moveMany(moves, { signal }), options);
  }

  // ---------------------------------------------------------------- revshare

  /**
   * The currency of a revenue-share object. An org answers "no such object" both when it lacks the
   * object and when the user may not read it; for a user whose role does not see revenue share
   * (a seller: Cosell_Seller has no access to it) that is a permission error, not a broken deploy.
   */
  private async revshareCurrency(object: 'agreement' | 'statement' | 'statementLine', signal?: AbortSignal): Promise<CurrencyInfo> {
    try {
      return await this.org.currency(object, signal);
    } catch (error) {
      if (CrmError.is(error, 'bad-data') && CrmError.is(error.cause, 'not-found') && !can.viewRevshare(await this.getCurrentUser({ signal }))) {
        throw new CrmError('permission', `You cannot read ${this.mapping[object].object} in Salesforce. Revenue share is for finance and partner managers; ask your admin for their permission set.`, { cause: error });
      }
      throw error;
    }
  }

  async listAgreements(partnerId?: string, options: CallOptions = {}): Promise<RevshareAgreement[]> {
    if (partnerId !== undefined && !isSalesforceId(partnerId)) return [];
    const currency = await this.revshareCurrency('agreement', options.signal);
    const a = this.mapping.agreement;
    const fields = Object.values(a.fields);
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    const records = await this.queries.all(
      select({ fields, from: a.object, where: partnerId ? idEq(a.fields.partnerId, partnerId) : undefined, orderBy: [{ field: a.fields.startDate }] }),
      options.signal,
    );
    return records.filter(isRecord).map((record) => agreementFromRecord(record, this.mapping, currency));
  }

  async listStatements(input: StatementQuery, options: CallOptions = {}): Promise<RevshareStatement[]> {
    const query = parseRecord(StatementRangeSchema, input, { record: 'Statement query', source: 'input' });
    if (query.partnerId !== undefined && !isSalesforceId(query.partnerId)) return [];
    const currency = await this.revshareCurrency('statement', options.signal);
    const lineCurrency = await this.revshareCurrency('statementLine', options.signal);
    const s = this.mapping.statement;
    const l = this.mapping.statementLine;
    const fields = Object.values(s.fields);
    if (currency.multiCurrency) fields.push(this.mapping.currencyField);
    const statements = (await this.queries.all(
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
    for (const run of this.queries.idRuns(ids, linesOf)) {
      const records = await this.queries.all(linesOf(run), options.signal);
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

