// The pipeline board against jKanban (npm `jkanban`), the same cards in the same run: first render,
// a stage move and the JS heap at 100, 1,000 and 10,000 cards. Each run is a fresh page.

export const pages = { cosell: 'cosell.html', jkanban: 'jkanban.html' };

const SIZES = [100, 1_000, 10_000];
const LIBS = ['cosell', 'jkanban'];

async function heapMb(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

/** JS heap plus DOM and other renderer memory of the page (measureUserAgentSpecificMemory), MB. */
async function pageMemoryMb(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const bytes = await page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  return bytes / 1024 / 1024;
}

async function once(measurePage, lib, n) {
  return measurePage(`/${lib}.html?n=${n}`, async (page, cdp) => {
    const memoryBefore = await pageMemoryMb(page, cdp);
    const before = await heapMb(cdp);
    const render = await page.evaluate(() => globalThis.bench.render());
    const after = await heapMb(cdp);
    const memoryAdded = (await pageMemoryMb(page, cdp)) - memoryBefore;
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    const move = await page.evaluate(() => globalThis.bench.move());
    return { ...render, move, heap: after, heapAdded: after - before, nodes, memoryAdded };
  });
}

const ms = (v) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const mb = (v) => v.toFixed(1);
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

export default async function boardBench({ runs, median, measurePage }) {
  const rows = [];
  const heapRows = [];
  const medians = {};
  for (const n of SIZES) {
    const samples = { cosell: [], jkanban: [] };
    for (let run = 0; run < runs; run++) for (const lib of LIBS) samples[lib].push(await once(measurePage, lib, n));
    const m = (lib, key) => median(samples[lib].map((s) => s[key]));
    const c = { first: m('cosell', 'firstMs'), full: m('cosell', 'fullMs'), move: m('cosell', 'move'), heap: m('cosell', 'heap'), added: m('cosell', 'heapAdded'), cards: m('cosell', 'cards'), nodes: m('cosell', 'nodes'), memory: m('cosell', 'memoryAdded') };
    const j = { first: m('jkanban', 'firstMs'), move: m('jkanban', 'move'), heap: m('jkanban', 'heap'), added: m('jkanban', 'heapAdded'), cards: m('jkanban', 'cards'), nodes: m('jkanban', 'nodes'), memory: m('jkanban', 'memoryAdded') };
    medians[n] = { c, j };
    rows.push([n.toLocaleString('en-US'), ms(c.first), ms(c.full), ms(j.first), ratio(j.first, c.first), ms(c.move), ms(j.move), ratio(j.move, c.move), `${c.cards} / ${j.cards}`]);
    heapRows.push([n.toLocaleString('en-US'), mb(c.heap), mb(j.heap), mb(c.added), mb(j.added), ratio(j.added, c.added), mb(c.memory), mb(j.memory), ratio(j.memory, c.memory), c.nodes.toLocaleString('en-US'), j.nodes.toLocaleString('en-US')]);
  }
  const big = medians[10_000];
  const small = medians[100];
  const goals = [
    `first render at 10,000 within 2× of 100: ${ratio(big.c.first, small.c.first)} (${big.c.first <= 2 * small.c.first ? 'met' : 'not met'})`,
    `at least 10× faster than jKanban at 10,000: ${ratio(big.j.first, big.c.first)} (${big.j.first >= 10 * big.c.first ? 'met' : 'not met'})`,
    `no more than a fifth of its heap (V8 heap added by the render) at 10,000: ${ratio(big.c.added, big.j.added).replace('×', '')} of it (${big.c.added * 5 <= big.j.added ? 'met' : 'not met'})`,
    `no more than a fifth of its memory (JS + DOM added by the render) at 10,000: ${ratio(big.c.memory, big.j.memory).replace('×', '')} of it (${big.c.memory * 5 <= big.j.memory ? 'met' : 'not met'})`,
  ];
  return {
    title: 'Pipeline board vs jKanban',
    sections: [
      {
        heading: 'Time (ms, median)',
        columns: ['cards', 'Cosell first render', 'Cosell all pages loaded', 'jKanban render', 'jKanban ÷ Cosell first', 'Cosell move', 'jKanban move', 'jKanban ÷ Cosell move', 'card elements in DOM (Cosell / jKanban)'],
        rows,
        notes:
          'First render: from creating the element until its first cards are painted (Cosell loads through MemoryAdapter pages of 500 and shows the first page while the rest arrives); "all pages loaded" until every page is in and the column totals are final. jKanban renders every card at once. A move is Qualified → Proposal until the next frame (Cosell: the optimistic move; the save is not timed; jKanban: removeElement + addElement).',
      },
      {
        heading: 'JS heap (MB, after a forced GC, median)',
        columns: ['cards', 'Cosell heap after render', 'jKanban heap after render', 'Cosell added by render', 'jKanban added by render', 'jKanban ÷ Cosell added', 'Cosell memory added (JS + DOM)', 'jKanban memory added (JS + DOM)', 'jKanban ÷ Cosell memory', 'Cosell DOM nodes', 'jKanban DOM nodes'],
        rows: heapRows,
        notes:
          'Both pages hold the same demo records (createDemoData) before the render; "added by render" is the V8 heap after the render minus the heap before it. Cosell loads through the adapter, which hands out the stored records frozen (no second copy); what it adds is its view state and the visible cards. jKanban keeps its cards as DOM, which lives outside the V8 heap: the DOM node counts (CDP Memory.getDOMCounters, whole renderer) show that side, and "memory added (JS + DOM)" (performance.measureUserAgentSpecificMemory, which counts the DOM too) compares the two fairly.',
      },
      { heading: 'Goals', columns: ['goal (issue 4)', ''], rows: goals.map((g) => g.split(': ')) },
    ],
  };
}
