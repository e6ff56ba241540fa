/**
 * Company and domain normalisation for the duplicate check. Every adapter uses this, so "Acme, Inc.",
 * "ACME inc", "Acme GmbH" and "www.acme.com" are the same prospect.
 */
const LEGAL_SUFFIXES = [
  'incorporated', 'inc', 'corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'kk',
  'pty', 'pte', 'pvt', 'private', 'sl', 'se', 'ltda', 'group', 'holdings',
];
const SUFFIX_RE = new RegExp(`(\\s(${LEGAL_SUFFIXES.join('|')}))+$`);
const TLD_RE = /\.(com|net|org|io|co|ai|app|biz|info|[a-z]{2})(\.[a-z]{2})?$/;

/** The bare host of a website or domain: "https://www.Acme.com/x" → "acme.com". */
export function normalizeDomain(website: string): string {
  return website
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\d?\./, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '');
}

/** A comparable key for a company name: lower case, no accents, punctuation or legal suffix. */
export function normalizeCompany(name: string): string {
  let s = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  // A name given as a domain ("www.acme.com") counts as the company it names.
  if (/^(https?:\/\/)?(www\d?\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/?$/.test(s)) {
    s = normalizeDomain(s).replace(TLD_RE, '');
  }
  // Dotted abbreviations are one word: "S.A." → "sa", "S.p.A." → "spa", "B.V." → "bv".
  s = s.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L}\.?(?![\p{L}\p{N}])/gu, (m) => m.replace(/\./g, ''));
  s = s.replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  s = s.replace(/^the\s/, '');
  let previous;
  do {
    previous = s;
    s = s.replace(SUFFIX_RE, '').trim();
  } while (s !== previous && s.length > 0);
  return (s || previous).replace(/\s+/g, '');
}

/** Two prospects are the same company when their company keys or their domains match. */
export function isSameCompany(
  a: { company: string; website?: string | undefined },
  b: { company: string; website?: string | undefined },
): boolean {
  if (normalizeCompany(a.company) === normalizeCompany(b.company)) return true;
  return Boolean(a.website && b.website && normalizeDomain(a.website) === normalizeDomain(b.website));
}
