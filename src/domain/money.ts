import { z } from './zod.js';
import { CURRENCY_DIGITS } from './currency-digits.js';

/**
 * Money is an integer number of minor units (cents, pence, yen) and an ISO 4217 currency code.
 *
 * Rules, each tested in test/domain/money.test.ts:
 * - Amounts are JavaScript safe integers (|amount| ≤ 2^53 − 1). Anything larger is rejected with a
 *   `MoneyError` rather than silently losing precision; that is ±90 trillion dollars, more than any
 *   revenue share. Intermediate products (amount × rate) are computed with BigInt so they are exact.
 * - Two currencies are never added, subtracted or compared: that is a `CurrencyMismatchError`.
 * - Rounding is **half away from zero** on the exact rational result (so a refund rounds to exactly
 *   the negative of the matching charge). It happens only where a rate is applied or an amount is
 *   allocated, never on sums, so totals are always the exact sum of the amounts shown.
 * - Rates are basis points (1 bp = 0.01 %), integers or decimals with at most 4 decimal places
 *   (e.g. 1250 = 12.5 %, 1250.5 = 12.505 %).
 */
export const CurrencyCodeSchema = z.string().check(z.regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 currency code, such as USD'));
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

export const MoneySchema = z.object({
  amountMinor: z.number().check(z.int('Amounts are whole minor units (cents)'), z.refine(Number.isSafeInteger, 'Amount is too large to be exact')),
  currency: CurrencyCodeSchema,
});
export type Money = z.infer<typeof MoneySchema>;

/** Basis points: 1 bp = 0.01 %. 10000 bp = 100 %. */
export const RateBpsSchema = z.number().check(
  z.gte(0, 'A rate cannot be negative'),
  z.lte(10000, 'A rate cannot exceed 100 %'),
  z.refine((n) => Number.isInteger(Math.round(n * 10000)) && Math.abs(n * 10000 - Math.round(n * 10000)) < 1e-6, 'At most 4 decimal places of a basis point'),
);

export class MoneyError extends RangeError {
  override name = 'MoneyError';
}

export class CurrencyMismatchError extends MoneyError {
  override name = 'CurrencyMismatchError';
  constructor(
    readonly left: CurrencyCode,
    readonly right: CurrencyCode,
  ) {
    super(`Cannot combine ${left} and ${right}: amounts in different currencies are never summed`);
  }
}

function checkSafe(amount: number | bigint): number {
  const n = typeof amount === 'bigint' ? amount : BigInt(amount);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError(`Amount ${n.toString()} minor units is beyond the exact range (±2^53 − 1)`);
  }
  return Number(n);
}

export function money(amountMinor: number | bigint, currency: CurrencyCode): Money {
  if (typeof amountMinor === 'number' && !Number.isInteger(amountMinor)) {
    throw new MoneyError(`Money takes whole minor units, got ${amountMinor}`);
  }
  if (!/^[A-Z]{3}$/.test(currency)) throw new MoneyError(`Not an ISO 4217 currency code: ${currency}`);
  return { amountMinor: checkSafe(amountMinor), currency };
}

export function zero(currency: CurrencyCode): Money {
  return money(0, currency);
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function negate(a: Money): Money {
  return money(-a.amountMinor, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

export const isZero = (a: Money): boolean => a.amountMinor === 0;
export const isNegative = (a: Money): boolean => a.amountMinor < 0;

/** Sum in one currency. An empty list needs the currency to be named. */
export function sum(amounts: Iterable<Money>, currency: CurrencyCode): Money {
  let total = 0;
  for (const m of amounts) {
    if (m.currency !== currency) throw new CurrencyMismatchError(currency, m.currency);
    total += m.amountMinor;
    if (!Number.isSafeInteger(total)) checkSafe(BigInt(Math.trunc(total)));
  }
  return money(total, currency);
}

/** Integer division of n by d (d > 0) rounded half away from zero. */
export function divRoundHalfAwayFromZero(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return negative ? -q : q;
}

const BPS_SCALE = 10_000n; // 1 bp = 1/10000
const BPS_FRACTION = 10_000n; // bp carry up to 4 decimals

/** amount × rate (basis points), rounded half away from zero to a whole minor unit. */
export function applyRate(a: Money, rateBps: number): Money {
  const scaledRate = BigInt(Math.round(rateBps * Number(BPS_FRACTION)));
  const product = BigInt(a.amountMinor) * scaledRate;
  return money(divRoundHalfAwayFromZero(product, BPS_SCALE * BPS_FRACTION), a.currency);
}

/** Multiply by an integer factor (e.g. ARR = month × 12). */
export function multiply(a: Money, factor: number): Money {
  if (!Number.isInteger(factor)) throw new MoneyError('multiply takes an integer factor; use applyRate for rates');
  return money(BigInt(a.amountMinor) * BigInt(factor), a.currency);
}

/**
 * Split an amount by ratios without losing a minor unit (largest remainder method; ties go to the
 * earlier share). The parts always sum to the whole.
 */
export function allocate(a: Money, ratios: readonly number[]): Money[] {
  if (ratios.length === 0) throw new MoneyError('allocate needs at least one ratio');
  if (ratios.some((r) => r < 0 || !Number.isFinite(r))) throw new MoneyError('Ratios must be finite and not negative');
  const scaled = ratios.map((r) => BigInt(Math.round(r * 1_000_000)));
  const total = scaled.reduce((s, r) => s + r, 0n);
  if (total === 0n) throw new MoneyError('Ratios must not all be zero');
  const whole = BigInt(a.amountMinor);
  const sign = whole < 0n ? -1n : 1n;
  const abs = whole * sign;
  const shares = scaled.map((r) => (abs * r) / total);
  const remainders = scaled.map((r, i) => ({ i, rem: (abs * r) % total }));
  let left = abs - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : x.i - y.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => money(s * sign, a.currency));
}

/**
 * Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). From CURRENCY_DIGITS, a table
 * generated from Intl and shared with the Apex controller, so every browser, Node and the org agree.
 */
export function currencyDigits(currency: CurrencyCode): number {
  return Object.hasOwn(CURRENCY_DIGITS, currency) ? CURRENCY_DIGITS[currency]! : 2;
}

/** The exact decimal string of an amount ("-1234.50"), for Intl formatting without floats. */
export function toDecimalString(a: Money): string {
  const digits = currencyDigits(a.currency);
  const negative = a.amountMinor < 0;
  const abs = Math.abs(a.amountMinor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const frac = digits === 0 ? '' : `.${abs.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Totals per currency: the only honest way to add amounts that may be in several currencies. */
export function totalsByCurrency(amounts: Iterable<Money>): Money[] {
  const totals = new Map<CurrencyCode, number>();
  for (const m of amounts) totals.set(m.currency, checkSafe((totals.get(m.currency) ?? 0) + m.amountMinor));
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => money(amountMinor, currency));
}
