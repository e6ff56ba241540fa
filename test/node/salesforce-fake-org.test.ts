// The fake org must answer like Salesforce: its bodies are checked against the samples copied from
// ../shared/salesforce-samples (test/fixtures/salesforce/SOURCES.md).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeSalesforceOrg, to18 } from '../fixtures/salesforce/fake-org.js';
import { createPkcePair } from '../../src/salesforce/connection.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { PARTNERS } from '../fixtures/salesforce/harness.js';
import describeSample from '../fixtures/salesforce/restforce_describe_sobject_whizbang.json' with { type: 'json' };
import page1Sample from '../fixtures/salesforce/restforce_query_page1_nextRecordsUrl.json' with { type: 'json' };
import page2Sample from '../fixtures/salesforce/restforce_query_page2_done.json' with { type: 'json' };
import nestedSample from '../fixtures/salesforce/restforce_query_success_nested.json' with { type: 'json' };
import upsertSample from '../fixtures/salesforce/sfdocs_upsert_extid_success_response.json' with { type: 'json' };
import createdSample from '../fixtures/salesforce/restforce_upsert_created_201.json' with { type: 'json' };
import multipleSample from '../fixtures/salesforce/restforce_upsert_300_multiple_matches.json' with { type: 'json' };
import sessionSample from '../fixtures/salesforce/restforce_error_invalid_session_id.json' with { type: 'json' };
import fieldErrorSample from '../fixtures/salesforce/restforce_error_invalid_field_write.json' with { type: 'json' };
import extIdSample from '../fixtures/salesforce/restforce_error_upsert_extid_not_found.json' with { type: 'json' };
import collectionsSample from '../fixtures/salesforce/restforce_collections_success.json' with { type: 'json' };
import refreshSample from '../fixtures/salesforce/restforce_oauth_refresh_success.json' with { type: 'json' };

const keys = (o: object) => Object.keys(o).sort();

function world() {
  const org = new FakeSalesforceOrg();
  const seeded = seedOrg(org, { partners: PARTNERS });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await org.handle({ method, url: path, headers: { authorization: `Bearer ${seeded.token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { ...response, json: response.body ? (JSON.parse(response.body) as unknown) : undefined };
  };
  return { org, seeded, call };
}

describe('the fake org speaks Salesforce’s shapes', () => {
  it('describe: the same object and field keys as a real describe', async () => {
    const { call } = world();
    const { status, json } = await call('GET', '/services/data/v64.0/sobjects/Referral__c/describe');
    assert.equal(status, 200);
    const body = json as typeof describeSample;
    assert.deepEqual(keys(body), keys(describeSample));
    for (const field of body.fields) assert.deepEqual(keys(field), keys(describeSample.fields[0]!), field.name);
    const picklist = body.fields.find((f) => f.name === 'Stage__c')!.picklistValues[0] as object;
    assert.deepEqual(keys(picklist), keys(describeSample.fields.find((f) => f.type === 'picklist')!.picklistValues[0]!));
  });

  it('query: pages with totalSize, done, nextRecordsUrl and records with attributes; nested relationships', async () => {
    const { org, call, seeded } = world();
    for (let i = 0; i < 450; i++) org.insertRaw('Referral__c', { Company__c: `C${i}`, Partner__c: seeded.ids.get('p-1') }, seeded.userId);
    const first = await call('GET', `/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id, Company__c, Partner__r.Name, CreatedBy.Name FROM Referral__c')}`, undefined, { 'sforce-query-options': 'batchSize=200' });
    const page = first.json as typeof page1Sample & { records: Record<string, unknown>[] };
    assert.deepEqual(keys(page), keys(page1Sample));
    assert.match(page.nextRecordsUrl, /^\/services\/data\/v64\.0\/query\/01g\w+-200$/);
    assert.deepEqual(keys(page.records[0]!.attributes as object), keys(page1Sample.records[0]!.attributes));
    assert.deepEqual(keys(page.records[0]!.Partner__r as object), keys(nestedSample.records[0]!.ParentWhizbang__r).filter((k) => k !== 'Text_Label'));
    const last = await call('GET', page.nextRecordsUrl.replace(/-200$/, '-400'));
    assert.deepEqual(keys(last.json as object), keys(page2Sample));
  });

  it('upsert: 201 created, 200 updated, 300 several matches, 404 for a field that is not an external id', async () => {
    const { call, seeded } = world();
    const fields = { Partner__c: seeded.ids.get('p-1'), Company__c: 'X', Country__c: 'US', Contact_Name__c: 'A', Contact_Email__c: 'a@b.co', Use_Case__c: 'u', Estimated_ARR__c: 1 };
    const created = await call('PATCH', '/services/data/v64.0/sobjects/Referral__c/External_Id__c/abc', fields);
    assert.equal(created.status, 201);
    for (const k of keys(createdSample)) assert.ok(k in (created.json as object), k);
    assert.deepEqual(keys(upsertSample).filter((k) => !(k in (created.json as object))), []);
    const updated = await call('PATCH', '/services/data/v64.0/sobjects/Referral__c/External_Id__c/abc', fields);
    assert.equal(updated.status, 200);
    const notExt = await call('PATCH', '/services/data/v64.0/sobjects/Referral__c/Company__c/X', fields);
    assert.equal(notExt.status, 404);
    assert.deepEqual(keys((notExt.json as object[])[0]!), keys(extIdSample[0]!));
  });

  it('300: an array of record URLs, like the sample', async () => {
    const { org, call, seeded } = world();
    for (let i = 0; i < 2; i++) org.insertRaw('Referral__c', { External_Id__c: 'twin', Company__c: 'T' }, seeded.userId);
    const r = await call('PATCH', '/services/data/v64.0/sobjects/Referral__c/External_Id__c/twin', {});
    assert.equal(r.status, 300);
    const pattern = /^\/services\/data\/v\d+\.\d\/sobjects\/\w+\/\w+$/;
    assert.ok(multipleSample.every((u) => pattern.test(u)));
    assert.ok((r.json as string[]).every((u) => pattern.test(u)));
  });

  it('errors: 401 body as the sample; an unknown field as the sample', async () => {
    const { org, call } = world();
    const expired = await org.handle({ method: 'GET', url: '/services/data/v64.0/query?q=x', headers: {} });
    assert.equal(expired.status, 401);
    assert.deepEqual(JSON.parse(expired.body), sessionSample);
    const bad = await call('PATCH', `/services/data/v64.0/sobjects/Referral__c/External_Id__c/z`, { Foo__c: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual(keys((bad.json as object[])[0]!), keys(fieldErrorSample[0]!));
    assert.equal((bad.json as { errorCode: string }[])[0]!.errorCode, fieldErrorSample[0]!.errorCode);
  });

  it('sObject Collections results have the sample’s keys; OAuth token responses too', async () => {
    const { call, seeded, org } = world();
    const id = org.insertRaw('Referral__c', { Company__c: 'Y', Version__c: 0 }, seeded.userId);
    const r = await call('PATCH', '/services/data/v64.0/composite/sobjects', { allOrNone: false, records: [{ attributes: { type: 'Referral__c' }, id, Notes__c: 'n' }] });
    assert.deepEqual((r.json as object[]).map(keys), collectionsSample.map(keys));
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refused = await org.handle({ method: 'POST', url: '/services/oauth2/token', headers: form, body: 'grant_type=refresh_token&refresh_token=nope' });
    assert.equal(refused.status, 400);
    const { verifier, challenge } = await createPkcePair();
    const code = org.authorize(challenge, seeded.userId);
    const tokens = JSON.parse((await org.handle({ method: 'POST', url: '/services/oauth2/token', headers: form, body: `grant_type=authorization_code&code=${code}&code_verifier=${verifier}` })).body) as { refresh_token: string };
    const refreshed = await org.handle({ method: 'POST', url: '/services/oauth2/token', headers: form, body: `grant_type=refresh_token&refresh_token=${tokens.refresh_token}` });
    assert.equal(refreshed.status, 200);
    assert.deepEqual(keys(refreshSample).filter((k) => !(k in (JSON.parse(refreshed.body) as object))), []);
  });

  it('composite: collated by default (API 49.0+), so a read-back may run before its write; in order with collateSubrequests false', async () => {
    const { call, seeded, org } = world();
    const fields = { Partner__c: seeded.ids.get('p-1'), Company__c: 'Before', Country__c: 'US', Contact_Name__c: 'A', Contact_Email__c: 'a@b.co', Use_Case__c: 'u', Estimated_ARR__c: 1 };
    const { id } = (await call('PATCH', '/services/data/v64.0/sobjects/Referral__c/External_Id__c/collate', fields)).json as { id: string };
    const subrequests = (company: string) => [
      { method: 'PATCH', url: `/services/data/v64.0/sobjects/Referral__c/${id}`, referenceId: 'write', body: { Company__c: company } },
      { method: 'GET', url: `/services/data/v64.0/query?q=${encodeURIComponent(`SELECT Company__c FROM Referral__c WHERE Id = '${id}'`)}`, referenceId: 'read' },
    ];
    const readBack = (json: unknown) => {
      const responses = (json as { compositeResponse: { referenceId: string; body: { records: { Company__c: string }[] } }[] }).compositeResponse;
      assert.deepEqual(responses.map((r) => r.referenceId), ['write', 'read'], 'responses in the order of the request');
      return responses[1]!.body.records[0]!.Company__c;
    };
    assert.equal(readBack((await call('POST', '/services/data/v64.0/composite', { allOrNone: true, compositeRequest: subrequests('Collated') })).json), 'Before');
    assert.equal(org.record('Referral__c', id)!.Company__c, 'Collated');
    assert.equal(readBack((await call('POST', '/services/data/v64.0/composite', { allOrNone: true, collateSubrequests: false, compositeRequest: subrequests('In order') })).json), 'In order');
    assert.equal(readBack((await call('POST', '/services/data/v48.0/composite', { allOrNone: true, compositeRequest: subrequests('v48') })).json), 'v48', 'false by default in 48.0');
  });

  it('URI and headers: 414 beyond 16,384 bytes of URI, 431 beyond 16,384 bytes of URI and headers together', async () => {
    const { org, seeded } = world();
    const get = (n: number, headers: Record<string, string> = {}) => org.handle({
      method: 'GET',
      url: `/services/data/v64.0/query?q=${encodeURIComponent(`SELECT Id FROM Referral__c WHERE Company__c = '${'x'.repeat(n)}'`)}`,
      headers: { authorization: `Bearer ${seeded.token}`, ...headers },
    });
    assert.equal((await get(14_000)).status, 200);
    assert.equal((await get(16_384)).status, 414);
    assert.equal((await get(14_000, { 'x-padding': 'p'.repeat(3_000) })).status, 431);
  });

  it('makes 18-character ids with the case-safe suffix', () => {
    assert.equal(to18('001A0000006Vm9r'), '001A0000006Vm9rIAC'); // the example Salesforce's docs and KB give
    assert.equal(to18('a02Dn0000000001').length, 18);
  });
});
