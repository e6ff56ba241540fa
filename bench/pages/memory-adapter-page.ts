import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { benchData } from './cards.js';

const { data } = benchData();

declare global {
  interface Window {
    memoryAdapterBench?: { construct(): Promise<{ ms: number; total: number }> };
  }
}

// `globalThis.bench` is what the driver waits for; the board's pages give it `render`, this one `construct`.
const bench = {
  /** `new MemoryAdapter(seed)` over the page's records until `ready`: every record checked and indexed. */
  async construct(): Promise<{ ms: number; total: number }> {
    const start = performance.now();
    const adapter = new MemoryAdapter(data);
    await adapter.ready;
    const ms = performance.now() - start;
    return { ms, total: (await adapter.listReferrals({ pageSize: 1 })).total ?? -1 };
  },
};
Object.assign(window, { bench, memoryAdapterBench: bench });
