import { z } from '../../src/domain/zod.js';
import { allReferrals, type CrmAdapter } from '../../src/adapters/adapter.js';
import { msg, str } from '@lit/localize';
import { addMonths, PeriodSchema, periodOf, type Period } from '../../src/domain/period.js';
import { ReferralSchema, type Referral } from '../../src/domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema, type RevshareAgreement, type RevshareStatement } from '../../src/domain/revshare.js';
import { can, type User } from '../../src/domain/user.js';
import { CrmError, parseRecord } from '../../src/errors.js';
import { computeStatements, type StatementResult } from '../../src/revshare/engine.js';

/** What the revenue-share summary loads: through the adapter, or from records given as properties. */

export type LoadArgs = [
  adapter: CrmAdapter | undefined,
  user: User | undefined,
  partnerId: string | undefined,
  from: Period,
  to: Period,
  asOf: string,
  agreements: RevshareAgreement[] | undefined,
  statements: RevshareStatement[] | undefined,
  referrals: Referral[] | undefined,
];

export interface SummaryRange {
  from: Period;
  to: Period;
  /** Why the from/to attributes were refused, in the active language. */
  error?: string;
}

/**
 * The months shown, from the from/to attributes (checked: they cross a boundary) and today (YYYY-MM-DD):
 * by default the 12 months before the month of today.
 */
export function summaryRange(fromAttr: string | undefined, toAttr: string | undefined, today: string): SummaryRange {
  const fallbackTo = addMonths(periodOf(new Date(`${today}T00:00:00Z`)), -1);
  const to = toAttr === undefined ? fallbackTo : PeriodSchema.safeParse(toAttr);
  const toPeriod = typeof to === 'string' ? to : to.success ? to.data : fallbackTo;
  const from = fromAttr === undefined ? addMonths(toPeriod, -11) : PeriodSchema.safeParse(fromAttr);
  const fromPeriod = typeof from === 'string' ? from : from.success ? from.data : addMonths(toPeriod, -11);
  const bad = (typeof to !== 'string' && !to.success) || (typeof from !== 'string' && !from.success);
  if (bad) return { from: fromPeriod, to: toPeriod, error: msg('Set from and to as months (YYYY-MM), such as 2026-01 and 2026-06.', { id: 'revshare.range.invalid' }) };
  if (fromPeriod > toPeriod) return { from: fromPeriod, to: toPeriod, error: msg(str`The range starts (${fromPeriod}) after it ends (${toPeriod}).`, { id: 'revshare.range.reversed' }) };
  return { from: fromPeriod, to: toPeriod };
}

export const userKeyOf = (user: User) => `${user.id}|${user.role}|${user.partnerIds.join(',')}`;

/** What the element loaded: statements computed by the engine, or (for a seller) their own referrals. */
export type SummaryModel =
  | { kind: 'revshare'; agreements: RevshareAgreement[]; results: StatementResult[]; referrals: Referral[]; partnerNames: Map<string, string> }
  | { kind: 'seller'; seller: User; referrals: Referral[] };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The engine refuses inconsistent records (a line in another currency, an unknown agreement): bad data. */
function compute(agreements: RevshareAgreement[], statements: RevshareStatement[], asOf: string): StatementResult[] {
  try {
    return computeStatements(agreements, statements, { asOf });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CrmError('bad-data', `The CRM's revenue-share records do not add up: ${message}`, { cause: error });
  }
}

/**
 * Loads what the summary shows. `onUser` hears who the load was for ("id|role|partners"), also when it
 * had to ask the adapter who is signed in.
 */
export async function loadSummary(
  input: {
    adapter: CrmAdapter | undefined;
    user: User | undefined;
    partnerId: string | undefined;
    from: Period;
    to: Period;
    asOf: string;
    agreements: RevshareAgreement[] | undefined;
    statements: RevshareStatement[] | undefined;
    referrals: Referral[] | undefined;
  },
  signal: AbortSignal,
  onUser: (userKey: string) => void,
): Promise<SummaryModel | undefined> {
  const { adapter, partnerId, from, to, asOf } = input;
  // Who is signed in decides what to load (a seller sees only their quota): ask the adapter when the
  // provider has not said yet.
  const user = input.user ?? (adapter && input.statements === undefined && input.agreements === undefined ? await adapter.getCurrentUser({ signal }) : undefined);
  if (user) onUser(userKeyOf(user));
  const seller = user && !can.viewRevshare(user) ? user : undefined;

  // Records given as properties cross a boundary, so they are checked.
  const givenReferrals = input.referrals && parseRecord(z.array(ReferralSchema), input.referrals, { record: 'The referrals property', source: 'crm' });

  // From properties: no adapter call.
  if (input.statements !== undefined || input.agreements !== undefined) {
    const referrals = givenReferrals ?? [];
    if (seller) return { kind: 'seller', seller, referrals: referrals.filter((r) => r.seller.id === seller.id) };
    const agreements = parseRecord(z.array(RevshareAgreementSchema), input.agreements ?? [], { record: 'The agreements property', source: 'crm' });
    const statements = parseRecord(z.array(RevshareStatementSchema), input.statements ?? [], { record: 'The statements property', source: 'crm' });
    const results = compute(agreements, statements.filter((s) => s.period <= to), asOf);
    return { kind: 'revshare', agreements, results, referrals, partnerNames: new Map() };
  }
  if (!adapter) return undefined;

  if (seller) {
    const referrals = givenReferrals ?? (await collect(allReferrals(adapter, { sellerId: seller.id, stages: ['closed-won'], ...(partnerId ? { partnerId } : {}) }, { signal })));
    return { kind: 'seller', seller, referrals };
  }

  const agreements = await adapter.listAgreements(partnerId, { signal });
  if (agreements.length === 0) return { kind: 'revshare', agreements, results: [], referrals: [], partnerNames: new Map() };
  // Tiers and carried credits depend on earlier months: load from the earliest agreement start.
  const earliest = agreements.reduce<Period>((min, a) => (a.startDate.slice(0, 7) < min ? a.startDate.slice(0, 7) : min), from);
  const [statements, referrals, partners] = await Promise.all([
    adapter.listStatements({ ...(partnerId ? { partnerId } : {}), from: earliest, to }, { signal }),
    givenReferrals ?? collect(allReferrals(adapter, { stages: ['closed-won'], ...(partnerId ? { partnerId } : {}) }, { signal })),
    // Names only label the table: without them it shows ids.
    adapter.listPartners(undefined, { signal }).catch(() => []),
  ]);
  const results = compute(agreements, statements, asOf);
  return { kind: 'revshare', agreements, results, referrals, partnerNames: new Map(partners.map((p) => [p.id, p.name])) };
}
