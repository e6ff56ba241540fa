import { type Money, toDecimalString, currencyDigits, type CurrencyCode, money } from './domain/money.js';

/**
 * Intl formatters are costly to build (a DateTimeFormat per row was most of a long list's render time), so every
 * formatter the widgets use comes from here, built once per locale and options.
 */
function memo<O, F>(build: (locale: string, options: O) => F): (locale: string, options: O) => F {
  const formats = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let format = formats.get(key);
    if (!format) formats.set(key, (format = build(locale, options)));
    return format;
  };
}

export const numberFormat = memo((locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));
export const dateTimeFormat = memo(
  (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);
export const displayNames = memo((locale: string, options: Intl.DisplayNamesOptions) => new Intl.DisplayNames([locale], options));
const cached = numberFormat;

/** "$12,500.00" in en-US, "12.500,00 $" in de-DE — exact: formatted from the decimal string, not a float. */
export function formatMoney(m: Money, locale: string, options: { compact?: boolean } = {}): string {
  return formatMoneyWith(moneyFormat(locale, m.currency, options.compact), m);
}

/** The format formatMoney uses for a currency (for a caller that keeps it, to skip the lookup per amount). */
export function moneyFormat(locale: string, currency: CurrencyCode, compact = false): Intl.NumberFormat {
  return cached(locale, { style: 'currency', currency, ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}) });
}

/** An amount in a format from `moneyFormat`, exactly. */
export function formatMoneyWith(format: Intl.NumberFormat, m: Money): string {
  // Intl.NumberFormat formats decimal strings exactly (ES2023); the cast covers older lib typings.
  return format.format(toDecimalString(m) as unknown as number);
}

export function formatNumber(n: number, locale: string): string {
  return cached(locale, {}).format(n);
}

export function formatDate(iso: string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return dateTimeFormat(locale, { timeZone: iso.length === 10 ? 'UTC' : undefined, ...options }).format(date);
}

export function formatPeriod(period: string, locale: string): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));
}

/** "DE" → "Germany" (en) / "Deutschland" (de). Unknown codes come back as given. */
export function countryName(code: string, locale: string): string {
  const names = displayNames(locale, { type: 'region', fallback: 'code' });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

const localeDigits = new Map<string, Map<string, string>>();
/** The locale's own digits (Arabic-Indic in ar-EG, Devanagari in hi-IN-u-nu-deva) → ASCII digits. */
function digitMap(locale: string): Map<string, string> {
  let map = localeDigits.get(locale);
  if (!map) {
    const shown = [...numberFormat(locale, { useGrouping: false }).format(9876543210)];
    map = new Map(shown.map((digit, i) => [digit, String(9 - i)]));
    localeDigits.set(locale, map);
  }
  return map;
}

/** Why typed text is not an amount the form can take. */
export type MoneyInputProblem = 'not-a-number' | 'too-large' | 'negative' | 'too-many-decimals';

/** An amount as read from typed text: the amount, or why it cannot be one. */
export type MoneyInputReading = { ok: true; money: Money } | { ok: false; problem: MoneyInputProblem };

/** Scientific notation ("1e30", "2.5E6") written out as plain digits, or undefined when it is not that. */
function expandExponent(s: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(s);
  if (!m) return undefined;
  const [, whole = '', frac = '', exp = '0'] = m;
  const shift = Number(exp);
  // Beyond any amount that can be exact: the caller reports it as too large (or too many decimals).
  if (shift > 400) return `${whole}${'0'.repeat(401)}`;
  if (shift < -400) return `0.${'0'.repeat(401)}1`;
  const digits = whole + frac;
  const point = whole.length + shift;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The typed text as a sign and exact minor units, or why it is not a number. */
function readAmount(text: string, locale: string, currency: CurrencyCode): { negative: boolean; minor: bigint } | { problem: 'not-a-number' | 'too-many-decimals' } {
  const parts = numberFormat(locale, {}).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const digits = digitMap(locale);
  let s = [...text.trim()].map((c) => digits.get(c) ?? c).join('');
  s = s.replace(/[\u2212\u2012\u2013]/g, '-').replace(/[\s\u00a0\u202f\u200e\u200f\u061c]/g, '');
  // Group separators go; the locale's decimal separator becomes ".".
  if (group.trim() !== '') s = s.split(group).join('');
  if (decimal !== '.') s = s.split(decimal).join('.');
  // Drop currency symbols and codes around the number.
  s = s.replace(/^[^\d\-+.]+|[^\d.]+$/g, '');
  if (!s) return { problem: 'not-a-number' };
  const negative = s.startsWith('-');
  s = s.replace(/^[-+]/, '').replace(/^[^\d.]+/, '');
  s = expandExponent(s) ?? s;
  if (!/^\d+(\.\d+)?$/.test(s)) return { problem: 'not-a-number' };
  const [whole = '0', frac = ''] = s.split('.');
  const currencyFraction = currencyDigits(currency);
  if (frac.length > currencyFraction) return { problem: 'too-many-decimals' };
  return { negative, minor: BigInt(whole + frac.padEnd(currencyFraction, '0')) };
}

/**
 * Read an amount typed by a person in their locale (as `parseMoneyInput` does) and say why it is not
 * one the form can take: not a number, too large to be exact (beyond ±2^53 − 1 minor units, e.g.
 * `1e30`), negative, or more decimals than the currency has (`1.5` yen).
 */
export function readMoneyInput(text: string, locale: string, currency: CurrencyCode): MoneyInputReading {
  const read = readAmount(text, locale, currency);
  if ('problem' in read) return { ok: false, problem: read.problem };
  if (read.minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'too-large' };
  if (read.negative && read.minor > 0n) return { ok: false, problem: 'negative' };
  return { ok: true, money: money(read.minor, currency) };
}

/**
 * Parse an amount typed by a person in their locale into minor units: "12,500" and "12,500.50" in en-US,
 * "12.500" and "12.500,50" in de-DE, "١٢٬٥٠٠" in ar-EG. ASCII digits are always accepted too.
 * Returns undefined when the text is not a number, is too large to be exact, or has more decimals
 * than the currency; `readMoneyInput` says which.
 */
export function parseMoneyInput(text: string, locale: string, currency: CurrencyCode): Money | undefined {
  const read = readAmount(text, locale, currency);
  if ('problem' in read || read.minor > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return money(read.negative ? -read.minor : read.minor, currency);
}

/** The URL if it is an absolute http(s) URL, else undefined: CRM text never becomes a `javascript:` link. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
