// No server code in a widget's import graph: every widget entry and `cosell/rest` must reach neither
// gateway/ nor fastify, its plugins or a Node built-in. (The walk in import-graph.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import { join, relative } from 'node:path';
import { graph, ROOT } from './import-graph.js';

const SERVER_PACKAGE = /^(node:|fastify$|fastify\/|@fastify\/|close-with-grace|zod-openapi|ioredis|fastify-metrics|prom-client|lru-cache)/;

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
