// <cosell-my-referrals> over 10,000 referrals and <cosell-revshare-summary> over the demo's 14 partners ×
// 24 months (issue 14, item 5), each figure beside its goal. A fresh page per run; the adapter
// (MemoryAdapter over the demo world) is built before each clock starts: its cost is the board bench's.
//
//   BENCH_REFERRALS (default 10000): referrals of the one seller in my referrals.
//   `npm run bench -- widgets` runs only this module.

import { traceMainThread } from './trace.mjs';

export const pages = { widgets: 'widgets.html' };

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 10_000);
/** Reaching the last row stops after this long (the page limit is 60 s). */
const REACH_BUDGET_MS = 40_000;
const FRAME_MS = 16;
/** The element's default page size. */
const PAGE_SIZE = 50;

const ms = (v) => (v === undefined ? '—' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const count = (v) => v.toLocaleString('en-US');
const goal = (text, value, met) => [text, value, met === undefined ? '—' : met ? 'met' : 'not met'];
/** `BENCH_WIDGETS=my-referrals` or `revshare`: only that part (default both). */
const PARTS = (process.env.BENCH_WIDGETS ?? 'my-referrals,revshare').split(',');

async function myReferralsOnce(measurePage) {
  return measurePage(`/widgets.html?n=${REFERRALS}`, async (page, cdp) => {
    const first = await page.evaluate(() => globalThis.bench.myReferrals());
    const second = await traceMainThread(cdp, () => page.evaluate(() => globalThis.bench.showMoreOnce()));
    // Up to the page before the last, then the last page under a trace (or one more page where the budget ran out).
    const reach = await page.evaluate(([rows, budget]) => globalThis.bench.showMoreUntil(rows, budget), [REFERRALS - PAGE_SIZE, REACH_BUDGET_MS]);
    const rowsBefore = await page.evaluate(() => globalThis.bench.rows());
    const last = reach.more ? await traceMainThread(cdp, () => page.evaluate(() => globalThis.bench.showMoreOnce())) : undefined;
    const rows = await page.evaluate(() => globalThis.bench.rows());
    return { first, second, reach, last, rows, rowsBefore };
  });
}

async function revshareOnce(measurePage) {
  return measurePage('/widgets.html', async (page, cdp) => traceMainThread(cdp, () => page.evaluate(() => globalThis.bench.revshare())));
}

export default async function widgetsBench({ runs, median, measurePage }) {
  const list = [];
  const summary = [];
  // Reaching 10,000 rows is long before the fix: at most three runs of it.
  for (let run = 0; run < runs; run++) {
    if (PARTS.includes('my-referrals') && run < Math.min(3, runs)) list.push(await myReferralsOnce(measurePage));
    if (PARTS.includes('revshare')) summary.push(await revshareOnce(measurePage));
  }
  const m = (samples, f) => median(samples.map(f).filter((v) => v !== undefined));
  const rows = [...(list.length ? myReferralsRows(list, m) : []), ...(summary.length ? revshareRows(summary, m) : [])];
  return {
    title: 'My referrals and the revenue-share summary',
    sections: [
      {
        heading: 'Goals (issue 14, item 5; medians)',
        columns: ['figure', 'measured', 'goal'],
        rows,
        notes: `My referrals: ${count(REFERRALS)} referrals of one seller in a MemoryAdapter (demo world, seed 1), pages of 50 (the element's default); "Show more" until the frame after the new rows are in, its main-thread work from a trace (the adapter's page read included). The summary: the demo world for the all-partners finance user with copies of its 10 launched partners to make 14, 24 closed months by month, as of 2026-11-01; from appending the provider and the element until the frame after the statements table is in (a totals row per partner; partners are closed by default when several are shown, so the 322 statement rows are drawn only when a partner is opened). Medians of ${Math.min(3, runs)} runs (my referrals) and ${runs} (the summary).`,
      },
    ],
  };
}

function myReferralsRows(list, m) {
  const lastWork = list.every((s) => s.last) ? m(list, (s) => s.last.mainThreadMs) : undefined;
  const before = Math.min(...list.map((s) => s.rowsBefore));
  const reached = Math.min(...list.map((s) => s.rows));
  const reachMs = m(list, (s) => s.reach.ms + (s.last?.value.ms ?? 0));
  const allReached = reached >= REFERRALS;
  const second = m(list, (s) => s.second.mainThreadMs);
  return [
    goal(`my referrals, ${count(REFERRALS)} referrals: first rows shown, ms`, ms(m(list, (s) => s.first.firstMs))),
    goal(`my referrals: one "Show more" at ${count(list[0].first.rows)} rows, main-thread work (trace), ms — goal ≤ ${FRAME_MS}`, ms(second), second <= FRAME_MS),
    goal(`my referrals: one "Show more" at ${count(before)} rows${allReached ? ' (the last page)' : ''}, main-thread work (trace), ms — goal ≤ ${FRAME_MS}`, ms(lastWork), lastWork !== undefined && lastWork <= FRAME_MS),
    goal(`my referrals: "Show more" until the last of ${count(REFERRALS)} rows, s — goal: reached`, allReached ? `${(reachMs / 1000).toFixed(1)} s, ${count(reached)} rows` : `${count(reached)} rows in ${REACH_BUDGET_MS / 1000} s`, allReached),
  ];
}

function revshareRows(summary, m) {
  const render = m(summary, (s) => s.value.ms);
  const longest = m(summary, (s) => s.longestTaskMs);
  const { statements, partners } = summary[0].value;
  return [
    goal(`revenue-share summary, ${partners} partners × 24 months (${statements} statements): first render, ms — goal ≤ 200`, ms(render), render <= 200),
    goal('revenue-share summary: longest main-thread task during the render (trace), ms — goal ≤ 50', ms(longest), longest <= 50),
  ];
}
