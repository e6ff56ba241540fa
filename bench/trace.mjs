// Main-thread work from a Chromium trace (Tracing.dataCollected events), shared by the board bench,
// the board comparison and the board profiler.

/** The renderer main thread's tasks, outermost only: Chromium nests ThreadControllerImpl::RunTask inside RunTask, so counting both counts the time twice. */
export function mainThreadTasks(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outer = [];
  for (const e of tasks) {
    const last = outer[outer.length - 1];
    if (!last || e.ts >= last.ts + last.dur) outer.push(e);
  }
  return outer;
}

/**
 * Run `fn` under a Chromium trace (CDP session `cdp`): its value, the renderer main thread's task time
 * meanwhile (script, style, layout, paint) and its longest task, ms.
 */
export async function traceMainThread(cdp, fn) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' });
  const value = await fn();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  const durations = mainThreadTasks(events).map((e) => (e.tdur ?? e.dur) / 1000);
  return { value, mainThreadMs: durations.reduce((sum, d) => sum + d, 0), longestTaskMs: Math.max(0, ...durations) };
}
