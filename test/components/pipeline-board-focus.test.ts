// Focus on the pipeline board (issue 13): the "Move to…" menu behaves as a menu for Tab and
// Shift+Tab, focus is never left on <body> while a card changes column, and forced colours keep
// focus, cards and the selected state visible.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import { cardOf, columnOfCard, focusedCard, mountBoard, referral, settle } from '../fixtures/board.js';

const three = () => [
  referral('r-acme', 'Acme', 'qualified', { submitted: 3 }),
  referral('r-bolt', 'Bolt Industries', 'qualified', { submitted: 5 }),
  referral('r-cedar', 'Cedar Health', 'proposal', { submitted: 4 }),
];

/** Opens a card's "Move to…" menu with the keyboard; focus is then on its first item. */
async function openMenu(board: CosellPipelineBoard, id: string): Promise<void> {
  cardOf(board, id)!.querySelector<HTMLButtonElement>('.move')!.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => board.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'the menu did not take focus');
}

/**
 * Every element that had focus from now until `stop()`: sampled on every change to the board's DOM
 * (a card taken out of its column is a change) and on every frame.
 */
function watchFocus(board: CosellPipelineBoard): { stop: () => Element[] } {
  const seen: Element[] = [];
  const sample = () => seen.push(document.activeElement ?? document.body);
  const observer = new MutationObserver(sample);
  observer.observe(board.shadowRoot!, { subtree: true, childList: true, attributes: true });
  let frame = requestAnimationFrame(function tick() {
    sample();
    frame = requestAnimationFrame(tick);
  });
  return {
    stop: () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      return seen;
    },
  };
}

describe('<cosell-pipeline-board> focus', () => {
  for (const keys of [['Tab'], ['Shift', 'Tab']]) {
    it(`${keys.join('+')} from an open "Move to…" menu closes it and returns focus to the card`, async () => {
      const { board } = await mountBoard({ referrals: three() });
      await openMenu(board, 'r-bolt');
      if (keys.length === 2) await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      if (keys.length === 2) await sendKeys({ up: 'Shift' });
      await board.updateComplete;
      expect(board.shadowRoot!.querySelector('[part="menu"]'), 'the menu closed').to.equal(null);
      expect(document.activeElement, 'focus stayed in the board').to.equal(board);
      expect(focusedCard(board)).to.equal('r-bolt');
      expect(cardOf(board, 'r-bolt')!.querySelector('.move')!.getAttribute('aria-expanded')).to.equal('false');
    });
  }

  it('a keyboard move never leaves focus on <body>, and focus ends on the card in its new column', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    cardOf(board, 'r-acme')!.focus();
    const watch = watchFocus(board);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => focusedCard(board) === 'r-acme' && columnOfCard(board, 'r-acme') === 'proposal', 'focus did not follow the card');
    await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'proposal', 'the move was not saved');
    await settle(board);
    const seen = watch.stop();
    expect(seen.length, 'focus was sampled').to.be.greaterThan(0);
    expect(seen.filter((el) => el === document.body).length, 'samples with focus on <body>').to.equal(0);
    expect(focusedCard(board)).to.equal('r-acme');
  });

  it('a move from the "Move to…" menu never leaves focus on <body>', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    await openMenu(board, 'r-acme');
    const watch = watchFocus(board);
    board.shadowRoot!.querySelector<HTMLElement>('[role="menuitem"][data-stage="proposal"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focusedCard(board) === 'r-acme' && columnOfCard(board, 'r-acme') === 'proposal', 'focus did not follow the card');
    await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'proposal', 'the move was not saved');
    await settle(board);
    const seen = watch.stop();
    expect(seen.filter((el) => el === document.body).length, 'samples with focus on <body>').to.equal(0);
  });

  it('a move that fails and rolls back keeps focus off <body>', async () => {
    const { board, faulty } = await mountBoard({ referrals: three() });
    faulty.failNext('moveReferral', 'network');
    cardOf(board, 'r-acme')!.focus();
    const watch = watchFocus(board);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => board.shadowRoot!.querySelector('[part="message"]'), 'no failure message');
    await waitUntil(() => focusedCard(board) === 'r-acme' && columnOfCard(board, 'r-acme') === 'qualified', 'focus did not come back with the card');
    await settle(board);
    expect(watch.stop().filter((el) => el === document.body).length, 'samples with focus on <body>').to.equal(0);
  });

  it('forced colours: focus rings, card borders, the lifted card and pressed toggles use system colours', async () => {
    const { board } = await mountBoard({ referrals: three() });
    // Chromium under web-test-runner's Chrome launcher cannot emulate forced-colors, so the rules are read from the CSSOM.
    const rules = board
      .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /forced-colors:\s*active/.test(rule.conditionText))
      .flatMap((media) => [...media.cssRules])
      .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule);
    const style = (selector: string) => rules.find((r) => r.selectorText.split(',').some((s) => s.trim() === selector))?.style;
    expect(String(style('.card')?.borderColor), 'card border').to.match(/CanvasText/i);
    expect(String(style('.card:focus-visible')?.outlineColor), 'focused card').to.match(/Highlight/i);
    expect(String(style('.card.lifted')?.outlineStyle), 'lifted card: unlike a focused one').to.equal('dashed');
    expect(String(style(':focus-visible')?.outlineColor), 'every focus ring').to.match(/Highlight/i);
    expect(String(style('[part="review-toggle"][aria-pressed="true"]')?.backgroundColor), 'pressed review toggle').to.match(/Highlight/i);
    expect(String(style('.column.drop-target')?.outlineColor), 'drop target').to.match(/Highlight/i);
  });
});
