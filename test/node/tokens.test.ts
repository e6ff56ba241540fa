// The design tokens in the styles and the documented ones (docs/tokens.md) are the same set, with the
// same defaults, dark and compact values. Scans the sources, so a widget that lands with a new token
// fails here until the token is documented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';

const TOKEN = /--cosell-[a-z0-9-]+/g;

/** Style sources: every .ts under components/ but tests and stories, without comments (JSDoc names tokens too). */
function styleSources(): { file: string; code: string }[] {
  return globSync('components/**/*.ts')
    .filter((file) => !/\.(test|stories)\.ts$/.test(file))
    .sort()
    .map((file) => ({
      file,
      code: readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, ''),
    }));
}

const normalize = (value: string) => value.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();

/** tokens.ts maps each global token to a private one (`--_space: var(--cosell-space, ...)`). */
const PRIVATE_TO_PUBLIC = new Map(
  [...readFileSync('components/base/tokens.ts', 'utf8').matchAll(/(--_[a-z0-9-]+):\s*var\((--cosell-[a-z0-9-]+)/g)].map((m) => [m[1]!, m[2]!]),
);

/** An element token's fallback as docs/tokens.md writes it: private tokens by their public names. */
const publicNames = (value: string) => value.replace(/var\((--_[a-z0-9-]+)\)/g, (whole, name: string) => {
  const token = PRIVATE_TO_PUBLIC.get(name);
  return token ? `var(${token})` : whole;
});

/** `var(--cosell-x, fallback)`: the fallback, read up to its balancing parenthesis. */
function fallbacks(code: string): [string, string][] {
  const found: [string, string][] = [];
  for (const match of code.matchAll(/var\(\s*(--cosell-[a-z0-9-]+)\s*,/g)) {
    let depth = 1;
    let i = match.index + match[0].length;
    const start = i;
    for (; i < code.length && depth > 0; i++) {
      if (code[i] === '(') depth++;
      else if (code[i] === ')') depth--;
    }
    found.push([match[1]!, normalize(publicNames(code.slice(start, i - 1)))]);
  }
  return found;
}

interface DocumentedToken {
  light: string;
  dark: string;
  compact: string;
}

function documented(): Map<string, DocumentedToken> {
  const tokens = new Map<string, DocumentedToken>();
  for (const line of readFileSync('docs/tokens.md', 'utf8').split('\n')) {
    const row = /^\|\s*`(--cosell-[a-z0-9-]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (!row) continue;
    const cells = row[2]!.split(' | ').map((cell) => normalize(cell.trim().replace(/^`|`$/g, '')));
    assert.ok(cells.length >= 4, `docs/tokens.md: the row of ${row[1]} needs default, dark, compact and a description`);
    assert.ok(!tokens.has(row[1]!), `docs/tokens.md lists ${row[1]} twice`);
    tokens.set(row[1]!, { light: cells[0]!, dark: cells[1]!, compact: cells[2]! });
  }
  return tokens;
}

function themeValues(name: 'dark' | 'compact'): Map<string, string> {
  const source = readFileSync('components/base/themes.ts', 'utf8');
  const block = new RegExp(`const ${name} = css\`([^\`]*)\``).exec(source);
  assert.ok(block, `components/base/themes.ts defines the ${name} block`);
  return new Map([...block[1]!.matchAll(/(--cosell-[a-z0-9-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, normalize(m[2]!)]));
}

test('every token used in components/ is documented in docs/tokens.md, and every documented token is used', () => {
  const used = new Map<string, string>();
  for (const { file, code } of styleSources()) for (const [token] of code.matchAll(TOKEN)) used.set(token, file);
  const docs = documented();
  assert.ok(used.size >= 15, `found only ${used.size} tokens in components/`);
  const undocumented = [...used].filter(([token]) => !docs.has(token)).map(([token, file]) => `${token} (${file})`);
  assert.deepEqual(undocumented, [], 'tokens used in components/ but missing from docs/tokens.md');
  const unused = [...docs.keys()].filter((token) => !used.has(token));
  assert.deepEqual(unused, [], 'tokens in docs/tokens.md that no style under components/ uses');
});

test('the documented default of each token is the fallback the styles use', () => {
  const docs = documented();
  const mismatches: string[] = [];
  let checked = 0;
  for (const { file, code } of styleSources()) {
    for (const [token, fallback] of fallbacks(code)) {
      const documentedDefault = docs.get(token)?.light;
      if (documentedDefault === undefined) continue; // reported by the test above
      checked++;
      if (documentedDefault !== fallback) mismatches.push(`${token} in ${file}: styles say "${fallback}", docs say "${documentedDefault}"`);
    }
  }
  assert.ok(checked >= 15, `checked only ${checked} fallbacks`);
  assert.deepEqual(mismatches, []);
});

test('the documented dark and compact values are the ones the provider sets', () => {
  const docs = documented();
  for (const theme of ['dark', 'compact'] as const) {
    const values = themeValues(theme);
    assert.ok(values.size > 3, `${theme} sets tokens`);
    const expected = new Map([...docs].filter(([, doc]) => doc[theme] !== '—').map(([token, doc]) => [token, doc[theme]]));
    assert.deepEqual(Object.fromEntries(values), Object.fromEntries(expected), `${theme} values in themes.ts vs docs/tokens.md`);
  }
});

test('the dark theme sets every colour token', () => {
  const dark = themeValues('dark');
  const colours = [...documented().keys()].filter((token) => token.startsWith('--cosell-color-'));
  assert.ok(colours.length >= 10);
  assert.deepEqual(colours.filter((token) => !dark.has(token)), []);
});
