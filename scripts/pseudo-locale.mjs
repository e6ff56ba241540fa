#!/usr/bin/env node
// Part of `npm run localize`: fills xliff/en-XA.xlf, the pseudo-locale, from the English sources that
// `lit-localize extract` wrote: every message becomes ⟦…⟧ around accented text, placeholders kept.
// The tests render every element in en-XA and fail on any English left outside ⟦…⟧.
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = 'xliff/en-XA.xlf';
const ACCENTS = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', c: 'ç', n: 'ñ', s: 'š', z: 'ž' };

/** Accents the letters of the text outside XML tags (placeholders such as <x id="0" .../> stay as they are). */
export function pseudo(source) {
  const text = source.split(/(<[^>]+>|&[a-z]+;|&#\d+;)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c))).join('');
  return `⟦${text}⟧`;
}

const xliff = readFileSync(FILE, 'utf8').replace(
  /(<source>)([\s\S]*?)(<\/source>)(\s*<target>[\s\S]*?<\/target>)?/g,
  (_, open, source, close) => `${open}${source}${close}<target>${pseudo(source)}</target>`,
);
writeFileSync(FILE, xliff);
