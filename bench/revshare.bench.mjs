// Revenue-share engine timing in Node: 1,000,000 billing lines through computeStatements + summarize.
//
// - `npm run bench:revshare` prints the figures.
// - `npm run bench` (bench/run.mjs) imports this module and calls the default export, which returns
//   { title, sections } like every bench/*.bench.mjs; it needs no browser.
// The engine is TypeScript, so it is bundled first with Vite (zod left external) into
// node_modules/.cache, which works under plain Node as well as tsx.
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { build } from 'vite';

const LINES = 1_000_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'node_modules/.cache/cosell-bench-revshare');

async function loadEngine() {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node22',
      lib: {
        entry: { engine: join(root, 'src/revshare/index.ts'), fixtures: join(root, 'test/node/revshare-fixtures.ts') },
        formats: ['es'],
        fileName: (_format, name) => `${name}.mjs`,
      },
      rollupOptions: { external: [/^zod($|\/)/] },
    },
  });
  const engine = await import(pathToFileURL(join(outDir, 'engine.mjs')).href);
  const { seeded } = await import(pathToFileURL(join(outDir, 'fixtures.mjs')).href);
  return { ...engine, seeded };
}

const tiers = { kind: 'tiered', tiers: [{ fromMinor: 0, rateBps: 1000 }, { fromMinor: 50_000_000_00, rateBps: 1250 }, { fromMinor: 200_000_000_00, rateBps: 1500.5 }] };

/** One scenario: `months` statements sharing LINES lines, flat or tiered, with an optional mid-month rate change. */
function scenario(seeded, name, { months, schedule, rateChange, readLines = false }) {
  const random = seeded(42);
  const agreement = {
    id: 'a-bench',
    partnerId: 'p-bench',
    currency: 'USD',
    startDate: '2025-01-01',
    paymentTermsDays: 30,
    reportingCadence: 'monthly',
    rates: [
      { effectiveFrom: '2025-01-01', firstYear: schedule, renewal: schedule.kind === 'flat' ? { kind: 'flat', rateBps: 800 } : schedule },
      ...(rateChange ? [{ effectiveFrom: '2025-06-15', firstYear: { kind: 'flat', rateBps: 1100 }, renewal: { kind: 'flat', rateBps: 900 } }] : []),
    ],
  };
  const perMonth = Math.ceil(LINES / months);
  const statements = [];
  let made = 0;
  for (let m = 0; m < months; m++) {
    const period = `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const lines = [];
    for (let i = 0; i < perMonth && made < LINES; i++, made++) {
      const refund = random() < 0.03;
      const amountMinor = refund ? -Math.floor(random() * 50_000) - 1 : Math.floor(random() * 500_000);
      lines.push({
        id: `l-${made}`,
        customerId: `c-${i % 5000}`,
        customer: `Customer ${i % 5000}`,
        kind: refund ? 'refund' : 'charge',
        billed: { amountMinor, currency: 'USD' },
        customerSince: `${2023 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
        recurring: random() < 0.8,
      });
    }
    statements.push({ id: `s-${m}`, partnerId: 'p-bench', agreementId: 'a-bench', period, currency: 'USD', lines, remitted: { amountMinor: 0, currency: 'USD' }, disputed: false });
  }
  return { name, agreement, statements, readLines };
}

function time(engine, { agreement, statements, readLines }) {
  const start = performance.now();
  const results = engine.computeStatements([agreement], statements, { asOf: '2027-01-15' });
  const totals = engine.summarize(results);
  // Optionally also build every LineResult object (the engine makes them only when read).
  let lineDue = 0;
  if (readLines) for (const r of results) for (const l of r.lines) lineDue += l.due.amountMinor;
  const ms = performance.now() - start;
  if (readLines && lineDue !== totals[0]?.revshare.amountMinor) throw new Error('Σ line due ≠ revshare');
  return ms;
}

/** Median, min and max milliseconds per scenario, after one warm-up run. */
export async function benchRevshare({ runs = 5 } = {}) {
  const engine = await loadEngine();
  const scenarios = [
    scenario(engine.seeded, 'flat, one statement', { months: 1, schedule: { kind: 'flat', rateBps: 1000 } }),
    scenario(engine.seeded, 'tiered, 24 statements', { months: 24, schedule: tiers }),
    scenario(engine.seeded, 'tiered + mid-month rate change, 12 statements', { months: 12, schedule: tiers, rateChange: true }),
    scenario(engine.seeded, 'tiered, 24 statements, every LineResult read', { months: 24, schedule: tiers, readLines: true }),
  ];
  return scenarios.map((s) => {
    time(engine, s); // warm-up
    const ms = Array.from({ length: runs }, () => time(engine, s)).sort((a, b) => a - b);
    return { name: s.name, lines: LINES, medianMs: ms[Math.floor(ms.length / 2)], minMs: ms[0], maxMs: ms[ms.length - 1] };
  });
}

/** For `npm run bench`. */
export default async function revshareBench({ runs = 5 } = {}) {
  const results = await benchRevshare({ runs });
  return {
    title: 'Revenue-share engine (Node)',
    sections: [
      {
        heading: `${LINES.toLocaleString('en-US')} billing lines: computeStatements + summarize (ms)`,
        columns: ['scenario', 'median', 'min', 'max'],
        rows: results.map((r) => [r.name, r.medianMs.toFixed(0), r.minMs.toFixed(0), r.maxMs.toFixed(0)]),
        notes: 'Goal (issue 5): well under a second. Lines are random charges and 3 % refunds over 5,000 customers; the last row also builds every LineResult object.',
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  for (const r of await benchRevshare({ runs })) {
    console.log(`revshare: ${r.name}: ${r.lines.toLocaleString('en-US')} lines in ${r.medianMs.toFixed(0)} ms (median of ${runs}; min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)})`);
  }
}
