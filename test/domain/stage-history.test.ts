import { expect } from '@open-wc/testing';
import type { Referral, StageChange } from '../../src/domain/referral.js';
import { StageChangeSchema } from '../../src/domain/referral.js';
import {
  appendStageChange,
  historyOf,
  movesSince,
  stageAt,
  synthesiseStageHistory,
  timeInStages,
  UNKNOWN_ACTOR,
} from '../../src/domain/stage-history.js';

const seller = { id: 'u-seller', name: 'Dana' };
const history: StageChange[] = [
  { from: null, to: 'submitted', at: '2026-09-01T09:00:00.000Z', by: 'u-seller' },
  { from: 'submitted', to: 'accepted', at: '2026-09-03T09:00:00.000Z', by: 'u-pm' },
  { from: 'accepted', to: 'qualified', at: '2026-09-13T09:00:00.000Z', by: 'u-pm' },
  { from: 'qualified', to: 'accepted', at: '2026-10-02T09:00:00.000Z', by: 'u-pm' },
  { from: 'accepted', to: 'closed-lost', at: '2026-10-12T09:00:00.000Z', by: 'u-pm', reason: 'No budget' },
];
const referral = {
  stage: 'closed-lost',
  seller,
  submittedAt: '2026-09-01T09:00:00.000Z',
  acceptedAt: '2026-09-03T09:00:00.000Z',
  stageChangedAt: '2026-10-12T09:00:00.000Z',
  closedAt: '2026-10-12T09:00:00.000Z',
  closeReason: 'No budget',
  stageHistory: history,
} satisfies Partial<Referral>;

describe('stage history', () => {
  it('tells the stage at an instant from the history, nothing before the submission', () => {
    expect(stageAt(referral, '2026-08-31T23:59:59Z')).to.equal(undefined);
    expect(stageAt(referral, '2026-09-01T09:00:00Z')).to.equal('submitted');
    expect(stageAt(referral, '2026-09-02')).to.equal('submitted');
    expect(stageAt(referral, '2026-09-20')).to.equal('qualified');
    expect(stageAt(referral, '2026-10-05')).to.equal('accepted'); // moved back
    expect(stageAt(referral, new Date('2026-11-01T00:00:00Z'))).to.equal('closed-lost');
  });

  it('lists the moves since a date, not the submission, oldest first', () => {
    expect(movesSince(referral, '2026-10-01').map((m) => `${m.from}>${m.to}`)).to.deep.equal(['qualified>accepted', 'accepted>closed-lost']);
    expect(movesSince(referral, '2026-08-01')).to.have.length(4);
    expect(movesSince(referral, '2026-10-12T09:00:00.001Z')).to.deep.equal([]);
  });

  it('counts days per stage, both stays in a stage entered twice, the current one up to now', () => {
    const days = timeInStages(referral, new Date('2026-10-22T09:00:00Z'));
    expect(days).to.deep.equal({ submitted: 2, accepted: 10 + 10, qualified: 19, 'closed-lost': 10 });
    const open = { ...referral, stage: 'accepted' as const, stageHistory: history.slice(0, 2) };
    expect(timeInStages(open, new Date('2026-09-04T21:00:00Z'))).to.deep.equal({ submitted: 2, accepted: 1.5 });
  });

  it('reconstructs a missing history from the dates and marks what is inferred', () => {
    const { stageHistory: _recorded, ...bare } = referral;
    const synthesised = synthesiseStageHistory(bare);
    expect(synthesised).to.deep.equal([
      { from: null, to: 'submitted', at: '2026-09-01T09:00:00.000Z', by: 'u-seller' },
      { from: 'submitted', to: 'accepted', at: '2026-09-03T09:00:00.000Z', by: UNKNOWN_ACTOR, inferred: true },
      { from: 'accepted', to: 'closed-lost', at: '2026-10-12T09:00:00.000Z', by: UNKNOWN_ACTOR, inferred: true, reason: 'No budget' },
    ]);
    for (const change of synthesised) expect(StageChangeSchema.safeParse(change).success).to.equal(true);
    expect(historyOf(bare)).to.deep.equal(synthesised);
    expect(historyOf({ ...bare, stageHistory: [] })).to.deep.equal(synthesised);
    // Without history the qualified stay is not known: the inferred history says accepted.
    expect(stageAt(bare, '2026-09-20')).to.equal('accepted');
    const submitted = { ...bare, stage: 'submitted' as const, acceptedAt: undefined, closedAt: undefined, closeReason: undefined, stageChangedAt: bare.submittedAt };
    expect(synthesiseStageHistory(submitted)).to.have.length(1);
    expect(stageAt(submitted, '2026-12-01')).to.equal('submitted');
  });

  it('a history that starts with a move says the referral was in its from stage before it', () => {
    const partial = { ...referral, stageHistory: history.slice(3) };
    expect(stageAt(partial, '2026-09-20')).to.equal('qualified');
    expect(stageAt(partial, '2026-08-01')).to.equal(undefined);
  });

  it('appends to the recorded history, or to the reconstructed one', () => {
    const move: StageChange = { from: 'closed-lost', to: 'accepted', at: '2026-10-20T09:00:00.000Z', by: 'u-pm' };
    expect(appendStageChange(referral, move)).to.deep.equal([...history, move]);
    const { stageHistory: _recorded, ...bare } = referral;
    expect(appendStageChange(bare, move)).to.have.length(4);
  });
});
