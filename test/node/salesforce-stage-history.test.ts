// Stage history past one batch of child rows: Salesforce nests a subquery's children in batches (the
// fake org's CHILD_BATCH, 200) with `done: false` and a nextRecordsUrl on the child result. The
// adapter follows it, so review mode's "moved since the last review" sees every move of a referral
// moved hundreds of times, and only parents with more children cost a call.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { movesSince } from '../../src/domain/stage-history.js';
import { CHILD_BATCH } from '../fixtures/salesforce/fake-org.js';
import { PARTNERS, referralInput, startHarness, type Harness } from '../fixtures/salesforce/harness.js';

describe('SalesforceAdapter: stage history beyond one batch of child rows', () => {
  let h: Harness;
  let busyId: string;
  let quietId: string;
  const MOVES = CHILD_BATCH * 2 + 50;

  before(async () => {
    h = await startHarness({ partners: PARTNERS, currentUser: { id: 'u-1', name: 'Pat Manager', email: 'pat@example.com', role: 'partner-manager', partnerIds: [] } });
    const partnerId = h.seeded.ids.get('p-1')!;
    const busy = await h.adapter.createReferral(referralInput(partnerId, { prospect: { company: 'Busy Corp', country: 'US', contactName: 'Bo', contactEmail: 'bo@busy.example' } }));
    await h.adapter.createReferral(referralInput(partnerId, { prospect: { company: 'Quiet Ltd', country: 'US', contactName: 'Qi', contactEmail: 'qi@quiet.example' } }));
    busyId = busy.id;
    let version = busy.version;
    for (let i = 0; i < MOVES; i++) version = (await h.adapter.moveReferral(busyId, { to: i % 2 === 0 ? 'accepted' : 'qualified', expectedVersion: version })).version;
    const quiet = (await h.adapter.listReferrals({})).referrals.find((r) => r.prospect.company === 'Quiet Ltd')!;
    quietId = quiet.id;
    await h.adapter.moveReferral(quietId, { to: 'accepted', expectedVersion: quiet.version });
  });
  after(() => h.close());

  it('reads every stage change of a referral moved more times than one batch holds', async () => {
    const before = h.org.calls().length;
    const busy = await h.adapter.getReferral(busyId);
    assert.equal(busy.stageHistory?.length, MOVES + 1, 'the submission and every move');
    assert.equal(busy.stageHistory?.at(-1)?.to, busy.stage);
    assert.equal(h.org.calls().length - before, 1 + Math.ceil(MOVES / CHILD_BATCH) - 1, 'the query, then one call per further batch of children');
    assert.equal(movesSince(busy, '2000-01-01T00:00:00Z').length, MOVES);
  });

  it('lists referrals with every change, and asks again only for the parent that has more', async () => {
    const before = h.org.calls().length;
    const { referrals } = await h.adapter.listReferrals({});
    const busy = referrals.find((r) => r.id === busyId)!;
    const quiet = referrals.find((r) => r.id === quietId)!;
    assert.equal(busy.stageHistory?.length, MOVES + 1);
    assert.equal(quiet.stageHistory?.length, 2);
    assert.equal(h.org.calls().length - before, 1 + Math.ceil(MOVES / CHILD_BATCH) - 1);
  });

  it('a move reads back the whole history in its answer', async () => {
    const current = await h.adapter.getReferral(busyId);
    const moved = await h.adapter.moveReferral(busyId, { to: 'proposal', expectedVersion: current.version });
    assert.equal(moved.stageHistory?.length, MOVES + 2);
    assert.equal(moved.stageHistory?.at(-1)?.to, 'proposal');
  });
});
