import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deleteDB } from 'idb';
import { MemoryAdapter, type MemorySeed } from '../../src/adapters/memory-adapter.js';
import type { CosellProvider } from '../../components/provider/provider.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import type { UserInput } from '../../src/domain/user.js';
import type { Referral } from '../../src/domain/referral.js';
import { CrmError } from '../../src/errors.js';
import { cardOf, columnOfCard, loaded, NOW, PARTNERS, referral, settle } from '../fixtures/board.js';

/**
 * Issue 16, item 6: two partner managers move the same card from two "browsers". Each board has its
 * own MemoryAdapter with persistence over the same IndexedDB database, as two tabs would: what one
 * saves reaches the other through BroadcastChannel. The second mover is refused, told who moved the
 * card and where, and shown the card where it now is; the first move is stored once.
 */

const ALEX: UserInput = { id: 'u-alex', name: 'Alex Accepter', role: 'partner-manager' };
const BEA: UserInput = { id: 'u-bea', name: 'Bea Rejecter', role: 'partner-manager' };

let dbCounter = 0;
const adapters: MemoryAdapter[] = [];
const dbNames: string[] = [];

/** One "browser": a persistent MemoryAdapter on `dbName`, signed in as `user`, and its board. */
/** The same seed in every browser (a different one would start the saved copy afresh). */
const XENO = referral('r-xeno', 'Xeno Labs', 'submitted', { submitted: 3 });
const seedFor = (user: UserInput): MemorySeed => ({ partners: PARTNERS, referrals: [XENO], currentUser: user });

async function openBrowser(dbName: string, user: UserInput): Promise<{ board: CosellPipelineBoard; memory: MemoryAdapter }> {
  const seed = seedFor(user);
  const memory = new MemoryAdapter(seed, { persistence: 'indexeddb', dbName, now: () => NOW });
  adapters.push(memory);
  await memory.ready;
  expect(memory.persistent, 'IndexedDB persistence is on').to.equal(true);
  const provider = await fixture<CosellProvider>(
    html`<cosell-provider .adapter=${memory} locale="en-US"
      style="--cosell-board-column-width: 11rem; --cosell-board-column-height: 20rem"><cosell-pipeline-board .now=${NOW}></cosell-pipeline-board></cosell-provider>`,
  );
  await provider.ready;
  const board = provider.querySelector('cosell-pipeline-board')!;
  await loaded(board);
  return { board, memory };
}

/** Open the card's move menu and choose `stage`. */
async function chooseFromMenu(board: CosellPipelineBoard, id: string, stage: string): Promise<void> {
  cardOf(board, id)!.querySelector<HTMLButtonElement>('.move')!.click();
  await board.updateComplete;
  board.shadowRoot!.querySelector<HTMLButtonElement>(`[role="menuitem"][data-stage="${stage}"]`)!.click();
  await board.updateComplete;
}

const messageOf = (board: CosellPipelineBoard): string => board.shadowRoot!.querySelector('[part="message"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<cosell-pipeline-board> moves under conflict, two browsers on one persistent MemoryAdapter database', () => {
  afterEach(async () => {
    for (const adapter of adapters.splice(0)) await adapter.close();
    for (const name of dbNames.splice(0)) await deleteDB(name);
  });

  it('refuses the second move, says who moved the card and where, and shows the card where it is', async () => {
    const dbName = `cosell-conflict-test-${String(Date.now())}-${String(++dbCounter)}`;
    dbNames.push(dbName);
    const a = await openBrowser(dbName, ALEX);
    const b = await openBrowser(dbName, BEA);
    expect(columnOfCard(a.board, 'r-xeno')).to.equal('submitted');
    expect(columnOfCard(b.board, 'r-xeno')).to.equal('submitted');

    // Bea starts moving Xeno Labs to Rejected while her board shows it in Submitted (version 1)...
    await chooseFromMenu(b.board, 'r-xeno', 'rejected');
    const dialog = b.board.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'the reason prompt did not open');
    expect(columnOfCard(b.board, 'r-xeno'), 'Bea sees the card in Submitted').to.equal('submitted');

    // ...and meanwhile Alex, in his browser, accepts it.
    await chooseFromMenu(a.board, 'r-xeno', 'accepted');
    await waitUntil(async () => (await a.memory.getReferral('r-xeno')).stage === 'accepted', "Alex's move was not saved");
    // Bea's browser hears of it through BroadcastChannel.
    await waitUntil(async () => (await b.memory.getReferral('r-xeno')).version === 2, "Bea's browser did not hear of Alex's move");

    // Bea finishes her move, still expecting version 1.
    dialog.querySelector<HTMLElement>('textarea')!.focus(); // details typed with no reason chosen are the reason ("Other")
    await sendKeys({ type: 'Not a fit for us' });
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => messageOf(b.board) !== '', 'Bea was not told anything');
    await settle(b.board);

    const message = messageOf(b.board);
    expect(message, 'who moved it and where').to.contain('Someone else (Alex Accepter) changed Xeno Labs: it is now in Accepted.');
    expect(message).to.contain('Your move to Rejected was not saved');
    expect(b.board.shadowRoot!.querySelector('[part="message"]')!.getAttribute('role')).to.equal('alert');
    expect(columnOfCard(b.board, 'r-xeno'), "Bea's board shows the current state").to.equal('accepted');
    expect(columnOfCard(a.board, 'r-xeno'), "Alex's board keeps his move").to.equal('accepted');

    // Nothing overwritten: both browsers, and a third opened on the same database afterwards, hold
    // Alex's move, once.
    const c = new MemoryAdapter(seedFor(ALEX), { persistence: 'indexeddb', dbName, now: () => NOW });
    adapters.push(c);
    for (const memory of [a.memory, b.memory, c]) {
      const stored = await memory.getReferral('r-xeno');
      expect([stored.stage, stored.version, stored.lastModifiedBy, stored.closeReason]).to.deep.equal(['accepted', 2, 'Alex Accepter', undefined]);
      const moves = (stored.stageHistory ?? []).filter((change) => change.from !== null);
      expect(moves.map((change) => [change.from, change.to, change.by])).to.deep.equal([['submitted', 'accepted', 'u-alex']]);
    }
  });

  it('refuses one of two moves saved at once, before either browser has heard of the other', async () => {
    const dbName = `cosell-conflict-test-${String(Date.now())}-${String(++dbCounter)}`;
    dbNames.push(dbName);
    const alex = new MemoryAdapter(seedFor(ALEX), { persistence: 'indexeddb', dbName, now: () => NOW });
    const bea = new MemoryAdapter(seedFor(BEA), { persistence: 'indexeddb', dbName, now: () => NOW });
    adapters.push(alex, bea);
    await Promise.all([alex.ready, bea.ready]);
    const outcomes = await Promise.allSettled([
      alex.moveReferral('r-xeno', { to: 'accepted', expectedVersion: 1 }),
      bea.moveReferral('r-xeno', { to: 'rejected', expectedVersion: 1, reason: 'Not a fit for us' }),
    ]);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length, 'one of the two moves is refused').to.equal(1);
    const error: unknown = (refused[0] as PromiseRejectedResult).reason;
    expect(CrmError.is(error, 'conflict'), String(error)).to.equal(true);
    const winner = (error as CrmError).details as Referral;
    const loser = outcomes[0].status === 'rejected' ? alex : bea;
    expect(winner.lastModifiedBy, 'the conflict names who moved it').to.equal(outcomes[0].status === 'rejected' ? BEA.name : ALEX.name);
    expect((await loser.getReferral('r-xeno')).stage, "the refused browser now holds the other's move").to.equal(winner.stage);
    const reopened = new MemoryAdapter(seedFor(ALEX), { persistence: 'indexeddb', dbName, now: () => NOW });
    adapters.push(reopened);
    const held = await reopened.getReferral('r-xeno');
    expect([held.version, held.stage], 'the winning move, once').to.deep.equal([2, winner.stage]);
  });
});
