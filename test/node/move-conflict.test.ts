// Issue 16, item 6: two partner managers move the same referral from two browsers. The first move
// lands; the second, made from the version both had read, is a `conflict` CrmError whose details are
// the referral as it now is (who moved it and to where), and the CRM holds the first move once. Through
// the gateway (RestAdapter, two sessions as two users) and through SalesforceAdapter against the fake org.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { ReferralSchema, type Referral } from '../../src/domain/referral.js';
import { CrmError } from '../../src/errors.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { browserAdapter, startGateway } from './support/gateway.js';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { PARTNERS as SF_PARTNERS, referralInput as sfReferralInput, startHarness } from '../fixtures/salesforce/harness.js';

const BEA = { id: 'u-pm-bea', name: 'Bea Rejecter', email: 'bea@example.com', role: 'partner-manager' as const, partnerIds: [] };
const running: { close(): Promise<void> }[] = [];
after(async () => {
  for (const server of running.splice(0)) await server.close();
});

/**
 * First accepts the referral; second, from the version it read before, rejects it. Checks what the
 * second is told and what the CRM (read through `crm`) holds.
 */
async function twoMovers(first: CrmAdapter, second: CrmAdapter, crm: CrmAdapter, id: string, firstName: string): Promise<void> {
  const readByFirst = await first.getReferral(id);
  const readBySecond = await second.getReferral(id);
  assert.equal(readBySecond.stage, 'submitted');
  assert.equal(readBySecond.version, readByFirst.version);

  await first.moveReferral(id, { to: 'accepted', expectedVersion: readByFirst.version });
  const refused = await second.moveReferral(id, { to: 'rejected', expectedVersion: readBySecond.version, reason: 'Not a fit' }).then(
    () => assert.fail('the second move was saved over the first'),
    (error: unknown) => error,
  );
  assert.ok(CrmError.is(refused, 'conflict'), `expected a conflict, got ${String(refused)}`);
  const current = ReferralSchema.parse(refused.details);
  assert.deepEqual([current.id, current.stage, current.lastModifiedBy], [id, 'accepted', firstName], 'the conflict names who moved it and where');

  const held: Referral = await crm.getReferral(id);
  assert.equal(held.stage, 'accepted');
  assert.equal(held.version, readByFirst.version + 1, 'one change, not two');
  assert.equal(held.closeReason, undefined);
  const moves = (held.stageHistory ?? []).filter((change) => change.from !== null && !change.inferred);
  assert.deepEqual(moves.map((change) => [change.from, change.to]), [['submitted', 'accepted']], 'the first move, once');
}

describe('moves under conflict: two partner managers, one referral', () => {
  it('through the gateway: the second session is refused with who moved it and where', async () => {
    const seed = structuredClone(contractSeed);
    const gateway = await startGateway({ ...seed, users: [...(seed.users ?? []), BEA] });
    running.push(gateway);
    const casey = browserAdapter(gateway.url);
    const bea = browserAdapter(gateway.url);
    assert.equal((await casey.getCurrentUser()).name, 'Casey Manager');
    assert.equal((await bea.signInAsDemoUser(BEA.id)).name, 'Bea Rejecter');
    await twoMovers(casey, bea, browserAdapter(gateway.url), 'ref-c01', 'Casey Manager');
  });

  it('through SalesforceAdapter against the fake org: the second user is refused with who moved it and where', async () => {
    const h = await startHarness({ partners: SF_PARTNERS, users: [BEA] });
    running.push(h);
    const partnerId = h.seeded.ids.get('p-1')!;
    const created = await h.adapter.createReferral(sfReferralInput(partnerId));
    const beaToken = h.org.issueToken(h.seeded.ids.get(BEA.id)!);
    const bea = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: h.server.url, accessToken: beaToken }), retry: { attempts: 3, baseDelayMs: 5 } });
    assert.equal((await bea.getCurrentUser()).name, 'Bea Rejecter');
    await twoMovers(h.adapter, bea, h.adapter, created.id, 'Pat Manager');
  });
});
