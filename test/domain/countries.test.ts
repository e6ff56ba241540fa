import { expect } from '@open-wc/testing';
import { COUNTRY_CODES, countryByName, countryOptions, isCountryCode, searchCountries } from '../../src/domain/countries.js';
import * as domain from '../../src/domain/index.js';

const RETIRED = ['DD', 'SU', 'YU', 'ZR', 'TP', 'BU', 'AN', 'CS', 'HV', 'DY', 'FX', 'NT', 'VD', 'YD', 'NH', 'RH', 'QU'];
const NOT_COUNTRIES = ['EU', 'EZ', 'UN', 'XK', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'QO'];
const LOCALES = ['en', 'en-US', 'de', 'fr', 'ja'];

describe('countries (ISO 3166-1 current codes)', () => {
  it('has exactly the 249 current alpha-2 codes, each once, A to Z', () => {
    expect(COUNTRY_CODES).to.have.length(249);
    expect(new Set(COUNTRY_CODES).size).to.equal(249);
    expect([...COUNTRY_CODES].sort()).to.deep.equal([...COUNTRY_CODES]);
    for (const code of COUNTRY_CODES) expect(code).to.match(/^[A-Z]{2}$/);
  });

  it('leaves out retired codes and regions that are not countries', () => {
    for (const code of [...RETIRED, ...NOT_COUNTRIES]) {
      expect(isCountryCode(code), code).to.equal(false);
      expect(countryOptions('en').some((o) => o.code === code), code).to.equal(false);
    }
    expect(isCountryCode('DE')).to.equal(true);
    expect(isCountryCode('SS'), 'South Sudan (2011)').to.equal(true);
  });

  for (const locale of LOCALES) {
    it(`names all 249 in ${locale}, no name twice, none left as a bare code, sorted by the locale`, () => {
      const options = countryOptions(locale);
      expect(options).to.have.length(249);
      const names = options.map((o) => o.name);
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      expect(twice, `names shown twice in ${locale}`).to.deep.equal([]);
      expect(options.filter((o) => o.name === o.code).map((o) => o.code)).to.deep.equal([]);
      const collator = new Intl.Collator(locale);
      for (let i = 1; i < names.length; i++) expect(collator.compare(names[i - 1]!, names[i]!), `${names[i - 1]} before ${names[i]}`).to.be.at.most(0);
    });
  }

  it('names in the given locale and caches per locale', () => {
    expect(countryOptions('de').find((o) => o.code === 'DE')!.name).to.equal('Deutschland');
    expect(countryOptions('fr').find((o) => o.code === 'DE')!.name).to.equal('Allemagne');
    expect(countryOptions('en').find((o) => o.code === 'DE')!.name).to.equal('Germany');
    expect(countryOptions('de')).to.equal(countryOptions('de'));
    expect(countryOptions('de')).not.to.equal(countryOptions('fr'));
  });

  it('"Germany" is DE, never the retired DD; Serbia is listed once', () => {
    expect(countryByName('Germany', 'en')?.code).to.equal('DE');
    expect(countryByName('germany', 'en')?.code).to.equal('DE');
    expect(countryByName('Deutschland', 'de')?.code).to.equal('DE');
    expect(searchCountries('Germany', 'en').map((o) => o.code)).to.deep.equal(['DE']);
    expect(countryOptions('en').filter((o) => o.name === 'Germany').map((o) => o.code)).to.deep.equal(['DE']);
    expect(countryOptions('en').filter((o) => /serbia/i.test(o.name)).map((o) => o.code)).to.deep.equal(['RS']);
    expect(countryByName('Serbia', 'en')?.code).to.equal('RS');
    expect(countryByName('Atlantis', 'en')).to.equal(undefined);
    expect(countryByName('  ', 'en')).to.equal(undefined);
  });

  it('searches by code first, then name prefix, then name contains, ignoring case and accents', () => {
    const de = searchCountries('de', 'en').map((o) => o.code);
    expect(de[0], 'the code DE first').to.equal('DE');
    expect(de).to.include('DK'); // Denmark: prefix "De"
    expect(de).to.include('BD'); // Bangladesh: contains "de"
    expect(de.indexOf('DK')).to.be.below(de.indexOf('BD'));
    expect(searchCountries('united', 'en').map((o) => o.code)).to.include.members(['GB', 'US', 'AE']);
    expect(searchCountries('cote', 'en').map((o) => o.code)).to.deep.equal(['CI']);
    expect(searchCountries('', 'en')).to.deep.equal([]);
    expect(searchCountries('zzzz', 'en')).to.deep.equal([]);
    expect(searchCountries('アメリカ', 'ja').map((o) => o.code)).to.include('US');
  });

  it('is exported from the domain entry', () => {
    expect(domain.countryOptions).to.equal(countryOptions);
    expect(domain.searchCountries).to.equal(searchCountries);
    expect(domain.countryByName).to.equal(countryByName);
  });
});

describe('currencyForCountry', () => {
  it('gives the currency a prospect in the country is billed in', () => {
    expect(domain.currencyForCountry('GB')).to.equal('GBP');
    expect(domain.currencyForCountry('DE')).to.equal('EUR');
    expect(domain.currencyForCountry('JP')).to.equal('JPY');
    expect(domain.currencyForCountry('US')).to.equal('USD');
    expect(domain.currencyForCountry('BH')).to.equal('BHD');
  });

  it('gives a three-letter code for every current country, and nothing for retired, unknown or empty ones', () => {
    for (const code of COUNTRY_CODES) expect(domain.currencyForCountry(code), code).to.match(/^[A-Z]{3}$/);
    for (const code of [...RETIRED, 'ZZ', '', undefined]) expect(domain.currencyForCountry(code), String(code)).to.equal(undefined);
  });
});
