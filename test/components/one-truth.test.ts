import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/define.js';
import type { CosellMyReferrals } from '../../components/my-referrals/my-referrals.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellRevshareSummary } from '../../components/revshare-summary/revshare-summary.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { createDemoData, DEMO_REFERENCE_DATE } from '../../src/demo-data.js';
import type { Role } from '../../src/domain/user.js';

/**
 * The same seller's quota and the same referral's age, read from the rendered widgets of different
 * roles on one demo world: they must be equal (issue "One truth").
 */
const demo = createDemoData({ seed: 1, referrals: 300 });
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** "€12,500.00 · $3,000.00" → the amounts without formatting, in order. */
const amounts = (s: string) => s.split('·').map((a) => a.replace(/[^\d.-]/g, ''));

function adapterFor(role: Role, userId?: string) {
  const currentUser = demo.users.find((u) => (userId ? u.id === userId : u.role === role && u.partnerIds.length === 0))!;
  return new MemoryAdapter({ ...demo, currentUser });
}

async function mount<T extends HTMLElement>(adapter: MemoryAdapter, template: ReturnType<typeof html>, tag: string): Promise<T> {
  const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} now=${DEMO_REFERENCE_DATE}>${template}</cosell-provider>`);
  await provider.ready;
  return provider.querySelector<T>(tag)!;
}

describe('one truth across widgets and roles', () => {
  // The seller with the most referrals closed won.
  const wins = new Map<string, number>();
  for (const r of demo.referrals) if (r.stage === 'closed-won') wins.set(r.seller.id, (wins.get(r.seller.id) ?? 0) + 1);
  const sellerId = [...wins].sort((a, b) => b[1] - a[1])[0]![0];

  it('a seller sees the quota retired that finance and the partner manager see for them', async () => {
    const range = html`<cosell-revshare-summary from="2024-01" to="2026-12"></cosell-revshare-summary>`;
    const own = await mount<CosellRevshareSummary>(adapterFor('seller', sellerId), range, 'cosell-revshare-summary');
    await waitUntil(() => own.shadowRoot!.querySelector('.quota p strong'), 'the seller view renders');
    const seen = text(own.shadowRoot!.querySelector('.quota p strong'));
    const count = own.shadowRoot!.querySelectorAll('.quota li[data-referral]').length;
    expect(count).to.equal(wins.get(sellerId));

    for (const role of ['finance', 'partner-manager'] as const) {
      const summary = await mount<CosellRevshareSummary>(adapterFor(role), range, 'cosell-revshare-summary');
      await waitUntil(() => summary.shadowRoot!.querySelector(`.quota li[data-seller="${sellerId}"]`), `${role}: quota per seller renders`);
      const row = summary.shadowRoot!.querySelector(`.quota li[data-seller="${sellerId}"]`)!;
      expect(amounts(text(row.querySelector('.amounts'))), role).to.deep.equal(amounts(seen));
      expect(text(row), role).to.contain(`${count} referrals won`);
    }
  });

  it('my referrals credits each won referral with the amount the summary retires for it', async () => {
    const adapter = adapterFor('seller', sellerId);
    const list = await mount<CosellMyReferrals>(adapter, html`<cosell-my-referrals filter="closed" page-size="200"></cosell-my-referrals>`, 'cosell-my-referrals');
    await waitUntil(() => list.shadowRoot!.querySelectorAll('tr[data-referral-id]').length > 0, 'my referrals renders');
    const listed = new Map(
      [...list.shadowRoot!.querySelectorAll('tr[data-stage="closed-won"]')].map((tr) => [tr.getAttribute('data-referral-id'), amounts(text(tr.querySelector('[data-credit="retired"]')).replace('retired', ''))[0]]),
    );
    const summary = await mount<CosellRevshareSummary>(adapterFor('seller', sellerId), html`<cosell-revshare-summary from="2024-01" to="2026-12"></cosell-revshare-summary>`, 'cosell-revshare-summary');
    await waitUntil(() => summary.shadowRoot!.querySelector('.quota li[data-referral]'), 'the summary renders');
    const retired = new Map([...summary.shadowRoot!.querySelectorAll('.quota li[data-referral]')].map((li) => [li.getAttribute('data-referral'), amounts(text(li.querySelector('.amounts')))[0]]));
    expect(listed.size).to.equal(wins.get(sellerId));
    expect(listed).to.deep.equal(retired);
  });

  it('the provider’s clock reaches every widget: the board and my referrals agree on days in stage', async () => {
    const adapter = adapterFor('seller', sellerId);
    const provider = await fixture<CosellProvider>(html`<cosell-provider .adapter=${adapter} now=${DEMO_REFERENCE_DATE}>
      <cosell-my-referrals filter="open" page-size="200"></cosell-my-referrals>
      <cosell-pipeline-board></cosell-pipeline-board>
    </cosell-provider>`);
    await provider.ready;
    const list = provider.querySelector<CosellMyReferrals>('cosell-my-referrals')!;
    const board = provider.querySelector<CosellPipelineBoard>('cosell-pipeline-board')!;
    expect(list.clock().toISOString()).to.equal(DEMO_REFERENCE_DATE);
    expect(board.clock().toISOString()).to.equal(DEMO_REFERENCE_DATE);
    await waitUntil(() => list.shadowRoot!.querySelectorAll('tr[data-referral-id]').length > 0 && board.shadowRoot!.querySelector('.card[data-id]'), 'both render');
    const cards = [...board.shadowRoot!.querySelectorAll('.card[data-id]')];
    expect(cards.length).to.be.greaterThan(0);
    let compared = 0;
    for (const card of cards) {
      const row = list.shadowRoot!.querySelector(`tr[data-referral-id="${card.getAttribute('data-id')}"]`);
      if (!row) continue;
      const boardDays = Number(/(\d+) days? in stage/.exec(text(card.querySelector('.days')))?.[1]);
      expect(Number(text(row.querySelectorAll('td')[2])), card.getAttribute('data-id')!).to.equal(boardDays);
      compared++;
    }
    expect(compared).to.be.greaterThan(0);
    // On the demo date, days in stage are the demo's own (under a year), not counted from the real date.
    const days = cards.map((c) => Number(/(\d+)/.exec(text(c.querySelector('.days')))?.[1]));
    expect(Math.max(...days)).to.be.below(365);
  });

  it('a provider with a now that is not a date says so and falls back to the real time', async () => {
    const errors: string[] = [];
    const provider = await fixture<CosellProvider>(html`<cosell-provider now="last tuesday" @cosell-error=${(e: CustomEvent<Error>) => errors.push(e.detail.message)}>
      <cosell-my-referrals></cosell-my-referrals>
    </cosell-provider>`);
    const list = provider.querySelector<CosellMyReferrals>('cosell-my-referrals')!;
    await list.updateComplete;
    expect(errors.join()).to.match(/now="last tuesday" is not a date/);
    expect(Math.abs(list.clock().getTime() - Date.now())).to.be.below(60_000);
  });
});
