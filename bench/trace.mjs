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
