import { countryName } from '../../src/format.js';

/** Region codes Intl names that are not countries a prospect is in. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'XK']);
const cache = new Map<string, { code: string; name: string }[]>();

/** Every ISO 3166-1 alpha-2 country Intl knows, named and sorted in `locale`. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const options: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) options.push({ code, name });
    }
  }
  const collator = new Intl.Collator(locale);
  options.sort((x, y) => collator.compare(x.name, y.name));
  cache.set(locale, options);
  return options;
}

export { countryName };
