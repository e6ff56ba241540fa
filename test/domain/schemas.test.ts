import { expect } from '@open-wc/testing';
import { PartnerSchema } from '../../src/domain/partner.js';
import { ReferralInputSchema, ReferralSchema, MoveRequestSchema } from '../../src/domain/referral.js';
import { RevshareStatementSchema, RateScheduleSchema } from '../../src/domain/revshare.js';
import { CrmError, parseRecord } from '../../src/errors.js';
import { createDemoData } from '../../src/demo-data.js';

const demo = createDemoData({ referrals: 5 });
const partner = demo.partners[0]!;
const referral = demo.referrals[0]!;
const statement = demo.statements.find((s) => s.lines.length > 1)!;

/** The field paths a schema rejects `value` on, via parseRecord (as adapters use it). */
function failingFields(schema: Parameters<typeof parseRecord>[0], value: unknown, source: 'input' | 'crm' = 'crm'): string[] {
  try {
    parseRecord(schema, value, { record: 'Record x', source });
  } catch (error) {
    expect(error).to.be.instanceOf(CrmError);
    expect((error as CrmError).kind).to.equal(source === 'input' ? 'validation' : 'bad-data');
    expect((error as CrmError).message).to.contain('Record x');
    return Object.keys((error as CrmError).fieldErrors).sort();
  }
  throw new Error('Expected the record to be rejected');
}

describe('domain schemas', () => {
  it('rejects a partner with no name, an unknown step, a bad market and a bad manager email', () => {
    expect(failingFields(PartnerSchema, { ...partner, name: '  ' })).to.deep.equal(['name']);
    expect(failingFields(PartnerSchema, { ...partner, lifecycle: { step: 'dreaming', activePrograms: [] } })).to.deep.equal(['lifecycle.step']);
    expect(failingFields(PartnerSchema, { ...partner, markets: ['US', 'Germany'] })).to.deep.equal(['markets.1']);
    expect(failingFields(PartnerSchema, { ...partner, partnerManager: { name: 'X', email: 'nope' } })).to.deep.equal(['partnerManager.email']);
    expect(failingFields(PartnerSchema, { ...partner, integration: { name: 'X', status: 'soon' } })).to.deep.equal(['integration.status']);
  });

  it('accepts lower-case markets and fills defaults', () => {
    const parsed = PartnerSchema.parse({ id: 'p', name: 'P', integration: { name: 'I', status: 'planned' }, lifecycle: { step: 'evaluation' }, markets: ['de'] });
    expect(parsed.markets).to.deep.equal(['DE']);
    expect(parsed.acceptanceWindowDays).to.equal(5);
    expect(parsed.links).to.deep.equal([]);
  });

  it('rejects referral input naming each bad field', () => {
    const input = {
      externalId: referral.externalId,
      partnerId: referral.partnerId,
      prospect: referral.prospect,
      useCase: referral.useCase,
      estimatedArr: referral.estimatedArr,
      consentToContact: true,
    };
    expect(ReferralInputSchema.safeParse(input).success).to.equal(true);
    expect(failingFields(ReferralInputSchema, { ...input, prospect: { ...input.prospect, contactEmail: 'x' } }, 'input')).to.deep.equal(['prospect.contactEmail']);
    expect(failingFields(ReferralInputSchema, { ...input, prospect: { ...input.prospect, company: '' } }, 'input')).to.deep.equal(['prospect.company']);
    expect(failingFields(ReferralInputSchema, { ...input, externalId: 'not-a-uuid' }, 'input')).to.deep.equal(['externalId']);
    expect(failingFields(ReferralInputSchema, { ...input, consentToContact: false }, 'input')).to.deep.equal(['consentToContact']);
    expect(failingFields(ReferralInputSchema, { ...input, estimatedArr: { amountMinor: 0, currency: 'USD' } }, 'input')).to.deep.equal(['estimatedArr.amountMinor']);
    expect(failingFields(ReferralInputSchema, { ...input, estimatedArr: { amountMinor: 10.5, currency: 'usd' } }, 'input')).to.deep.equal(['estimatedArr.amountMinor', 'estimatedArr.currency']);
  });

  it('rejects a stored referral with a bad stage, date or version', () => {
    expect(failingFields(ReferralSchema, { ...referral, stage: 'won' })).to.deep.equal(['stage']);
    expect(failingFields(ReferralSchema, { ...referral, submittedAt: 'yesterday' })).to.deep.equal(['submittedAt']);
    expect(failingFields(ReferralSchema, { ...referral, version: -1 })).to.deep.equal(['version']);
    // Stored referrals may pre-date the consent rule.
    expect(ReferralSchema.safeParse({ ...referral, consentToContact: false }).success).to.equal(true);
    expect(failingFields(MoveRequestSchema, { to: 'accepted', expectedVersion: 1.5 }, 'input')).to.deep.equal(['expectedVersion']);
  });

  it('rejects a statement with a bad period, a positive credit or a bad currency', () => {
    expect(failingFields(RevshareStatementSchema, { ...statement, period: '2026-13' })).to.deep.equal(['period']);
    const lines = statement.lines.map((l, i) => (i === 0 ? { ...l, kind: 'credit' } : l));
    expect(failingFields(RevshareStatementSchema, { ...statement, lines })).to.deep.equal(['lines.0.billed']);
    expect(failingFields(RevshareStatementSchema, { ...statement, remitted: { amountMinor: 1, currency: 'dollars' } })).to.deep.equal(['remitted.currency']);
    const since = statement.lines.map((l, i) => (i === 1 ? { ...l, customerSince: '2026-1' } : l));
    expect(failingFields(RevshareStatementSchema, { ...statement, lines: since })).to.deep.equal(['lines.1.customerSince']);
  });

  it('rejects tiers that do not start at zero or do not rise', () => {
    expect(RateScheduleSchema.safeParse({ kind: 'tiered', tiers: [{ fromMinor: 10, rateBps: 100 }] }).success).to.equal(false);
    expect(RateScheduleSchema.safeParse({ kind: 'tiered', tiers: [{ fromMinor: 0, rateBps: 100 }, { fromMinor: 0, rateBps: 200 }] }).success).to.equal(false);
    expect(RateScheduleSchema.safeParse({ kind: 'flat', rateBps: 10_001 }).success).to.equal(false);
  });
});
