// jsforce is heavy: only `cosell/salesforce` may load it. Walk the static and dynamic import graph of
// every widget entry (what Vite builds into dist/) and check it never reaches jsforce or src/salesforce.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { graph, ROOT } from './import-graph.js';

const ENTRIES = ['src/index.ts', 'components/define.ts', ...globSync('components/*/define.ts', { cwd: ROOT })];

describe('jsforce stays out of every widget entry', () => {
  for (const entry of ENTRIES) {
    it(`${entry} reaches neither jsforce nor src/salesforce`, () => {
      const { files, packages } = graph(join(ROOT, entry));
      assert.ok(files.size >= 1);
      const jsforce = [...packages].filter((p) => p === 'jsforce' || p.startsWith('jsforce/'));
      assert.deepEqual(jsforce, [], `${entry} imports jsforce`);
      const salesforce = [...files].filter((f) => f.startsWith(join(ROOT, 'src/salesforce')));
      assert.deepEqual(salesforce.map((f) => relative(ROOT, f)), [], `${entry} reaches src/salesforce`);
    });
  }

  it('the walker does see jsforce from the salesforce entry (so the checks above can fail)', () => {
    const { packages } = graph(join(ROOT, 'src/salesforce/index.ts'));
    assert.ok(packages.has('jsforce'));
  });

  it('only src/salesforce/connection.ts imports jsforce at run time', () => {
    const importers = globSync('src/**/*.ts', { cwd: ROOT }).filter((file) =>
      /(?:^|\n)\s*import\s+(?!type\b)[^;]*from\s*['"]jsforce['"]/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    assert.deepEqual(importers, ['src/salesforce/connection.ts']);
  });
});
