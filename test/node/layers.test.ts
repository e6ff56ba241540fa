// The house has floors: domain → adapters → context → elements. A file imports its own floor or the
// floors below it, never one above; and every schema speaks one zod dialect (zod/mini), so a browser
// app that uses the Salesforce or REST adapter loads one zod.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { globSync } from 'node:fs';
import { join, relative } from 'node:path';
import { graph, importsOf, resolveLocal, ROOT } from './import-graph.js';

const FLOORS = [
  { name: 'domain', files: ['src/domain/**/*.ts', 'src/errors.ts', 'src/format.ts', 'src/csv.ts', 'src/revshare/**/*.ts'] },
  { name: 'adapters', files: ['src/adapters/**/*.ts', 'src/outbox/**/*.ts', 'src/salesforce/**/*.ts', 'src/rest/**/*.ts', 'src/demo-data.ts'] },
  // src/index.ts is `cosell/core`, the DOM-free core: it sits on the context floor, below the elements.
  { name: 'context', files: ['src/context.ts', 'src/events.ts', 'src/generated/**/*.ts', 'src/index.ts'] },
  { name: 'elements', files: ['components/**/*.ts'] },
] as const;
/** Package entries put the floors together (on the top floor, outside src/); nothing imports them. */
const ENTRIES = ['components/index.ts', 'components/bundle.ts', 'components/autoloader.ts'];

const floorOf = new Map<string, number>();
FLOORS.forEach((floor, level) => {
  for (const pattern of floor.files) for (const file of globSync(pattern, { cwd: ROOT })) if (!file.endsWith('.d.ts')) floorOf.set(file, level);
});

describe('import graph: domain → adapters → context → elements, no import back', () => {
  it('every source file is on a floor or is an entry', () => {
    const sources = globSync(['src/**/*.ts', 'components/**/*.ts'], { cwd: ROOT }).filter((file) => !file.endsWith('.d.ts') && !file.endsWith('.stories.ts'));
    const homeless = sources.filter((file) => !floorOf.has(file) && !ENTRIES.includes(file));
    assert.deepEqual(homeless, []);
    assert.ok(floorOf.size > 40, `${floorOf.size} files on floors`);
  });

  for (const [level, floor] of FLOORS.entries()) {
    it(`${floor.name} imports nothing from a floor above it`, () => {
      const upward: string[] = [];
      for (const [file, fileLevel] of floorOf) {
        if (fileLevel !== level) continue;
        for (const specifier of importsOf(join(ROOT, file))) {
          if (!specifier.startsWith('.')) continue;
          const target = resolveLocal(join(ROOT, file), specifier);
          const targetFile = target && relative(ROOT, target);
          const targetLevel = targetFile === undefined ? undefined : floorOf.get(targetFile);
          if (targetFile && ENTRIES.includes(targetFile)) upward.push(`${file} → ${targetFile} (an entry)`);
          else if (targetLevel !== undefined && targetLevel > level) upward.push(`${file} → ${targetFile} (${FLOORS[targetLevel]!.name})`);
        }
      }
      assert.deepEqual(upward, []);
    });
  }

  it('the check can fail: the package entry `cosell` (components/index.ts) does reach the elements', () => {
    const { files } = graph(join(ROOT, 'components/index.ts'));
    assert.ok([...files].some((file) => relative(ROOT, file).startsWith('components/pipeline-board/')));
  });

  it('the core, src/index.ts (`cosell/core`), reaches no element and no Lit, and loads without a DOM', async () => {
    const { files, packages } = graph(join(ROOT, 'src/index.ts'));
    assert.deepEqual([...files].map((file) => relative(ROOT, file)).filter((file) => !file.startsWith('src/')), []);
    assert.deepEqual([...packages].filter((name) => /^(lit|@lit\/(?!context)|@lit-labs\/)/.test(name)), []);
    assert.equal(typeof globalThis.HTMLElement, 'undefined', 'this test runs without a DOM');
    const core = (await import('../../src/index.js')) as Record<string, unknown>;
    assert.equal(typeof core.MemoryAdapter, 'function');
    assert.equal(core.CosellProvider, undefined);
  });
});

describe('one zod dialect', () => {
  const entries = ['src/index.ts', 'components/index.ts', 'src/salesforce/index.ts', 'src/rest/index.ts', ...globSync('components/*/define.ts', { cwd: ROOT })];
  for (const entry of entries) {
    it(`${entry} reaches zod/mini only`, () => {
      const { packages } = graph(join(ROOT, entry));
      const zods = [...packages].filter((p) => p === 'zod' || p.startsWith('zod/'));
      assert.ok(zods.includes('zod/mini'), `${entry} uses zod/mini`);
      assert.deepEqual(zods.filter((p) => p !== 'zod/mini' && p !== 'zod/locales'), [], `${entry} imports another zod dialect`);
    });
  }
});
