import { expect } from '@open-wc/testing';
import { referralReference } from '../../src/domain/index.js';

describe('referralReference', () => {
  it('is REF- and six characters of Crockford base 32 (no I, L, O or U)', () => {
    for (let i = 0; i < 200; i++) expect(referralReference(crypto.randomUUID())).to.match(/^REF-[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('is the same for the same externalId, whatever its case or surrounding space', () => {
    const id = '3f2b9c1e-8d4a-4b7e-9f10-2a6c5d8e7b01';
    expect(referralReference(id)).to.equal(referralReference(` ${id.toUpperCase()} `));
  });

  it('differs between referrals: 10,000 random ids share at most a handful of references', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(referralReference(crypto.randomUUID()));
    // 10,000 draws from 2^30 values: the expected number of shared references is about 0.05.
    expect(seen.size).to.be.at.least(9_995);
  });

  it('spreads ids that differ only in their last character', () => {
    const base = '3f2b9c1e-8d4a-4b7e-9f10-2a6c5d8e7b0';
    const references = new Set('0123456789abcdef'.split('').map((c) => referralReference(base + c)));
    expect(references.size).to.equal(16);
  });
});
