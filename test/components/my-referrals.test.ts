import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/my-referrals/define.js';
import '../../components/referral-form/define.js';
import type { CosellMyReferrals } from '../../components/my-referrals/my-referrals.js';
import { acceptanceCountdown } from '../../components/my-referrals/my-referrals.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { FaultyAdapter } from '../fixtures/faulty-adapter.js';
import { clearDrafts, sellerAdapter, storedReferral } from '../fixtures/seller-world.js';
import { fillValid, submitButton } from './referral-form-helpers.js';

async function mountList(adapter: CrmAdapter): Promise<CosellMyReferrals> {
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`);
  await provider.ready;
  const list = provider.querySelector('cosell-my-referrals')!;
  await waitUntil(() => list.shadowRoot!.querySelector('table, [part="state"]:not([data-kind="loading"])'), 'list settled');
  return list;
}

function rows(list: CosellMyReferrals): HTMLTableRowElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
}

const me = { id: 'u-ana', name: 'Ana Seller' };

describe('<cosell-my-referrals>', () => {
  beforeEach(clearDrafts);

  it('lists only the current seller’s referrals, newest first, with partner, stage, days in stage and quota credit', async () => {
    const adapter = sellerAdapter({
      referrals: [
        storedReferral({ id: 'r-old', seller: me, stage: 'closed-won', daysAgo: 40, prospect: { company: 'Old Won', country: 'US', contactName: 'A', contactEmail: 'a@old.example' } }),
        storedReferral({ id: 'r-new', seller: me, stage: 'qualified', daysAgo: 2, partnerId: 'p-crm', prospect: { company: 'New Open', country: 'DE', contactName: 'B', contactEmail: 'b@new.example' } }),
        storedReferral({ id: 'r-lost', seller: me, stage: 'closed-lost', daysAgo: 20, prospect: { company: 'Lost Co', country: 'US', contactName: 'C', contactEmail: 'c@lost.example' } }),
        storedReferral({ id: 'r-theirs', stage: 'qualified', daysAgo: 1 }),
      ],
    });
    const list = await mountList(adapter);
    expect(rows(list).map((r) => r.dataset['referralId'])).to.deep.equal(['r-new', 'r-lost', 'r-old']);
    const [open, lost, won] = rows(list);
    expect(open!.textContent).to.contain('Contoso CRM Connect');
    expect(open!.textContent).to.contain('Qualified');
    expect(open!.querySelector('[data-credit]')!.textContent).to.match(/\$12,500\.00\s+pending/);
    expect(won!.querySelector('[data-credit]')!.textContent).to.match(/\$12,500\.00\s+retired/);
    expect(lost!.querySelector('[data-credit]')!.textContent.trim()).to.equal('None');
    expect(open!.querySelectorAll('td')[2]!.textContent.trim()).to.equal('2');
    await expect(list).to.be.accessible();
  });

  it('counts down the partner’s acceptance window and shows overdue ones as such', async () => {
    const adapter = sellerAdapter({
      referrals: [
        storedReferral({ id: 'r-fresh', seller: me, stage: 'submitted', daysAgo: 0 }),
        storedReferral({ id: 'r-late', seller: me, stage: 'submitted', daysAgo: 14 }),
      ],
    });
    const list = await mountList(adapter);
    const fresh = list.shadowRoot!.querySelector('[data-referral-id="r-fresh"]')!;
    const late = list.shadowRoot!.querySelector('[data-referral-id="r-late"]')!;
    expect(fresh.textContent).to.contain('5 business days left');
    expect(late.querySelector('[data-overdue="true"]')!.textContent).to.match(/^Overdue by \d+ business days$/);
    await expect(list).to.be.accessible();
  });

  it('filters open and closed with the keyboard', async () => {
    const adapter = sellerAdapter({
      referrals: [
        storedReferral({ id: 'r-a', seller: me, stage: 'accepted', daysAgo: 1 }),
        storedReferral({ id: 'r-b', seller: me, stage: 'rejected', daysAgo: 2 }),
      ],
    });
    const list = await mountList(adapter);
    const all = list.shadowRoot!.querySelector<HTMLInputElement>('input[value="all"]')!;
    all.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => rows(list).length === 1 && rows(list)[0]!.dataset['referralId'] === 'r-a', 'open only');
    expect(list.filter).to.equal('open');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => rows(list).length === 1 && rows(list)[0]!.dataset['referralId'] === 'r-b', 'closed only');
    expect(rows(list)[0]!.textContent).to.contain('Declined');
  });

  it('empty: invites the first referral', async () => {
    const list = await mountList(sellerAdapter({ referrals: [storedReferral({ id: 'r-theirs' })] }));
    const empty = list.shadowRoot!.querySelector('[data-kind="empty"]')!;
    expect(empty.textContent).to.contain('You have not referred a customer yet');
    await expect(list).to.be.accessible();
  });

  it('error with a retry that works; no permission', async () => {
    const faulty = new FaultyAdapter(sellerAdapter({ referrals: [storedReferral({ id: 'r-mine', seller: me })] }));
    faulty.failNext('listReferrals', 'unavailable');
    const list = await mountList(faulty.adapter);
    expect(list.shadowRoot!.querySelector('[data-kind="error"]')!.textContent).to.contain('unavailable');
    await expect(list).to.be.accessible();
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => rows(list).length === 1, 'rows after retry');

    const denied = new FaultyAdapter(sellerAdapter());
    denied.failNext('listReferrals', 'permission');
    const noPermission = await mountList(denied.adapter);
    expect(noPermission.shadowRoot!.querySelector('[data-kind="no-permission"]')).to.not.equal(null);
    await expect(noPermission).to.be.accessible();
  });

  it('loading while the referrals load', async () => {
    const faulty = new FaultyAdapter(sellerAdapter({ referrals: [storedReferral({ id: 'r-mine', seller: me })] }));
    const release = faulty.hold('listReferrals');
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${faulty.adapter}><cosell-my-referrals></cosell-my-referrals></cosell-provider>`);
    const list = provider.querySelector('cosell-my-referrals')!;
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('[data-kind="loading"]')).to.not.equal(null);
    await expect(list).to.be.accessible();
    release();
    await waitUntil(() => rows(list).length === 1, 'rows once loaded');
  });

  it('a referral submitted on the page appears in the list', async () => {
    const adapter = sellerAdapter();
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter}>
      <cosell-referral-form partner-id="p-voice" crm-record-id="acc-9"></cosell-referral-form>
      <cosell-my-referrals></cosell-my-referrals>
    </cosell-provider>`);
    await provider.ready;
    const form = provider.querySelector('cosell-referral-form')!;
    const list = provider.querySelector('cosell-my-referrals')!;
    await form.ready;
    await waitUntil(() => list.shadowRoot!.querySelector('[data-kind="empty"]'), 'empty first');
    await fillValid(form);
    submitButton(form).click();
    await waitUntil(() => rows(list).length === 1, 'the new referral is listed');
    expect(rows(list)[0]!.textContent).to.contain('Globex Corporation');
    expect(rows(list)[0]!.textContent).to.contain('Submitted');
  });

  it('hears a form under its own provider, not one under another provider', async () => {
    const other = new FaultyAdapter(sellerAdapter());
    const page = await fixture<HTMLElement>(html`<div>
      <cosell-provider id="a" .adapter=${sellerAdapter()}>
        <cosell-referral-form partner-id="p-voice" crm-record-id="acc-9"></cosell-referral-form>
        <cosell-my-referrals></cosell-my-referrals>
      </cosell-provider>
      <cosell-provider id="b" .adapter=${other.adapter}><cosell-my-referrals></cosell-my-referrals></cosell-provider>
    </div>`);
    const [a, b] = [page.querySelector<CosellProvider>('#a')!, page.querySelector<CosellProvider>('#b')!];
    await Promise.all([a.ready, b.ready]);
    const form = a.querySelector('cosell-referral-form')!;
    const mine = a.querySelector('cosell-my-referrals')!;
    const theirs = b.querySelector('cosell-my-referrals')!;
    await form.ready;
    await waitUntil(() => mine.shadowRoot!.querySelector('[data-kind="empty"]') && theirs.shadowRoot!.querySelector('[data-kind="empty"]'), 'both empty');
    const loadsBefore = other.count('listReferrals');
    await fillValid(form);
    submitButton(form).click();
    await waitUntil(() => rows(mine).length === 1, 'listed under its own provider');
    expect(other.count('listReferrals')).to.equal(loadsBefore);
    expect(rows(theirs)).to.have.length(0);
  });

  it('words the acceptance status of a referral in Submitted', () => {
    const now = new Date('2026-11-06T12:00:00Z'); // a Friday
    const r = storedReferral({ stage: 'submitted', submittedAt: '2026-11-02T09:00:00Z' }); // Monday
    const partner = { acceptanceWindowDays: 5 };
    expect(acceptanceCountdown(r, partner, now)).to.deep.equal({ text: '1 business day left', overdue: false });
    expect(acceptanceCountdown(r, { acceptanceWindowDays: 4 }, now)).to.deep.equal({ text: 'Due today', overdue: false });
    expect(acceptanceCountdown({ ...r, submittedAt: '2026-10-26T09:00:00Z' }, partner, now)).to.deep.equal({ text: 'Overdue by 4 business days', overdue: true });
    expect(acceptanceCountdown({ ...r, submittedAt: '2026-09-01T09:00:00Z' }, partner, now)).to.deep.equal({ text: 'Expired: the partner never answered', overdue: true });
    expect(acceptanceCountdown({ ...r, stage: 'accepted' }, partner, now)).to.equal(undefined);
  });

});
