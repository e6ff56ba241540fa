/** Salesforce records ↔ domain records, through the mapping. Every result goes through its zod schema. */
import { parseRecord } from '../errors.js';
import { currencyDigits, type Money } from '../domain/money.js';
import { PartnerLinkSchema, PartnerSchema, LIFECYCLE_STEPS, INTEGRATION_STATUSES, type Partner } from '../domain/partner.js';
import { ReferralSchema, type Referral, type ReferralInput } from '../domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema, StatementLineSchema, type RevshareAgreement, type RevshareStatement, type StatementLine } from '../domain/revshare.js';
import { normalizeCompany, normalizeDomain } from '../domain/normalize.js';
import { stageFromValue, type SalesforceMapping } from './mapping.js';
import { z } from '../domain/zod.js';

export type SfRecord = Record<string, unknown> & { Id?: string; attributes?: { type: string; url?: string } };

/** A field by path ("CreatedBy.Name"), null-safe; Salesforce nulls become undefined. */
export function getPath(record: SfRecord, path: string): unknown {
  let value: unknown = record;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value ?? undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Salesforce date-times look like 2011-07-07T00:37:00.000+0000; the domain uses ISO with Z. */
export function isoDateTime(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const date = new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? v : date.toISOString();
}

/** A Salesforce currency value (decimal) → integer minor units; undefined when absent. */
export function moneyFrom(value: unknown, currency: string): Money | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return { amountMinor: Math.round(value * 10 ** currencyDigits(currency)), currency };
}

/** Integer minor units → the decimal Salesforce stores. */
export function moneyTo(money: Money): number {
  return money.amountMinor / 10 ** currencyDigits(money.currency);
}

/** Drop undefined values so optional schema fields stay absent. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface CurrencyInfo {
  /** The currency field exists on this object (multi-currency org). */
  multiCurrency: boolean;
  /** The org's currency, used when multiCurrency is false. */
  orgCurrency: string;
}

function currencyOf(record: SfRecord, mapping: SalesforceMapping, currency: CurrencyInfo): string {
  return (currency.multiCurrency ? text(getPath(record, mapping.currencyField)) : undefined) ?? currency.orgCurrency;
}

export function referralFromRecord(record: SfRecord, mapping: SalesforceMapping, currency: CurrencyInfo): Referral {
  const f = mapping.referral.fields;
  const g = (path: string) => getPath(record, path);
  const cur = currencyOf(record, mapping, currency);
  const submittedAt = isoDateTime(g(f.submittedAt));
  const candidate = {
    id: g(f.id),
    externalId: g(f.externalId),
    partnerId: g(f.partnerId),
    prospect: compact({
      company: g(f.company),
      website: text(g(f.website)),
      country: g(f.country),
      contactName: g(f.contactName),
      contactEmail: g(f.contactEmail),
      contactPhone: text(g(f.contactPhone)),
      contactTitle: text(g(f.contactTitle)),
    }),
    useCase: g(f.useCase),
    estimatedArr: moneyFrom(g(f.estimatedArr), cur),
    expectedTimeline: text(g(f.expectedTimeline)),
    notes: text(g(f.notes)),
    consentToContact: g(f.consentToContact) === true,
    existingCustomer: g(f.existingCustomer) === true,
    crmRecordId: text(g(f.crmRecordId)),
    duplicateOverrideReason: text(g(f.duplicateOverrideReason)),
    seller: { id: g(f.sellerId), name: g(f.sellerName) },
    stage: stageFromValue(mapping, g(f.stage)) ?? g(f.stage),
    submittedAt,
    acceptedAt: isoDateTime(g(f.acceptedAt)),
    stageChangedAt: isoDateTime(g(f.stageChangedAt)) ?? submittedAt,
    closedAt: isoDateTime(g(f.closedAt)),
    closeReason: text(g(f.closeReason)),
    version: g(f.version) ?? 0,
    lastModifiedBy: text(g(f.lastModifiedBy)),
    stageHistory: stageHistoryFrom(record, mapping, g(f.sellerId), submittedAt),
  };
  return parseRecord(ReferralSchema, compact(candidate), { record: `Referral ${String(record.Id ?? '')}`.trim(), source: 'crm' });
}

/**
 * The stage history of a referral record, from its stage-change children (the subquery on
 * `mapping.stageChangeRelationship`), oldest first. The submission is not a child record: it is the
 * referral's creation (CreatedDate, CreatedById), put first when the recorded changes start from
 * Submitted. A referral with no change records in a stage past Submitted was moved before the org
 * kept history: undefined, and the domain reconstructs it (marked inferred). A child record the
 * schema rejects makes the referral bad data, like any other field.
 */
function stageHistoryFrom(record: SfRecord, mapping: SalesforceMapping, sellerId: unknown, submittedAt: string | undefined): unknown[] | undefined {
  const c = mapping.stageChange.fields;
  const children = getPath(record, mapping.stageChangeRelationship);
  const rows = children && typeof children === 'object' && Array.isArray((children as { records?: unknown }).records) ? ((children as { records: SfRecord[] }).records) : [];
  const changes = rows.map((row) =>
    compact({
      from: stageFromValue(mapping, getPath(row, c.from)) ?? getPath(row, c.from) ?? null,
      to: stageFromValue(mapping, getPath(row, c.to)) ?? getPath(row, c.to),
      at: isoDateTime(getPath(row, c.at)),
      by: text(getPath(row, c.by)) ?? getPath(row, 'CreatedById'),
      reason: text(getPath(row, c.reason)),
    }),
  );
  const stage = stageFromValue(mapping, getPath(record, mapping.referral.fields.stage));
  if (changes.length === 0 && stage !== 'submitted') return undefined;
  const first = changes[0] as { from?: unknown } | undefined;
  const submission = { from: null, to: 'submitted', at: submittedAt, by: sellerId };
  return !first || first.from === 'submitted' ? [submission, ...changes] : changes;
}

/** The fields an upsert writes: the seller's input only, so a retried upsert changes nothing. */
export function referralInputToFields(input: ReferralInput, mapping: SalesforceMapping, currency: CurrencyInfo): Record<string, unknown> {
  const f = mapping.referral.fields;
  const p = input.prospect;
  const fields: Record<string, unknown> = {
    [f.partnerId]: input.partnerId,
    [f.company]: p.company,
    [f.companyKey]: normalizeCompany(p.company),
    [f.website]: p.website ?? null,
    [f.websiteKey]: p.website ? normalizeDomain(p.website) : null,
    [f.country]: p.country,
    [f.contactName]: p.contactName,
    [f.contactEmail]: p.contactEmail,
    [f.contactPhone]: p.contactPhone ?? null,
    [f.contactTitle]: p.contactTitle ?? null,
    [f.useCase]: input.useCase,
    [f.estimatedArr]: moneyTo(input.estimatedArr),
    [f.expectedTimeline]: input.expectedTimeline ?? null,
    [f.notes]: input.notes ?? null,
    [f.consentToContact]: input.consentToContact,
    [f.existingCustomer]: input.existingCustomer,
    [f.crmRecordId]: input.crmRecordId ?? null,
    [f.duplicateOverrideReason]: input.duplicateOverrideReason ?? null,
  };
  if (currency.multiCurrency) fields[mapping.currencyField] = input.estimatedArr.currency;
  return fields;
}

/** Salesforce field → domain path, for validation messages. */
export function referralDomainField(mapping: SalesforceMapping): (field: string) => string {
  const f = mapping.referral.fields;
  const prospect = new Set(['company', 'website', 'country', 'contactName', 'contactEmail', 'contactPhone', 'contactTitle']);
  const byField = new Map<string, string>();
  for (const [key, field] of Object.entries(f)) {
    byField.set(field.toLowerCase(), prospect.has(key) ? `prospect.${key}` : key === 'companyKey' ? 'prospect.company' : key === 'websiteKey' ? 'prospect.website' : key);
  }
  byField.set(mapping.currencyField.toLowerCase(), 'estimatedArr.currency');
  return (field) => byField.get(field.toLowerCase()) ?? field;
}

const splitList = (v: unknown, separator: RegExp): string[] =>
  typeof v === 'string' ? v.split(separator).map((s) => s.trim()).filter(Boolean) : [];

function fromValue<T extends string>(values: Record<T, string>, ids: readonly T[], v: unknown): unknown {
  return ids.find((id) => values[id] === v) ?? v;
}

export function partnerFromRecord(record: SfRecord, mapping: SalesforceMapping): Partner {
  const f = mapping.partner.fields;
  const g = (path: string) => getPath(record, path);
  let links: unknown = [];
  const rawLinks = text(g(f.links));
  if (rawLinks) {
    try {
      links = z.array(PartnerLinkSchema).parse(JSON.parse(rawLinks));
    } catch {
      links = 'not a JSON array of links';
    }
  }
  const managerName = text(g(f.partnerManagerName));
  const managerEmail = text(g(f.partnerManagerEmail));
  const candidate = compact({
    id: g(f.id),
    name: g(f.name),
    logoUrl: text(g(f.logoUrl)),
    summary: text(g(f.summary)) ?? '',
    website: text(g(f.website)),
    integration: { name: text(g(f.integrationName)) ?? text(g(f.name)), status: fromValue(mapping.integrationStatusValues, INTEGRATION_STATUSES, g(f.integrationStatus)) },
    lifecycle: {
      step: fromValue(mapping.lifecycleStepValues, LIFECYCLE_STEPS, g(f.lifecycleStep)),
      activePrograms: splitList(g(f.activePrograms), /;/).map((v) => fromValue(mapping.lifecycleStepValues, LIFECYCLE_STEPS, v)),
    },
    partnerManager: managerName && managerEmail ? { name: managerName, email: managerEmail } : undefined,
    markets: splitList(g(f.markets), /[;,\s]+/),
    useCases: splitList(g(f.useCases), /\r?\n|;/),
    supportSla: text(g(f.supportSla)),
    links,
    acceptanceWindowDays: typeof g(f.acceptanceWindowDays) === 'number' ? g(f.acceptanceWindowDays) : undefined,
  });
  return parseRecord(PartnerSchema, candidate, { record: `Partner ${String(record.Id ?? '')}`.trim(), source: 'crm' });
}

function jsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function agreementFromRecord(record: SfRecord, mapping: SalesforceMapping, currency: CurrencyInfo): RevshareAgreement {
  const f = mapping.agreement.fields;
  const g = (path: string) => getPath(record, path);
  const rates = jsonField(g(f.rates));
  return parseRecord(
    RevshareAgreementSchema,
    {
      id: g(f.id),
      partnerId: g(f.partnerId),
      currency: currencyOf(record, mapping, currency),
      startDate: g(f.startDate),
      rates,
      paymentTermsDays: g(f.paymentTermsDays),
    },
    { record: `Revshare agreement ${String(record.Id ?? '')}`.trim(), source: 'crm' },
  );
}

export function statementLineFromRecord(record: SfRecord, mapping: SalesforceMapping, currency: CurrencyInfo): StatementLine {
  const f = mapping.statementLine.fields;
  const g = (path: string) => getPath(record, path);
  return parseRecord(
    StatementLineSchema,
    compact({
      id: g(f.id),
      customerId: g(f.customerId),
      customer: g(f.customer),
      kind: text(g(f.kind)),
      billed: moneyFrom(g(f.billed), currencyOf(record, mapping, currency)),
      customerSince: g(f.customerSince),
      recurring: typeof g(f.recurring) === 'boolean' ? g(f.recurring) : undefined,
      referralId: text(g(f.referralId)),
      description: text(g(f.description)),
    }),
    { record: `Statement line ${String(record.Id ?? '')}`.trim(), source: 'crm' },
  );
}

export function statementFromRecord(record: SfRecord, lines: StatementLine[], mapping: SalesforceMapping, currency: CurrencyInfo): RevshareStatement {
  const f = mapping.statement.fields;
  const g = (path: string) => getPath(record, path);
  const cur = currencyOf(record, mapping, currency);
  return parseRecord(
    RevshareStatementSchema,
    compact({
      id: g(f.id),
      partnerId: g(f.partnerId),
      agreementId: g(f.agreementId),
      period: g(f.period),
      currency: cur,
      lines,
      revshareDue: moneyFrom(g(f.revshareDue), cur),
      remitted: moneyFrom(g(f.remitted), cur) ?? { amountMinor: 0, currency: cur },
      remittedAt: text(g(f.remittedAt)),
      disputed: g(f.disputed) === true,
      disputeReason: text(g(f.disputeReason)),
    }),
    { record: `Revshare statement ${String(record.Id ?? '')}`.trim(), source: 'crm' },
  );
}
