// The reason saved with a move to Closed lost or Rejected (src/domain/close-reasons.ts): one rule for
// the board's prompt and any host that asks for a reason itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_REASON_MAX_LENGTH, closeReasonFrom, DEFAULT_CLOSE_REASONS, OTHER_CLOSE_REASON } from '../../src/domain/close-reasons.js';
import { REASON_STAGES } from '../../src/domain/stages.js';
import { createDemoData } from '../../src/demo-data.js';

describe('close reasons', () => {
  it('a listed reason alone, or with the details after it', () => {
    assert.deepEqual(closeReasonFrom({ choice: 'Price too high', details: '' }), { reason: 'Price too high' });
    assert.deepEqual(closeReasonFrom({ choice: 'Price too high', details: '  renewal at\n40% more ' }), { reason: 'Price too high: renewal at 40% more' });
  });

  it('Other needs details, which are then the reason; details with nothing chosen are Other', () => {
    assert.deepEqual(closeReasonFrom({ choice: OTHER_CLOSE_REASON, details: ' ' }), { problem: 'describe' });
    assert.deepEqual(closeReasonFrom({ choice: OTHER_CLOSE_REASON, details: 'Reorganised' }), { reason: 'Reorganised' });
    assert.deepEqual(closeReasonFrom({ choice: undefined, details: 'Reorganised' }), { reason: 'Reorganised' });
    assert.deepEqual(closeReasonFrom({ choice: undefined, details: '' }), { problem: 'choose' });
  });

  it('refuses a reason longer than the CRM keeps', () => {
    assert.deepEqual(closeReasonFrom({ choice: 'Price too high', details: 'x'.repeat(CLOSE_REASON_MAX_LENGTH) }), { problem: 'too-long' });
    assert.deepEqual(closeReasonFrom({ choice: undefined, details: 'x'.repeat(CLOSE_REASON_MAX_LENGTH) }), { reason: 'x'.repeat(CLOSE_REASON_MAX_LENGTH) });
  });

  it('has a default list for every stage that asks why, and the demo draws its reasons from it', () => {
    for (const stage of REASON_STAGES) assert.ok(DEFAULT_CLOSE_REASONS[stage].length > 0, stage);
    const demo = createDemoData({ seed: 1 });
    for (const referral of demo.referrals) {
      if (referral.stage !== 'closed-lost' && referral.stage !== 'rejected') continue;
      assert.ok(DEFAULT_CLOSE_REASONS[referral.stage].some((r) => r.label === referral.closeReason), `${referral.id}: ${referral.closeReason}`);
    }
  });
});
