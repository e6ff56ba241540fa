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
  { name: 'context', files: ['src/context.ts', 'src/events.ts', 'src/generated/**/*.ts'] },
  { name: 'elements', files: ['components/**/*.ts'] },
] as const;
/** Package entries put the floors together; they may import any floor. */
const ENTRIES = ['src/index.ts', 'src/bundle.ts'];

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

  it('the check can fail: the package entry does reach the elements', () => {
    const { files } = graph(join(ROOT, 'src/index.ts'));
    assert.ok([...files].some((file) => relative(ROOT, file).startsWith('components/')));
  });
});

describe('one zod dialect', () => {
  const entries = ['src/index.ts', 'src/salesforce/index.ts', 'src/rest/index.ts', ...globSync('components/*/define.ts', { cwd: ROOT })];
  for (const entry of entries) {
    it(`${entry} reaches zod/mini only`, () => {
      const { packages } = graph(join(ROOT, entry));
      const zods = [...packages].filter((p) => p === 'zod' || p.startsWith('zod/'));
      assert.ok(zods.includes('zod/mini'), `${entry} uses zod/mini`);
      assert.deepEqual(zods.filter((p) => p !== 'zod/mini' && p !== 'zod/locales'), [], `${entry} imports another zod dialect`);
    });
  }
});
