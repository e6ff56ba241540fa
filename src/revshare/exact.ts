import { allocate, divRoundHalfAwayFromZero, MoneyError, type Money } from '../domain/money.js';

/**
 * Exact sums of `amount × rate` products, rounded once.
 *
 * `applyRate` (src/domain/money.ts) rounds every product it makes. A line that crosses a tier boundary
 * or a mid-month rate change has several slices at several rates, and we round the line once, on the
 * exact sum of its slices. So this accumulates the exact numerator (minor units × rate in 1/10,000 bp)
 * and divides once with the same rule as money.ts (half away from zero).
 *
 * Speed: a million lines must take well under a second, so the numerator stays a plain Number while it
 * is a safe integer (which it is for any line under about 900,000.00 at 100 %) and moves to BigInt only
 * when it would not be exact. Both paths give the same result; the tests check it against applyRate.
 */

/** Rate scale: 1 bp = 10,000 units, so a rate with 4 decimal places of a bp is an integer. */
export const RATE_UNITS_PER_BP = 10_000;
/** 100 % = 10,000 bp = 10^8 rate units. */
const DIVISOR = 100_000_000;
const DIVISOR_BIG = 100_000_000n;

/** A rate in basis points as integer rate units (1250.5 bp → 12,505,000). */
export function rateUnits(rateBps: number): number {
  return Math.round(rateBps * RATE_UNITS_PER_BP);
}

/** Accumulates Σ amount × rate exactly; `round()` gives whole minor units, half away from zero. */
export class ExactProducts {
  private small = 0;
  private big: bigint | undefined;

  reset(): void {
    this.small = 0;
    this.big = undefined;
  }

  /** Add amountMinor × rate units. */
  add(amountMinor: number, units: number): void {
    if (this.big === undefined) {
      const product = amountMinor * units;
      const next = this.small + product;
      if (Number.isSafeInteger(product) && Number.isSafeInteger(next)) {
        this.small = next;
        return;
      }
      this.big = BigInt(this.small);
    }
    this.big += BigInt(amountMinor) * BigInt(units);
  }

  /** The sum in whole minor units, rounded half away from zero. */
  round(): number {
    if (this.big !== undefined) {
      const q = divRoundHalfAwayFromZero(this.big, DIVISOR_BIG);
      if (q > BigInt(Number.MAX_SAFE_INTEGER) || q < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new MoneyError(`Amount ${q.toString()} minor units is beyond the exact range (±2^53 − 1)`);
      }
      return Number(q);
    }
    return roundSmall(this.small);
  }
}

/** n / 10^8 rounded half away from zero, for a safe integer n, exactly (no float error). */
function roundSmall(n: number): number {
  const negative = n < 0;
  const abs = negative ? -n : n;
  let q = Math.floor(abs / DIVISOR);
  let r = abs - q * DIVISOR;
  // The float division can be off by one for large n; the remainder tells us and fixes it.
  if (r < 0) {
    q -= 1;
    r += DIVISOR;
  } else if (r >= DIVISOR) {
    q += 1;
    r -= DIVISOR;
  }
  if (r * 2 >= DIVISOR) q += 1;
  return negative ? -q : q;
}

/**
 * Split an amount by day counts, exactly as `allocate` (money.ts) does — largest remainder, ties to the
 * earlier share — but in plain numbers while they stay exact, since it runs for every line of a month
 * with a rate change. Falls back to `allocate` for amounts too large for that.
 */
export function splitByDays(amount: Money, days: readonly number[], totalDays: number): number[] {
  const abs = Math.abs(amount.amountMinor);
  // Up to 2^40 minor units the float quotient below is exact enough to floor correctly.
  if (abs > 2 ** 40) return allocate(amount, days).map((m) => m.amountMinor);
  const sign = amount.amountMinor < 0 ? -1 : 1;
  const shares = days.map((d) => Math.floor((abs * d) / totalDays));
  const remainders = days.map((d, i) => ({ i, rem: abs * d - (shares[i] as number) * totalDays }));
  let left = abs - shares.reduce((s, x) => s + x, 0);
  remainders.sort((x, y) => y.rem - x.rem || x.i - y.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] = (shares[i] as number) + 1;
    left -= 1;
  }
  return shares.map((x) => (x === 0 ? 0 : x * sign));
}

