// The outbox for referrals (issue 16 item 5), in Chromium against RestAdapter, with the gateway faked
// by msw at the HTTP layer: a referral made offline is kept in IndexedDB, shown in my referrals as
// waiting, and sent once, with its externalId, when the connection returns; across a reload, across
// two tabs (two providers sharing the database, the BroadcastChannel and the Web Lock); or never, if
// the seller cancels it. Every POST that reaches the CRM is counted at the msw handler.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/referral-form/define.js';
import '../../components/my-referrals/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import type { CosellMyReferrals } from '../../components/my-referrals/my-referrals.js';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { openDB } from 'idb';
import { Announcer } from '../../components/base/announcer.js';
import { ReferralOutbox, type OutboxReferral } from '../../src/outbox/outbox.js';
import { FakeGateway, GATEWAY_URL, serveGateway } from '../fixtures/rest-msw.js';
import { clearDrafts, sellerAdapter } from '../fixtures/seller-world.js';
import { fillValid, submitButton, waitForShadow } from './referral-form-helpers.js';

const WAITING = 'Waiting to send — will send when you are back online';

function restAdapter(): RestAdapter {
  return new RestAdapter({ baseUrl: GATEWAY_URL, liveChanges: false });
}

interface Page {
  provider: CosellProvider;
  form: CosellReferralForm;
  list: CosellMyReferrals;
}

/** One "tab": a provider with its own RestAdapter over the outbox database `outbox`, a form and my referrals. */
async function openPage(outbox: string): Promise<Page> {
  const provider = await fixture<CosellProvider>(
    html`<cosell-provider outbox=${outbox} .adapter=${restAdapter()}>
      <cosell-referral-form partner-id="p-voice" crm-record-id="acc-1"></cosell-referral-form>
      <cosell-my-referrals></cosell-my-referrals>
    </cosell-provider>`,
  );
  await provider.ready;
  const form = provider.querySelector('cosell-referral-form')!;
  const list = provider.querySelector('cosell-my-referrals')!;
  await form.ready;
  await waitUntil(() => list.shadowRoot!.querySelector('[part="table"], [data-kind="empty"]'), 'my referrals never loaded');
  return { provider, form, list };
}

function waitingRows(list: CosellMyReferrals): HTMLLIElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLLIElement>('[part="waiting"] li')];
}

/** Submit the filled form while the gateway cannot be reached; returns the externalId kept. */
async function submitOffline(gateway: FakeGateway, page: Page, company: string): Promise<string> {
  await fillValid(page.form, company);
  const externalId = page.form.draftExternalId;
  goOffline(gateway);
  submitButton(page.form).click();
  await waitUntil(async () => (await new ReferralOutbox(page.provider.outbox).list()).some((r) => r.externalId === externalId), 'the referral was never kept');
  await waitForShadow(page.form, '[data-kind="waiting-to-send"]', 'the form never said the referral is waiting');
  return externalId;
}

/** Settles once no sender holds the outbox's lock (a send that started has finished). */
function senderDone(outbox: string): Promise<void> {
  return navigator.locks.request(`${outbox}:sender`, () => Promise.resolve());
}

/** Another offline submission from the same form, after the first was kept. */
async function submitOfflineAgain(gateway: FakeGateway, page: Page, company: string): Promise<string> {
  comeBack(gateway);
  await page.form.updateComplete;
  return submitOffline(gateway, page, company);
}

/** The gateway drops every request and the browser reports it has no network (`navigator.onLine`). */
function goOffline(gateway: FakeGateway): void {
  gateway.offline = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
}

/** The network is back, without the `online` event (a page loaded later). */
function comeBack(gateway: FakeGateway): void {
  gateway.offline = false;
  delete (navigator as { onLine?: boolean }).onLine;
}

function backOnline(gateway: FakeGateway): void {
  comeBack(gateway);
  window.dispatchEvent(new Event('online'));
}

describe('outbox for referrals (RestAdapter, msw)', () => {
  let outbox: string;
  let gateway: FakeGateway;

  beforeEach(async () => {
    clearDrafts();
    outbox = `cosell-outbox-test-${crypto.randomUUID()}`;
    gateway = await serveGateway(new FakeGateway(sellerAdapter()));
  });

  afterEach(async () => {
    comeBack(gateway);
    fixtureCleanup();
    await senderDone(outbox);
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(outbox);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  });

  it('keeps a referral made offline, shows it waiting, and sends it once when back online', async () => {
    const page = await openPage(outbox);
    const externalId = await submitOffline(gateway, page, 'Offline Corp');
    await senderDone(outbox); // the provider tried at once, and could not reach the CRM

    expect(page.form.shadowRoot!.querySelector('[data-kind="waiting-to-send"]')!.textContent?.trim()).to.equal(WAITING);
    expect(page.form.shadowRoot!.querySelector('#failure'), 'not shown as a failure').to.equal(null);
    const kept = await new ReferralOutbox(outbox).list();
    expect(kept.map((r) => [r.externalId, r.input.prospect.company])).to.deep.equal([[externalId, 'Offline Corp']]);
    await waitUntil(() => waitingRows(page.list).length === 1, 'my referrals never showed the waiting referral');
    const row = waitingRows(page.list)[0]!;
    expect(row.dataset['externalId']).to.equal(externalId);
    expect(row.textContent).to.contain('Offline Corp').and.contain(WAITING);
    expect(gateway.creates).to.deep.equal([]);

    backOnline(gateway);
    await waitUntil(() => page.list.shadowRoot!.querySelector('tbody tr'), 'the sent referral never showed in my referrals');
    await senderDone(outbox);
    window.dispatchEvent(new Event('online'));
    await senderDone(outbox);

    expect(gateway.creates).to.deep.equal([externalId]);
    const saved = (await gateway.crm.listReferrals()).referrals.filter((r) => r.externalId === externalId);
    expect(saved.map((r) => r.prospect.company)).to.deep.equal(['Offline Corp']);
    expect(waitingRows(page.list)).to.have.length(0);
    expect(await new ReferralOutbox(outbox).list()).to.deep.equal([]);
  });

  it('still has it after a reload (a new provider and adapter over the same database), and sends it once', async () => {
    const first = await openPage(outbox);
    const externalId = await submitOffline(gateway, first, 'Reloaded Ltd');
    await senderDone(outbox);
    fixtureCleanup(); // the tab is gone

    comeBack(gateway);
    const second = await openPage(outbox); // the next page load sends it
    await waitUntil(() => gateway.creates.length > 0 && waitingRows(second.list).length === 0, 'the reloaded page never sent the kept referral');
    await senderDone(outbox);
    window.dispatchEvent(new Event('online'));
    await senderDone(outbox);

    expect(gateway.creates).to.deep.equal([externalId]);
    expect((await gateway.crm.listReferrals()).referrals.filter((r) => r.externalId === externalId)).to.have.length(1);
  });

  it('sends it exactly once with two tabs open on the same outbox', async () => {
    const a = await openPage(outbox);
    const b = await openPage(outbox);
    const externalId = await submitOffline(gateway, a, 'Two Tabs GmbH');
    // The other tab hears of it over the BroadcastChannel.
    await waitUntil(() => waitingRows(b.list).length === 1, 'the other tab never showed the waiting referral');
    await senderDone(outbox);

    backOnline(gateway); // both tabs hear `online` and both try to send
    await waitUntil(() => waitingRows(a.list).length === 0 && waitingRows(b.list).length === 0, 'a tab still shows it waiting');
    await senderDone(outbox);
    window.dispatchEvent(new Event('online'));
    await senderDone(outbox);

    expect(gateway.creates).to.deep.equal([externalId]);
    await waitUntil(() => b.list.shadowRoot!.querySelector('tbody tr'), 'the other tab never showed the sent referral');
  });

  it('never sends a referral the seller cancelled', async () => {
    const page = await openPage(outbox);
    await submitOffline(gateway, page, 'Cancelled Inc');
    await waitUntil(() => waitingRows(page.list).length === 1, 'my referrals never showed the waiting referral');
    await senderDone(outbox);

    waitingRows(page.list)[0]!.querySelector<HTMLButtonElement>('[part="cancel-waiting"]')!.click();
    await waitUntil(() => waitingRows(page.list).length === 0, 'the cancelled referral is still shown');
    // Said through the one live region of the provider, not a region of my referrals' own.
    expect(Announcer.regionOf(page.list)!.textContent).to.contain('Cancelled Inc was cancelled');
    expect(page.list.shadowRoot!.querySelector('[data-kind="outbox-status"]')).to.equal(null);

    backOnline(gateway);
    await senderDone(outbox);
    fixtureCleanup();
    await openPage(outbox); // a reload does not bring it back either
    await senderDone(outbox);

    expect(gateway.creates).to.deep.equal([]);
    expect((await gateway.crm.listReferrals()).referrals).to.have.length(0);
  });

  for (const kind of ['validation', 'permission', 'conflict'] as const) {
    it(`does not keep a referral the CRM refused (${kind}): the form says so`, async () => {
      const page = await openPage(outbox);
      await fillValid(page.form, 'Refused Co');
      gateway.refuseCreates = kind;
      submitButton(page.form).click();
      await waitForShadow(page.form, '#failure', 'the form never showed the failure');

      expect(page.form.shadowRoot!.querySelector('[data-kind="waiting-to-send"]')).to.equal(null);
      expect(await new ReferralOutbox(outbox).list()).to.deep.equal([]);
      expect(waitingRows(page.list)).to.have.length(0);
    });
  }

  it('keeps one the CRM refuses when it is finally sent, with the CRM\'s words, and sends the others', async () => {
    const page = await openPage(outbox);
    const refused = await submitOffline(gateway, page, 'First Refused');
    await senderDone(outbox);
    gateway.refuseCreates = 'permission';
    backOnline(gateway);
    await waitUntil(() => waitingRows(page.list).some((row) => row.dataset['state'] === 'refused'), 'the refusal never showed');
    await senderDone(outbox);
    const row = waitingRows(page.list)[0]!;
    expect(row.dataset['externalId']).to.equal(refused);
    expect(row.textContent).to.contain('Not sent: the CRM refused it.');

    gateway.refuseCreates = undefined;
    const second = await submitOfflineAgain(gateway, page, 'Second Sent');
    backOnline(gateway);
    await waitUntil(() => waitingRows(page.list).length === 1, 'the second one was never sent');
    await senderDone(outbox);
    expect(gateway.creates).to.deep.equal([refused, second]);
    expect(waitingRows(page.list)[0]!.dataset['externalId']).to.equal(refused);
  });

  it('sends again, once, a referral a tab closed in the middle of sending (the CRM had saved it: still one referral)', async () => {
    const first = await openPage(outbox);
    const externalId = await submitOffline(gateway, first, 'Closed Mid Send');
    await senderDone(outbox);
    fixtureCleanup();
    // What a tab that closed mid-send leaves: the record marked `sending` (the claim), and the CRM had
    // committed the create before the answer was lost.
    const db = await openDB(outbox);
    const record = (await db.get('referrals', externalId)) as OutboxReferral;
    await db.put('referrals', { ...record, state: 'sending', attempts: 1 });
    db.close();
    comeBack(gateway);
    await gateway.crm.createReferral(record.input);

    const second = await openPage(outbox);
    await waitUntil(async () => (await new ReferralOutbox(outbox).list()).length === 0, 'the record left sending was never sent again');
    await senderDone(outbox);

    expect(gateway.creates).to.deep.equal([externalId]);
    expect((await gateway.crm.listReferrals()).referrals.filter((r) => r.externalId === externalId)).to.have.length(1);
    await waitUntil(() => waitingRows(second.list).length === 0, 'still shown waiting');
  });
});
