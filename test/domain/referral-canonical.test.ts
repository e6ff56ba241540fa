import { expect } from '@open-wc/testing';
import { createDemoData } from '../../src/demo-data.js';
import { ReferralSchema } from '../../src/domain/referral.js';
import { isCanonicalReferral } from '../../src/domain/referral-canonical.js';

// isCanonicalReferral may accept a record only when ReferralSchema accepts it and gives back a
// deep-equal record. Every field of a valid record is broken (or made non-canonical) in turn; the
// fast path must refuse each one the schema refuses or changes. Dropping any check fails here.
const demo = createDemoData({ seed: 5, referrals: 300 });
const base = demo.referrals.find((r) => r.stageHistory?.length && r.acceptedAt && r.closedAt && r.closeReason && r.prospect.website && r.prospect.contactPhone && r.prospect.contactTitle && r.expectedTimeline && r.notes)!;
const long = (n: number) => 'x'.repeat(n);
const badStrings = ['', ' ', ' padded ', long(256), long(1001), long(4001), 42, null, undefined, true, {}, []];

type Rec = Record<string, unknown>;
const at = (record: Rec, path: string[], value: unknown, remove = false): Rec => {
  const [head, ...rest] = path;
  const copy: Rec = Array.isArray(record) ? ([...record] as unknown as Rec) : { ...record };
  if (rest.length === 0) {
    if (remove) delete copy[head!];
    else copy[head!] = value;
  } else copy[head!] = at(record[head!] as Rec, rest, value, remove);
  return copy;
};

const PATHS = [
  ['externalId'], ['partnerId'], ['id'], ['useCase'], ['stage'], ['submittedAt'], ['stageChangedAt'], ['acceptedAt'], ['closedAt'],
  ['closeReason'], ['version'], ['lastModifiedBy'], ['notes'], ['crmRecordId'], ['duplicateOverrideReason'], ['expectedTimeline'],
  ['consentToContact'], ['existingCustomer'], ['seller'], ['seller', 'id'], ['seller', 'name'], ['estimatedArr'],
  ['estimatedArr', 'amountMinor'], ['estimatedArr', 'currency'], ['prospect'], ['prospect', 'company'], ['prospect', 'country'],
  ['prospect', 'contactName'], ['prospect', 'contactEmail'], ['prospect', 'website'], ['prospect', 'contactPhone'],
  ['prospect', 'contactTitle'], ['stageHistory'], ['stageHistory', '0'], ['stageHistory', '0', 'from'], ['stageHistory', '0', 'to'],
  ['stageHistory', '0', 'at'], ['stageHistory', '0', 'by'], ['stageHistory', '1', 'reason'], ['stageHistory', '1', 'inferred'],
];
const VALUES: unknown[] = [
  ...badStrings, 'not-a-uuid', 'won', 'closed-won', 'usa', 'us', 'US', 'usd', 'USD', 'a@b', 'jo@example.com', 'not a site', 'acme.com',
  '2026-02-30T10:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01', 'abc', '+1 555 0100', 0, -1, 1.5, 2 ** 53, 100, false, '12+ months',
  'soon', { id: 's', name: '' }, { amountMinor: 100, currency: 'USD', extra: 1 }, [{ from: null, to: 'submitted', at: '2026-01-01T00:00:00Z', by: '' }],
];

/** What the test checks for one record: the fast path accepts it only if the schema keeps it as it is. */
function agrees(record: unknown): boolean {
  if (!isCanonicalReferral(record)) return true;
  const parsed = ReferralSchema.safeParse(record);
  if (!parsed.success) return false;
  try {
    expect(parsed.data).to.deep.equal(record);
    return true;
  } catch {
    return false;
  }
}

describe('isCanonicalReferral: the fast path for referrals in bulk', () => {
  it('accepts the demo records as they are (so the seed fast path is taken)', () => {
    expect(demo.referrals.every((r) => isCanonicalReferral(r))).to.equal(true);
    expect(base, 'a demo record with every optional field').to.not.equal(undefined);
  });

  it('never accepts a record the schema refuses or changes, field by field', () => {
    const disagreements: string[] = [];
    let refused = 0;
    for (const path of PATHS) {
      const variants = [at(base, path, undefined, true), ...VALUES.map((v) => at(base as unknown as Rec, path, v))];
      for (const variant of variants) {
        if (!ReferralSchema.safeParse(variant).success) refused++;
        if (!agrees(variant)) disagreements.push(`${path.join('.')} = ${JSON.stringify(path.reduce<unknown>((o, k) => (o as Rec | undefined)?.[k], variant))}`);
      }
    }
    expect(disagreements).to.deep.equal([]);
    expect(refused, 'the variants include many the schema refuses').to.be.greaterThan(500);
  });

  it('refuses unknown keys, undefined values, non-plain objects and non-objects', () => {
    for (const record of [
      { ...base, extra: 1 },
      { ...base, notes: undefined },
      { ...base, prospect: { ...base.prospect, extra: 1 } },
      { ...base, seller: { ...base.seller, extra: 1 } },
      Object.assign(Object.create({ inherited: 1 }) as object, base),
      null,
      'a referral',
      [base],
    ]) {
      expect(isCanonicalReferral(record)).to.equal(false);
    }
  });
});
