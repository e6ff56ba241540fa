import { expect } from '@open-wc/testing';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import { LIFECYCLE_STEPS, INTEGRATION_STATUSES, PartnerSchema } from '../../src/domain/partner.js';
import { ReferralSchema } from '../../src/domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema } from '../../src/domain/revshare.js';
import { STAGES } from '../../src/domain/stages.js';
import { ROLES, UserSchema } from '../../src/domain/user.js';
import { addMonths, periodOf } from '../../src/domain/period.js';
import { isSameCompany, normalizeCompany } from '../../src/domain/normalize.js';
import { stageAt } from '../../src/domain/stage-history.js';

describe('createDemoData', () => {
  const demo = createDemoData();

  it('is deterministic: the same seed gives deep-equal data, another seed differs', () => {
    expect(createDemoData({ seed: 1 })).to.deep.equal(demo);
    expect(createDemoData({ seed: 42, referrals: 300 })).to.deep.equal(createDemoData({ seed: 42, referrals: 300 }));
    const other = createDemoData({ seed: 2 });
    expect(other.referrals).not.to.deep.equal(demo.referrals);
    expect(other.referrals.map((r) => r.externalId)).not.to.deep.equal(demo.referrals.map((r) => r.externalId));
  });

  it('uses the fixed reference date unless told otherwise', () => {
    const newest = Math.max(...demo.referrals.map((r) => Date.parse(r.submittedAt)));
    expect(newest).to.be.at.most(Date.parse(DEMO_REFERENCE_DATE));
    const later = createDemoData({ referrals: 50, now: new Date('2030-05-01T00:00:00Z') });
    expect(later.referrals.every((r) => r.submittedAt >= '2028-04-01' && r.submittedAt <= '2030-05-01')).to.equal(true);
  });

  it('passes every domain schema unchanged', () => {
    for (const partner of demo.partners) expect(PartnerSchema.parse(partner)).to.deep.equal(partner);
    for (const referral of demo.referrals) expect(ReferralSchema.parse(referral)).to.deep.equal(referral);
    for (const agreement of demo.agreements) expect(RevshareAgreementSchema.parse(agreement)).to.deep.equal(agreement);
    for (const statement of demo.statements) expect(RevshareStatementSchema.parse(statement)).to.deep.equal(statement);
    for (const user of demo.users) expect(UserSchema.parse(user)).to.deep.equal(user);
  });

  it('has at least 12 partners over every lifecycle step and integration status', () => {
    expect(demo.partners.length).to.be.at.least(12);
    expect(new Set(demo.partners.map((p) => p.lifecycle.step))).to.deep.equal(new Set(LIFECYCLE_STEPS));
    expect(new Set(demo.partners.map((p) => p.integration.status))).to.deep.equal(new Set(INTEGRATION_STATUSES));
    for (const partner of demo.partners) {
      expect(partner.markets.length, partner.name).to.be.greaterThan(0);
      expect(partner.useCases.length, partner.name).to.be.greaterThan(0);
      expect(partner.links.every((l) => l.url.startsWith('https://')), partner.name).to.equal(true);
    }
    expect(new Set(demo.partners.flatMap((p) => p.markets)).size).to.be.at.least(10);
  });

  it('has sellers, partner managers, finance and admin users', () => {
    expect(new Set(demo.users.map((u) => u.role))).to.deep.equal(new Set(ROLES));
    expect(demo.users.filter((u) => u.role === 'seller').length).to.be.at.least(3);
    expect(demo.users).to.deep.include(demo.currentUser);
    expect(createDemoData({ referrals: 1, currentUserId: 'u-fin-grace' }).currentUser.role).to.equal('finance');
  });

  it('spreads 500 referrals over every stage, seller, partner and 24 months', () => {
    expect(demo.referrals.length).to.equal(500);
    expect(new Set(demo.referrals.map((r) => r.stage))).to.deep.equal(new Set(STAGES));
    const sellers = demo.users.filter((u) => u.role === 'seller').map((u) => u.id);
    expect(new Set(demo.referrals.map((r) => r.seller.id))).to.deep.equal(new Set(sellers));
    expect(new Set(demo.referrals.map((r) => r.partnerId)).size).to.equal(demo.partners.length);
    const months = new Set(demo.referrals.map((r) => periodOf(new Date(r.submittedAt))));
    expect(months.size).to.be.at.least(24);
    const currencies = demo.referrals.map((r) => r.estimatedArr.currency);
    expect(new Set(currencies)).to.deep.equal(new Set(['USD', 'EUR', 'GBP', 'JPY']));
    expect(currencies.filter((c) => c === 'USD').length).to.be.greaterThan(demo.referrals.length / 2);
    expect(new Set(demo.referrals.map((r) => r.id)).size).to.equal(500);
    expect(new Set(demo.referrals.map((r) => r.externalId)).size).to.equal(500);
  });

  it('keeps each referral’s dates in order and closed ones closed', () => {
    for (const r of demo.referrals) {
      expect(r.stageChangedAt >= r.submittedAt, r.id).to.equal(true);
      if (r.acceptedAt) expect(r.acceptedAt >= r.submittedAt && r.acceptedAt <= r.stageChangedAt, r.id).to.equal(true);
      const closed = r.stage === 'closed-won' || r.stage === 'closed-lost' || r.stage === 'rejected';
      expect(Boolean(r.closedAt), r.id).to.equal(closed);
      if (r.stage === 'closed-lost' || r.stage === 'rejected') expect(r.closeReason, r.id).to.be.a('string');
    }
  });

  it('gives each referral a stage history consistent with its stage, dates and version', () => {
    for (const r of demo.referrals) {
      const history = r.stageHistory ?? [];
      expect(history[0], r.id).to.deep.equal({ from: null, to: 'submitted', at: r.submittedAt, by: r.seller.id });
      expect(history.length - 1, r.id).to.equal(r.version);
      const last = history[history.length - 1]!;
      expect(last.to, r.id).to.equal(r.stage);
      if (r.version > 0) expect(last.at, r.id).to.equal(r.stageChangedAt);
      if (r.closeReason) expect(last.reason, r.id).to.equal(r.closeReason);
      history.slice(1).forEach((change, k) => {
        expect(change.from, r.id).to.equal(history[k]!.to);
        expect(change.at >= history[k]!.at, r.id).to.equal(true);
      });
      const acceptance = history.find((c) => c.to === 'accepted');
      expect(acceptance?.at, r.id).to.equal(r.acceptedAt);
      expect(stageAt(r, DEMO_REFERENCE_DATE), r.id).to.equal(r.stage);
    }
    expect(new Set(demo.referrals.map((r) => r.stageHistory?.length))).to.deep.equal(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('has the same company under different legal suffixes, for the duplicate finder', () => {
    const byKey = new Map<string, Set<string>>();
    for (const r of demo.referrals) {
      const key = normalizeCompany(r.prospect.company);
      byKey.set(key, (byKey.get(key) ?? new Set()).add(r.prospect.company));
    }
    const spelledSeveralWays = [...byKey.values()].filter((names) => names.size > 1);
    expect(spelledSeveralWays.length).to.be.at.least(10);
    const [a, b] = [...spelledSeveralWays[0]!];
    expect(isSameCompany({ company: a! }, { company: b! })).to.equal(true);
  });

  it('has agreements flat and tiered, with a rate change, several currencies and terms', () => {
    const kinds = new Set(demo.agreements.flatMap((a) => a.rates.flatMap((r) => [r.firstYear.kind, r.renewal.kind])));
    expect(kinds).to.deep.equal(new Set(['flat', 'tiered']));
    expect(demo.agreements.some((a) => a.rates.length > 1)).to.equal(true);
    expect(demo.agreements.some((a) => a.rates.some((r) => JSON.stringify(r.firstYear) !== JSON.stringify(r.renewal)))).to.equal(true);
    expect(new Set(demo.agreements.map((a) => a.currency)).size).to.be.at.least(3);
    expect(new Set(demo.agreements.map((a) => a.paymentTermsDays))).to.deep.equal(new Set([30, 45, 60]));
  });

  it('has 24 months of statements per agreement, with credits, first-year and renewal customers and a payment mix', () => {
    const latest = periodOf(new Date(DEMO_REFERENCE_DATE));
    for (const agreement of demo.agreements) {
      const periods = demo.statements.filter((s) => s.agreementId === agreement.id).map((s) => s.period);
      expect(periods.length, agreement.id).to.equal(24);
      expect(periods).to.include(latest).and.include(addMonths(latest, -23));
      expect(demo.statements.filter((s) => s.agreementId === agreement.id).every((s) => s.currency === agreement.currency)).to.equal(true);
    }
    const lines = demo.statements.flatMap((s) => s.lines.map((l) => ({ ...l, period: s.period })));
    expect(lines.some((l) => l.kind === 'credit' && l.billed.amountMinor < 0)).to.equal(true);
    expect(lines.some((l) => l.kind === 'refund' && l.billed.amountMinor < 0)).to.equal(true);
    expect(lines.some((l) => l.customerSince > addMonths(l.period, -12))).to.equal(true); // first year
    expect(lines.some((l) => l.customerSince <= addMonths(l.period, -12))).to.equal(true); // renewal
    expect(lines.some((l) => l.referralId !== undefined)).to.equal(true);
    expect(demo.statements.some((s) => s.disputed)).to.equal(true);
    expect(demo.statements.filter((s) => s.revshareDue !== undefined).length).to.be.greaterThan(demo.statements.length / 2);
    expect(demo.statements.some((s) => s.remitted.amountMinor === 0 && !s.disputed && s.period < addMonths(latest, -3))).to.equal(true);
    expect(demo.statements.filter((s) => s.remitted.amountMinor > 0).length).to.be.greaterThan(demo.statements.length / 2);
  });

  it('generates 10,000 referrals, all valid and distinct', () => {
    const big = createDemoData({ seed: 5, referrals: 10_000 });
    expect(big.referrals.length).to.equal(10_000);
    expect(new Set(big.referrals.map((r) => r.externalId)).size).to.equal(10_000);
    expect(big.referrals.slice(0, 200).every((r) => ReferralSchema.safeParse(r).success)).to.equal(true);
  });
});
