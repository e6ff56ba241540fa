// The README's embedding snippets are copies of the examples that the host tests run: each block
// after `<!-- snippet: <file> -->` must appear in that file, line for line (indentation aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function contains(haystack: string[], needle: string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((line, i) => haystack[start + i] === line)) return true;
  }
  return false;
}

test('every README snippet is a verbatim excerpt of the example it names', () => {
  const readme = readFileSync('README.md', 'utf8');
  const snippets = [...readme.matchAll(/<!-- snippet: (\S+) -->\n```[a-z]*\n([\s\S]*?)\n```/g)];
  assert.ok(snippets.length >= 9, `found ${snippets.length} snippets`);
  const drifted: string[] = [];
  for (const [, file, block] of snippets) {
    assert.ok(existsSync(file!), `${file} exists`);
    if (!contains(lines(readFileSync(file!, 'utf8')), lines(block!))) drifted.push(`${file}:\n${block}`);
  }
  assert.deepEqual(drifted, [], 'README snippets that no longer match their example');
});

test('the README shows its screenshot table once, and a rewrite of a doubled table leaves one', async () => {
  const { replaceScreenshotTable, screenshotTable } = await import('../../scripts/readme-screenshots.mjs');
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme.split('<!-- screenshots -->').length - 1, 1, 'one opening marker');
  assert.equal(readme.split('<!-- /screenshots -->').length - 1, 1, 'one closing marker');
  const table = screenshotTable(['cosell-partner-card', 'cosell-pipeline-board']);
  const doubled = `intro\n${table}\n\n${table}\n\n${table}\noutro\n`;
  const once = replaceScreenshotTable(doubled, table);
  assert.equal(once, `intro\n${table}\noutro\n`);
  assert.equal(replaceScreenshotTable(once, table), once, 'a second run changes nothing');
});

test('every partner and user id the README names exists in the demo data', async () => {
  const { createDemoData } = await import('../../src/demo-data.js');
  const demo = createDemoData({ seed: 1 });
  const known = new Set([...demo.partners.map((p) => p.id), ...demo.users.map((u) => u.id)]);
  const readme = readFileSync('README.md', 'utf8');
  const named = new Set([
    ...[...readme.matchAll(/partner-id="([^"]+)"/g)].map((m) => m[1]!),
    ...[...readme.matchAll(/(?:partnerId|currentUserId|setCurrentUser\()\s*[:(]?\s*'([^']+)'/g)].map((m) => m[1]!),
    ...[...readme.matchAll(/'(u-[a-z]+-[a-z]+)'/g)].map((m) => m[1]!),
  ]);
  assert.ok(named.size >= 2, `found ${[...named].join(', ')}`);
  assert.deepEqual([...named].filter((id) => !known.has(id)), [], 'ids in the README that the demo data does not have');
});
