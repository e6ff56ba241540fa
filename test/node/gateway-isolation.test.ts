// No server code in a widget's import graph: every widget entry and `cosell/rest` must reach neither
// gateway/ nor fastify, its plugins or a Node built-in. (The same walk as salesforce-isolation.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const IMPORT = /(?:^|[\s;}])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
const SERVER_PACKAGE = /^(node:|fastify$|fastify\/|@fastify\/|close-with-grace|zod-openapi)/;

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3]!;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier);
      const target = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c) && c.endsWith('.ts'));
      assert.ok(target, `${relative(ROOT, file)} imports ${specifier}, which does not resolve`);
      queue.push(target);
    }
  }
  return { files, packages };
}

const ENTRIES = ['src/index.ts', 'src/rest/index.ts', 'components/define.ts', ...globSync('components/*/define.ts', { cwd: ROOT })];

describe('the gateway stays out of every widget entry and of cosell/rest', () => {
  for (const entry of ENTRIES) {
    it(`${entry} reaches neither gateway/ nor a server package`, () => {
      const { files, packages } = graph(join(ROOT, entry));
      assert.deepEqual([...files].filter((f) => f.startsWith(join(ROOT, 'gateway'))).map((f) => relative(ROOT, f)), []);
      assert.deepEqual([...packages].filter((p) => SERVER_PACKAGE.test(p)), []);
    });
  }

  it('the walker does see fastify and Node built-ins from the gateway (so the checks above can fail)', () => {
    const { packages } = graph(join(ROOT, 'gateway/index.ts'));
    assert.ok(packages.has('fastify'));
    assert.ok([...packages].some((p) => p.startsWith('node:')));
  });
});
