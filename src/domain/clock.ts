/**
 * The clock every rule reads "today" from. The provider holds one (default: the real time) and gives
 * it to every element inside, so all widgets under one provider agree on today.
 */
export type Clock = () => Date;

/** The real time. */
export const systemClock: Clock = () => new Date();

/** Always `at` (tests, a fixed "as of" date). */
export function fixedClock(at: Date | string): Clock {
  const time = new Date(at).getTime();
  if (Number.isNaN(time)) throw new RangeError(`Not a date: ${String(at)}`);
  return () => new Date(time);
}

/**
 * Starts at `at` and runs at real speed from the moment it is made: a demo set on a reference date
 * whose moves still happen in order, minutes apart as the person makes them.
 */
export function clockStartingAt(at: Date | string, real: Clock = systemClock): Clock {
  const start = new Date(at).getTime();
  if (Number.isNaN(start)) throw new RangeError(`Not a date: ${String(at)}`);
  const offset = start - real().getTime();
  return () => new Date(real().getTime() + offset);
}
