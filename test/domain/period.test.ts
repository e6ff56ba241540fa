import { expect } from '@open-wc/testing';
import { addMonths, monthsBetween, periodEnd, periodOf, periodRange, PeriodSchema, quarterOf } from '../../src/domain/period.js';

describe('periods', () => {
  it('takes the UTC month of a date', () => {
    expect(periodOf(new Date('2026-03-31T23:59:59Z'))).to.equal('2026-03');
    expect(periodOf(new Date('2026-04-01T00:00:00Z'))).to.equal('2026-04');
  });

  it('adds months across year ends, both ways', () => {
    expect(addMonths('2026-11', 3)).to.equal('2027-02');
    expect(addMonths('2026-01', -1)).to.equal('2025-12');
    expect(addMonths('2026-01', -25)).to.equal('2023-12');
    expect(addMonths('2026-06', 0)).to.equal('2026-06');
  });

  it('counts months between periods', () => {
    expect(monthsBetween('2025-11', '2026-02')).to.equal(3);
    expect(monthsBetween('2026-02', '2025-11')).to.equal(-3);
    expect(monthsBetween('2026-02', '2026-02')).to.equal(0);
  });

  it('lists an inclusive range, empty when reversed', () => {
    expect(periodRange('2025-11', '2026-02')).to.deep.equal(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2026-02', '2026-02')).to.deep.equal(['2026-02']);
    expect(periodRange('2026-03', '2026-02')).to.deep.equal([]);
  });

  it('finds the last day, including leap years', () => {
    expect(periodEnd('2024-02')).to.equal('2024-02-29');
    expect(periodEnd('2026-02')).to.equal('2026-02-28');
    expect(periodEnd('2026-12')).to.equal('2026-12-31');
  });

  it('names the quarter', () => {
    expect(quarterOf('2026-01')).to.equal('2026-Q1');
    expect(quarterOf('2026-06')).to.equal('2026-Q2');
    expect(quarterOf('2026-12')).to.equal('2026-Q4');
  });

  it('accepts only YYYY-MM', () => {
    for (const good of ['2026-01', '1999-12']) expect(PeriodSchema.safeParse(good).success, good).to.equal(true);
    for (const bad of ['2026-1', '2026-00', '2026-13', '26-01', '2026-01-01']) expect(PeriodSchema.safeParse(bad).success, bad).to.equal(false);
  });
});
