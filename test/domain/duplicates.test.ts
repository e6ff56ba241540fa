import { expect } from '@open-wc/testing';
import { DUPLICATE_WINDOW_DAYS, duplicateWindowStart } from '../../src/domain/duplicates.js';
import * as domain from '../../src/domain/index.js';

describe('duplicate window', () => {
  it('is 180 days', () => {
    expect(DUPLICATE_WINDOW_DAYS).to.equal(180);
    expect(domain.DUPLICATE_WINDOW_DAYS).to.equal(180);
    expect(domain.duplicateWindowStart).to.equal(duplicateWindowStart);
  });

  it('starts 180 calendar days before now in UTC, at the same UTC time of day', () => {
    expect(duplicateWindowStart(new Date('2026-12-03T07:15:00.000Z')).toISOString()).to.equal('2026-06-06T07:15:00.000Z');
    // Across a leap day: 2028-02-29 is one of the 180 days.
    expect(duplicateWindowStart(new Date('2028-03-01T00:00:00.000Z')).toISOString()).to.equal('2027-09-03T00:00:00.000Z');
    // Across the year end and just before midnight UTC.
    expect(duplicateWindowStart(new Date('2026-01-15T23:59:59.999Z')).toISOString()).to.equal('2025-07-19T23:59:59.999Z');
  });

  it('is exactly 180 × 24 hours, whatever local daylight saving does in between', () => {
    // Late October to late April crosses the European and American clock changes.
    for (const iso of ['2026-04-20T12:00:00.000Z', '2026-10-26T01:30:00.000Z', '2027-03-29T00:30:00.000Z']) {
      const now = new Date(iso);
      expect(now.getTime() - duplicateWindowStart(now).getTime(), iso).to.equal(180 * 86_400_000);
    }
  });

  it('takes another length in days and leaves `now` alone', () => {
    const now = new Date('2026-03-15T12:00:00.000Z');
    expect(duplicateWindowStart(now, 60).toISOString()).to.equal('2026-01-14T12:00:00.000Z');
    expect(duplicateWindowStart(now, 0).toISOString()).to.equal(now.toISOString());
    expect(now.toISOString()).to.equal('2026-03-15T12:00:00.000Z');
  });
});
