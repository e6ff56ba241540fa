/**
 * The duplicate window: a referral of the same company (normalised name or domain) submitted within
 * this many days is a possible duplicate. The Apex controller keeps its own copy of the number
 * (CosellController.DUPLICATE_WINDOW_DAYS); change both together.
 */
export const DUPLICATE_WINDOW_DAYS = 180;

/** The first instant inside the window: `days` calendar days before `now`, counted in UTC. */
export function duplicateWindowStart(now: Date, days: number = DUPLICATE_WINDOW_DAYS): Date {
  const start = new Date(now.getTime());
  start.setUTCDate(start.getUTCDate() - days);
  return start;
}
