import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// Every language's XLIFF translates every message the code has (en-XA, the pseudo-locale, included),
// keeps each message's placeholders, and its generated module is up to date with it.
const LANGUAGES = ['de', 'fr', 'es', 'ja', 'ar', 'en-XA'];

function units(language: string): Map<string, { source: string; target: string | undefined }> {
  const xliff = readFileSync(new URL(`../../xliff/${language}.xlf`, import.meta.url), 'utf8');
  const out = new Map<string, { source: string; target: string | undefined }>();
  for (const m of xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>(?:\s*<target>([\s\S]*?)<\/target>)?/g)) {
    out.set(m[1]!, { source: m[2]!, target: m[3] });
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)"/g)].map((m) => m[1]).sort();

for (const language of LANGUAGES) {
  test(`${language}: every message is translated, with the placeholders of the English`, () => {
    const all = units(language);
    assert.ok(all.size > 300, `only ${all.size} messages`);
    const untranslated = [...all].filter(([, u]) => !u.target?.trim()).map(([id]) => id);
    assert.deepEqual(untranslated, []);
    for (const [id, u] of all) assert.deepEqual(placeholders(u.target!), placeholders(u.source), id);
    const module = readFileSync(new URL(`../../src/generated/locales/${language}.ts`, import.meta.url), 'utf8');
    for (const id of all.keys()) assert.ok(module.includes(`'${id}'`), `${id} is not in src/generated/locales/${language}.ts: run npm run localize`);
  });
}

test('German, French, Spanish, Japanese and Arabic differ from English where words are shown', () => {
  for (const language of ['de', 'fr', 'es', 'ja', 'ar']) {
    const same = [...units(language)].filter(([, u]) => u.target === u.source).map(([id]) => id);
    // A few words are the same in a language (Partner, Pipeline, Notes, "{0}: {1}"); most are not.
    assert.ok(same.length < 40, `${language}: ${same.length} messages equal the English: ${same.slice(0, 20).join(', ')}`);
  }
});
