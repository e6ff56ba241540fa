import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { createDemoData } from '../../src/demo-data.js';
import { CosellErrorEvent, StageChangeEvent } from '../../src/events.js';
import { CrmError } from '../../src/errors.js';
import { columnTotals } from '../../components/pipeline-board/board-model.js';
import { formatMoney } from '../../src/format.js';
import type { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import type { Stage } from '../../src/domain/stages.js';
import {
  announcement,
  cardOf,
  column,
  columnOfCard,
  focusedCard,
  mountBoard,
  NOW,
  referral,
  settle,
  USERS,
} from '../fixtures/board.js';

/** Opens the reason prompt by moving `id` to `stage` through the card's "Move to…" menu. */
async function openReasonPrompt(board: CosellPipelineBoard, id: string, stage: Stage): Promise<HTMLDialogElement> {
  cardOf(board, id)!.querySelector<HTMLButtonElement>('.move')!.click();
  await board.updateComplete;
  board.shadowRoot!.querySelector<HTMLButtonElement>(`[role="menuitem"][data-stage="${stage}"]`)!.click();
  await board.updateComplete;
  const dialog = board.shadowRoot!.querySelector('dialog')!;
  await waitUntil(() => dialog.open, 'the reason prompt did not open');
  return dialog;
}

const three = () => [
  referral('r-acme', 'Acme', 'qualified', { submitted: 3 }),
  referral('r-bolt', 'Bolt Industries', 'qualified', { submitted: 5 }),
  referral('r-cedar', 'Cedar Health', 'proposal', { submitted: 4 }),
  referral('r-dune', 'Dune Logistics', 'proposal', { submitted: 6 }),
  referral('r-echo', 'Echo Media', 'submitted', { submitted: 1 }),
];

/** Press a key; "Control+Home" holds Control around Home. */
async function press(key: string): Promise<void> {
  const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
  if (modifier) await sendKeys({ down: modifier });
  await sendKeys({ press: main });
  if (modifier) await sendKeys({ up: modifier });
}

/** The whole keyboard move on the focused card: lift, `steps` columns to the right, drop. */
async function liftMoveDrop(steps: number): Promise<void> {
  await sendKeys({ press: 'Space' });
  for (let i = 0; i < steps; i++) await sendKeys({ press: 'ArrowRight' });
  await sendKeys({ press: 'Space' });
}

function center(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + Math.min(r.height / 2, 20))];
}

describe('<cosell-pipeline-board> moves', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('moves a card by dragging it with the mouse, with a drop indicator, and saves it', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    const card = cardOf(board, 'r-acme')!;
    const target = column(board, 'proposal');
    const [x, y] = center(card);
    const [tx, ty] = center(target);
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 20, y + 5] });
    await sendMouse({ type: 'move', position: [tx, ty + 40] });
    await board.updateComplete;
    expect(target.classList.contains('drop-target'), 'drop indicator on the target column').to.equal(true);
    expect(target.querySelector('[part="drop-indicator"]')?.textContent).to.contain('Proposal');
    await sendMouse({ type: 'up' });
    await settle(board);

    expect(columnOfCard(board, 'r-acme')).to.equal('proposal');
    await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'proposal', 'the adapter did not store the move');
    expect(announcement(board)).to.equal('Acme moved from Qualified to Proposal, position 1 of 3.');
    await waitUntil(() => focusedCard(board) === 'r-acme', 'focus did not return to the moved card');
  });

  it('cancels a drag with Escape and leaves the card where it was', async () => {
    const { board, faulty } = await mountBoard({ referrals: three() });
    const [x, y] = center(cardOf(board, 'r-acme')!);
    const [tx, ty] = center(column(board, 'proposal'));
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [tx, ty + 40] });
    await sendKeys({ press: 'Escape' });
    await sendMouse({ type: 'up' });
    await settle(board);
    expect(columnOfCard(board, 'r-acme')).to.equal('qualified');
    expect(faulty.count('moveReferral')).to.equal(0);
    expect(announcement(board)).to.equal('Move canceled. Acme stays in Qualified.');
  });

  it('moves a card through its "Move to…" menu, operated with the keyboard', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    const button = cardOf(board, 'r-acme')!.querySelector<HTMLButtonElement>('.move')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    const menu = board.shadowRoot!.querySelector('[role="menu"]')!;
    expect(menu.getAttribute('aria-label')).to.equal('Move Acme to');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const items = [...menu.querySelectorAll('[role="menuitem"]')].map((i) => i.textContent.trim());
    expect(items).to.deep.equal(['Submitted', 'Accepted', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost', 'Rejected']);
    await waitUntil(() => board.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem', 'focus did not enter the menu');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(board.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Proposal');
    await sendKeys({ press: 'Enter' });
    await settle(board);

    expect(board.shadowRoot!.querySelector('[role="menu"]')).to.equal(null);
    expect(columnOfCard(board, 'r-acme')).to.equal('proposal');
    await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'proposal');
    expect(announcement(board)).to.equal('Acme moved from Qualified to Proposal, position 1 of 3.');
    await waitUntil(() => focusedCard(board) === 'r-acme');
  });

  it('moves a card with a mouse click on the menu, and Escape closes the menu back onto its button', async () => {
    const { board } = await mountBoard({ referrals: three() });
    const button = cardOf(board, 'r-cedar')!.querySelector<HTMLButtonElement>('.move')!;
    button.click();
    await board.updateComplete;
    await sendKeys({ press: 'Escape' });
    await board.updateComplete;
    expect(board.shadowRoot!.querySelector('[role="menu"]')).to.equal(null);
    await waitUntil(() => board.shadowRoot!.activeElement?.classList.contains('move'));
    cardOf(board, 'r-cedar')!.querySelector<HTMLButtonElement>('.move')!.click();
    await board.updateComplete;
    board.shadowRoot!.querySelector<HTMLButtonElement>('[role="menuitem"][data-stage="negotiation"]')!.click();
    await settle(board);
    expect(columnOfCard(board, 'r-cedar')).to.equal('negotiation');
    expect(announcement(board)).to.equal('Cedar Health moved from Proposal to Negotiation, position 1 of 1.');
  });

  it('has a grid keyboard model: arrows, Home/End and a single tab stop', async () => {
    const { board } = await mountBoard({ referrals: three() });
    const tabbable = () => [...board.shadowRoot!.querySelectorAll('.card[tabindex="0"]')].map((c) => (c as HTMLElement).dataset.id);
    expect(tabbable()).to.deep.equal(['r-echo']);
    cardOf(board, 'r-echo')!.focus();
    const steps: [key: string, focused: string][] = [
      ['ArrowRight', 'r-acme'], // Accepted is empty: skipped
      ['ArrowDown', 'r-bolt'],
      ['ArrowRight', 'r-dune'],
      ['Home', 'r-cedar'],
      ['End', 'r-dune'],
      ['ArrowLeft', 'r-bolt'],
      ['Control+Home', 'r-echo'],
    ];
    for (const [key, focused] of steps) {
      await press(key);
      await settle(board);
      expect(focusedCard(board), key).to.equal(focused);
    }
    expect(tabbable()).to.deep.equal(['r-echo']);
  });

  it('keeps one tab stop when columns scroll: Tab from the card’s Move to… leaves the board', async () => {
    // Chromium makes a scroller with no tabbable content a tab stop of its own: a full column of
    // roving cards (tabindex -1) would be one extra, unlabelled stop per column.
    const many = (stage: 'qualified' | 'proposal', prefix: string) =>
      Array.from({ length: 12 }, (_, i) => referral(`r-${prefix}-${i}`, `${prefix} ${i}`, stage, { submitted: 10 + i }));
    const { board } = await mountBoard({ referrals: [...many('qualified', 'q'), ...many('proposal', 'p')] });
    const proposal = column(board, 'proposal').querySelector<HTMLElement>('lit-virtualizer')!;
    expect(proposal.scrollHeight, 'the column scrolls').to.be.greaterThan(proposal.clientHeight);
    const active = board.shadowRoot!.querySelector<HTMLElement>('.card[tabindex="0"]')!;
    active.querySelector<HTMLButtonElement>('.move')!.focus();
    const after = document.createElement('button');
    after.textContent = 'After the board';
    board.parentElement!.after(after);
    await sendKeys({ press: 'Tab' });
    // (Compared by name: a failing comparison of two elements makes chai print the whole board.)
    expect(board.shadowRoot!.activeElement?.localName ?? document.activeElement?.textContent, 'focus left the board').to.equal('After the board');
    after.remove();
  });

  it('lifts with Space, chooses the column with arrows, drops with Enter, and announces each step', async () => {
    const events: StageChangeEvent[] = [];
    const { board, memory } = await mountBoard({ referrals: three() });
    board.addEventListener('cosell-stage-change', (e) => events.push(e));
    cardOf(board, 'r-bolt')!.focus();
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    expect(announcement(board)).to.contain('Bolt Industries picked up from Qualified');
    expect(cardOf(board, 'r-bolt')!.classList.contains('lifted')).to.equal(true);
    expect(cardOf(board, 'r-bolt')!.hasAttribute('aria-grabbed')).to.equal(false);
    await sendKeys({ press: 'ArrowRight' });
    await board.updateComplete;
    expect(announcement(board)).to.equal('Proposal, 2 cards.');
    expect(column(board, 'proposal').classList.contains('drop-target')).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    await board.updateComplete;
    expect(announcement(board)).to.equal('Negotiation, 0 cards.');
    await sendKeys({ press: 'Enter' });
    await settle(board);

    expect(columnOfCard(board, 'r-bolt')).to.equal('negotiation');
    expect(events.map((e) => [e.detail.referral.id, e.detail.from, e.detail.to])).to.deep.equal([['r-bolt', 'qualified', 'negotiation']]);
    await waitUntil(async () => (await memory.getReferral('r-bolt')).stage === 'negotiation');
    expect(announcement(board)).to.equal('Bolt Industries moved from Qualified to Negotiation, position 1 of 1.');
    await waitUntil(() => focusedCard(board) === 'r-bolt');
  });

  it('reveals a column that is scrolled out of view, with the keyboard and while dragging', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    const boardEl = board.shadowRoot!.querySelector<HTMLElement>('.board')!;
    const visible = (stage: string) => {
      const b = boardEl.getBoundingClientRect();
      const c = column(board, stage as 'closed-won').getBoundingClientRect();
      return c.left >= b.left - 1 && c.right <= b.right + 1;
    };
    expect(visible('closed-won'), 'Closed won starts out of view').to.equal(false);
    cardOf(board, 'r-acme')!.focus();
    await liftMoveDrop(3); // qualified → proposal → negotiation → closed-won
    await settle(board);
    expect(visible('closed-won')).to.equal(true);
    expect(columnOfCard(board, 'r-acme')).to.equal('closed-won');
    await waitUntil(() => focusedCard(board) === 'r-acme', 'focus did not follow the card out of view');
    await waitUntil(async () => (await memory.getReferral('r-acme')).stage === 'closed-won');

    // Back to the start, then drag Bolt to the right edge: the board scrolls until Closed won is in view.
    boardEl.scrollLeft = 0;
    await settle(board);
    const [x, y] = center(cardOf(board, 'r-bolt')!);
    const edge = boardEl.getBoundingClientRect().right - 10;
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 30, y] });
    await sendMouse({ type: 'move', position: [Math.round(edge), y] });
    await waitUntil(() => visible('closed-won'), 'the board did not scroll while dragging at its edge', { timeout: 5000 });
    const [tx] = center(column(board, 'closed-won'));
    await sendMouse({ type: 'move', position: [tx, y] });
    await sendMouse({ type: 'up' });
    await settle(board);
    expect(columnOfCard(board, 'r-bolt')).to.equal('closed-won');
  });

  it('cancels a keyboard move with Escape', async () => {
    const { board, faulty } = await mountBoard({ referrals: three() });
    cardOf(board, 'r-acme')!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Escape' });
    await settle(board);
    expect(columnOfCard(board, 'r-acme')).to.equal('qualified');
    expect(cardOf(board, 'r-acme')!.classList.contains('lifted')).to.equal(false);
    expect(announcement(board)).to.equal('Move canceled. Acme stays in Qualified.');
    expect(focusedCard(board)).to.equal('r-acme');
    expect(faulty.count('moveReferral')).to.equal(0);
  });

  it('lets the host veto a move by canceling cosell-stage-change', async () => {
    const { board, faulty, memory } = await mountBoard({ referrals: three() });
    board.addEventListener('cosell-stage-change', (e) => {
      if (e.to === 'proposal') e.preventDefault();
    });
    cardOf(board, 'r-acme')!.focus();
    await liftMoveDrop(1);
    await settle(board);
    expect(columnOfCard(board, 'r-acme')).to.equal('qualified');
    expect(faulty.count('moveReferral')).to.equal(0);
    expect((await memory.getReferral('r-acme')).stage).to.equal('qualified');
    expect(announcement(board)).to.equal('The move of Acme to Proposal was canceled. It stays in Qualified.');
    await waitUntil(() => focusedCard(board) === 'r-acme');
  });

  it('asks for a reason before Closed lost from the list, with details, by keyboard, and saves it with the move', async () => {
    const events: StageChangeEvent[] = [];
    const { board, memory } = await mountBoard({ referrals: three() });
    board.addEventListener('cosell-stage-change', (e) => events.push(e));
    const dialog = await openReasonPrompt(board, 'r-cedar', 'closed-lost');
    expect(dialog.querySelector('h2')!.textContent).to.equal('Move Cedar Health to Closed lost');
    // The domain's default Closed-lost reasons, then Other; focus on the first.
    const choices = [...dialog.querySelectorAll<HTMLLabelElement>('label.choice')].map((l) => l.textContent.trim());
    expect(choices).to.deep.equal(['Chose a competitor', 'No budget this year', 'Project postponed', 'Went with an in-house build', 'Price too high', 'Other']);
    expect(board.shadowRoot!.activeElement).to.equal(dialog.querySelector('input[name="reason-choice"]'));
    await sendKeys({ press: 'ArrowDown' }); // the arrow keys choose among the radio buttons
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Budget moved to 2027' });
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle(board);
    expect(columnOfCard(board, 'r-cedar')).to.equal('closed-lost');
    expect(events[0]!.detail.reason).to.equal('No budget this year: Budget moved to 2027');
    await waitUntil(async () => (await memory.getReferral('r-cedar')).closeReason === 'No budget this year: Budget moved to 2027');
    expect((await memory.getReferral('r-cedar')).stage).to.equal('closed-lost');
  });

  it('says in its own words that a reason is needed, and that Other needs details; nothing moves until then', async () => {
    const { board, faulty } = await mountBoard({ referrals: three() });
    const dialog = await openReasonPrompt(board, 'r-cedar', 'rejected');
    const submit = () => dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    submit();
    await waitUntil(() => dialog.querySelector('#reason-error'), 'no message when nothing was chosen');
    expect(dialog.querySelector('#reason-error')!.textContent).to.equal('Choose a reason, or choose Other and describe it.');
    expect(dialog.querySelector('fieldset')!.getAttribute('aria-describedby')).to.equal('reason-error');
    expect(board.shadowRoot!.activeElement).to.equal(dialog.querySelector('input[name="reason-choice"]'));
    expect(dialog.open).to.equal(true);
    // Rejected offers its own list; choose Other and send it without details.
    const other = [...dialog.querySelectorAll<HTMLInputElement>('input[name="reason-choice"]')].at(-1)!;
    expect(other.closest('label')!.textContent.trim()).to.equal('Other');
    expect(dialog.querySelector('label.choice')!.textContent.trim()).to.equal('Outside the partner’s markets');
    other.click();
    submit();
    await waitUntil(() => /Describe the reason/.test(dialog.querySelector('#reason-error')?.textContent ?? ''), 'no message for Other without details');
    const details = dialog.querySelector('textarea')!;
    expect(details.getAttribute('aria-invalid')).to.equal('true');
    expect(board.shadowRoot!.activeElement).to.equal(details);
    expect(faulty.count('moveReferral')).to.equal(0);
    expect(columnOfCard(board, 'r-cedar')).to.equal('proposal');
    await sendKeys({ type: 'Partner is winding down this region' });
    submit();
    await settle(board);
    expect(columnOfCard(board, 'r-cedar')).to.equal('rejected');
  });

  it('offers the reasons a deployment gives in closeReasons', async () => {
    const events: StageChangeEvent[] = [];
    const { board } = await mountBoard({ referrals: three() });
    board.closeReasons = { 'closed-lost': ['Lost to incumbent', 'Legal blocked it'] };
    board.addEventListener('cosell-stage-change', (e) => events.push(e));
    const dialog = await openReasonPrompt(board, 'r-cedar', 'closed-lost');
    expect([...dialog.querySelectorAll('label.choice')].map((l) => l.textContent.trim())).to.deep.equal(['Lost to incumbent', 'Legal blocked it', 'Other']);
    dialog.querySelectorAll<HTMLInputElement>('input[name="reason-choice"]')[1]!.click();
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle(board);
    expect(events[0]!.detail.reason).to.equal('Legal blocked it');
  });

  it('leaves the card in place when the reason prompt is canceled', async () => {
    const { board, faulty } = await mountBoard({ referrals: three() });
    cardOf(board, 'r-cedar')!.focus();
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowRight' }); // proposal → rejected
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    await sendKeys({ press: 'Escape' });
    await settle(board);
    expect(dialog.open).to.equal(false);
    expect(columnOfCard(board, 'r-cedar')).to.equal('proposal');
    expect(faulty.count('moveReferral')).to.equal(0);
    expect(announcement(board)).to.equal('Move canceled. Cedar Health stays in Proposal.');
  });

  it('rolls the card back with a message when saving fails', async () => {
    const errors: CrmError[] = [];
    const { board, faulty, memory } = await mountBoard({ referrals: three() });
    board.addEventListener('cosell-error', (e: CosellErrorEvent) => errors.push(e.error));
    faulty.failNext('moveReferral', 'network');
    const release = faulty.hold('moveReferral');
    cardOf(board, 'r-acme')!.focus();
    await liftMoveDrop(1);
    await settle(board);
    expect(columnOfCard(board, 'r-acme'), 'optimistic: moved at once').to.equal('proposal');
    release();
    await waitUntil(() => columnOfCard(board, 'r-acme') === 'qualified', 'the card did not roll back');
    const message = board.shadowRoot!.querySelector('[part="message"]')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent).to.contain('Acme could not be moved to Proposal: You appear to be offline.');
    expect(message.textContent).to.contain('It is back in Qualified.');
    expect((await memory.getReferral('r-acme')).stage).to.equal('qualified');
    expect(errors.map((e) => e.kind)).to.deep.equal(['network']);
    await waitUntil(() => focusedCard(board) === 'r-acme', 'focus stays with the card');
  });

  it('reloads the card and says what changed when someone else moved it first', async () => {
    const { board, memory, faulty } = await mountBoard({ referrals: three() });
    const release = faulty.hold('moveReferral');
    cardOf(board, 'r-acme')!.focus();
    await liftMoveDrop(1);
    await settle(board);
    expect(columnOfCard(board, 'r-acme')).to.equal('proposal');
    // While our save (expecting version 1) is on its way, someone else moves Acme to Negotiation.
    memory.setCurrentUser({ id: 'u-other', name: 'Olga Other', role: 'partner-manager' });
    await memory.moveReferral('r-acme', { to: 'negotiation', expectedVersion: 1 });
    memory.setCurrentUser('u-pm');
    release();
    await waitUntil(() => columnOfCard(board, 'r-acme') === 'negotiation', 'the card was not reloaded');
    const message = board.shadowRoot!.querySelector('[part="message"]')!.textContent;
    expect(message).to.contain('Someone else (Olga Other) changed Acme: it is now in Negotiation.');
    expect(message).to.contain('Your move to Proposal was not saved');
    const stored = await memory.getReferral('r-acme');
    expect([stored.stage, stored.version]).to.deep.equal(['negotiation', 2]);
  });

  it('follows moves made elsewhere when the adapter reports live changes', async () => {
    const { board, memory } = await mountBoard({ referrals: three() });
    expect(memory.capabilities.liveChanges).to.equal(true);
    await memory.moveReferral('r-dune', { to: 'negotiation', expectedVersion: 1 });
    await settle(board);
    expect(columnOfCard(board, 'r-dune')).to.equal('negotiation');
    expect(column(board, 'proposal').querySelector<HTMLElement>('.count')!.dataset.count).to.equal('1');
  });

  it('is read-only for sellers: no menu, no lift, no drag', async () => {
    const { board, faulty } = await mountBoard({ referrals: three(), role: 'seller' });
    expect(board.shadowRoot!.querySelector('.move')).to.equal(null);
    expect(board.shadowRoot!.querySelector('.summary')!.textContent).to.contain('read-only');
    cardOf(board, 'r-acme')!.focus();
    await liftMoveDrop(1);
    await board.updateComplete;
    expect(announcement(board)).to.equal('The board is read-only for you.');
    const [x, y] = center(cardOf(board, 'r-acme')!);
    const [tx, ty] = center(column(board, 'proposal'));
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [tx, ty + 40] });
    await sendMouse({ type: 'up' });
    await settle(board);
    expect(columnOfCard(board, 'r-acme')).to.equal('qualified');
    expect(faulty.count('moveReferral')).to.equal(0);
  });

  it('keeps the keyboard on a card from the last page after moves, and the totals equal a fresh count', async () => {
    // Pages of 3: the moved card (the oldest, EUR, the only one in its currency) arrives in the last page.
    const referrals = [
      ...Array.from({ length: 6 }, (_, i) => referral(`r-q-${i}`, `Quill ${i}`, 'qualified', { submitted: 2 + i, arr: { amountMinor: 100_000 * (i + 1), currency: 'USD' } })),
      ...Array.from({ length: 3 }, (_, i) => referral(`r-p-${i}`, `Pine ${i}`, 'proposal', { submitted: 3 + i, arr: { amountMinor: 250_000, currency: 'USD' } })),
      referral('r-eur', 'Euro Oldest', 'qualified', { submitted: 40, arr: { amountMinor: 500_000, currency: 'EUR' } }),
    ];
    const { board, memory } = await mountBoard({ referrals, board: ({ now }) => html`<cosell-pipeline-board .now=${now} page-size="3"></cosell-pipeline-board>` });
    const totalsShown = (stage: Stage) => [...column(board, stage).querySelectorAll<HTMLElement>('.totals li')].map((li) => `${li.dataset.currency} ${li.textContent}`);
    /** The totals a fresh count of the stored referrals gives. */
    const recount = async (adapter: MemoryAdapter, stage: Stage) => {
      const { referrals: stored } = await adapter.listReferrals({ stages: [stage], pageSize: 100 });
      return columnTotals(stored).map((m) => `${m.currency} ${formatMoney(m, 'en-US')}`);
    };
    const expectTotals = async (when: string) => {
      for (const stage of ['qualified', 'proposal'] as const) expect(totalsShown(stage), `${stage} totals ${when}`).to.deep.equal(await recount(memory, stage));
    };
    const tabbable = (b: CosellPipelineBoard) => [...b.shadowRoot!.querySelectorAll<HTMLElement>('.card[tabindex="0"]')].map((c) => c.dataset.id);
    await expectTotals('after loading');
    expect(totalsShown('qualified').some((t) => t.startsWith('EUR'))).to.equal(true);

    cardOf(board, 'r-eur')!.focus();
    await liftMoveDrop(1);
    await settle(board);
    await waitUntil(async () => (await memory.getReferral('r-eur')).stage === 'proposal' && !board.shadowRoot!.querySelector('.card.saving'));
    await settle(board);
    expect(announcement(board)).to.equal('Euro Oldest moved from Qualified to Proposal, position 4 of 4.');
    await waitUntil(() => focusedCard(board) === 'r-eur', 'focus did not follow the card to its new column');
    expect(tabbable(board)).to.deep.equal(['r-eur']);
    await expectTotals('after the move');
    expect(totalsShown('qualified').some((t) => t.startsWith('EUR')), 'EUR leaves Qualified with its only card').to.equal(false);

    // The keyboard finds the card where it is now: up and down within Proposal, left to Qualified at the same position.
    for (const [key, focused] of [['ArrowUp', 'r-p-2'], ['ArrowDown', 'r-eur'], ['ArrowLeft', 'r-q-3']] as const) {
      await press(key);
      await settle(board);
      expect(focusedCard(board), key).to.equal(focused);
    }

    // And back: lifted from Proposal, dropped one column to the left.
    cardOf(board, 'r-eur')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowLeft' });
    await board.updateComplete;
    expect(announcement(board)).to.equal('Qualified, 6 cards.');
    await sendKeys({ press: 'Enter' });
    await settle(board);
    await waitUntil(async () => (await memory.getReferral('r-eur')).stage === 'qualified');
    await waitUntil(() => focusedCard(board) === 'r-eur');
    await settle(board);
    await expectTotals('after moving back');
  });

  it('shows every page that arrived before a later page failed, with the totals of those cards', async () => {
    // Pages of 2: the pages after the first wait for their batch when a later one fails.
    const referrals = Array.from({ length: 14 }, (_, i) => referral(`r-${String(i).padStart(2, '0')}`, `Company ${i}`, 'qualified', { submitted: 1 + i }));
    const { board, faulty } = await mountBoard({ referrals, wait: false, board: ({ now }) => html`<cosell-pipeline-board .now=${now} page-size="2"></cosell-pipeline-board>` });
    faulty.failNext('listReferrals', 'unavailable', 1, 2);
    await board.updateComplete;
    await board.loadComplete;
    await settle(board);
    expect(board.shadowRoot!.querySelector('[part="message"]')?.textContent).to.contain('Only part of the pipeline loaded');
    // Every page that arrived (each call but the failed one) is on the board, not only the first.
    const arrived = 2 * (faulty.count('listReferrals') - 1);
    expect(arrived).to.be.within(6, 8);
    expect(column(board, 'qualified').querySelector<HTMLElement>('.count')!.dataset.count).to.equal(String(arrived));
    expect(column(board, 'qualified').querySelector('.totals li')?.textContent).to.equal(`$${(arrived * 10_000).toLocaleString('en-US')}.00`);
  });

  it('renders 10,000 referrals with a bounded number of card elements, and a move works', async () => {
    const data = createDemoData({ seed: 7, referrals: 10_000, now: NOW });
    const { board, memory } = await mountBoard({ seed: { ...data, currentUser: USERS['partner-manager'] } });
    const counts = [...board.shadowRoot!.querySelectorAll<HTMLElement>('.count')].map((c) => Number(c.dataset.count));
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(10_000);
    const cards = board.shadowRoot!.querySelectorAll('.card').length;
    expect(cards).to.be.greaterThan(0);
    expect(cards, 'card elements in the DOM').to.be.lessThan(400);

    const first = board.shadowRoot!.querySelector<HTMLElement>('lit-virtualizer[data-stage="qualified"] .card')!;
    const id = first.dataset.id!;
    const before = Number(column(board, 'proposal').querySelector<HTMLElement>('.count')!.dataset.count);
    first.focus();
    await liftMoveDrop(1);
    await settle(board);
    expect(columnOfCard(board, id)).to.equal('proposal');
    expect(Number(column(board, 'proposal').querySelector<HTMLElement>('.count')!.dataset.count)).to.equal(before + 1);
    await waitUntil(async () => (await memory.getReferral(id)).stage === 'proposal');
    expect(announcement(board)).to.match(/moved from Qualified to Proposal, position \d+ of \d+\.$/);
    await waitUntil(() => focusedCard(board) === id);
    expect(board.shadowRoot!.querySelectorAll('.card').length).to.be.lessThan(400);
  });
});

