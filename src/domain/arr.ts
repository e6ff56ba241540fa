import { type Money, multiply, sum, type CurrencyCode } from './money.js';

/**
 * ARR as the program guide defines it: the most recent month's recurring subscription amounts plus
 * platform usage charges, multiplied by 12.
 */
export function annualRecurringRevenue(
  latestMonth: { recurring: readonly Money[]; usage: readonly Money[] },
  currency: CurrencyCode,
): Money {
  return multiply(sum([...latestMonth.recurring, ...latestMonth.usage], currency), 12);
}
