// Revenue-share engine timing: 1,000,000 billing lines through computeStatements + summarize in Node.
// Run: `npm run bench:revshare` (tsx, so the TypeScript sources load as they are).
// Standalone: `import { benchRevshare } from './revshare.bench.mjs'` returns the figures for `npm run bench`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { computeStatements } from '../src/revshare/engine.ts';
import { summarize } from '../src/revshare/summary.ts';
import { seeded } from '../test/node/revshare-fixtures.ts';

const LINES = 1_000_000;

const tiers = { kind: 'tiered', tiers: [{ fromMinor: 0, rateBps: 1000 }, { fromMinor: 50_000_000_00, rateBps: 1250 }, { fromMinor: 200_000_000_00, rateBps: 1500.5 }] };

/** One scenario: `months` statements sharing `LINES` lines, flat or tiered, with an optional mid-month rate change. */
function scenario(name, { months, schedule, rateChange }) {
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
      const sinceYear = 2023 + Math.floor(random() * 3);
      lines.push({
        id: `l-${made}`,
        customerId: `c-${i % 5000}`,
        customer: `Customer ${i % 5000}`,
        kind: refund ? 'refund' : 'charge',
        billed: { amountMinor, currency: 'USD' },
        customerSince: `${sinceYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
        recurring: random() < 0.8,
      });
    }
    statements.push({ id: `s-${m}`, partnerId: 'p-bench', agreementId: 'a-bench', period, currency: 'USD', lines, remitted: { amountMinor: 0, currency: 'USD' }, disputed: false });
  }
  return { name, agreement, statements };
}

function time({ agreement, statements, readLines }) {
  const start = performance.now();
  const results = computeStatements([agreement], statements, { asOf: '2027-01-15' });
  const totals = summarize(results);
  // Optionally also build every LineResult object (the engine makes them only when read).
  let lineDue = 0;
  if (readLines) for (const r of results) for (const l of r.lines) lineDue += l.due.amountMinor;
  const ms = performance.now() - start;
  if (readLines && lineDue !== totals[0]?.revshare.amountMinor) throw new Error('Σ line due ≠ revshare');
  return { ms, lines: statements.reduce((s, st) => s + st.lines.length, 0), due: totals[0]?.due.amountMinor };
}

export function benchRevshare({ runs = 5 } = {}) {
  const scenarios = [
    scenario('flat, one statement', { months: 1, schedule: { kind: 'flat', rateBps: 1000 } }),
    scenario('tiered, 24 statements', { months: 24, schedule: tiers }),
    scenario('tiered + mid-month rate change, 12 statements', { months: 12, schedule: tiers, rateChange: true }),
    { ...scenario('tiered, 24 statements, every LineResult read', { months: 24, schedule: tiers }), readLines: true },
  ];
  return scenarios.map((s) => {
    time(s); // warm-up
    const samples = Array.from({ length: runs }, () => time(s));
    const ms = samples.map((x) => x.ms).sort((a, b) => a - b);
    return { name: `revshare: ${s.name}`, lines: samples[0].lines, medianMs: ms[Math.floor(ms.length / 2)], minMs: ms[0], maxMs: ms[ms.length - 1] };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of benchRevshare()) {
    console.log(`${r.name}: ${r.lines.toLocaleString('en-US')} lines in ${r.medianMs.toFixed(0)} ms (median of 5; min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)})`);
  }
}
