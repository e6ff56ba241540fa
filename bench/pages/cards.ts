import { createDemoData, type DemoData } from '../../src/demo-data.js';

/** The same referrals for every library on the bench: the deterministic demo world, `n` referrals. */
export function benchData(): { n: number; data: DemoData } {
  const n = Number(new URLSearchParams(location.search).get('n') ?? 100);
  return { n, data: createDemoData({ seed: 1, referrals: n }) };
}

/** Resolves after the next frame has been produced (layout and paint included). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** What each bench page exposes to the driver (bench/board.bench.mjs). */
export interface BenchPage {
  /** Render the board; `firstMs` until cards are on screen, `fullMs` until every card is loaded. */
  render(): Promise<{ firstMs: number; fullMs: number; cards: number }>;
  /** Move one card from Qualified to Proposal; ms until the frame after the move. */
  move(): Promise<number>;
}

declare global {
  interface Window {
    bench?: BenchPage;
  }
}
