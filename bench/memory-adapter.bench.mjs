// Constructing a MemoryAdapter over the demo world (issue 14 item 2: under 300 ms at 100,000
// referrals): from `new MemoryAdapter(seed)` until `ready`: referrals indexed (checked with the
// referral rules when first read, after the clock). Generating the records is outside the clock. A fresh page per run.
//
//   BENCH_MEMORY_SIZES (default 100000), comma-separated.

export const pages = { 'memory-adapter': 'memory-adapter.html' };

const SIZES = (process.env.BENCH_MEMORY_SIZES ?? '100000').split(',').map(Number);
const GOAL_MS = 300;

export default async function memoryAdapterBench({ runs, median, measurePage }) {
  const rows = [];
  for (const n of SIZES) {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const { ms, total } = await measurePage(`/memory-adapter.html?n=${n}`, (page) => page.evaluate(() => globalThis.memoryAdapterBench.construct()));
      if (total !== n) throw new Error(`MemoryAdapter holds ${total} referrals, not ${n}`);
      samples.push(ms);
    }
    const mid = median(samples);
    rows.push([n.toLocaleString('en-US'), mid.toFixed(0), `${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)}`, `${GOAL_MS}`, mid < GOAL_MS ? 'met' : 'not met']);
  }
  return {
    title: 'MemoryAdapter construction',
    sections: [
      {
        heading: 'Time (ms)',
        columns: ['referrals', 'median', 'range', 'goal', ''],
        rows,
        notes: 'From `new MemoryAdapter(createDemoData({ seed: 1, referrals: n }))` until `ready` (no persistence): partners, users and statements checked, referrals indexed (duplicates refused, the newest-first index built); each referral is checked against the referral rules when first read, outside this clock. Generating the records is outside the clock.',
      },
    ],
  };
}
