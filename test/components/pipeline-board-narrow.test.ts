// The board in a narrow container (a phone at 390 px, a 320 px CRM sidebar): one column at a time,
// chosen in a stage switcher, never a row of columns scrolling sideways; moves still work by keyboard
// and by the "Move to…" menu, and the column shown follows the moved card.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import { cardOf, columnOfCard, focusedCard, mountBoard, referral, settle } from '../fixtures/board.js';

const five = () => [
  referral('r-acme', 'Acme', 'qualified', { submitted: 3 }),
  referral('r-bolt', 'Bolt Industries', 'qualified', { submitted: 5 }),
  referral('r-cedar', 'Cedar Health', 'proposal', { submitted: 4 }),
  referral('r-dune', 'Dune Logistics', 'proposal', { submitted: 6 }),
  referral('r-echo', 'Echo Media', 'submitted', { submitted: 1 }),
];

/** The stages whose columns take room (the others are display: none). */
const visibleColumns = (board: CosellPipelineBoard): string[] =>
  [...board.shadowRoot!.querySelectorAll<HTMLElement>('.board > .column')].filter((c) => c.getBoundingClientRect().width > 0).map((c) => c.dataset.stage!);

const switcher = (board: CosellPipelineBoard): HTMLSelectElement => board.shadowRoot!.querySelector<HTMLSelectElement>('[part="stage-switcher"] select')!;

function expectNoSidewaysScroll(board: CosellPipelineBoard): void {
  const area = board.shadowRoot!.querySelector<HTMLElement>('.board')!;
  expect(area.scrollWidth, 'the board scrolls sideways').to.be.at.most(area.clientWidth);
  expect(board.getBoundingClientRect().right).to.be.at.most(innerWidth);
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(innerWidth);
}

for (const width of [390, 320]) {
  describe(`<cosell-pipeline-board> in a ${width} px container`, () => {
    // The page is a little wider than the container: the test page's body has a margin.
    before(() => setViewport({ width: width + 40, height: 800 }));
    after(() => setViewport({ width: 800, height: 600 }));

    async function mount() {
      const mounted = await mountBoard({ referrals: five() });
      mounted.provider.style.display = 'block';
      mounted.provider.style.width = `${width}px`;
      // Without the fixture's narrow column width: a column would be 16rem, four of them 1,000 px and more.
      mounted.provider.style.removeProperty('--cosell-board-column-width');
      await settle(mounted.board);
      return mounted;
    }

    it('shows one column and a labelled stage switcher with each stage’s count, and nothing scrolls sideways', async () => {
      const { board } = await mount();
      const select = switcher(board);
      expect(select.checkVisibility(), 'the switcher is shown').to.equal(true);
      expect(select.closest('label')!.textContent).to.contain('Stage shown');
      const options = [...select.options].map((o) => o.textContent.trim());
      expect(options).to.include.members(['Submitted (1)', 'Qualified (2)', 'Proposal (2)']);
      expect(visibleColumns(board)).to.have.length(1);
      expectNoSidewaysScroll(board);
    });

    it('the switcher changes the column shown, by keyboard', async () => {
      const { board } = await mount();
      const select = switcher(board);
      select.focus();
      const before = visibleColumns(board)[0];
      select.value = 'proposal';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(board);
      expect(visibleColumns(board)).to.deep.equal(['proposal']);
      expect(before).to.not.equal('proposal');
      // The shown column's first card holds the board's tab stop: Tab goes from the switcher onto it.
      await waitUntil(() => cardOf(board, 'r-cedar'), 'no card in the shown column');
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => focusedCard(board) === 'r-cedar' || focusedCard(board) === 'r-dune', `Tab went to ${focusedCard(board)}`);
      expectNoSidewaysScroll(board);
    });

    it('moves a card by keyboard: its column stays shown while lifted, then the column it went to shows', async () => {
      const { board, memory } = await mount();
      await board.focusCard('r-acme');
      await waitUntil(() => focusedCard(board) === 'r-acme', 'the card did not take focus');
      expect(visibleColumns(board)).to.deep.equal(['qualified']);
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'ArrowRight' });
      await board.updateComplete;
      expect(visibleColumns(board), 'the lifted card stays in view').to.deep.equal(['qualified']);
      expect(board.shadowRoot!.querySelector('[part="stage-switcher"] [part="drop-indicator"]')?.textContent).to.contain('Proposal');
      await sendKeys({ press: 'Space' });
      await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'proposal', 'the move was not saved');
      await waitUntil(() => focusedCard(board) === 'r-acme', 'focus did not follow the moved card');
      expect(columnOfCard(board, 'r-acme')).to.equal('proposal');
      expect(visibleColumns(board)).to.deep.equal(['proposal']);
      expect(switcher(board).value).to.equal('proposal');
      expectNoSidewaysScroll(board);
    });

    it('moves a card with the "Move to…" menu, and the column it went to shows', async () => {
      const { board, memory } = await mount();
      await board.focusCard('r-echo');
      await waitUntil(() => focusedCard(board) === 'r-echo', 'the card did not take focus');
      cardOf(board, 'r-echo')!.querySelector<HTMLButtonElement>('[part~="move-button"]')!.click();
      await board.updateComplete;
      const menu = board.shadowRoot!.querySelector<HTMLElement>('[part="menu"]')!;
      expect(menu.getBoundingClientRect().right, 'the menu fits').to.be.at.most(width);
      const qualified = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((b) => b.textContent.includes('Qualified'))!;
      qualified.click();
      await waitUntil(async () => (await memory.getReferral('r-echo')).stage === 'qualified', 'the move was not saved');
      await waitUntil(() => visibleColumns(board)[0] === 'qualified', `shown: ${visibleColumns(board).join()}`);
      await waitUntil(() => focusedCard(board) === 'r-echo' || board.shadowRoot!.activeElement?.closest('.card')?.getAttribute('data-id') === 'r-echo', 'focus did not follow the moved card');
      expectNoSidewaysScroll(board);
    });
  });
}

describe('<cosell-pipeline-board> in a wide container', () => {
  it('shows every column side by side and no stage switcher', async () => {
    const { board } = await mountBoard({ referrals: five() });
    expect(switcher(board).checkVisibility()).to.equal(false);
    expect(visibleColumns(board).length).to.be.greaterThan(3);
  });
});
