// The referral form's field table is the one place that says where each field sits in a referral
// input: it builds the input and maps an error at a schema path back to the field (issue 10 item 6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DraftValuesSchema } from '../../components/referral-form/draft.js';
import { FIELDS, fieldForPath } from '../../components/referral-form/fields.js';
import { checkDraft, crmFieldMessages } from '../../components/referral-form/validation.js';
import { ReferralInputSchema } from '../../src/domain/referral.js';

const values = DraftValuesSchema.parse({
  company: 'Globex Corporation', website: ' globex.example ', country: 'US', contactName: 'Hank Scorpio', contactEmail: ' hank@globex.example ',
  useCase: 'Contact centre analytics', arr: '12,500', currency: 'EUR', consent: true, existingCustomer: 'yes',
});
const context = { locale: 'en-US', currency: 'USD', partnerId: 'p-voice', externalId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', crmRecordId: 'acc-1' };

describe('referral form field table', () => {
  it('builds the referral input from the table paths', () => {
    const { errors, input } = checkDraft(values, context);
    assert.deepEqual(errors, {});
    // Optional fields left empty are sent as absent (undefined), as before.
    assert.deepEqual(JSON.parse(JSON.stringify(input)), ReferralInputSchema.parse({
      externalId: context.externalId, partnerId: 'p-voice', crmRecordId: 'acc-1',
      prospect: { company: 'Globex Corporation', website: 'globex.example', country: 'US', contactName: 'Hank Scorpio', contactEmail: 'hank@globex.example' },
      useCase: 'Contact centre analytics', estimatedArr: { amountMinor: 1_250_000, currency: 'EUR' }, consentToContact: true, existingCustomer: true,
    }));
  });

  it('maps every field path, and paths inside or around it, back to that field', () => {
    for (const f of FIELDS) assert.equal(fieldForPath(f.path), f.key, f.path);
    assert.equal(fieldForPath('estimatedArr'), 'arr');
    assert.equal(fieldForPath('prospect'), 'company');
    assert.equal(fieldForPath('prospect.unknownField'), 'company');
    assert.equal(fieldForPath('crmRecordId'), undefined);
  });

  it('shows schema messages beside their fields and CRM messages it cannot place in the summary', () => {
    const { errors } = checkDraft({ ...values, contactEmail: 'not an email', consent: false }, context);
    assert.deepEqual(Object.keys(errors).sort(), ['consent', 'contactEmail']);
    const crm = crmFieldMessages({ 'estimatedArr.currency': ['Only USD'], 'Region__c': ['Required'] });
    assert.deepEqual(crm, { errors: { currency: 'Only USD' }, other: ['Region__c: Required'] });
  });
});
