// Widgets under one provider share what they read about partners: a partner card and a referral
// form that show the same partner load it once per provider, counted at the HTTP layer (msw in front
// of a RestAdapter); under two providers each provider loads it (issue 10 item 5).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import '../../components/provider/define.js';
import '../../components/partner-card/define.js';
import '../../components/referral-form/define.js';
import type { CosellPartnerCard } from '../../components/partner-card/partner-card.js';
import type { CosellReferralForm } from '../../components/referral-form/referral-form.js';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { PartnerSchema } from '../../src/domain/partner.js';
import { UserSchema } from '../../src/domain/user.js';
import { clearDrafts, crmPartner, seller, voicePartner } from '../fixtures/seller-world.js';

const GATEWAY = 'https://cosell-gateway.test';
const partners = [PartnerSchema.parse(voicePartner), PartnerSchema.parse(crmPartner)];
const user = UserSchema.parse(seller);

/** Requests the gateway answered, by "METHOD /path" (query left off). */
const requests = new Map<string, number>();
const count = (key: string): number => requests.get(key) ?? 0;

let worker: SetupWorker;

before(async () => {
  const api = `${GATEWAY}/api/v1`;
  worker = setupWorker(
    http.all(`${api}/*`, ({ request }) => {
      const key = `${request.method} ${new URL(request.url).pathname.slice('/api/v1'.length)}`;
      requests.set(key, count(key) + 1);
    }),
    http.get(`${api}/session`, () => HttpResponse.json({ user, csrfToken: 'csrf-1' })),
    http.get(`${api}/me`, () => HttpResponse.json(user)),
    http.get(`${api}/partners/search`, () => HttpResponse.json({ partners })),
    http.get(`${api}/partners`, () => HttpResponse.json({ partners })),
    http.get(`${api}/partners/:id/stats`, () => HttpResponse.json({ openReferrals: 0, wonArr: [] })),
    http.get(`${api}/partners/:id`, ({ params }) => {
      const partner = partners.find((p) => p.id === params['id']);
      return partner ? HttpResponse.json(partner) : HttpResponse.json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404 });
    }),
  );
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
});

after(() => worker.stop());

beforeEach(() => {
  requests.clear();
  clearDrafts();
});
afterEach(clearDrafts);

const adapterForTest = () => new RestAdapter({ baseUrl: GATEWAY, liveChanges: false });

async function settled(root: HTMLElement): Promise<void> {
  const card = root.querySelector<CosellPartnerCard>('cosell-partner-card');
  const forms = [...root.querySelectorAll<CosellReferralForm>('cosell-referral-form')];
  await Promise.all(forms.map((form) => form.ready));
  if (card) await waitUntil(() => card.shadowRoot!.querySelector('[part="card"]'), 'the card shows the partner');
  for (const form of forms) expect(form.shadowRoot!.querySelector('.fixed-partner')?.textContent).to.equal('Northwind Voice');
}

describe('partners shared under one provider', () => {
  it('a partner card and a referral form under one provider load the partner once', async () => {
    const adapter = adapterForTest();
    const root = await fixture<HTMLElement>(html`<cosell-provider .adapter=${adapter}>
      <cosell-partner-card partner-id="p-voice"></cosell-partner-card>
      <cosell-referral-form partner-id="p-voice" crm-record-id="acc-1"></cosell-referral-form>
    </cosell-provider>`);
    await settled(root);
    expect(count('GET /partners/p-voice')).to.equal(1);
  });

  it('under two providers, each provider loads it', async () => {
    const adapter = adapterForTest();
    const root = await fixture<HTMLElement>(html`<div>
      <cosell-provider .adapter=${adapter}><cosell-partner-card partner-id="p-voice"></cosell-partner-card></cosell-provider>
      <cosell-provider .adapter=${adapter}><cosell-referral-form partner-id="p-voice" crm-record-id="acc-2"></cosell-referral-form></cosell-provider>
    </div>`);
    await settled(root);
    expect(count('GET /partners/p-voice')).to.equal(2);
  });

  it("two referral forms' partner pickers under one provider search once", async () => {
    const adapter = adapterForTest();
    const root = await fixture<HTMLElement>(html`<cosell-provider .adapter=${adapter}>
      <cosell-referral-form crm-record-id="acc-3"></cosell-referral-form>
      <cosell-referral-form crm-record-id="acc-4"></cosell-referral-form>
    </cosell-provider>`);
    const forms = [...root.querySelectorAll<CosellReferralForm>('cosell-referral-form')];
    for (const form of forms) {
      await form.ready;
      form.shadowRoot!.querySelector<HTMLInputElement>('[data-field="partner"]')!.click();
      await waitUntil(() => form.shadowRoot!.querySelectorAll('[role="option"]').length === 2, 'the picker lists both partners');
    }
    expect(count('GET /partners/search')).to.equal(1);

    // A partner the search returned is known: choosing it loads nothing more.
    const [form] = forms;
    form!.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
    await form!.ready;
    await waitUntil(() => (form!.shadowRoot!.querySelector<HTMLSelectElement>('select[data-field="useCase"]')?.options.length ?? 0) > 1, "the chosen partner's use cases");
    expect(count('GET /partners/p-voice') + count('GET /partners/p-crm')).to.equal(0);
  });
});
