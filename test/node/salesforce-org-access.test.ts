// The fake org enforces the permission sets and sharing shipped in salesforce/force-app as a real org
// does for the REST API, each answer in Salesforce's own error shape ({ message, errorCode, fields? }).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { loadOrgAccess } from '../fixtures/salesforce/org-access-files.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { PARTNERS } from '../fixtures/salesforce/harness.js';
import fieldErrorSample from '../fixtures/salesforce/restforce_error_invalid_field_write.json' with { type: 'json' };

const V = '/services/data/v64.0';
const keys = (o: object) => Object.keys(o).sort();

function world() {
  const org = new FakeSalesforceOrg({ access: loadOrgAccess() });
  const seeded = seedOrg(org, { partners: PARTNERS, currentUser: { id: 'u-sam', name: 'Sam Seller', email: 'sam@example.com', role: 'seller' } });
  const partnerId = seeded.ids.get('p-1')!;
  const kim = org.addUser('Kim Seller', 'kim@example.com', ['Cosell_Seller']);
  const manager = org.addUser('Pat Manager', 'pat@example.com', ['Cosell_Partner_Manager']);
  const finance = org.addUser('Fran Finance', 'fran@example.com', ['Cosell_Finance']);
  const referral = (company: string, owner: string) => org.insertRaw('Referral__c', {
    External_Id__c: crypto.randomUUID(), Partner__c: partnerId, Company__c: company, Country__c: 'US', Contact_Name__c: 'Jo',
    Contact_Email__c: 'jo@example.com', Use_Case__c: 'Screen pop', Estimated_ARR__c: 1000, Stage__c: 'submitted', Version__c: 0, OwnerId: owner,
  }, owner);
  const sams = referral('Sam Corp', seeded.userId);
  const kims = referral('Kim Corp', kim);
  const as = (userId: string) => {
    const token = org.issueToken(userId);
    return async (method: string, path: string, body?: unknown) => {
      const response = await org.handle({ method, url: path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, json: response.body ? (JSON.parse(response.body) as unknown) : undefined };
    };
  };
  const q = (soql: string) => `${V}/query?q=${encodeURIComponent(soql)}`;
  return { org, sam: as(seeded.userId), kim: as(kim), manager: as(manager), finance: as(finance), sams, kims, partnerId, q };
}

type ErrorBody = { message: string; errorCode: string; fields?: string[] }[];

describe('the fake org enforces the shipped permission sets and sharing', () => {
  it('Private sharing: a seller reads only the referrals they own; View All reads every one', async () => {
    const { sam, manager, finance, sams, kims, q } = world();
    const mine = (await sam('GET', q('SELECT Id, Company__c FROM Referral__c'))).json as { records: { Id: string }[] };
    assert.deepEqual(mine.records.map((r) => r.Id), [sams]);
    assert.equal((await sam('GET', `${V}/sobjects/Referral__c/${kims}`)).status, 404);
    for (const user of [manager, finance]) {
      const all = (await user('GET', q('SELECT Id FROM Referral__c'))).json as { records: { Id: string }[] };
      assert.deepEqual(all.records.map((r) => r.Id).sort(), [sams, kims].sort());
    }
  });

  it('a seller cannot edit another seller’s referral, nor finance any: INSUFFICIENT_ACCESS_OR_READONLY', async () => {
    const { sam, finance, kims, sams } = world();
    for (const [call, id] of [[sam, kims], [finance, sams]] as const) {
      const { status, json } = await call('PATCH', `${V}/sobjects/Referral__c/${id}`, { Notes__c: 'mine now' });
      assert.equal(status, 400);
      const [error] = json as ErrorBody;
      assert.deepEqual(keys(error!), keys(fieldErrorSample[0]!));
      assert.deepEqual(error, { message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
    }
  });

  it('field-level security: a read-only field is not updateable and its write fails with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const { sam, sams } = world();
    const describe = (await sam('GET', `${V}/sobjects/Referral__c/describe`)).json as { createable: boolean; fields: { name: string; updateable: boolean; createable: boolean }[] };
    assert.equal(describe.createable, true);
    const stage = describe.fields.find((f) => f.name === 'Stage__c')!;
    assert.deepEqual([stage.createable, stage.updateable], [false, false]);
    assert.equal(describe.fields.find((f) => f.name === 'Notes__c')?.updateable, true);
    const { status, json } = await sam('PATCH', `${V}/sobjects/Referral__c/${sams}`, { Stage__c: 'accepted' });
    assert.equal(status, 400);
    assert.equal((json as ErrorBody)[0]?.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    assert.deepEqual((json as ErrorBody)[0]?.fields, ['Stage__c']);
    assert.equal((await sam('PATCH', `${V}/sobjects/Referral__c/${sams}`, { Notes__c: 'Call back Monday' })).status, 204);
  });

  it('an object the user cannot read does not exist for them: describe 404, SOQL INVALID_TYPE', async () => {
    const { sam, finance, q } = world();
    assert.equal((await sam('GET', `${V}/sobjects/Revshare_Agreement__c/describe`)).status, 404);
    const { status, json } = await sam('GET', q('SELECT Id FROM Revshare_Agreement__c'));
    assert.equal(status, 400);
    assert.equal((json as ErrorBody)[0]?.errorCode, 'INVALID_TYPE');
    assert.match((json as ErrorBody)[0]!.message, /sObject type 'Revshare_Agreement__c' is not supported/);
    assert.equal((await finance('GET', q('SELECT Id, Rates__c FROM Revshare_Agreement__c'))).status, 200);
  });

  it('without the object permission nothing is created: finance submits no referral, a seller records no stage change', async () => {
    const { sam, finance, partnerId, sams } = world();
    const created = await finance('POST', `${V}/sobjects/Referral__c`, { External_Id__c: crypto.randomUUID(), Partner__c: partnerId });
    assert.equal(created.status, 400);
    assert.equal((created.json as ErrorBody)[0]?.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    const change = await sam('POST', `${V}/sobjects/Referral_Stage_Change__c`, { Referral__c: sams, To__c: 'accepted' });
    assert.equal((change.json as ErrorBody)[0]?.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('a field without read access is absent from describe and "No such column" in SOQL', async () => {
    const access = loadOrgAccess();
    // The partner manager's set as it shipped before: no field permission for Rates__c.
    const manager = access.permissionSets.find((p) => p.name === 'Cosell_Partner_Manager')!;
    delete manager.fields['Revshare_Agreement__c.Rates__c'];
    const org = new FakeSalesforceOrg({ access });
    const user = org.addUser('Pat Manager', 'pat@example.com', ['Cosell_Partner_Manager']);
    const token = org.issueToken(user);
    const get = async (path: string) => {
      const r = await org.handle({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, json: JSON.parse(r.body) as unknown };
    };
    const describe = (await get(`${V}/sobjects/Revshare_Agreement__c/describe`)).json as { fields: { name: string }[] };
    assert.ok(!describe.fields.some((f) => f.name === 'Rates__c'));
    assert.ok(describe.fields.some((f) => f.name === 'Payment_Terms_Days__c'));
    const { status, json } = await get(`${V}/query?q=${encodeURIComponent('SELECT Id, Rates__c FROM Revshare_Agreement__c')}`);
    assert.equal(status, 400);
    assert.equal((json as ErrorBody)[0]?.errorCode, 'INVALID_FIELD');
    assert.match((json as ErrorBody)[0]!.message, /No such column 'Rates__c'/);
  });

  it('PermissionSetAssignment is a setup object: a Cosell user, without View Setup, cannot query it', async () => {
    const { sam, manager, q } = world();
    for (const user of [sam, manager]) {
      const { status, json } = await user('GET', q('SELECT PermissionSet.Name FROM PermissionSetAssignment'));
      assert.equal(status, 400);
      assert.equal((json as ErrorBody)[0]?.errorCode, 'INVALID_TYPE');
    }
  });

  it('a permission set the package does not ship cannot be assigned', () => {
    const org = new FakeSalesforceOrg({ access: loadOrgAccess() });
    assert.throws(() => org.addUser('Ada Admin', 'ada@example.com', ['Cosell_Superuser']), /no permission set Cosell_Superuser/);
    for (const set of ['Cosell_Seller', 'Cosell_Partner_Manager', 'Cosell_Finance', 'Cosell_Admin']) assert.ok(org.addUser(set, `${set}@example.com`, [set]));
  });
});
