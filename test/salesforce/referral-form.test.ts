// A widget end to end on Salesforce: <cosell-referral-form> → SalesforceAdapter → jsforce (browser
// build, fetch) → msw → the fake org. What the seller types lands in Referral__c.
import { expect, oneEvent } from '@open-wc/testing';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import type { ReferralSubmittedEvent } from '../../src/events.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { fetchOrgAccess } from '../fixtures/salesforce/org-access-http.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { INSTANCE_URL, serveOrg } from '../fixtures/salesforce/msw.js';
import { clearDrafts, seller, voicePartner } from '../fixtures/seller-world.js';
import { control, fillValid, messageFor, mountForm, submitButton, waitForShadow } from '../components/referral-form-helpers.js';
import { referralReference } from '../../src/domain/reference.js';

async function salesforceWorld() {
  const org = new FakeSalesforceOrg({ access: await fetchOrgAccess() });
  await serveOrg(org);
  const seeded = seedOrg(org, { partners: [voicePartner], currentUser: seller });
  const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: INSTANCE_URL, accessToken: seeded.token }), retry: { baseDelayMs: 5 } });
  return { org, adapter, partnerId: seeded.ids.get('p-voice')! };
}

describe('<cosell-referral-form> on Salesforce', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('submits a referral into Referral__c with one upsert by external id', async () => {
    const { org, adapter, partnerId } = await salesforceWorld();
    const form = await mountForm(adapter, { partnerId, crmRecordId: '001Dn00000AbCdEFGH' });
    await fillValid(form, 'Globex Corporation');
    const before = org.requests.length;
    const event = oneEvent(form, 'cosell-referral-submitted');
    submitButton(form).click();
    const { referral } = (await event) as unknown as ReferralSubmittedEvent;
    await waitForShadow(form, '#confirmation-heading');

    const stored = org.records('Referral__c');
    expect(stored.length).to.equal(1);
    expect(stored[0]!.External_Id__c).to.equal(referral.externalId);
    expect(stored[0]!.Company_Key__c).to.equal('globex');
    expect(stored[0]!.Estimated_ARR__c).to.equal(12_500);
    expect(stored[0]!.CRM_Record_Id__c).to.equal('001Dn00000AbCdEFGH');
    expect(referral.id).to.equal(stored[0]!.Id);
    expect(referral.seller.name).to.equal('Ana Seller');
    const writes = org.requests.slice(before).filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.sub === undefined && r.path.endsWith('/composite')));
    expect(writes.map((r) => `${r.method} ${r.path.replace(/v\d+\.\d/, 'vXX')}`)).to.deep.equal([`PATCH /services/data/vXX/sobjects/Referral__c/External_Id__c/${referral.externalId}`]);
    const shown = form.shadowRoot!.querySelector<HTMLElement>('[part="confirmation"] .referral-reference')!;
    expect(shown.textContent).to.equal(referralReference(referral.externalId));
    expect(shown.dataset.referralId).to.equal(referral.id);
    await expect(form).to.be.accessible();
  });

  it('shows a Salesforce field error (400) beside the field it maps to, keeping the values', async () => {
    const { org, adapter, partnerId } = await salesforceWorld();
    const form = await mountForm(adapter, { partnerId });
    await fillValid(form);
    org.validationRules.push((object, after) => (object === 'Referral__c' && String(after.Contact_Email__c).endsWith('.example') ? { message: 'Use the prospect’s work address', fields: ['Contact_Email__c'] } : undefined));
    submitButton(form).click();
    await waitForShadow(form, '#contactEmail-error');
    expect(messageFor(form, 'contactEmail')).to.equal('Use the prospect’s work address');
    expect(control(form, 'contactEmail').value).to.equal('hank@globex.example');
    expect(org.records('Referral__c').length).to.equal(0);
    await expect(form).to.be.accessible();
  });
});
