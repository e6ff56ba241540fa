// The board on Salesforce: <cosell-pipeline-board> with the org's stage labels, a keyboard move saved
// as one Composite call, and a stale move refused by the org (conflict, card reloaded).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/pipeline-board/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { fetchOrgAccess } from '../fixtures/salesforce/org-access-http.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { INSTANCE_URL, serveOrg } from '../fixtures/salesforce/msw.js';
import { NOW, PARTNERS, USERS, cardOf, columnOfCard, loaded, referral, settle } from '../fixtures/board.js';

async function boardOnSalesforce() {
  const org = new FakeSalesforceOrg({ access: await fetchOrgAccess() });
  await serveOrg(org);
  org.relabel('Referral__c', 'Stage__c', 'proposal', 'Proposal (SOW sent)');
  const seeded = seedOrg(org, {
    partners: PARTNERS,
    currentUser: USERS['partner-manager'],
    referrals: [referral('r-acme', 'Acme', 'qualified', { submitted: 3 }), referral('r-bolt', 'Bolt Industries', 'qualified', { submitted: 5 }), referral('r-echo', 'Echo Media', 'submitted', { submitted: 1 })],
  });
  const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: INSTANCE_URL, accessToken: seeded.token }) });
  const stages = await adapter.getStageDefinitions();
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} locale="en-US"
      style="--cosell-board-column-width: 11rem; --cosell-board-column-height: 20rem">
      <cosell-pipeline-board .now=${NOW} .stages=${stages}></cosell-pipeline-board></cosell-provider>`);
  await provider.ready;
  const board = provider.querySelector('cosell-pipeline-board')!;
  await loaded(board);
  const id = (domainId: string) => seeded.ids.get(domainId)!;
  return { org, board, id };
}

async function keyboardMoveRight(board: HTMLElement & { updateComplete: Promise<boolean> }, cardId: string): Promise<void> {
  cardOf(board as never, cardId)!.focus();
  await sendKeys({ press: 'Space' });
  await sendKeys({ press: 'ArrowRight' });
  await sendKeys({ press: 'Space' });
  await board.updateComplete;
}

describe('<cosell-pipeline-board> on Salesforce', () => {
  it('shows the org’s stage labels and saves a keyboard move as one call', async () => {
    const { org, board, id } = await boardOnSalesforce();
    expect(board.shadowRoot!.querySelector('.column[data-stage="proposal"] h3 .label')!.textContent).to.equal('Proposal (SOW sent)');
    expect(columnOfCard(board, id('r-acme'))).to.equal('qualified');
    const before = org.calls().length;
    await keyboardMoveRight(board, id('r-acme'));
    await waitUntil(() => org.record('Referral__c', id('r-acme'))?.Stage__c === 'proposal', 'the move never reached Salesforce');
    await settle(board);
    expect(columnOfCard(board, id('r-acme'))).to.equal('proposal');
    expect(org.record('Referral__c', id('r-acme'))?.Version__c).to.equal(2);
    expect(org.calls().slice(before).map((c) => `${c.method} ${c.path.replace(/v\d+\.\d/, 'vXX')}`)).to.deep.equal(['POST /services/data/vXX/composite']);
    await expect(board).to.be.accessible();
  });

  it('a move from a stale board is refused by the org and the card is reloaded', async () => {
    const { org, board, id } = await boardOnSalesforce();
    // Someone else moves Bolt to negotiation in Salesforce after the board loaded.
    const bolt = org.record('Referral__c', id('r-bolt'))!;
    Object.assign(bolt, { Stage__c: 'negotiation', Version__c: 2, LastModifiedDate: '2099-01-01T00:00:00.000+0000' });
    await keyboardMoveRight(board, id('r-bolt'));
    await waitUntil(() => board.shadowRoot!.querySelector('[part="message"]')?.textContent?.includes('Someone else'), 'no conflict message', { timeout: 5000 });
    await settle(board);
    expect(columnOfCard(board, id('r-bolt'))).to.equal('negotiation');
    expect(org.record('Referral__c', id('r-bolt'))?.Stage__c).to.equal('negotiation');
    expect(org.record('Referral__c', id('r-bolt'))?.Version__c).to.equal(2);
  });
});
