// Focus after actions that remove the focused control, and focus rings that stay visible (issue 13).
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cardOf, loaded, mountBoard, referral } from '../fixtures/board.js';
import { clearDrafts, sellerAdapter } from '../fixtures/seller-world.js';
import { fillValid, mountForm, submitButton, waitForShadow } from './referral-form-helpers.js';

const world = () => [
  referral('r-acme', 'Acme', 'qualified'),
  referral('r-bolt', 'Bolt GmbH', 'proposal', { partnerId: 'p-quorum', country: 'DE' }),
];

describe('focus', () => {
  afterEach(clearDrafts);

  for (const where of ['filter bar', 'empty state'] as const) {
    it(`Enter on "Clear filters" in the board's ${where} keeps focus in the board, on the first filter`, async () => {
      const { board } = await mountBoard({ referrals: world() });
      board.q = where === 'empty state' ? 'nothing like this' : 'acme';
      await loaded(board);
      const root = board.shadowRoot!;
      const selector = where === 'empty state' ? '[data-kind="empty"] button' : '[part="filters"] button';
      const clear = root.querySelector<HTMLButtonElement>(selector)!;
      expect(clear.textContent).to.equal('Clear filters');
      clear.focus();
      await sendKeys({ press: 'Enter' });
      await loaded(board);
      expect(board.hasAttribute('q'), 'filters cleared').to.equal(false);
      expect(root.querySelector(selector), 'the button is gone').to.equal(null);
      // Names, not elements: chai's diff of two elements can take minutes to print.
      expect(document.activeElement?.localName, 'focus is not left on <body>').to.equal('cosell-pipeline-board');
      const focused = root.activeElement;
      expect(focused && `${focused.localName}[name=${focused.getAttribute('name')}]`).to.equal('select[name=partner]');
    });
  }

  it('a card lifted with the keyboard looks unlike a focused one: tilted despite the virtualizer\'s transform, raised, tinted', async () => {
    const { board } = await mountBoard({ referrals: world() });
    const card = cardOf(board, 'r-acme')!;
    card.focus();
    await sendKeys({ press: 'Tab' }); // onto the card's "Move to…" button, and back: focus-visible by keyboard
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    const focused = getComputedStyle(card);
    const before = { shadow: focused.boxShadow, background: focused.backgroundColor, width: card.getBoundingClientRect().width };
    await sendKeys({ press: 'Space' });
    await waitUntil(() => cardOf(board, 'r-acme')!.classList.contains('lifted'), 'the card was not lifted');
    const lifted = cardOf(board, 'r-acme')!;
    const style = getComputedStyle(lifted);
    expect(style.transform, 'the virtualizer positions the card with a transform').to.not.equal('none');
    // A tilted box has a wider bounding box than its layout width; the tilt must survive the transform.
    expect(lifted.getBoundingClientRect().width, 'tilted').to.be.greaterThan(lifted.offsetWidth + 1);
    expect(style.boxShadow, 'raised').to.not.equal(before.shadow);
    expect(style.backgroundColor, 'tinted').to.not.equal(before.background);
    await sendKeys({ press: 'Escape' });
  });

  it('the confirmation heading, focused after a keyboard submit, shows a focus ring', async () => {
    const form = await mountForm(sellerAdapter(), { partnerId: 'p-voice' });
    await fillValid(form);
    submitButton(form).focus();
    await sendKeys({ press: 'Enter' });
    await waitForShadow(form, '#confirmation-heading', 'the confirmation never appeared');
    const heading = form.shadowRoot!.querySelector<HTMLElement>('#confirmation-heading')!;
    await waitUntil(() => form.shadowRoot!.activeElement === heading, 'the heading was not focused');
    expect(heading.matches(':focus-visible'), 'focus-visible after a keyboard action').to.equal(true);
    const style = getComputedStyle(heading);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});
