// `npx tsx bench/memory-adapter-node.ts [referrals] [runs]`: MemoryAdapter construction in Node, for
// the CPU profiler (`node --cpu-prof --import tsx bench/memory-adapter-node.ts`). Medians are printed;
// the browser figure is `npm run bench -- memory-adapter`.
import { performance } from 'node:perf_hooks';
import { MemoryAdapter } from '../src/adapters/memory-adapter.js';
import { createDemoData } from '../src/demo-data.js';

const n = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const data = createDemoData({ seed: 1, referrals: n });
const samples: number[] = [];
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  const adapter = new MemoryAdapter(data);
  await adapter.ready;
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
console.log(`MemoryAdapter over ${n.toLocaleString('en-US')} referrals: median ${samples[samples.length >> 1]!.toFixed(0)} ms (${samples.map((s) => s.toFixed(0)).join(', ')})`);
