// The HTTP contract's pieces that RestAdapter and the gateway share: problem types map one to one
// onto CrmError kinds, Retry-After is read in both of its forms, and queries survive the URL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CRM_ERROR_KINDS, CrmError } from '../../src/errors.js';
import { crmErrorFromProblem, parseRetryAfter } from '../../src/rest/rest-adapter.js';
import { fromQuery, kindOfProblemType, PROBLEM_STATUS, problemType, toSearchParams } from '../../src/rest/contract.js';

describe('the REST contract', () => {
  it('gives every CrmError kind its own problem type, and reads each back', () => {
    const types = CRM_ERROR_KINDS.map(problemType);
    assert.equal(new Set(types).size, CRM_ERROR_KINDS.length);
    for (const kind of CRM_ERROR_KINDS) assert.equal(kindOfProblemType(problemType(kind)), kind);
    assert.equal(kindOfProblemType('about:blank'), undefined);
  });

  it('turns a problem document into the CrmError it names, with field errors and retryAfter', () => {
    const error = crmErrorFromProblem(422, {
      type: problemType('validation'),
      detail: 'Referral is not valid',
      fieldErrors: { 'prospect.contactEmail': ['Enter an email address'] },
    });
    assert.ok(CrmError.is(error, 'validation'));
    assert.deepEqual(error.fieldErrors, { 'prospect.contactEmail': ['Enter an email address'] });
    assert.equal(error.message, 'Referral is not valid');
    assert.equal(crmErrorFromProblem(429, { type: problemType('rate-limit') }, 7).retryAfter, 7);
    // No problem document (a proxy's page): the status decides.
    assert.equal(crmErrorFromProblem(PROBLEM_STATUS['not-found'], undefined).kind, 'not-found');
    assert.equal(crmErrorFromProblem(503, undefined).kind, 'unavailable');
    // A type of another contract: the status decides too.
    assert.equal(crmErrorFromProblem(401, { type: 'https://errors.example/expired' }).kind, 'auth');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('120'), 120);
    const now = Date.parse('2026-03-01T10:00:00Z');
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('sends arrays as repeated keys and reads them back as arrays, numbers as numbers', () => {
    const params = toSearchParams({ stages: ['submitted'], pageSize: 5, q: 'acme', market: undefined });
    assert.equal(params.toString(), 'stages=submitted&pageSize=5&q=acme');
    assert.deepEqual(fromQuery({ stages: 'submitted', pageSize: '5', q: 'acme' }), { stages: ['submitted'], pageSize: 5, q: 'acme' });
    assert.deepEqual(fromQuery({ pageSize: 'many' }), { pageSize: 'many' });
  });
});
