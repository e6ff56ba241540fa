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
