import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import '../../components/provider/define.js';
import '../../components/pipeline-board/define.js';
import type { CosellPipelineBoard } from '../../components/pipeline-board/pipeline-board.js';
import { benchData, nextFrame } from './cards.js';

const { data } = benchData();
/** `?mode=property`: the referrals and partners given to the board as properties, no adapter. */
const byProperty = new URLSearchParams(location.search).get('mode') === 'property';
const now = new Date('2026-11-01T09:00:00Z');
let board: CosellPipelineBoard | undefined;

function cards(): number {
  return board?.shadowRoot?.querySelectorAll('.card').length ?? 0;
}

window.bench = {
  async render() {
    // The clock starts before the records are checked and indexed (the adapter, or the board's own
    // parse of `.referrals`), as jKanban's starts before it builds its cards: only generating the
    // demo records is outside it, for both.
    const start = performance.now();
    board = document.createElement('cosell-pipeline-board');
    board.now = now;
    if (byProperty) {
      board.partners = data.partners;
      board.referrals = data.referrals;
      document.getElementById('host')!.append(board);
    } else {
      const adapter = new MemoryAdapter(data, { now: () => now });
      await adapter.ready;
      const provider = document.createElement('cosell-provider');
      provider.adapter = adapter;
      provider.append(board);
      document.getElementById('host')!.append(provider);
    }
    while (cards() === 0) await nextFrame();
    const firstMs = performance.now() - start;
    while (board.shadowRoot!.querySelector('.summary [role="status"]')?.textContent?.includes('loading')) await nextFrame();
    await nextFrame();
    const fullMs = performance.now() - start;
    return { firstMs, fullMs, cards: cards() };
  },
  async move() {
    const b = board!;
    const card = b.shadowRoot!.querySelector<HTMLElement>('lit-virtualizer[data-stage="qualified"] .card')!;
    const id = card.dataset.id!;
    const start = performance.now();
    const moving = b.requestMove(id, 'proposal');
    await b.updateComplete;
    await nextFrame();
    const ms = performance.now() - start;
    await moving;
    if (!b.shadowRoot!.querySelector(`lit-virtualizer[data-stage="proposal"] .card[data-id="${id}"]`)) throw new Error('the card did not move');
    return ms;
  },
};
