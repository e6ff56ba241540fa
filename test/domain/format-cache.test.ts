import { expect } from '@open-wc/testing';
import { formatDate, formatMoney, formatPeriod } from '../../src/format.js';
import { money } from '../../src/domain/money.js';

/** Counts how many Intl formatters of one kind are built while `run` runs. */
function constructions<K extends 'DateTimeFormat' | 'NumberFormat'>(kind: K, run: () => void): number {
  const original = Intl[kind];
  let built = 0;
  const Counting = new Proxy(original, {
    construct(target, args: unknown[]) {
      built += 1;
      return Reflect.construct(target, args) as object;
    },
  });
  Object.defineProperty(Intl, kind, { value: Counting, configurable: true, writable: true });
  try {
    run();
  } finally {
    Object.defineProperty(Intl, kind, { value: original, configurable: true, writable: true });
  }
  return built;
}

describe('Intl formatters', () => {
  it('builds one DateTimeFormat for a thousand dates in one locale and style', () => {
    const seen = new Set<string>();
    const built = constructions('DateTimeFormat', () => {
      for (let day = 1; day <= 1000; day += 1) {
        seen.add(formatDate(new Date(Date.UTC(2031, 0, day)).toISOString().slice(0, 10), 'fr-CA'));
        seen.add(formatPeriod(`2031-${String((day % 12) + 1).padStart(2, '0')}`, 'fr-CA'));
      }
    });
    expect(seen.size).to.be.greaterThan(1000);
    expect(built).to.be.at.most(2);
  });

  it('builds one NumberFormat for a thousand amounts in one locale and currency', () => {
    const built = constructions('NumberFormat', () => {
      for (let minor = 0; minor < 1000; minor += 1) formatMoney(money(minor * 101, "CHF"), 'de-CH');
    });
    expect(built).to.be.at.most(2);
  });

  it('formats the same as a fresh formatter', () => {
    expect(formatDate('2026-03-05', 'de-DE')).to.equal(new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2026-03-05T00:00:00Z')));
    expect(formatPeriod('2026-03', 'ja-JP')).to.equal(new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date('2026-03-01T00:00:00Z')));
  });
});
