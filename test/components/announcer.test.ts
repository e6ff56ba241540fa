import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/provider/define.js';
import '../../components/pipeline-board/define.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import { Announcer } from '../../components/base/announcer.js';
import { loaded, NOW, PARTNERS, referral } from '../fixtures/board.js';

// One announcer for live-region messages (issue 10): every widget under one provider speaks through
// the provider's single polite region, so two widgets never talk over each other from two regions.
describe('Announcer: one live region per provider', () => {
  it('two widgets under one provider announce through the same region', async () => {
    const provider = await fixture<CosellProvider>(html`<cosell-provider>
      <cosell-pipeline-board .now=${NOW} .partners=${PARTNERS} .referrals=${[referral('r-a', 'Alpha GmbH', 'submitted')]}></cosell-pipeline-board>
      <cosell-pipeline-board .now=${NOW} .partners=${PARTNERS} .referrals=${[referral('r-b', 'Beta SA', 'submitted')]}></cosell-pipeline-board>
    </cosell-provider>`);
    const [first, second] = [...provider.querySelectorAll<CosellPipelineBoard>('cosell-pipeline-board')] as [CosellPipelineBoard, CosellPipelineBoard];
    await loaded(first);
    await loaded(second);

    const region = Announcer.regionOf(first)!;
    expect(region, 'no region').to.exist;
    expect(Announcer.regionOf(second)).to.equal(region);
    expect(provider.querySelectorAll('[data-cosell-announcer]').length).to.equal(1);
    expect(region.parentElement).to.equal(provider);

    for (const [board, company] of [[first, 'Alpha GmbH'], [second, 'Beta SA']] as const) {
      board.shadowRoot!.querySelector<HTMLElement>('.card')!.focus();
      await sendKeys({ press: 'Space' });
      await board.updateComplete;
      expect(region.textContent).to.contain(company);
      await sendKeys({ press: 'Escape' });
      await board.updateComplete;
    }
    // Neither board keeps a live region of its own for these messages.
    for (const board of [first, second]) expect(board.shadowRoot!.querySelector('[aria-live]:not([data-kind="loading"])')).to.equal(null);
  });
});
