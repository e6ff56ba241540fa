import { z } from './zod.js';

/** A calendar month, "YYYY-MM". */
export const PeriodSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month as YYYY-MM, such as 2026-03'));
export type Period = z.infer<typeof PeriodSchema>;

export const IsoDateSchema = z.iso.date('Use a date as YYYY-MM-DD');

export function periodOf(date: Date): Period {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function addMonths(period: Period, months: number): Period {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from a to b (b − a). */
export function monthsBetween(a: Period, b: Period): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return by * 12 + bm - (ay * 12 + am);
}

/** Every period from `from` to `to`, inclusive. */
export function periodRange(from: Period, to: Period): Period[] {
  const n = monthsBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonths(from, i));
}

/** The last day of the period, "YYYY-MM-DD". */
export function periodEnd(period: Period): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0));
  return last.toISOString().slice(0, 10);
}

export function quarterOf(period: Period): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
}
