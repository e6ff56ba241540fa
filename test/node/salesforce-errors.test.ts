import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CrmError, type CrmErrorKind } from '../../src/errors.js';
import { SalesforceAdapter, connectWithToken, connectWithTokenProvider } from '../../src/salesforce/index.js';
import { toCrmError } from '../../src/salesforce/errors.js';
import type { Referral } from '../../src/domain/referral.js';
import { PARTNERS, referralInput, startHarness, type Harness } from '../fixtures/salesforce/harness.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { startFakeSalesforce } from '../fixtures/salesforce/server.js';
import invalidSession from '../fixtures/salesforce/restforce_error_invalid_session_id.json' with { type: 'json' };
import multipleMatches from '../fixtures/salesforce/restforce_upsert_300_multiple_matches.json' with { type: 'json' };
import invalidField from '../fixtures/salesforce/restforce_error_invalid_field_write.json' with { type: 'json' };
import extIdNotFound from '../fixtures/salesforce/restforce_error_upsert_extid_not_found.json' with { type: 'json' };

const kind = (k: CrmErrorKind) => (e: unknown) => {
  assert.ok(CrmError.is(e), `expected a CrmError, got ${String(e)}`);
  assert.equal(e.kind, k, e.message);
  return true;
};

describe('Salesforce errors → CrmError kinds', () => {
  it('maps every listed Salesforce error code to its kind', () => {
    const cases: [number, unknown, CrmErrorKind][] = [
      [401, invalidSession, 'auth'],
      [400, [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }], 'permission'],
      [403, [{ errorCode: 'FORBIDDEN', message: 'Forbidden' }], 'permission'],
      [403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }], 'rate-limit'],
      [400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Use a work email', fields: ['Contact_Email__c'] }], 'validation'],
      [400, [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company__c]', fields: ['Company__c'] }], 'validation'],
      [400, [{ errorCode: 'STRING_TOO_LONG', message: 'Contact Title: data value too large', fields: ['Contact_Title__c'] }], 'validation'],
      [400, [{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'bad value for restricted picklist field: x', fields: ['Stage__c'] }], 'validation'],
      [400, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }], 'not-found'],
      [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], 'not-found'],
      [404, extIdNotFound, 'not-found'],
      [400, [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }], 'unavailable'],
      [503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server unavailable' }], 'unavailable'],
      [412, [{ errorCode: 'PRECONDITION_FAILED', message: 'modified since' }], 'conflict'],
      [300, multipleMatches, 'duplicate'],
      [400, [{ errorCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?' }], 'duplicate'],
      [400, invalidField, 'bad-data'],
    ];
    for (const [status, body, expected] of cases) assert.equal(toCrmError(status, body).kind, expected, `${status} ${JSON.stringify(body)}`);
  });

  it('maps Salesforce fields back to domain fields', () => {
    const h = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: 'http://127.0.0.1:9', accessToken: 'x' }) });
    assert.equal(h.mapping.referral.fields.contactEmail, 'Contact_Email__c');
    const error = toCrmError(400, [{ errorCode: 'STRING_TOO_LONG', message: 'too long', fields: ['Contact_Title__c'] }], (f) => (f === 'Contact_Title__c' ? 'prospect.contactTitle' : f));
    assert.deepEqual(error.fieldErrors, { 'prospect.contactTitle': ['too long'] });
  });
});

describe('SalesforceAdapter over HTTP failures', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ partners: PARTNERS });
    await h.adapter.listPartners(); // describe Partner__c once, up front
  });
  after(() => h.close());
  const partnerId = () => h.seeded.ids.get('p-1')!;

  it('400 with field errors on the upsert → validation naming the domain field', async () => {
    h.org.failNext({ method: 'PATCH', path: /External_Id__c/, status: 400, body: [{ fields: ['Country__c'], message: 'Country: bad value for restricted picklist field: ZZ', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }] });
    await assert.rejects(h.adapter.createReferral(referralInput(partnerId())), (e: unknown) => {
      kind('validation')(e);
      assert.deepEqual(Object.keys((e as CrmError).fieldErrors), ['prospect.country']);
      return true;
    });
    h.org.validationRules.push((object, after) => (object === 'Referral__c' && String(after.Contact_Email__c).endsWith('@gmail.com') ? { message: 'Use a work email address', fields: ['Contact_Email__c'] } : undefined));
    try {
      await assert.rejects(
        h.adapter.createReferral(referralInput(partnerId(), { prospect: { company: 'Gmail user', country: 'US', contactName: 'A', contactEmail: 'a@gmail.com' } })),
        (e: unknown) => kind('validation')(e) && (e as CrmError).fieldErrors['prospect.contactEmail']?.[0] === 'Use a work email address',
      );
    } finally {
      h.org.validationRules.pop();
    }
    assert.equal(h.org.records('Referral__c').length, 0, 'nothing was saved');
  });

  it('300 (several records with the external id) → duplicate, not a crash', async () => {
    const input = referralInput(partnerId());
    for (let i = 0; i < 2; i++) h.org.insertRaw('Referral__c', { External_Id__c: input.externalId, Partner__c: partnerId(), Company__c: 'Twin', Country__c: 'US', Contact_Name__c: 'A', Contact_Email__c: 'a@b.co', Use_Case__c: 'x', Estimated_ARR__c: 1, Stage__c: 'submitted', Version__c: 0 });
    await assert.rejects(h.adapter.createReferral(input), kind('duplicate'));
  });

  it('DUPLICATES_DETECTED from a duplicate rule → duplicate naming the matching record', async () => {
    const first = await h.adapter.createReferral(referralInput(partnerId(), { prospect: { company: 'Initech', country: 'US', contactName: 'B', contactEmail: 'b@initech.com' } }));
    h.org.duplicateRule = (object, record) => (object === 'Referral__c' ? h.org.records('Referral__c').filter((r) => r.Company_Key__c === record.Company_Key__c).map((r) => String(r.Id)) : []);
    try {
      await assert.rejects(h.adapter.createReferral(referralInput(partnerId(), { prospect: { company: 'INITECH LLC', country: 'US', contactName: 'B', contactEmail: 'b@initech.com' } })), (e: unknown) => {
        kind('duplicate')(e);
        assert.match((e as CrmError).message, /R-|A02/i);
        assert.ok(JSON.stringify((e as CrmError).details).includes(first.id));
        return true;
      });
    } finally {
      h.org.duplicateRule = undefined;
    }
  });

  it('412 when the record changed after the widget read it → conflict with the record as it is now', async () => {
    const created = await h.adapter.createReferral(referralInput(partnerId()));
    // Someone edits it in Salesforce (not through Cosell): the version stays, LastModifiedDate moves on.
    const stored = h.org.record('Referral__c', created.id)!;
    stored.Notes__c = 'edited in Lightning';
    stored.LastModifiedDate = '2099-01-01T00:00:00.000+0000';
    await assert.rejects(h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: created.version }), (e: unknown) => {
      kind('conflict')(e);
      assert.equal(((e as CrmError).details as Referral).notes, 'edited in Lightning');
      return true;
    });
    assert.equal(h.org.record('Referral__c', created.id)!.Stage__c, 'submitted');
  });

  it('503 is retried with backoff, then succeeds', async () => {
    const before = h.org.calls().length;
    h.org.failNext({ path: /\/query/, status: 503, rawBody: '<html>Service Unavailable</html>', headers: { 'content-type': 'text/html' }, times: 2 });
    const partners = await h.adapter.listPartners();
    assert.equal(partners.length, 2);
    assert.equal(h.org.calls().length - before, 3);
  });

  it('503 on every attempt → unavailable after the configured attempts', async () => {
    const before = h.org.calls().length;
    h.org.failNext({ path: /\/query/, status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }], times: 5 });
    await assert.rejects(h.adapter.listPartners(), kind('unavailable'));
    assert.equal(h.org.calls().length - before, 3);
    h.org.failNext({ path: /\/query/, status: 503, times: 2 }); // drain what is left
    await h.adapter.listPartners().catch(() => undefined);
  });

  it('UNABLE_TO_LOCK_ROW inside the move is retried, then the move succeeds once', async () => {
    const created = await h.adapter.createReferral(referralInput(partnerId()));
    h.org.failNext({ method: 'PATCH', path: /\/sobjects\/Referral__c\/\w+$/, status: 400, body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: ' + created.id }] });
    const moved = await h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
    assert.equal(moved.version, 1);
  });

  it('UNABLE_TO_LOCK_ROW on every attempt → unavailable', async () => {
    const created = await h.adapter.createReferral(referralInput(partnerId()));
    h.org.failNext({ method: 'PATCH', path: /\/sobjects\/Referral__c\/\w+$/, status: 400, times: 3, body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }] });
    await assert.rejects(h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 }), kind('unavailable'));
  });

  it('403 REQUEST_LIMIT_EXCEEDED is retried, then → rate-limit; 403 insufficient access → permission at once', async () => {
    let before = h.org.calls().length;
    h.org.failNext({ path: /\/query/, status: 403, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    assert.equal((await h.adapter.listPartners()).length, 2);
    assert.equal(h.org.calls().length - before, 2, 'the 403, then one retry');
    before = h.org.calls().length;
    h.org.failNext({ path: /\/query/, status: 403, times: 3, body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }] });
    await assert.rejects(h.adapter.listPartners(), (e: unknown) => CrmError.is(e, 'rate-limit') && e.gaveUp === 'read' && /API limit/.test(e.message));
    assert.equal(h.org.calls().length - before, 3, 'the configured attempts');
    before = h.org.calls().length;
    h.org.failNext({ path: /\/query/, status: 403, body: [{ message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }] });
    await assert.rejects(h.adapter.listPartners(), kind('permission'));
    assert.equal(h.org.calls().length - before, 1, 'permission is never retried');
  });

  it('a deleted or unknown record → not-found', async () => {
    await assert.rejects(h.adapter.getReferral('a02Dn000000ZZZZZZZ'), kind('not-found'));
    await assert.rejects(h.adapter.moveReferral('a02Dn000000ZZZZZZZ', { to: 'accepted', expectedVersion: 0 }), kind('not-found'));
    await assert.rejects(h.adapter.getReferral("x' OR Id != '"), kind('not-found'));
  });

  it('malformed JSON → bad-data', async () => {
    h.org.failNext({ path: /\/query/, status: 200, rawBody: '{"totalSize": 1, "done": true, "records": [' });
    await assert.rejects(h.adapter.listPartners(), kind('bad-data'));
  });

  it('a malformed record is skipped and reported; the rest still show', async () => {
    const good = await h.adapter.createReferral(referralInput(partnerId()));
    const badId = h.org.insertRaw('Referral__c', { External_Id__c: crypto.randomUUID(), Partner__c: partnerId(), Company__c: 'Broken', Country__c: 'USA', Contact_Name__c: 'A', Contact_Email__c: 'not-an-email', Use_Case__c: 'x', Estimated_ARR__c: 5, Stage__c: 'Bogus', Version__c: 0 });
    const page = await h.adapter.listReferrals();
    assert.ok(page.referrals.some((r) => r.id === good.id));
    assert.ok(!page.referrals.some((r) => r.id === badId));
    const skipped = page.skipped?.find((s) => s.id === badId);
    assert.ok(skipped, 'reported in ReferralPage.skipped');
    assert.match(skipped.message, /stage/);
    assert.match(skipped.message, /contactEmail/);
    assert.equal(page.referrals.length + (page.skipped?.length ?? 0), h.org.records('Referral__c').length);
  });

  it('network failure → network', async () => {
    const offline = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: 'http://127.0.0.1:9', accessToken: 'x' }), retry: { baseDelayMs: 1 } });
    await assert.rejects(offline.listPartners(), kind('network'));
  });

  it('one caller’s abort does not fail another caller sharing the first describe', async () => {
    const fresh = await startHarness({ partners: PARTNERS });
    try {
      const controller = new AbortController();
      const aborted = fresh.adapter.listReferrals({}, { signal: controller.signal });
      const other = fresh.adapter.listReferrals();
      controller.abort();
      await assert.rejects(aborted, (e: unknown) => (e as Error).name === 'AbortError');
      assert.deepEqual((await other).referrals, []);
    } finally {
      await fresh.close();
    }
  });

  it('an aborted call rejects with the AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(h.adapter.getReferral('a02Dn000000ZZZZZZZ', { signal: controller.signal }), (e: unknown) => (e as Error).name === 'AbortError');
  });
});

describe('session expiry: 401 INVALID_SESSION_ID', () => {
  it('asks getAccessToken() once, retries once, and goes on', async () => {
    const org = new FakeSalesforceOrg();
    const server = await startFakeSalesforce(org);
    try {
      const seeded = seedOrg(org, { partners: PARTNERS });
      let calls = 0;
      const connection = await connectWithTokenProvider({ instanceUrl: server.url, getAccessToken: () => (++calls === 1 ? seeded.token : org.issueToken(seeded.userId)) });
      const adapter = new SalesforceAdapter({ connection });
      assert.equal((await adapter.listPartners()).length, 2);
      org.expireToken(seeded.token);
      const before = org.calls().length;
      assert.equal((await adapter.listPartners()).length, 2);
      assert.equal(calls, 2, 'one refresh');
      assert.deepEqual(org.calls().slice(before).map((c) => c.method), ['GET', 'GET'], 'the 401, then one retry');
    } finally {
      await server.close();
    }
  });

  it('a refreshed token that is refused too → auth, after exactly one refresh and one retry', async () => {
    const org = new FakeSalesforceOrg();
    const server = await startFakeSalesforce(org);
    try {
      const seeded = seedOrg(org, { partners: PARTNERS });
      let calls = 0;
      const connection = await connectWithTokenProvider({ instanceUrl: server.url, getAccessToken: () => (++calls === 1 ? seeded.token : 'revoked-token') });
      const adapter = new SalesforceAdapter({ connection });
      org.expireToken(seeded.token);
      const before = org.requests.length;
      await assert.rejects(adapter.listPartners(), kind('auth'));
      assert.equal(calls, 2);
      assert.equal(org.requests.length - before, 2);
    } finally {
      await server.close();
    }
  });

  it('without a token provider, 401 → auth at once', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      h.org.expireToken(h.seeded.token);
      await assert.rejects(h.adapter.listPartners(), kind('auth'));
    } finally {
      await h.close();
    }
  });
});

describe('describe once, with a clear error for missing or unreadable fields', () => {
  it('names a field hidden by field-level security', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      h.org.hideField('Referral__c', 'Company_Key__c');
      await assert.rejects(h.adapter.listReferrals(), (e: unknown) => kind('bad-data')(e) && /Company_Key__c \(referral\.companyKey\)/.test((e as CrmError).message));
    } finally {
      await h.close();
    }
  });

  it('names a field the user cannot edit', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      h.org.makeReadOnly('Referral__c', 'Stage__c');
      assert.equal((await h.adapter.listReferrals()).referrals.length, 0, 'reading still works (a seller may not move)');
      const created = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!));
      const before = h.org.calls().length;
      await assert.rejects(h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 }), (e: unknown) => kind('permission')(e) && /Stage__c \(referral\.stage\)/.test((e as CrmError).message));
      assert.equal(h.org.calls().length, before, 'refused before any write');
    } finally {
      await h.close();
    }
  });

  it('names an object missing from the org', async () => {
    const h = await startHarness({}, { adapter: { mapping: { referral: { object: 'Cosell_Referral__c' } } } });
    try {
      await assert.rejects(h.adapter.listReferrals(), (e: unknown) => kind('bad-data')(e) && /Cosell_Referral__c/.test((e as CrmError).message));
    } finally {
      await h.close();
    }
  });

  it('describes each object once', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      await Promise.all([h.adapter.listReferrals(), h.adapter.getStageDefinitions(), h.adapter.findDuplicateReferrals({ company: 'x' })]);
      await h.adapter.listReferrals();
      assert.equal(h.org.calls({ path: /Referral__c\/describe$/ }).length, 1);
    } finally {
      await h.close();
    }
  });

  it('rejects an invalid mapping at construction', () => {
    assert.throws(
      () => new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: 'http://127.0.0.1:9', accessToken: 'x' }), mapping: { referral: { fields: { company: "Company__c' OR" } } } }),
      /Invalid Salesforce mapping — referral\.fields\.company/,
    );
  });
});

describe('SalesforceAdapter retries (src/adapters/retry.ts)', () => {
  const quick = { attempts: 100, baseDelayMs: 20, maxDelayMs: 20 };

  it('stops at the action’s budget with words for the person; the caller’s abort stops it sooner', async () => {
    const h = await startHarness({ partners: PARTNERS }, { adapter: { retry: { ...quick, budgetsMs: { read: 300 } } } });
    try {
      await h.adapter.listPartners();
      await h.adapter.getReferral('a02Dn000000ZZZZZZZ').catch(() => undefined); // the describes are shared by every caller: done before the faults
      let before = h.org.calls().length;
      h.org.failNext({ path: /\/query/, status: 503, times: 1000, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] });
      let started = Date.now();
      await assert.rejects(h.adapter.listPartners(), (e: unknown) => CrmError.is(e, 'unavailable') && e.gaveUp === 'read' && /did not answer in time/.test(e.message));
      assert.ok(Date.now() - started < 300 + 500, `${Date.now() - started} ms for a 300 ms budget`);
      const sent = h.org.calls().length - before;
      assert.ok(sent >= 3 && sent < 100, `${sent} requests`);

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 60);
      before = h.org.calls().length;
      started = Date.now();
      await assert.rejects(h.adapter.getReferral('a02Dn000000ZZZZZZZ', { signal: controller.signal }), (e: unknown) => (e as Error).name === 'AbortError');
      assert.ok(Date.now() - started < 60 + 500);
      const atAbort = h.org.calls().length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(h.org.calls().length, atAbort, 'nothing is sent after the abort');
      assert.ok(atAbort - before < 10);
    } finally {
      await h.close();
    }
  });

  it('honours Retry-After on a 503', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      await h.adapter.listPartners();
      h.org.failNext({ path: /\/query/, status: 503, headers: { 'retry-after': '1' }, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] });
      const started = Date.now();
      assert.equal((await h.adapter.listPartners()).length, 2);
      assert.ok(Date.now() - started >= 1000, `retried after ${Date.now() - started} ms`);
    } finally {
      await h.close();
    }
  });

  it('a move answered 500 is sent again and applied once; a 400 validation is not sent again', async () => {
    const h = await startHarness({ partners: PARTNERS });
    try {
      const created = await h.adapter.createReferral(referralInput(h.seeded.ids.get('p-1')!));
      const composites = () => h.org.calls({ method: 'POST', path: /\/composite$/ }).filter((c) => !c.sub).length;
      let before = composites();
      h.org.failNext({ method: 'POST', path: /\/composite$/, status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] });
      const moved = await h.adapter.moveReferral(created.id, { to: 'accepted', expectedVersion: 0 });
      assert.equal(moved.version, 1);
      assert.equal((moved.stageHistory ?? []).filter((c) => c.to === 'accepted').length, 1);
      assert.equal(composites() - before, 2, 'the 500, then one retry');
      before = composites();
      h.org.failNext({ method: 'POST', path: /\/composite$/, status: 400, body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Reason required', fields: ['Stage__c'] }] });
      await assert.rejects(h.adapter.moveReferral(created.id, { to: 'qualified', expectedVersion: 1 }), kind('validation'));
      assert.equal(composites() - before, 1, 'validation is not retried');
    } finally {
      await h.close();
    }
  });
});
