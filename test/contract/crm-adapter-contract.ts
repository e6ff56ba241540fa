/**
 * The shared CrmAdapter contract: every adapter (MemoryAdapter, SalesforceAdapter, later RestAdapter)
 * runs this one suite against its own copy of `contractSeed`.
 *
 * How it runs in two test runners:
 * - Test structure comes from an injected harness `{ describe, it }`. Under @web/test-runner (mocha in
 *   the browser) omit it: mocha's globals are used. Under node:test pass them in:
 *   `import { describe, it } from 'node:test'; runCrmAdapterContract('Salesforce', make, { describe, it });`
 * - Assertions use plain `chai` (`expect`), a devDependency that runs unchanged in the browser and in
 *   Node. No chai plugins (no chai-dom, no a11y), so nothing here needs a DOM.
 *
 * `makeAdapter(contractSeed)` is called once per test and must return an adapter holding exactly that
 * seed (a fresh copy: tests create and move referrals). The seed's current user is a partner manager
 * who may submit, move and see revenue share. Dates in the seed are fixed; the duplicate tests create
 * their own referrals, so the look-back window is measured from the adapter's clock.
 *
 * Roles: `{ role }` runs the same suite as another user (`contractSeedFor(role)`): a seller (Sam, who
 * sees only the referrals he submitted: Private sharing), finance or an admin. Where an expectation
 * depends on the role, the suite asserts that role's rights from the domain's `can` rules: a call the
 * role may not make fails with `permission` and changes nothing. The default, partner manager, is the
 * suite as it always was.
 */
import { expect } from 'chai';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import type { MemorySeed } from '../../src/adapters/memory-adapter.js';
import { STAGES } from '../../src/domain/stages.js';
import { partnerSearchRank, rankPartners } from '../../src/domain/partner-search.js';
import { submittedRange } from '../../src/domain/referral-filter.js';
import type { ReferralInput, Referral } from '../../src/domain/referral.js';
import { CrmError, type CrmErrorKind } from '../../src/errors.js';
import { can, UserSchema, type Role } from '../../src/domain/user.js';

export type ContractSeed = MemorySeed;

export interface ContractHarness {
  describe: (name: string, fn: () => void) => unknown;
  it: (name: string, fn: () => Promise<void>) => unknown;
}

const partner = (id: string, name: string, markets: string[], useCases: string[]) => ({
  id,
  name,
  summary: `${name} integrates with the platform.`,
  website: `https://www.${id.slice(2)}.example.com`,
  integration: { name: `${name} connector`, status: 'generally-available' as const },
  lifecycle: { step: 'referrals' as const, activePrograms: ['enablement' as const, 'co-marketing' as const, 'referrals' as const] },
  markets,
  useCases,
  links: [{ kind: 'landing-page' as const, label: 'Landing page', url: `https://www.${id.slice(2)}.example.com` }],
});

const SELLER_SAM = { id: 'u-seller-sam', name: 'Sam Seller' };
const SELLER_KIM = { id: 'u-seller-kim', name: 'Kim Seller' };

const seedReferral = (
  n: number,
  partnerId: string,
  seller: { id: string; name: string },
  company: string,
  country: string,
  stage: Referral['stage'],
  submittedAt: string,
  arr = 5_000_000,
) => ({
  id: `ref-c${String(n).padStart(2, '0')}`,
  externalId: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  partnerId,
  prospect: {
    company,
    website: `${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`,
    country,
    contactName: 'Pat Contact',
    contactEmail: 'pat@example.com',
  },
  useCase: 'Screen pop',
  estimatedArr: { amountMinor: arr, currency: 'USD' },
  consentToContact: true,
  existingCustomer: false,
  seller,
  stage,
  submittedAt,
  stageChangedAt: submittedAt,
  ...(stage === 'closed-won' || stage === 'closed-lost' || stage === 'rejected' ? { closedAt: submittedAt } : {}),
  version: stage === 'submitted' ? 0 : 2,
});

const line = (id: string, amount: number, currency = 'USD') => ({
  id,
  customerId: `cust-${id}`,
  customer: `Customer ${id}`,
  kind: amount < 0 ? ('refund' as const) : ('charge' as const),
  billed: { amountMinor: amount, currency },
  customerSince: '2025-06',
  recurring: true,
});

/** The fixed dataset every adapter is seeded with for this suite. */
export const contractSeed: ContractSeed = {
  partners: [
    partner('p-alpha', 'Alpha CRM', ['US', 'GB'], ['Screen pop', 'Call logging']),
    partner('p-beta', 'Beta Helpdesk', ['DE', 'FR'], ['Tickets from voice']),
    partner('p-gamma', 'Gamma Analytics', ['US'], ['Speech analytics']),
  ],
  referrals: [
    seedReferral(1, 'p-alpha', SELLER_SAM, 'Northwind Traders Inc', 'US', 'submitted', '2026-01-05T10:00:00.000Z'),
    seedReferral(2, 'p-alpha', SELLER_KIM, 'Contoso Ltd', 'GB', 'accepted', '2026-01-20T10:00:00.000Z'),
    seedReferral(3, 'p-beta', SELLER_SAM, 'Fabrikam GmbH', 'DE', 'qualified', '2026-02-01T00:00:00.000Z'),
    seedReferral(4, 'p-beta', SELLER_KIM, 'Tailspin Toys SA', 'FR', 'proposal', '2026-02-14T12:00:00.000Z'),
    seedReferral(5, 'p-gamma', SELLER_SAM, 'Wide World Importers LLC', 'US', 'negotiation', '2026-02-28T23:59:00.000Z'),
    seedReferral(6, 'p-alpha', SELLER_SAM, 'Litware Inc', 'US', 'closed-won', '2026-03-10T09:00:00.000Z'),
    seedReferral(7, 'p-gamma', SELLER_KIM, 'Adventure Works Corp', 'US', 'closed-lost', '2026-03-31T23:00:00.000Z'),
    seedReferral(8, 'p-beta', SELLER_SAM, 'Proseware AG', 'DE', 'rejected', '2026-04-02T08:00:00.000Z'),
    seedReferral(9, 'p-alpha', SELLER_KIM, 'Coho Winery Ltd', 'GB', 'submitted', '2026-04-18T08:00:00.000Z'),
    seedReferral(10, 'p-gamma', SELLER_SAM, 'Lucerne Publishing', 'US', 'accepted', '2026-05-07T08:00:00.000Z'),
    seedReferral(11, 'p-alpha', SELLER_SAM, 'Margie Travel Inc', 'US', 'qualified', '2026-06-01T08:00:00.000Z'),
    seedReferral(12, 'p-beta', SELLER_KIM, 'Graphic Design Institute', 'FR', 'submitted', '2026-06-20T08:00:00.000Z'),
  ],
  agreements: [
    {
      id: 'agr-alpha',
      partnerId: 'p-alpha',
      currency: 'USD',
      startDate: '2025-01-01',
      rates: [{ effectiveFrom: '2025-01-01', firstYear: { kind: 'flat', rateBps: 2000 }, renewal: { kind: 'flat', rateBps: 1000 } }],
      paymentTermsDays: 30,
    },
    {
      id: 'agr-beta',
      partnerId: 'p-beta',
      currency: 'EUR',
      startDate: '2025-07-01',
      rates: [
        {
          effectiveFrom: '2025-07-01',
          firstYear: { kind: 'tiered', tiers: [{ fromMinor: 0, rateBps: 1500 }, { fromMinor: 10_000_000, rateBps: 2000 }] },
          renewal: { kind: 'flat', rateBps: 1000 },
        },
      ],
      paymentTermsDays: 45,
    },
  ],
  statements: [
    ...['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((period, i) => ({
      id: `stm-alpha-${period}`,
      partnerId: 'p-alpha',
      agreementId: 'agr-alpha',
      period,
      currency: 'USD',
      lines: [line(`a${String(i)}`, 100_000 + i * 1000), ...(i === 2 ? [line(`a${String(i)}r`, -5_000)] : [])],
      remitted: { amountMinor: i < 4 ? 20_000 : 0, currency: 'USD' },
    })),
    ...['2026-01', '2026-02', '2026-03'].map((period, i) => ({
      id: `stm-beta-${period}`,
      partnerId: 'p-beta',
      agreementId: 'agr-beta',
      period,
      currency: 'EUR',
      lines: [line(`b${String(i)}`, 50_000, 'EUR')],
      remitted: { amountMinor: 0, currency: 'EUR' },
      disputed: i === 1,
    })),
  ],
  currentUser: { id: 'u-pm-casey', name: 'Casey Manager', email: 'casey@example.com', role: 'partner-manager', partnerIds: [] },
  users: [
    { ...SELLER_SAM, role: 'seller' },
    { ...SELLER_KIM, role: 'seller' },
  ],
};

const ROLE_USERS: Record<Role, ContractSeed['currentUser']> = {
  'partner-manager': contractSeed.currentUser,
  seller: { ...SELLER_SAM, email: 'sam@example.com', role: 'seller', partnerIds: [] },
  finance: { id: 'u-finance-fran', name: 'Fran Finance', email: 'fran@example.com', role: 'finance', partnerIds: [] },
  admin: { id: 'u-admin-alex', name: 'Alex Admin', email: 'alex@example.com', role: 'admin', partnerIds: [] },
};

/** The contract seed with a current user of this role (the seller is Sam, who submitted seven of the referrals). */
export function contractSeedFor(role: Role): ContractSeed {
  const currentUser = ROLE_USERS[role];
  const users = [SELLER_SAM, SELLER_KIM].filter((u) => u.id !== currentUser?.id).map((u) => ({ ...u, role: 'seller' as const }));
  return { ...contractSeed, currentUser, users };
}

let uuidCounter = 0;
/** A fresh RFC 4122 v4-shaped id per call, unique within a run (no Math.random, no crypto needed). */
function nextUuid(): string {
  uuidCounter++;
  const tail = (Date.now().toString(16) + uuidCounter.toString(16).padStart(6, '0')).slice(-12).padStart(12, '0');
  return `c0ffee00-0000-4000-8000-${tail}`;
}

function input(overrides: Omit<Partial<ReferralInput>, 'prospect'> & { prospect?: Partial<ReferralInput['prospect']> } = {}): ReferralInput {
  const { prospect, ...rest } = overrides;
  return {
    externalId: nextUuid(),
    partnerId: 'p-alpha',
    useCase: 'Screen pop',
    estimatedArr: { amountMinor: 2_400_000, currency: 'USD' },
    consentToContact: true,
    existingCustomer: false,
    ...rest,
    prospect: {
      company: 'Blue Yonder Airlines Inc',
      country: 'US',
      contactName: 'Jo Buyer',
      contactEmail: 'jo@blueyonder.example.com',
      ...prospect,
    },
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

async function expectCrmError(promise: Promise<unknown>, kind: CrmErrorKind): Promise<CrmError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(CrmError);
  expect((error as CrmError).kind, (error as CrmError).message).to.equal(kind);
  return error as CrmError;
}

async function expectCrmErrorOf(promise: Promise<unknown>, kinds: CrmErrorKind[]): Promise<CrmError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(CrmError);
  expect(kinds, (error as CrmError).message).to.include((error as CrmError).kind);
  return error as CrmError;
}

async function listAll(adapter: CrmAdapter, request: Parameters<CrmAdapter['listReferrals']>[0] = {}): Promise<Referral[]> {
  const out: Referral[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await adapter.listReferrals({ ...request, cursor });
    out.push(...page.referrals);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('listReferrals never returned a last page');
}

const allSeedReferrals = contractSeed.referrals ?? [];
const ids = (referrals: readonly { id: string }[]): string[] => referrals.map((r) => r.id).sort();

function defaultHarness(): ContractHarness {
  const g = globalThis as Partial<ContractHarness>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function') {
    throw new Error('runCrmAdapterContract: no global describe/it here; pass { describe, it } from node:test');
  }
  return { describe: g.describe, it: g.it };
}

export function runCrmAdapterContract(
  name: string,
  makeAdapter: (seed: ContractSeed) => Promise<CrmAdapter> | CrmAdapter,
  harness: ContractHarness = defaultHarness(),
  options: { role?: Role } = {},
): void {
  const { describe, it } = harness;
  const role = options.role ?? 'partner-manager';
  const seed = contractSeedFor(role);
  const make = async (): Promise<CrmAdapter> => makeAdapter(seed);
  const me = UserSchema.parse(seed.currentUser);
  const may = { submit: can.submitReferral(me), move: can.moveReferral(me), revshare: can.viewRevshare(me) };
  /** The seed referrals this user can see: a seller sees only their own. */
  const seedReferrals = role === 'seller' ? allSeedReferrals.filter((r) => r.seller.id === me.id) : allSeedReferrals;
  const visible = (id: string) => seedReferrals.some((r) => r.id === id);
  /** A call this role may not make: permission, and nothing changed. */
  const refused = async (call: () => Promise<unknown>, adapter: CrmAdapter, referralId?: string) => {
    const before = referralId ? await adapter.getReferral(referralId) : undefined;
    const count = (await listAll(adapter)).length;
    await expectCrmError(call(), 'permission');
    expect((await listAll(adapter)).length).to.equal(count);
    if (referralId) expect(await adapter.getReferral(referralId)).to.deep.equal(before);
  };

  describe(`CrmAdapter contract: ${name}${role === 'partner-manager' ? '' : ` as ${role}`}`, () => {
    describe('user and partners', () => {
      it('returns the current user', async () => {
        const adapter = await make();
        const user = await adapter.getCurrentUser();
        expect(user.id).to.equal(seed.currentUser.id);
        expect(user.role).to.equal(role);
      });

      it('gets and lists partners, and an unknown partner is not-found', async () => {
        const adapter = await make();
        expect((await adapter.getPartner('p-beta')).name).to.equal('Beta Helpdesk');
        expect(ids(await adapter.listPartners())).to.deep.equal(['p-alpha', 'p-beta', 'p-gamma']);
        expect(ids(await adapter.listPartners({ market: 'US' }))).to.deep.equal(['p-alpha', 'p-gamma']);
        await expectCrmError(adapter.getPartner('p-nobody'), 'not-found');
      });

      it('searches partners with name-prefix matches first', async () => {
        const adapter = await make();
        const found = (await adapter.searchPartners('al')).map((p) => p.id);
        expect(found[0]).to.equal('p-alpha'); // "Alpha CRM" starts with "al"
        expect(found).to.include('p-gamma'); // "Gamma Analytics" contains it later
        expect(found).not.to.include('p-beta'); // nothing of "Beta Helpdesk" contains "al"
        expect((await adapter.searchPartners('SPEECH')).map((p) => p.id)).to.deep.equal(['p-gamma']);
      });

      it('ranks partner search by the domain rule (rankPartners), the same through every adapter', async () => {
        const adapter = await make();
        const partners = await adapter.listPartners();
        for (const query of ['', 'a', 'al', 'ALPHA CRM', 'analytics', 'connector', 'gamma connector', 'crm', 'héLpdesk', 'zzz']) {
          const found = (await adapter.searchPartners(query)).map((p) => p.id);
          expect(found, `search "${query}"`).to.deep.equal(rankPartners(partners, query).map((p) => p.id));
        }
        // An exact name beats a prefix, a prefix a later word, a later word a substring, the name the integration.
        expect(partnerSearchRank({ id: 'x', name: 'Acme', integration: { name: 'Acme connector' }, useCases: [] }, 'acme')).to.equal(0);
        expect(['Acme Corp', 'Big Acme', 'Bacme', 'Zed'].map((name) => partnerSearchRank({ id: name, name, integration: { name: name === 'Zed' ? 'acme link' : '' }, useCases: [] }, 'ACME'))).to.deep.equal([1, 2, 3, 4]);
      });
    });

    describe('partner stats', () => {
      it('counts open referrals and sums won ARR per currency, when it can', async () => {
        const adapter = await make();
        if (!adapter.capabilities.partnerStats || !adapter.getPartnerStats) return;
        const open = new Set(['submitted', 'accepted', 'qualified', 'proposal', 'negotiation']);
        const alpha = seedReferrals.filter((r) => r.partnerId === 'p-alpha');
        const stats = await adapter.getPartnerStats('p-alpha');
        expect(stats.openReferrals).to.equal(alpha.filter((r) => open.has(r.stage)).length);
        expect(stats.wonArr).to.deep.equal(alpha.some((r) => r.stage === 'closed-won') ? [{ amountMinor: 5_000_000, currency: 'USD' }] : []);
        await expectCrmError(adapter.getPartnerStats('p-missing'), 'not-found');
      });
    });

    describe('creating referrals', () => {
      it('creates a submitted referral at version 0 for the current user', async () => {
        const adapter = await make();
        if (!may.submit) return refused(() => adapter.createReferral(input({ prospect: { company: 'Fourth Coffee Ltd' } })), adapter);
        const created = await adapter.createReferral(input({ prospect: { company: 'Fourth Coffee Ltd' } }));
        expect(created.stage).to.equal('submitted');
        expect(created.version).to.equal(0);
        expect(created.seller.id).to.equal(seed.currentUser.id);
        expect(created.prospect.company).to.equal('Fourth Coffee Ltd');
        expect(Date.parse(created.submittedAt)).to.be.a('number').and.not.NaN;
        expect(await adapter.getReferral(created.id)).to.deep.equal(created);
      });

      it('creates one referral when the same externalId is sent twice', async () => {
        const adapter = await make();
        const request = input({ prospect: { company: 'Humongous Insurance Inc' } });
        if (!may.submit) return refused(() => adapter.createReferral(request), adapter);
        const first = await adapter.createReferral(request);
        const second = await adapter.createReferral({ ...request });
        expect(second.id).to.equal(first.id);
        const page = await adapter.listReferrals({ q: 'humongous insurance' });
        expect(page.referrals.map((r) => r.id)).to.deep.equal([first.id]);
        expect(page.total ?? page.referrals.length).to.equal(1);
        const all = await listAll(adapter);
        expect(all.length).to.equal(seedReferrals.length + 1);
      });

      it('rejects invalid input with validation naming the fields', async () => {
        const adapter = await make();
        if (!may.submit) return refused(() => adapter.createReferral(input()), adapter);
        const bad = await expectCrmError(
          adapter.createReferral(input({ prospect: { contactEmail: 'not-an-email' } })),
          'validation',
        );
        expect(bad.fieldErrors).to.have.property('prospect.contactEmail');
        const noConsent = await expectCrmError(
          adapter.createReferral({ ...input(), consentToContact: false as true }),
          'validation',
        );
        expect(noConsent.fieldErrors).to.have.property('consentToContact');
        expect((await listAll(adapter)).length).to.equal(seedReferrals.length);
      });
    });

    describe('listing referrals', () => {
      it('pages through every referral exactly once, newest submitted first', async () => {
        const adapter = await make();
        const first = await adapter.listReferrals({ pageSize: 5 });
        expect(first.referrals.length).to.equal(5);
        expect(first.nextCursor).to.be.a('string');
        if (first.total !== undefined) expect(first.total).to.equal(seedReferrals.length);
        const all = await listAll(adapter, { pageSize: 5 });
        expect(all.length).to.equal(seedReferrals.length);
        expect(new Set(all.map((r) => r.id)).size).to.equal(all.length);
        expect(ids(all)).to.deep.equal(ids(seedReferrals));
        const times = all.map((r) => Date.parse(r.submittedAt));
        expect(times).to.deep.equal([...times].sort((a, b) => b - a));
      });

      it('filters by partner, seller, stages and market', async () => {
        const adapter = await make();
        const cases: [Parameters<CrmAdapter['listReferrals']>[0], (r: (typeof seedReferrals)[number]) => boolean][] = [
          [{ partnerId: 'p-beta' }, (r) => r.partnerId === 'p-beta'],
          [{ sellerId: SELLER_KIM.id }, (r) => r.seller.id === SELLER_KIM.id],
          [{ stages: ['submitted', 'closed-won'] }, (r) => r.stage === 'submitted' || r.stage === 'closed-won'],
          [{ market: 'DE' }, (r) => r.prospect.country === 'DE'],
          [{ partnerId: 'p-alpha', sellerId: SELLER_SAM.id }, (r) => r.partnerId === 'p-alpha' && r.seller.id === SELLER_SAM.id],
        ];
        for (const [filter, keep] of cases) {
          const expected = ids(seedReferrals.filter(keep));
          if (seedReferrals === allSeedReferrals) expect(expected.length, JSON.stringify(filter)).to.be.greaterThan(0);
          const page = await adapter.listReferrals(filter);
          expect(ids(page.referrals), JSON.stringify(filter)).to.deep.equal(expected);
          if (page.total !== undefined) expect(page.total).to.equal(expected.length);
        }
      });

      it('filters by submitted period, both dates inclusive', async () => {
        const adapter = await make();
        const page = await adapter.listReferrals({ submittedFrom: '2026-02-01', submittedTo: '2026-03-31' });
        // 2026-02-01T00:00 is on the first day; 2026-03-31T23:00 is on the last day.
        expect(ids(page.referrals)).to.deep.equal(['ref-c03', 'ref-c04', 'ref-c05', 'ref-c06', 'ref-c07'].filter(visible));
      });

      it('applies the domain’s date rule at both ends: dates are UTC days, instants are inclusive in any offset', async () => {
        const adapter = await make();
        const has = async (filter: Parameters<CrmAdapter['listReferrals']>[0], id: string) => ids((await adapter.listReferrals(filter)).referrals).includes(id);
        // ref-c03 was submitted at 2026-02-01T00:00:00Z, ref-c07 at 2026-03-31T23:00:00Z.
        const cases: [{ submittedFrom?: string; submittedTo?: string }, string, boolean][] = [
          [{ submittedFrom: '2026-02-01T01:00:00+01:00' }, 'ref-c03', true], // the same instant in Berlin
          [{ submittedFrom: '2026-02-01T00:00:01Z' }, 'ref-c03', false],
          [{ submittedTo: '2026-01-31' }, 'ref-c03', false],
          [{ submittedTo: '2026-02-01T00:00:00Z' }, 'ref-c03', true],
          [{ submittedTo: '2026-03-31T23:00:00Z' }, 'ref-c07', true],
          [{ submittedTo: '2026-03-31T22:59:59Z' }, 'ref-c07', false],
          [{ submittedTo: '2026-03-31T18:00:00-05:00' }, 'ref-c07', true], // 23:00Z in New York
          [{ submittedFrom: '2026-04-01' }, 'ref-c07', false],
          [{ submittedFrom: '2026-03-31', submittedTo: '2026-03-31' }, 'ref-c07', true],
        ];
        for (const [filter, id, expected] of cases) {
          expect(await has(filter, id), JSON.stringify(filter)).to.equal(expected && visible(id));
          const { fromMs, toMs } = submittedRange(filter);
          const t = Date.parse(id === 'ref-c03' ? '2026-02-01T00:00:00Z' : '2026-03-31T23:00:00Z');
          expect((fromMs === undefined || t >= fromMs) && (toMs === undefined || t <= toMs), `domain rule ${JSON.stringify(filter)}`).to.equal(expected);
        }
        await expectCrmError(adapter.listReferrals({ submittedTo: 'end of March' }), 'validation');
      });

      it('rejects a bad filter with validation naming the field', async () => {
        const adapter = await make();
        const error = await expectCrmError(adapter.listReferrals({ market: 'Germany' }), 'validation');
        expect(error.fieldErrors).to.have.property('market');
        const stage = await expectCrmError(adapter.listReferrals({ stages: ['won' as 'submitted'] }), 'validation');
        expect(Object.keys(stage.fieldErrors).some((k) => k.startsWith('stages'))).to.equal(true);
      });

      it('filters by free text over company and partner name, ignoring case', async () => {
        const adapter = await make();
        expect(ids((await adapter.listReferrals({ q: 'FABRIKAM' })).referrals)).to.deep.equal(['ref-c03']);
        const byPartner = ids((await adapter.listReferrals({ q: 'gamma analytics' })).referrals);
        expect(byPartner).to.deep.equal(ids(seedReferrals.filter((r) => r.partnerId === 'p-gamma')));
        expect((await adapter.listReferrals({ q: 'no such company' })).referrals).to.deep.equal([]);
      });
    });

    describe('moving referrals', () => {
      it('moves with the right version and bumps it', async () => {
        const adapter = await make();
        const before = await adapter.getReferral('ref-c01');
        if (!may.move) return refused(() => adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: before.version }), adapter, 'ref-c01');
        const moved = await adapter.moveReferral('ref-c01', { to: 'accepted', expectedVersion: before.version });
        expect(moved.stage).to.equal('accepted');
        expect(moved.version).to.equal(before.version + 1);
        expect(moved.acceptedAt).to.be.a('string');
        expect(Date.parse(moved.stageChangedAt)).to.be.greaterThan(Date.parse(before.stageChangedAt));
        const lost = await adapter.moveReferral('ref-c01', { to: 'closed-lost', expectedVersion: moved.version, reason: 'No budget' });
        expect(lost.closedAt).to.be.a('string');
        expect(lost.closeReason).to.equal('No budget');
        expect(await adapter.getReferral('ref-c01')).to.deep.equal(lost);
      });

      it('fails a stale move with conflict, carrying the current record, and changes nothing', async () => {
        const adapter = await make();
        if (!may.move) return refused(() => adapter.moveReferral('ref-c03', { to: 'proposal', expectedVersion: 99 }), adapter, 'ref-c03');
        const current = await adapter.getReferral('ref-c02');
        const error = await expectCrmError(
          adapter.moveReferral('ref-c02', { to: 'qualified', expectedVersion: current.version + 5 }),
          'conflict',
        );
        expect(error.details).to.deep.equal(current);
        const reread = await adapter.getReferral('ref-c02');
        expect(reread.stage).to.equal(current.stage);
        expect(reread.version).to.equal(current.version);
      });

      it('moves through every stage, one version at a time', async () => {
        const adapter = await make();
        if (!may.move) return refused(() => adapter.moveReferral('ref-c11', { to: 'proposal', expectedVersion: 2 }), adapter, 'ref-c11');
        let referral = await adapter.getReferral('ref-c12');
        for (const to of STAGES.filter((s) => s !== referral.stage)) {
          const next = await adapter.moveReferral(referral.id, { to, expectedVersion: referral.version });
          expect(next.stage).to.equal(to);
          expect(next.version).to.equal(referral.version + 1);
          referral = next;
        }
      });

      it('moves many at once when it can, each result a referral or a CrmError', async () => {
        const adapter = await make();
        if (!adapter.capabilities.batchMoves || !adapter.moveReferrals) return;
        if (!may.move) {
          const before = await adapter.getReferral('ref-c10');
          const results = await adapter.moveReferrals([{ id: before.id, move: { to: 'qualified', expectedVersion: before.version } }]).catch((error: unknown) => [error]);
          expect(CrmError.is(results[0], 'permission'), String(results[0])).to.equal(true);
          expect(await adapter.getReferral('ref-c10')).to.deep.equal(before);
          return;
        }
        const a = await adapter.getReferral('ref-c09');
        const results = await adapter.moveReferrals([
          { id: a.id, move: { to: 'accepted', expectedVersion: a.version } },
          { id: 'ref-c10', move: { to: 'qualified', expectedVersion: 99 } },
          { id: 'ref-missing', move: { to: 'qualified', expectedVersion: 0 } },
        ]);
        expect(results.length).to.equal(3);
        expect((results[0] as Referral).stage).to.equal('accepted');
        expect(CrmError.is(results[1], 'conflict')).to.equal(true);
        expect(CrmError.is(results[2], 'not-found')).to.equal(true);
      });
    });

    describe('stage history', () => {
      it('records the submission and each move (from, to, when, who, why), oldest first, read with the referral', async () => {
        const adapter = await make();
        const by = seed.currentUser.id;
        if (!may.submit) {
          const seeded = await adapter.getReferral('ref-c01');
          expect(seeded.stageHistory?.[0]).to.deep.include({ from: null, to: 'submitted', at: seeded.submittedAt });
          return;
        }
        const created = await adapter.createReferral(input({ prospect: { company: 'History Robotics' } }));
        expect(created.stageHistory).to.deep.equal([{ from: null, to: 'submitted', at: created.submittedAt, by }]);
        if (!may.move) return refused(() => adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: created.version }), adapter, created.id);
        const accepted = await adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: created.version });
        const lost = await adapter.moveReferral(created.id, { to: 'closed-lost', expectedVersion: accepted.version, reason: 'No budget' });
        expect(lost.stageHistory?.map((c) => [c.from, c.to, c.by, c.reason ?? null])).to.deep.equal([
          [null, 'submitted', by, null],
          ['submitted', 'accepted', by, null],
          ['accepted', 'closed-lost', by, 'No budget'],
        ]);
        expect(lost.stageHistory?.[1]?.at).to.equal(accepted.stageChangedAt);
        expect(lost.stageHistory?.[2]?.at).to.equal(lost.stageChangedAt);
        expect((await adapter.getReferral(created.id)).stageHistory).to.deep.equal(lost.stageHistory);
        const listed = (await adapter.listReferrals({ q: 'History Robotics' })).referrals;
        expect(listed.map((r) => r.stageHistory)).to.deep.equal([lost.stageHistory]);
      });

      it('a failed move records nothing; a batch records one change per moved referral', async () => {
        const adapter = await make();
        const mine = role === 'seller' ? 'ref-c03' : 'ref-c02';
        const before = await adapter.getReferral(mine);
        await expectCrmError(adapter.moveReferral(mine, { to: mine === 'ref-c02' ? 'qualified' : 'proposal', expectedVersion: before.version + 5 }), may.move ? 'conflict' : 'permission');
        expect((await adapter.getReferral(mine)).stageHistory).to.deep.equal(before.stageHistory);
        if (!may.move) return;
        if (!adapter.capabilities.batchMoves || !adapter.moveReferrals) return;
        const a = await adapter.getReferral('ref-c09');
        const b = await adapter.getReferral('ref-c10');
        const [movedA, failedB] = await adapter.moveReferrals([
          { id: a.id, move: { to: 'accepted', expectedVersion: a.version } },
          { id: b.id, move: { to: 'qualified', expectedVersion: b.version + 7 } },
        ]);
        expect((movedA as Referral).stageHistory?.at(-1)).to.include({ from: a.stage, to: 'accepted' });
        expect(CrmError.is(failedB, 'conflict')).to.equal(true);
        expect((await adapter.getReferral('ref-c10')).stageHistory).to.deep.equal(b.stageHistory);
      });
    });

    describe('not found', () => {
      it('reports unknown ids as not-found', async () => {
        const adapter = await make();
        await expectCrmError(adapter.getPartner('p-missing'), 'not-found');
        await expectCrmError(adapter.getReferral('ref-missing'), 'not-found');
        await expectCrmErrorOf(adapter.moveReferral('ref-missing', { to: 'accepted', expectedVersion: 0 }), may.move ? ['not-found'] : ['not-found', 'permission']);
      });

      it('hides the referrals this user may not read: as not-found, and from every list', async () => {
        const adapter = await make();
        const hidden = allSeedReferrals.filter((r) => !visible(r.id));
        expect(hidden.length).to.equal(role === 'seller' ? allSeedReferrals.length - seedReferrals.length : 0);
        for (const r of hidden) await expectCrmError(adapter.getReferral(r.id), 'not-found');
        expect(ids(await listAll(adapter))).to.deep.equal(ids(seedReferrals));
        expect(ids((await adapter.listReferrals({ q: 'contoso' })).referrals)).to.deep.equal(visible('ref-c02') ? ['ref-c02'] : []);
      });
    });

    describe('duplicates', () => {
      it('finds the same company across case, punctuation, legal suffixes and domain', async () => {
        const adapter = await make();
        if (!may.submit) {
          // Nothing to create: the seeded Fabrikam GmbH is found by its name, whatever the window.
          expect(ids(await adapter.findDuplicateReferrals({ company: 'FABRIKAM', withinDays: 3650 }))).to.deep.equal(['ref-c03']);
          return;
        }
        const original = await adapter.createReferral(
          input({ prospect: { company: 'Acme Robotics, Inc.', website: 'https://www.acme-robotics.com' } }),
        );
        const probes = [
          { company: 'ACME ROBOTICS' },
          { company: 'acme robotics ltd' },
          { company: 'Acme Robotics GmbH' },
          { company: 'Acme-Robotics' },
          { company: 'www.acme-robotics.com' },
          { company: 'AR Holdings', website: 'acme-robotics.com/contact' },
        ];
        for (const probe of probes) {
          const found = await adapter.findDuplicateReferrals(probe);
          expect(found.map((r) => r.id), JSON.stringify(probe)).to.include(original.id);
        }
      });

      it('does not match a different company, and respects partner and window', async () => {
        const adapter = await make();
        if (!may.submit) {
          expect(await adapter.findDuplicateReferrals({ company: 'Fabrikam', withinDays: 1 })).to.deep.equal([]);
          expect(await adapter.findDuplicateReferrals({ company: 'Fabrikam', partnerId: 'p-alpha', withinDays: 3650 })).to.deep.equal([]);
          return;
        }
        const original = await adapter.createReferral(
          input({ prospect: { company: 'Acme Robotics Inc', website: 'acme-robotics.com' } }),
        );
        const other = await adapter.findDuplicateReferrals({ company: 'Acme Rocketry Inc', website: 'acme-rocketry.com' });
        expect(other.map((r) => r.id)).not.to.include(original.id);
        expect(await adapter.findDuplicateReferrals({ company: 'Acme Robotics', partnerId: 'p-beta' })).to.deep.equal([]);
        // Seed referrals were submitted in the first half of 2026: far outside a 1-day window.
        expect(await adapter.findDuplicateReferrals({ company: 'Fabrikam', withinDays: 1 })).to.deep.equal([]);
      });
    });

    describe('revenue share', () => {
      it('lists agreements, all or for one partner', async () => {
        const adapter = await make();
        if (!may.revshare) {
          await expectCrmError(adapter.listAgreements(), 'permission');
          await expectCrmError(adapter.listAgreements('p-beta'), 'permission');
          return;
        }
        expect(ids(await adapter.listAgreements())).to.deep.equal(['agr-alpha', 'agr-beta']);
        expect(ids(await adapter.listAgreements('p-beta'))).to.deep.equal(['agr-beta']);
      });

      it('filters statements by period range (inclusive) and partner', async () => {
        const adapter = await make();
        if (!may.revshare) {
          await expectCrmError(adapter.listStatements({ partnerId: 'p-alpha', from: '2026-02', to: '2026-04' }), 'permission');
          await expectCrmError(adapter.listStatements({ from: '2026-03', to: '2026-12' }), 'permission');
          return;
        }
        const alpha = await adapter.listStatements({ partnerId: 'p-alpha', from: '2026-02', to: '2026-04' });
        expect(alpha.map((s) => s.period).sort()).to.deep.equal(['2026-02', '2026-03', '2026-04']);
        expect(alpha.every((s) => s.partnerId === 'p-alpha')).to.equal(true);
        const refundMonth = alpha.find((s) => s.period === '2026-03');
        expect(refundMonth?.lines.some((l) => l.billed.amountMinor < 0)).to.equal(true);
        const all = await adapter.listStatements({ from: '2026-03', to: '2026-12' });
        expect(ids(all)).to.deep.equal(['stm-alpha-2026-03', 'stm-alpha-2026-04', 'stm-alpha-2026-05', 'stm-alpha-2026-06', 'stm-beta-2026-03']);
        expect((await adapter.listStatements({ partnerId: 'p-beta', from: '2026-02', to: '2026-02' }))[0]?.disputed).to.equal(true);
      });

      it('rejects a bad period range with validation', async () => {
        const adapter = await make();
        const error = await expectCrmErrorOf(adapter.listStatements({ from: '2026-13', to: '2026-12' }), may.revshare ? ['validation'] : ['validation', 'permission']);
        if (error.kind === 'validation') expect(error.fieldErrors).to.have.property('from');
      });
    });

    describe('cancellation and changes', () => {
      it('rejects a call whose signal is already aborted with an AbortError', async () => {
        const adapter = await make();
        const controller = new AbortController();
        controller.abort();
        const error = await rejection(adapter.listReferrals({}, { signal: controller.signal }));
        expect((error as Error).name).to.equal('AbortError');
      });

      it('tells subscribers about created and moved referrals when it has live changes', async () => {
        const adapter = await make();
        if (!adapter.capabilities.liveChanges || !adapter.subscribe || !may.submit || !may.move) return;
        const seen: string[] = [];
        const stop = adapter.subscribe((change) => seen.push(change.type));
        const created = await adapter.createReferral(input());
        await adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: created.version });
        stop();
        await adapter.createReferral(input());
        expect(seen).to.deep.equal(['referral-created', 'referral-updated']);
      });
    });
  });
}
export const contractReferralInput = input;
