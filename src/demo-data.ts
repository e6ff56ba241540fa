import { divRoundHalfAwayFromZero, money, type CurrencyCode, type Money } from './domain/money.js';
import { ONGOING_PROGRAMS, type LifecycleStep, type OngoingProgram, type Partner } from './domain/partner.js';
import { addMonths, monthsBetween, periodEnd, periodOf } from './domain/period.js';
import type { Referral, StageChange } from './domain/referral.js';
import type { RateSchedule, RevshareAgreement, RevshareStatement, StatementLine } from './domain/revshare.js';
import { isClosedStage, type Stage } from './domain/stages.js';
import { DEFAULT_CLOSE_REASONS } from './domain/close-reasons.js';
import type { User } from './domain/user.js';

/**
 * A deterministic demo world for the MemoryAdapter, Storybook and tests: the same options give
 * deep-equal records (a seeded mulberry32, never Math.random; the clock is `now`, by default
 * 2026-11-01). Partners integrate with the 8x8 platform of the program guide.
 */
export interface DemoDataOptions {
  /** PRNG seed; another seed gives another world. Default 1. */
  seed?: number;
  /** How many referrals (default 500; 10,000+ is fine). */
  referrals?: number;
  /** The reference date: referrals span the 24 months before it. Default 2026-11-01. */
  now?: Date;
  /** Who is signed in (a user id from `users`); default the all-partners partner manager. */
  currentUserId?: string;
}

export interface DemoData {
  partners: Partner[];
  referrals: Referral[];
  agreements: RevshareAgreement[];
  statements: RevshareStatement[];
  users: User[];
  currentUser: User;
}

export const DEMO_REFERENCE_DATE = '2026-11-01T09:00:00.000Z';

/** mulberry32: a tiny, fast, good-enough PRNG. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, weight] of entries) {
      x -= weight;
      if (x < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** A version-4 UUID made from the PRNG (so it is deterministic). */
  uuid(): string {
    const hex = (): string => {
      const w = Math.floor(this.next() * 0x1_0000_0000);
      return HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
    };
    const a = hex();
    const b = hex();
    const c = hex();
    const d = hex();
    const variant = '89ab'[Math.floor(this.next() * 4)]!;
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

interface PartnerPlan {
  id: string;
  name: string;
  category: string;
  integration: string;
  step: LifecycleStep;
  status: Partner['integration']['status'];
  markets: string[];
  useCases: string[];
  /** Reserved `.example` names (RFC 2606), so no demo or test ever reaches a real company's site. */
  domain: string;
  summary: string;
  sla: string;
  currency: CurrencyCode;
  /** Share of the referrals sent to this partner. */
  weight: number;
}

const PARTNER_PLANS: readonly PartnerPlan[] = [
  { id: 'p-northwind', name: 'Northwind CRM', category: 'CRM', integration: '8x8 Connect for Northwind CRM', step: 'referrals', status: 'generally-available', markets: ['US', 'CA', 'GB', 'DE', 'AU'], useCases: ['Click to dial', 'Screen pop', 'Call logging'], domain: 'northwindcrm.example', summary: 'Sales CRM with click-to-dial, screen pops and automatic call logging over 8x8 Work and Contact Center.', sla: 'P1 response in 1 hour, 24×7', currency: 'USD', weight: 18 },
  { id: 'p-helpwise', name: 'Helpwise Desk', category: 'Helpdesk', integration: 'Helpwise voice channel for 8x8 Contact Center', step: 'co-marketing', status: 'generally-available', markets: ['US', 'GB', 'IE', 'NL', 'SE'], useCases: ['Ticket from call', 'Screen pop', 'Omnichannel routing'], domain: 'helpwisedesk.example', summary: 'Helpdesk that turns every 8x8 call into a ticket with recording and transcript attached.', sla: 'P1 response in 2 hours, business days', currency: 'USD', weight: 14 },
  { id: 'p-shiftly', name: 'Shiftly WFM', category: 'Workforce management', integration: 'Shiftly forecasting for 8x8 Contact Center', step: 'enablement', status: 'certified', markets: ['US', 'CA', 'MX', 'BR'], useCases: ['Forecasting', 'Scheduling', 'Adherence'], domain: 'shiftly.example', summary: 'Workforce management: forecasts from 8x8 queue history, schedules agents and tracks adherence in real time.', sla: 'P1 response in 4 hours, 24×5', currency: 'USD', weight: 10 },
  { id: 'p-lumen', name: 'Lumen Analytics', category: 'Analytics', integration: 'Lumen Insights for 8x8 XCaaS', step: 'governance', status: 'generally-available', markets: ['US', 'GB', 'DE', 'FR', 'ES', 'IT'], useCases: ['Speech analytics', 'Dashboards', 'Quality management'], domain: 'lumenanalytics.example', summary: 'Speech and interaction analytics across 8x8 voice, chat and video, with quality scorecards.', sla: 'P1 response in 1 hour, 24×7', currency: 'EUR', weight: 10 },
  { id: 'p-vaultrec', name: 'VaultRec Compliance', category: 'Compliance recording', integration: 'VaultRec for 8x8 Work', step: 'product-collaboration', status: 'generally-available', markets: ['GB', 'IE', 'DE', 'NL', 'SG'], useCases: ['Compliance recording', 'MiFID II', 'Legal hold'], domain: 'vaultrec.example', summary: 'Regulated-industry call and chat recording with tamper-evident storage and legal hold.', sla: 'P1 response in 30 minutes, 24×7', currency: 'GBP', weight: 8 },
  { id: 'p-parrot', name: 'Parrot AI', category: 'AI assistant', integration: 'Parrot agent assist for 8x8 Contact Center', step: 'launch', status: 'certified', markets: ['US', 'GB', 'AU', 'SG', 'IN'], useCases: ['Agent assist', 'Call summaries', 'Virtual agent'], domain: 'parrot.example', summary: 'Generative AI that suggests answers to agents live and writes the call summary afterwards.', sla: 'P1 response in 2 hours, 24×7', currency: 'USD', weight: 8 },
  { id: 'p-kanso', name: 'Kanso Translate', category: 'Real-time translation', integration: 'Kanso live captions for 8x8 Meetings', step: 'referrals', status: 'generally-available', markets: ['JP', 'SG', 'AU', 'US'], useCases: ['Live captions', 'Translation'], domain: 'kanso.example', summary: 'Live captions and translation in 40 languages for 8x8 meetings and calls.', sla: 'P1 response in 4 hours, business days (JST)', currency: 'JPY', weight: 6 },
  { id: 'p-meridian', name: 'Meridian Health Connect', category: 'Healthcare EHR', integration: 'Meridian EHR connector for 8x8 Work', step: 'enablement', status: 'certified', markets: ['US', 'CA'], useCases: ['Patient screen pop', 'Appointment reminders', 'HIPAA recording'], domain: 'meridianhealthconnect.example', summary: 'Connects 8x8 to electronic health records: patient screen pops and reminder campaigns.', sla: 'P1 response in 1 hour, 24×7', currency: 'USD', weight: 6 },
  { id: 'p-harbor', name: 'Harbor Field Service', category: 'Field service', integration: 'Harbor dispatch for 8x8 Work', step: 'co-marketing', status: 'generally-available', markets: ['US', 'GB', 'AU'], useCases: ['Technician dispatch', 'Click to dial'], domain: 'harborfs.example', summary: 'Field-service management that calls and texts customers over 8x8 numbers.', sla: 'P1 response in 4 hours, 24×5', currency: 'USD', weight: 6 },
  { id: 'p-ledgerline', name: 'Ledgerline Billing', category: 'Billing and ERP', integration: 'Ledgerline usage billing for 8x8 CPaaS', step: 'launch-prep', status: 'in-development', markets: ['US', 'DE', 'FR'], useCases: ['Usage billing', 'Invoice by call'], domain: 'ledgerline.example', summary: 'Bills customers for CPaaS usage straight from 8x8 call detail records.', sla: 'P1 response in 8 hours, business days', currency: 'EUR', weight: 4 },
  { id: 'p-quorum', name: 'Quorum Surveys', category: 'Customer feedback', integration: 'Quorum post-call surveys for 8x8 Contact Center', step: 'onboarding', status: 'in-development', markets: ['US', 'GB', 'ES', 'MX'], useCases: ['Post-call survey', 'NPS'], domain: 'quorumsurveys.example', summary: 'Post-call IVR and SMS surveys with NPS by queue and agent.', sla: 'P1 response in 8 hours, business days', currency: 'USD', weight: 4 },
  { id: 'p-tessera', name: 'Tessera Identity', category: 'Identity and SSO', integration: 'Tessera SSO and provisioning for 8x8', step: 'legal', status: 'planned', markets: ['US', 'DE', 'JP'], useCases: ['Single sign-on', 'User provisioning'], domain: 'tesseraid.example', summary: 'Single sign-on and automatic user provisioning for 8x8 licences.', sla: 'To be agreed', currency: 'USD', weight: 3 },
  { id: 'p-orbit', name: 'Orbit Dialer', category: 'Outbound campaigns', integration: 'Orbit predictive dialer for 8x8 Contact Center', step: 'evaluation', status: 'planned', markets: ['US', 'BR', 'IN'], useCases: ['Predictive dialing', 'Campaigns'], domain: 'orbitdialer.example', summary: 'Predictive and progressive outbound campaigns with consent checks.', sla: 'To be agreed', currency: 'USD', weight: 3 },
  { id: 'p-atlas', name: 'Atlas Knowledge', category: 'Knowledge base', integration: 'Atlas answers in 8x8 Agent Workspace', step: 'governance', status: 'generally-available', markets: ['US', 'GB', 'FR', 'DE', 'NL'], useCases: ['Knowledge search', 'Agent assist'], domain: 'atlasknowledge.example', summary: 'Knowledge base whose answers surface in the 8x8 agent workspace as the customer speaks.', sla: 'P1 response in 2 hours, 24×5', currency: 'USD', weight: 5 },
];

const PARTNER_MANAGERS = [
  { id: 'u-pm-morgan', name: 'Morgan Lee', email: 'morgan.lee@8x8.example', partnerIds: [] as string[] },
  { id: 'u-pm-sofia', name: 'Sofia Marquez', email: 'sofia.marquez@8x8.example', partnerIds: ['p-northwind', 'p-helpwise', 'p-shiftly', 'p-parrot', 'p-quorum', 'p-orbit'] },
  { id: 'u-pm-james', name: 'James Whitaker', email: 'james.whitaker@8x8.example', partnerIds: ['p-lumen', 'p-vaultrec', 'p-kanso', 'p-meridian', 'p-harbor', 'p-ledgerline', 'p-tessera', 'p-atlas'] },
];

const SELLERS = [
  { id: 'u-seller-dana', name: 'Dana Whitfield', email: 'dana.whitfield@8x8.example' },
  { id: 'u-seller-marco', name: 'Marco Ruiz', email: 'marco.ruiz@8x8.example' },
  { id: 'u-seller-aiko', name: 'Aiko Tanaka', email: 'aiko.tanaka@8x8.example' },
  { id: 'u-seller-priya', name: 'Priya Raman', email: 'priya.raman@8x8.example' },
  { id: 'u-seller-tom', name: 'Tom Becker', email: 'tom.becker@8x8.example' },
  { id: 'u-seller-chloe', name: 'Chloé Martin', email: 'chloe.martin@8x8.example' },
];

/** Company stems; each is used with several legal suffixes so the duplicate finder has real cases. */
const COMPANY_STEMS = [
  'Acme Logistics', 'Bluefin Insurance', 'Cedar Health', 'Driftwood Hotels', 'Evergreen Dental', 'Falcon Freight',
  'Granite Bank', 'Harborview Clinics', 'Ironclad Security', 'Juniper Retail', 'Keystone Utilities', 'Lakeside Realty',
  'Maple Leaf Travel', 'Nimbus Software', 'Oakridge Legal', 'Pinnacle Wealth', 'Quartz Telecom', 'Redwood Energy',
  'Summit Outdoor', 'Tidewater Shipping', 'Union Street Bakery', 'Vertex Manufacturing', 'Willow Care Homes',
  'Yellowstone Tours', 'Zenith Airlines', 'Aurora Pharma', 'Beacon Schools', 'Crescent Foods', 'Delta Water',
  'Ember Fitness', 'Fjord Seafood', 'Glacier Credit Union', 'Helix Biotech', 'Indigo Fashion', 'Jasper Motors',
  'Kestrel Aviation', 'Lighthouse Media', 'Meridian Property', 'Northstar Staffing', 'Orchard Grocers',
  'Polaris Payments', 'Riverbend Veterinary', 'Sakura Electronics', 'Tanaka Trading', 'Vanguard Couriers',
  'Westbrook University', 'Brightline Pharmacy', 'Copperfield Energy', 'Dunmore Distillers', 'Elmstead Housing',
  'Fairway Golf', 'Greystone Capital', 'Hollis & Grant', 'Ivy Lane Insurance', 'Kingfisher Marine', 'Larkspur Florists',
  'Mistral Wind Power', 'Nordhaven Foods', 'Oasis Spas', 'Paragon Engineering',
];

const NAME_PARTS = [
  'Alder', 'Basalt', 'Cobalt', 'Dune', 'Echo', 'Fern', 'Garnet', 'Hawthorn', 'Iris', 'Jade', 'Kelp', 'Linden', 'Marlow',
  'Nova', 'Onyx', 'Prairie', 'Quill', 'Raven', 'Sable', 'Thistle', 'Umber', 'Vale', 'Wren', 'Yarrow', 'Zephyr',
  'Ashford', 'Brixton', 'Carlisle', 'Dorset', 'Everett', 'Fulton', 'Galway', 'Hastings', 'Kinsale', 'Lindqvist',
  'Montrose', 'Nakamura', 'Oberland', 'Pemberton', 'Rosenthal', 'Sterling', 'Trident', 'Valencia', 'Whitmore',
];
const INDUSTRIES = [
  'Logistics', 'Insurance', 'Health', 'Hotels', 'Dental', 'Freight', 'Bank', 'Clinics', 'Security', 'Retail',
  'Utilities', 'Realty', 'Travel', 'Software', 'Legal', 'Wealth', 'Telecom', 'Energy', 'Outdoor', 'Shipping',
  'Manufacturing', 'Care', 'Pharma', 'Foods', 'Motors', 'Media', 'Staffing', 'Payments', 'Labs', 'Airlines',
];

const SUFFIXES_BY_COUNTRY: Record<string, readonly string[]> = {
  US: ['Inc', 'Inc.', 'LLC', 'Corp', 'Corporation', 'Co.'],
  CA: ['Inc', 'Ltd', 'Corp'],
  MX: ['S.A.', 'SA'],
  BR: ['Ltda', 'S.A.'],
  GB: ['Ltd', 'Limited', 'plc', 'LLP'],
  IE: ['Ltd', 'Limited'],
  DE: ['GmbH', 'AG', 'KG'],
  FR: ['SAS', 'SA', 'SARL'],
  ES: ['S.L.', 'S.A.'],
  IT: ['S.p.A.', 'S.r.l.'],
  NL: ['B.V.', 'N.V.'],
  SE: ['AB'],
  JP: ['K.K.', 'Co., Ltd.'],
  SG: ['Pte Ltd', 'Pte. Ltd.'],
  AU: ['Pty Ltd', 'Limited'],
  IN: ['Pvt Ltd', 'Private Limited'],
};

const TLD_BY_COUNTRY: Record<string, string> = {
  US: 'com', CA: 'ca', MX: 'com.mx', BR: 'com.br', GB: 'co.uk', IE: 'ie', DE: 'de', FR: 'fr', ES: 'es', IT: 'it',
  NL: 'nl', SE: 'se', JP: 'co.jp', SG: 'com.sg', AU: 'com.au', IN: 'in',
};

const CURRENCY_BY_COUNTRY: Record<string, CurrencyCode> = {
  GB: 'GBP', DE: 'EUR', FR: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR', IE: 'EUR', JP: 'JPY',
};

const FIRST_NAMES = ['Alex', 'Jordan', 'Sam', 'Taylor', 'Chris', 'Maria', 'Lukas', 'Emma', 'Hiroshi', 'Yuki', 'Olivia', 'Noah', 'Ana', 'Rahul', 'Grace', 'Liam', 'Sophie', 'Mateo', 'Ingrid', 'Wei'];
const LAST_NAMES = ['Smith', 'Garcia', 'Müller', 'Dubois', 'Rossi', 'Sato', 'Kumar', 'Brown', 'Jansen', 'Nilsson', 'Silva', 'Walsh', 'Chen', 'Novak', 'Okafor', 'Hughes', 'Fischer', 'Moreau', 'Lopez', 'Kim'];
const TITLES = ['Head of Customer Service', 'IT Director', 'VP Operations', 'Contact Center Manager', 'CIO', 'Procurement Lead', 'Head of Sales Operations'];
const TIMELINES = ['0-3 months', '3-6 months', '6-12 months', '12+ months'] as const;
// The board's default reason lists (src/domain/close-reasons.ts): a demo reason is one a person could pick.
const LOST_REASONS = DEFAULT_CLOSE_REASONS['closed-lost'].map((r) => r.label);
const REJECT_REASONS = DEFAULT_CLOSE_REASONS.rejected.map((r) => r.label);
const NOTES = [
  'Renewal of their contact center in Q2; they want CRM screen pops.',
  'Met at the regional roadshow. Interested in a pilot for one site.',
  'Existing 8x8 Work customer expanding to Contact Center.',
  'Compliance team asked for recording with legal hold.',
  'Asked for a demo with their IT team next month.',
];

/** Memoise a pure string function (names and stems repeat thousands of times). */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) cache.set(s, (v = fn(s)));
    return v;
  };
}

const slug = memo((stem: string): string => {
  return stem.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');
});

const ascii = memo((name: string): string => {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
});

/** Revshare on one line, exact: Σ slice × bps over the tiers crossed, rounded once, half away from zero. */
function lineRevshare(schedule: RateSchedule, cumulativeBefore: number, billed: number): number {
  const bps = (schedule.kind === 'flat' ? [{ fromMinor: 0, rateBps: schedule.rateBps }] : schedule.tiers).map((t) => ({
    from: t.fromMinor,
    units: BigInt(Math.round(t.rateBps)),
  }));
  const lo = Math.min(cumulativeBefore, cumulativeBefore + billed);
  const hi = Math.max(cumulativeBefore, cumulativeBefore + billed);
  let exact = 0n;
  bps.forEach((tier, i) => {
    const top = bps[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    const slice = Math.max(0, Math.min(hi, top) - Math.max(lo, tier.from));
    exact += BigInt(slice) * tier.units;
  });
  return Number(divRoundHalfAwayFromZero(billed < 0 ? -exact : exact, 10_000n));
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The stage history of a demo referral, from its dates and without drawing from the PRNG (so the
 * rest of the world is the one it was before history existed): submitted by the seller, accepted at
 * `acceptedAt`, then along the pipeline one stage a move, evenly spaced, to the current stage at
 * `stageChangedAt`; `steps` moves in all (its version). Moves are the partner manager's.
 */
function demoHistory(referral: Referral, steps: number, managerId: string): StageChange[] {
  const history: StageChange[] = [{ from: null, to: 'submitted', at: referral.submittedAt, by: referral.seller.id }];
  if (steps === 0) return history;
  const move = (from: Stage, to: Stage, at: number): void => {
    const change: StageChange = { from, to, at: new Date(at).toISOString(), by: managerId };
    if (to === referral.stage && referral.closeReason) change.reason = referral.closeReason;
    history.push(change);
  };
  const last = Date.parse(referral.stageChangedAt);
  if (!referral.acceptedAt) {
    move('submitted', referral.stage, last); // rejected
    return history;
  }
  const accepted = Date.parse(referral.acceptedAt);
  move('submitted', 'accepted', accepted);
  const path: Stage[] = ['accepted', 'qualified', 'proposal', 'negotiation'];
  // Moves after the acceptance: through `steps - 2` more open stages, then to the current stage.
  const through = isClosedStage(referral.stage) ? path.slice(1, steps - 1) : path.slice(1, path.indexOf(referral.stage));
  const moves = [...through, ...(referral.stage === 'accepted' ? [] : [referral.stage])];
  let from: Stage = 'accepted';
  moves.forEach((to, k) => {
    const at = k === moves.length - 1 ? last : accepted + Math.floor(((last - accepted) * (k + 1)) / moves.length);
    move(from, to, at);
    from = to;
  });
  return history;
}

/**
 * A believable, deterministic demo world. 10,000 referrals take a few tens of milliseconds.
 *
 * ```ts
 * const adapter = new MemoryAdapter(createDemoData({ seed: 1, referrals: 500 }));
 * ```
 */
export function createDemoData(options: DemoDataOptions = {}): DemoData {
  const { seed = 1, referrals: referralCount = 500 } = options;
  const now = options.now ?? new Date(DEMO_REFERENCE_DATE);
  const nowMs = now.getTime();
  const rnd = new Random(mulberry32(seed));

  // ---- users ----
  const users: User[] = [
    ...SELLERS.map((s) => ({ ...s, role: 'seller' as const, partnerIds: [] })),
    ...PARTNER_MANAGERS.map((m) => ({ ...m, role: 'partner-manager' as const, partnerIds: [...m.partnerIds] })),
    { id: 'u-fin-grace', name: 'Grace Okafor', email: 'grace.okafor@8x8.example', role: 'finance', partnerIds: [] },
    { id: 'u-admin-robin', name: 'Robin Hale', email: 'robin.hale@8x8.example', role: 'admin', partnerIds: [] },
  ];
  const currentUser = users.find((u) => u.id === (options.currentUserId ?? 'u-pm-morgan')) ?? users[6]!;

  // ---- partners ----
  const managerOf = (partnerId: string) =>
    PARTNER_MANAGERS.slice(1).find((m) => m.partnerIds.includes(partnerId)) ?? PARTNER_MANAGERS[0]!;
  const partners: Partner[] = PARTNER_PLANS.map((plan) => {
    const ongoingIndex = (ONGOING_PROGRAMS as readonly string[]).indexOf(plan.step);
    const activePrograms: OngoingProgram[] = ongoingIndex < 0 ? [] : ONGOING_PROGRAMS.slice(0, ongoingIndex + 1);
    const manager = managerOf(plan.id);
    return {
      id: plan.id,
      name: plan.name,
      summary: plan.summary,
      website: `https://www.${plan.domain}`,
      integration: { name: plan.integration, status: plan.status },
      lifecycle: { step: plan.step, activePrograms },
      partnerManager: { name: manager.name, email: manager.email },
      markets: [...plan.markets],
      useCases: [...plan.useCases],
      supportSla: plan.sla,
      links: [
        { kind: 'landing-page', label: `${plan.name} on the 8x8 marketplace`, url: `https://marketplace.8x8.example/${plan.id.slice(2)}` },
        { kind: 'demo-environment', label: 'Demo environment', url: `https://demo.${plan.domain}/8x8` },
        { kind: 'enablement', label: 'Seller enablement deck', url: `https://partners.8x8.example/enablement/${plan.id.slice(2)}` },
      ],
      acceptanceWindowDays: 5,
    };
  });

  // ---- referrals ----
  const weights = PARTNER_PLANS.map((p) => [p, p.weight] as const);
  const referrals: Referral[] = [];
  const submittedTimes: number[] = [];
  const spanMs = 730 * 86_400_000;
  for (let i = 0; i < referralCount; i++) {
    const plan = rnd.weighted(weights);
    const seller = rnd.pick(SELLERS);
    // More recent months carry a little more volume: the program is growing.
    const ageMs = Math.floor(Math.pow(rnd.next(), 1.25) * spanMs);
    const submitted = nowMs - ageMs - rnd.int(0, 3_600_000);
    const country = rnd.chance(0.9) ? rnd.pick(plan.markets) : rnd.pick(Object.keys(TLD_BY_COUNTRY));
    // Some companies recur under several legal suffixes (duplicate-finder cases); most are one-offs.
    const stem = rnd.chance(0.4) ? rnd.pick(COMPANY_STEMS) : `${rnd.pick(NAME_PARTS)} ${rnd.pick(INDUSTRIES)}`;
    const suffix = rnd.pick(SUFFIXES_BY_COUNTRY[country] ?? ['Inc']);
    const company = rnd.chance(0.15) ? stem.toUpperCase() : `${stem} ${suffix}`;
    const domain = `${slug(stem)}.${TLD_BY_COUNTRY[country] ?? 'com'}`;
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const currency = CURRENCY_BY_COUNTRY[country] ?? 'USD';
    const units = Math.round(Math.exp(Math.log(12_000) + rnd.next() * Math.log(400_000 / 12_000)) / 500) * 500;
    const estimatedArr: Money = currency === 'JPY' ? money(units * 150, 'JPY') : money(units * 100, currency);

    const ageDays = ageMs / 86_400_000;
    const stage: Stage =
      ageDays < 5
        ? rnd.weighted([['submitted', 7], ['accepted', 2], ['rejected', 1]])
        : ageDays < 45
          ? rnd.weighted([['submitted', 0.15], ['accepted', 3], ['qualified', 3], ['proposal', 2], ['rejected', 1], ['closed-lost', 1]])
          : ageDays < 150
            ? rnd.weighted([['accepted', 1], ['qualified', 2], ['proposal', 3], ['negotiation', 3], ['closed-won', 3], ['closed-lost', 2], ['rejected', 1]])
            : rnd.weighted([['negotiation', 1], ['proposal', 1], ['closed-won', 5], ['closed-lost', 4], ['rejected', 2]]);
    const path: Stage[] = ['submitted', 'accepted', 'qualified', 'proposal', 'negotiation'];
    const steps = stage === 'rejected' ? 1 : stage === 'closed-won' || stage === 'closed-lost' ? rnd.int(3, 5) : path.indexOf(stage);
    const acceptedMs = stage === 'submitted' || stage === 'rejected' ? undefined : submitted + rnd.int(2, 4 * 24) * 3_600_000;
    const closed = stage === 'closed-won' || stage === 'closed-lost' || stage === 'rejected';
    // Closed referrals closed somewhere in their life; open ones moved lately, as a looked-after
    // pipeline does (about 1 in 10 has waited 30 days or more: the stale ones).
    const u = stage === 'submitted' ? 0 : rnd.next();
    const since = acceptedMs ?? submitted;
    const lastChange = Math.min(
      nowMs,
      stage === 'submitted' ? submitted : closed ? since + Math.floor(u * (nowMs - since) * 0.8) + 3_600_000 : Math.max(since + 3_600_000, nowMs - Math.floor(-Math.log(1 - u * 0.999) * 13 * 86_400_000)),
    );
    const n = String(i + 1).padStart(5, '0');
    const prospect: Referral['prospect'] = {
      company,
      country,
      contactName: `${first} ${last}`,
      contactEmail: `${ascii(first)}.${ascii(last)}@${domain}`,
    };
    // Optional fields are set only when present, so records match what the schema returns.
    if (rnd.chance(0.8)) prospect.website = rnd.chance(0.5) ? `www.${domain}` : `https://${domain}`;
    if (rnd.chance(0.6)) prospect.contactPhone = `+1 555 ${String(rnd.int(100, 999))} ${String(rnd.int(1000, 9999))}`;
    if (rnd.chance(0.7)) prospect.contactTitle = rnd.pick(TITLES);
    const referral: Referral = {
      id: `ref-${n}`,
      externalId: rnd.uuid(),
      partnerId: plan.id,
      prospect,
      useCase: rnd.pick(plan.useCases),
      estimatedArr,
      expectedTimeline: rnd.pick(TIMELINES),
      consentToContact: true,
      existingCustomer: rnd.chance(0.3),
      seller: { id: seller.id, name: seller.name },
      stage,
      submittedAt: new Date(submitted).toISOString(),
      stageChangedAt: new Date(lastChange).toISOString(),
      version: Math.max(0, steps),
      lastModifiedBy: stage === 'submitted' ? seller.name : managerOf(plan.id).name,
    };
    if (rnd.chance(0.4)) referral.notes = rnd.pick(NOTES);
    if (rnd.chance(0.5)) referral.crmRecordId = `006${String(100000 + i)}`;
    if (acceptedMs !== undefined) referral.acceptedAt = new Date(Math.min(acceptedMs, lastChange)).toISOString();
    if (closed) referral.closedAt = referral.stageChangedAt;
    if (stage === 'closed-lost') referral.closeReason = rnd.pick(LOST_REASONS);
    if (stage === 'rejected') referral.closeReason = rnd.pick(REJECT_REASONS);
    // An accepted referral was last moved when it was accepted.
    if (stage === 'accepted') referral.acceptedAt = referral.stageChangedAt;
    referral.stageHistory = demoHistory(referral, steps, managerOf(plan.id).id);
    referrals.push(referral);
    submittedTimes.push(submitted);
  }
  // Newest first, as a CRM list shows them (sorted on the numbers, not the strings: it is 10× faster).
  const byTime = referrals.map((referral, k) => ({ referral, t: submittedTimes[k]! }));
  byTime.sort((a, b) => b.t - a.t);
  byTime.forEach((x, k) => (referrals[k] = x.referral));

  // ---- agreements and statements (launched partners only) ----
  const agreements: RevshareAgreement[] = [];
  const statements: RevshareStatement[] = [];
  // 24 statements per partner: 23 closed months and the month in progress (open).
  const lastPeriod = periodOf(now);
  const firstPeriod = addMonths(lastPeriod, -23);
  const terms = [30, 45, 60] as const;
  const launched = PARTNER_PLANS.filter((p) => p.step === 'launch' || (ONGOING_PROGRAMS as readonly string[]).includes(p.step));
  launched.forEach((plan, index) => {
    const currency = plan.currency;
    const scale = currency === 'JPY' ? 150 : 100; // minor units per "dollar"
    const startYear = Number(firstPeriod.slice(0, 4)) - 1 - (index % 3);
    const startDate = `${String(startYear)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
    const tiered = index % 3 === 1;
    const flat = (bps: number): RateSchedule => ({ kind: 'flat', rateBps: bps });
    const tiers = (a: number, b: number, c: number): RateSchedule => ({
      kind: 'tiered',
      tiers: [
        { fromMinor: 0, rateBps: a },
        { fromMinor: 250_000 * scale, rateBps: b },
        { fromMinor: 1_000_000 * scale, rateBps: c },
      ],
    });
    const rates: RevshareAgreement['rates'] = [
      {
        effectiveFrom: startDate,
        firstYear: tiered ? tiers(1500, 2000, 2500) : flat(2000 - (index % 2) * 500),
        renewal: tiered ? tiers(1000, 1250, 1500) : flat(1000),
      },
    ];
    // One agreement changes its rates mid-agreement (on the first of a month).
    if (index === 0) {
      rates.push({ effectiveFrom: `${addMonths(lastPeriod, -9)}-01`, firstYear: flat(2250), renewal: flat(1200) });
    }
    const agreement: RevshareAgreement = {
      id: `agr-${plan.id.slice(2)}`,
      partnerId: plan.id,
      currency,
      startDate,
      rates,
      paymentTermsDays: terms[index % 3]!,
      reportingCadence: 'monthly',
    };
    agreements.push(agreement);

    // Customers: some from won referrals of this partner, the rest from earlier business.
    const won = referrals
      .filter((r) => r.partnerId === plan.id && r.stage === 'closed-won' && r.closedAt)
      .slice(0, 6)
      .map((r) => ({
        id: `cust-${r.id}`,
        name: r.prospect.company,
        since: addMonths(periodOf(new Date(r.closedAt!)), 1),
        monthly: Math.max(200, Math.round(r.estimatedArr.amountMinor / (r.estimatedArr.currency === 'JPY' ? 150 : 100) / 12)),
        referralId: r.id,
      }));
    const older = Array.from({ length: rnd.int(3, 6) }, (_, k) => ({
      id: `cust-${plan.id.slice(2)}-${String(k + 1)}`,
      name: `${rnd.pick(COMPANY_STEMS)} ${rnd.pick(['Inc', 'Ltd', 'GmbH', 'LLC'])}`,
      since: addMonths(firstPeriod, rnd.int(-30, 10)),
      monthly: rnd.int(4, 60) * 100,
      referralId: undefined as string | undefined,
    }));
    const customers = [...older, ...won];

    let cumulative = 0;
    let yearStart = startDate.slice(0, 7);
    let credit = 0;
    for (let m = 0; m < 24; m++) {
      const period = addMonths(firstPeriod, m);
      while (monthsBetween(yearStart, period) >= 12) {
        yearStart = addMonths(yearStart, 12);
        cumulative = 0;
      }
      const ratePeriod = [...rates].reverse().find((r) => r.effectiveFrom.slice(0, 7) <= period) ?? rates[0]!;
      const lines: StatementLine[] = [];
      let revshare = 0;
      const addLine = (line: StatementLine): void => {
        const firstYear = monthsBetween(line.customerSince, period) < 12;
        revshare += lineRevshare(firstYear ? ratePeriod.firstYear : ratePeriod.renewal, cumulative, line.billed.amountMinor);
        cumulative += line.billed.amountMinor;
        lines.push(line);
      };
      for (const customer of customers) {
        if (customer.since > period) continue;
        const growth = 1 + 0.01 * monthsBetween(customer.since, period);
        const recurring = Math.round(customer.monthly * growth) * scale;
        const base = { customerId: customer.id, customer: customer.name, customerSince: customer.since };
        const ref = customer.referralId ? { referralId: customer.referralId } : {};
        addLine({ id: `${plan.id.slice(2)}-${period}-${customer.id}-sub`, ...base, ...ref, kind: 'charge', billed: money(recurring, currency), recurring: true, description: '8x8 integration subscription' });
        if (rnd.chance(0.5)) {
          addLine({ id: `${plan.id.slice(2)}-${period}-${customer.id}-use`, ...base, ...ref, kind: 'charge', billed: money(rnd.int(5, 80) * scale * 10, currency), recurring: false, description: 'Usage' });
        }
        if (rnd.chance(0.04)) {
          addLine({ id: `${plan.id.slice(2)}-${period}-${customer.id}-cr`, ...base, ...ref, kind: 'credit', billed: money(-Math.round(recurring * 0.1), currency), recurring: true, description: 'Service credit (outage)' });
        }
        if (rnd.chance(0.02)) {
          addLine({ id: `${plan.id.slice(2)}-${period}-${customer.id}-rf`, ...base, ...ref, kind: 'refund', billed: money(-recurring, currency), recurring: true, description: 'Refund of a duplicate invoice' });
        }
      }
      // What the engine will owe: negative months pay nothing and carry a credit forward.
      const net = revshare - credit;
      const due = Math.max(0, net);
      credit = Math.max(0, -net);
      const dueDate = new Date(Date.parse(`${periodEnd(period)}T00:00:00Z`) + agreement.paymentTermsDays * 86_400_000);
      const pastDue = dueDate.getTime() < nowMs;
      const monthsAgo = monthsBetween(period, lastPeriod);
      const outcome =
        period >= periodOf(now)
          ? 'unpaid' // the month in progress: open
          : !pastDue
            ? rnd.weighted([['unpaid', 2], ['partial', 2], ['remitted', 1]] as const)
            : monthsAgo > 6
              ? rnd.weighted([['remitted', 30], ['partial', 1], ['overdue', 1], ['disputed', 1]] as const)
              : rnd.weighted([['remitted', 6], ['partial', 2], ['overdue', 2], ['disputed', 1]] as const);
      const remittedMinor = outcome === 'remitted' ? due : outcome === 'partial' ? Math.round(due * (0.4 + rnd.next() * 0.4)) : 0;
      const statement: RevshareStatement = {
        id: `stm-${plan.id.slice(2)}-${period}`,
        partnerId: plan.id,
        agreementId: agreement.id,
        period,
        currency,
        lines,
        remitted: money(outcome === 'disputed' ? 0 : remittedMinor, currency),
        disputed: outcome === 'disputed',
      };
      // Most closed months carry the partner's own figure; a few disagree with the agreement (the
      // engine flags those), one of them the disputed kind.
      if (period < lastPeriod && rnd.chance(0.7)) {
        const off = outcome === 'disputed' || rnd.chance(0.03) ? rnd.int(1, 40) * scale : 0;
        statement.revshareDue = money(Math.max(0, due - off), currency);
      }
      if (remittedMinor > 0 && outcome !== 'disputed') {
        const paid = new Date(Math.min(nowMs, dueDate.getTime() - rnd.int(0, 10) * 86_400_000));
        statement.remittedAt = isoDay(paid);
      }
      if (outcome === 'disputed') statement.disputeReason = rnd.pick(['Usage lines double-counted', 'Customer moved to another partner', 'Rate change not applied']);
      statements.push(statement);
    }
  });

  return { partners, referrals, agreements, statements, users, currentUser };
}
