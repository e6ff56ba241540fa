import { expect } from '@open-wc/testing';
import { acceptanceStatus, ageingBadges, businessDaysSince, daysSince, DEFAULT_AGEING, isStale } from '../../src/domain/ageing.js';
import { clockStartingAt, fixedClock } from '../../src/domain/clock.js';
import { DEFAULT_ACCEPTANCE_WINDOW_DAYS } from '../../src/domain/partner.js';
import { ReferralSchema, type Referral } from '../../src/domain/referral.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import { isOpenStage } from '../../src/domain/stages.js';

const friday = new Date('2026-11-06T12:00:00Z');
const base = { stage: 'submitted', submittedAt: '2026-11-02T09:00:00Z', stageChangedAt: '2026-11-02T09:00:00Z' } as const; // a Monday

describe('ageing rules', () => {
  it('counts calendar and business days, never negative', () => {
    expect(daysSince('2026-11-02T09:00:00Z', friday)).to.equal(4);
    expect(businessDaysSince('2026-11-02T09:00:00Z', friday)).to.equal(4);
    expect(businessDaysSince('2026-10-30T09:00:00Z', new Date('2026-11-02T08:00:00Z'))).to.equal(1); // Fri → Mon
    expect(daysSince('2026-12-01T00:00:00Z', friday)).to.equal(0);
  });

  it('gives the acceptance status from the partner window, the schema default when the partner is unknown', () => {
    expect(DEFAULT_ACCEPTANCE_WINDOW_DAYS).to.equal(5);
    expect(acceptanceStatus(base, { acceptanceWindowDays: 5 }, friday)).to.deep.equal({ state: 'due', businessDaysLeft: 1 });
    expect(acceptanceStatus(base, undefined, friday)).to.deep.equal({ state: 'due', businessDaysLeft: 1 });
    expect(acceptanceStatus(base, { acceptanceWindowDays: 10 }, friday)).to.deep.equal({ state: 'waiting', businessDaysLeft: 6 });
    expect(acceptanceStatus({ ...base, submittedAt: '2026-10-26T09:00:00Z' }, { acceptanceWindowDays: 5 }, friday)).to.deep.equal({ state: 'overdue', businessDaysLeft: -4 });
    expect(acceptanceStatus({ ...base, submittedAt: '2026-10-01T09:00:00Z' }, { acceptanceWindowDays: 5 }, friday)?.state).to.equal('expired');
    expect(acceptanceStatus({ ...base, stage: 'accepted' }, undefined, friday)).to.equal(undefined);
  });

  it('flags badges most urgent first; an expired referral is not also stale', () => {
    const r = { ...base, submittedAt: '2026-09-01T09:00:00Z', stageChangedAt: '2026-09-01T09:00:00Z' } as unknown as Referral;
    expect(ageingBadges(r, undefined, DEFAULT_AGEING, friday)).to.deep.equal(['expired']);
    const overdueAndStale = { ...r, submittedAt: '2026-10-26T09:00:00Z' };
    expect(ageingBadges(overdueAndStale, undefined, { staleDays: 30, expireDays: 60 }, friday)).to.deep.equal(['acceptance-overdue', 'stale']);
    expect(isStale({ stage: 'closed-won', stageChangedAt: '2025-01-01T00:00:00Z' }, friday)).to.equal(false);
  });
});

describe('clock', () => {
  it('a fixed clock always says the same instant; a bad date is refused', () => {
    const clock = fixedClock('2026-11-01T09:00:00Z');
    expect(clock().toISOString()).to.equal('2026-11-01T09:00:00.000Z');
    expect(clock()).to.not.equal(clock()); // a new Date each time: a caller may not change the clock
    expect(() => fixedClock('yesterday')).to.throw(RangeError, /Not a date/);
  });

  it('a clock starting at a date runs at the pace of the real one', () => {
    let real = Date.parse('2027-03-01T00:00:00Z');
    const clock = clockStartingAt('2026-11-01T09:00:00Z', () => new Date(real));
    expect(clock().toISOString()).to.equal('2026-11-01T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).to.equal('2026-11-01T09:01:30.000Z');
  });

  it('on the demo date, the demo has a handful of flagged referrals, not all of them', () => {
    const now = new Date(DEMO_REFERENCE_DATE);
    const demo = createDemoData();
    const partners = new Map(demo.partners.map((p) => [p.id, p]));
    const open = demo.referrals.map((r) => ReferralSchema.parse(r)).filter((r) => isOpenStage(r.stage));
    const flagged = open.filter((r) => ageingBadges(r, partners.get(r.partnerId), DEFAULT_AGEING, now).length > 0);
    const submitted = open.filter((r) => r.stage === 'submitted');
    const expired = submitted.filter((r) => acceptanceStatus(r, partners.get(r.partnerId), now)?.state === 'expired');
    expect(open.length).to.be.greaterThan(50);
    expect(flagged.length, `${flagged.length} of ${open.length} open referrals flagged`).to.be.greaterThan(0);
    expect(flagged.length / open.length, `${flagged.length} of ${open.length} open referrals flagged`).to.be.below(0.5);
    expect(expired.length, `${expired.length} of ${submitted.length} submitted expired`).to.be.below(submitted.length);
  });
});
