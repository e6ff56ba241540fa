import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrmError } from '../../src/errors.js';
import { PARTNERS, referralInput, startHarness, type Harness } from '../fixtures/salesforce/harness.js';

describe('SalesforceAdapter against the loopback fake org', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ partners: PARTNERS });
  });
  after(() => h.close());

  it('reads partners through the mapping', async () => {
    const partners = await h.adapter.listPartners();
    assert.deepEqual(partners.map((p) => p.name), ['Acme Contact Center', 'Beta Analytics']);
    const acme = partners[0]!;
    assert.equal(acme.id, h.seeded.ids.get('p-1'));
    assert.deepEqual(acme.markets, ['US', 'DE']);
    assert.deepEqual(acme.lifecycle.activePrograms, ['referrals', 'enablement']);
    assert.equal(acme.links[0]?.url, 'https://acme-cc.example/partners');
  });

  it('creates, reads back and moves a referral', async () => {
    const partnerId = h.seeded.ids.get('p-1')!;
    const input = referralInput(partnerId);
    const created = await h.adapter.createReferral(input);
    assert.equal(created.stage, 'submitted');
    assert.equal(created.version, 0);
    assert.equal(created.seller.name, 'Sam Seller');
    assert.equal(created.estimatedArr.amountMinor, 1_250_000);
    const again = await h.adapter.createReferral(input);
    assert.equal(again.id, created.id);
    assert.equal(h.org.records('Referral__c').length, 1);
    const moved = await h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
    assert.equal(moved.stage, 'accepted');
    assert.equal(moved.version, 1);
    await assert.rejects(h.adapter.moveReferral(created.id, { to: 'qualified', expectedVersion: 0 }), (e: unknown) => CrmError.is(e, 'conflict'));
    const page = await h.adapter.listReferrals();
    assert.equal(page.referrals.length, 1);
    assert.equal(page.referrals[0]?.stage, 'accepted');
  });
});
