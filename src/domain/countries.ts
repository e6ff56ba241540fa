import countryToCurrency from 'country-to-currency';

/**
 * Countries a prospect can be in: the 249 current ISO 3166-1 alpha-2 codes, no more. Retired codes
 * (DD, SU, YU, ZR, TP, BU, AN, CS, …) and Unicode's extra regions (EU, XK, …) are not countries here,
 * although Intl.DisplayNames names them. Names come from Intl.DisplayNames in the caller's locale.
 */

/** The officially assigned ISO 3166-1 alpha-2 codes, 249 of them, A to Z. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
    'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
    'DE DJ DK DM DO DZ ' +
    'EC EE EG EH ER ES ET ' +
    'FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY ' +
    'HK HM HN HR HT HU ' +
    'ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ ' +
    'LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
    'NA NC NE NF NG NI NL NO NP NR NU NZ ' +
    'OM ' +
    'PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
    'QA ' +
    'RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
    'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ ' +
    'VA VC VE VG VI VN VU ' +
    'WF WS ' +
    'YE YT ' +
    'ZA ZM ZW'
  ).split(' '),
);

const CURRENT = new Set(COUNTRY_CODES);

/** True for a current ISO 3166-1 alpha-2 code ("DE"), false for retired ("DD") or unknown ones. */
export function isCountryCode(code: string): boolean {
  return CURRENT.has(code);
}

export interface CountryOption {
  code: string;
  name: string;
}

const optionsByLocale = new Map<string, readonly CountryOption[]>();

/** Every current country, named in `locale` and sorted by that locale's collation. Cached per locale. */
export function countryOptions(locale: string): readonly CountryOption[] {
  const cached = optionsByLocale.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locale);
  const options = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code }));
  options.sort((x, y) => collator.compare(x.name, y.name) || (x.code < y.code ? -1 : 1));
  const frozen = Object.freeze(options.map((o) => Object.freeze(o)));
  optionsByLocale.set(locale, frozen);
  return frozen;
}

/** Case- and accent-insensitive form for matching what a person types against a name. */
function fold(text: string, locale: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(locale).trim();
}

/**
 * Countries matching `query` in `locale`: an exact code ("de") first, then names starting with the
 * query, then names containing it; each group in the locale's order. An empty query matches nothing.
 */
export function searchCountries(query: string, locale: string): CountryOption[] {
  const q = fold(query, locale);
  if (!q) return [];
  const code = q.length === 2 ? q.toUpperCase() : undefined;
  const byCode: CountryOption[] = [];
  const prefix: CountryOption[] = [];
  const contains: CountryOption[] = [];
  for (const option of countryOptions(locale)) {
    const name = fold(option.name, locale);
    if (option.code === code) byCode.push(option);
    else if (name.startsWith(q)) prefix.push(option);
    else if (name.includes(q)) contains.push(option);
  }
  return [...byCode, ...prefix, ...contains];
}

/** The current country whose name in `locale` is `name` (case- and accent-insensitive), if any. */
export function countryByName(name: string, locale: string): CountryOption | undefined {
  const wanted = fold(name, locale);
  if (!wanted) return undefined;
  return countryOptions(locale).find((o) => fold(o.name, locale) === wanted);
}

/**
 * The currency a prospect in `country` is most likely billed in (ISO 4217, from the
 * `country-to-currency` table), or undefined for an unknown or retired code. The form defaults its
 * currency from this and falls back to the provider's currency.
 */
export function currencyForCountry(country: string | undefined): string | undefined {
  if (!country || !isCountryCode(country)) return undefined;
  return (countryToCurrency as Record<string, string | undefined>)[country];
}
