import { expect } from '@open-wc/testing';
import { isSameCompany, normalizeCompany, normalizeDomain } from '../../src/domain/normalize.js';

describe('normalize', () => {
  it('reduces a company name to a key without case, accents, punctuation or legal suffix', () => {
    const key = normalizeCompany('Acme');
    for (const name of ['Acme, Inc.', 'ACME inc', 'Acme GmbH', 'acme ltd.', 'Acme Limited', 'The Acme Co.', ' Acme  Corp ', 'Acme Holdings AG', 'Ácme S.A.']) {
      expect(normalizeCompany(name), name).to.equal(key);
    }
    expect(normalizeCompany('Hollis & Grant Ltd')).to.equal(normalizeCompany('Hollis and Grant'));
    expect(normalizeCompany('Co-Op Foods Pty Ltd')).to.equal(normalizeCompany('Coop Foods'));
    for (const name of ['Fjord Seafood S.p.A.', 'Fjord Seafood B.V.', 'Fjord Seafood K.K.', 'Fjord Seafood Co., Ltd.', 'Fjord Seafood Pte. Ltd.', 'Fjord Seafood Private Limited', 'Fjord Seafood Ltda', 'Fjord Seafood S.A', 'FJORD SEAFOOD S.R.L.']) {
      expect(normalizeCompany(name), name).to.equal('fjordseafood');
    }
  });

  it('keeps different companies apart', () => {
    expect(normalizeCompany('Acme Robotics')).not.to.equal(normalizeCompany('Acme Rocketry'));
    expect(normalizeCompany('Nordhaven Foods')).not.to.equal(normalizeCompany('Nordhaven'));
  });

  it('never reduces a name made only of a suffix to nothing', () => {
    expect(normalizeCompany('Group')).to.not.equal('');
    expect(normalizeCompany('Limited Co')).to.not.equal('');
  });

  it('treats a domain given as the company name as that company', () => {
    expect(normalizeCompany('www.acme.com')).to.equal(normalizeCompany('Acme Inc'));
    expect(normalizeCompany('https://acme-robotics.co.uk/')).to.equal(normalizeCompany('Acme Robotics Ltd'));
  });

  it('reduces a website to its bare host', () => {
    expect(normalizeDomain('https://www.Acme.com/contact?x=1')).to.equal('acme.com');
    expect(normalizeDomain('http://www2.acme.com:8080')).to.equal('acme.com');
    expect(normalizeDomain('acme.com.')).to.equal('acme.com');
    expect(normalizeDomain(' ACME.de ')).to.equal('acme.de');
  });

  it('matches companies by name key or by domain, and not otherwise', () => {
    expect(isSameCompany({ company: 'Acme, Inc.' }, { company: 'ACME GmbH' })).to.equal(true);
    expect(isSameCompany({ company: 'AR Holdings', website: 'www.acme.com' }, { company: 'Acme', website: 'https://acme.com/' })).to.equal(true);
    expect(isSameCompany({ company: 'Acme', website: 'acme.com' }, { company: 'Zenith', website: 'zenith.com' })).to.equal(false);
    expect(isSameCompany({ company: 'Acme' }, { company: 'Zenith', website: 'acme.com' })).to.equal(false);
  });
});
