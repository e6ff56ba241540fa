// Salesforce's own tools, offline, against salesforce/force-app: jorje (the Apex parser the
// platform uses, run by prettier-plugin-apex) must accept every Apex class, and
// @salesforce/source-deploy-retrieve (the library under `sf project deploy`) must resolve every
// file to a metadata type and convert the project to Metadata API format, leaving test files out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';
import { ComponentSet, ForceIgnore, MetadataConverter, type SourceComponent } from '@salesforce/source-deploy-retrieve';

const ROOT = join(import.meta.dirname, '../../salesforce');
const FORCE_APP = join(ROOT, 'force-app');
const FORCE_IGNORE = join(ROOT, '.forceignore');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

const rel = (p: string): string => relative(ROOT, p);

/** Parses with jorje; resolves, or rejects with jorje's message. `native` runs the prebuilt parser executable (Java CLI as fallback), no server. */
async function parseApex(source: string): Promise<void> {
  await prettier.format(source, { parser: 'apex', plugins: [apexPlugin], apexStandaloneParser: 'native' });
}

async function parseError(source: string): Promise<string | undefined> {
  try {
    await parseApex(source);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('jorje (prettier-plugin-apex) parses every Apex class', () => {
  it('rejects a reserved word used as a variable (so a pass below means something)', async () => {
    const error = await parseError('public class T { void m() { List<String> where = new List<String>(); } }');
    assert.ok(error, 'jorje accepted `where` as a variable name');
  });

  const classes = walk(FORCE_APP).filter((p) => p.endsWith('.cls'));
  it('finds the classes', () => assert.ok(classes.length >= 2, `only ${classes.length} .cls files under force-app`));
  for (const path of classes) {
    it(rel(path), async () => {
      const error = await parseError(readFileSync(path, 'utf8'));
      assert.ok(error === undefined, `${rel(path)} does not parse:\n${error}`);
    });
  }
});

function componentPaths(c: SourceComponent): string[] {
  return [...(c.xml ? [c.xml] : []), ...c.walkContent(), ...c.getChildren().flatMap(componentPaths)];
}

describe('source-deploy-retrieve takes salesforce/force-app as an org would', () => {
  const isTestFile = (p: string): boolean => /(^|\/)__tests__\//.test(p) || /(^|\/)jest\.config\.[^/]+$/.test(p) || /(^|\/)\.eslintrc\.json$/.test(p);

  it('salesforce/.forceignore keeps the LWC Jest tests out of the deploy', () => {
    assert.ok(existsSync(FORCE_IGNORE), 'salesforce/.forceignore is missing: without it `sf project deploy` sends every __tests__ folder and the org rejects them');
    const ignore = new ForceIgnore(FORCE_IGNORE);
    const tests = walk(FORCE_APP).filter((p) => isTestFile(rel(p)));
    assert.ok(tests.length > 0, 'no __tests__ files found: the check below would prove nothing');
    const accepted = tests.filter((p) => ignore.accepts(p)).map(rel);
    assert.deepEqual(accepted, [], 'salesforce/.forceignore lets these test files through');
  });

  it('resolves every file to a metadata component, converts to Metadata API format, and leaves test files out', async () => {
    const set = ComponentSet.fromSource(FORCE_APP);
    const components = set.getSourceComponents().toArray();
    assert.ok(components.length > 0, 'no components resolved');

    const covered = new Set(components.flatMap(componentPaths));
    // What the project's .forceignore denies is left out on purpose (SDR records only some of it in forceIgnoredPaths).
    const ignore = ForceIgnore.findAndCreate(FORCE_APP);
    const ignored = set.forceIgnoredPaths ?? new Set<string>();
    const unresolved = walk(FORCE_APP).filter((p) => !covered.has(p) && !ignored.has(p) && !ignore.denies(p)).map(rel);
    assert.deepEqual(unresolved, [], 'files that belong to no metadata component');

    const testFilesInSet = [...covered].filter((p) => isTestFile(rel(p))).map(rel);
    assert.deepEqual(testFilesInSet, [], existsSync(FORCE_IGNORE)
      ? 'test files in the deploy set although salesforce/.forceignore exists'
      : 'test files in the deploy set: salesforce/.forceignore is missing');

    const types = new Set(components.map((c) => c.type.name));
    for (const t of ['ApexClass', 'CustomObject', 'PermissionSet', 'LightningComponentBundle', 'StaticResource']) assert.ok(types.has(t), `no ${t} resolved`);

    const out = mkdtempSync(join(tmpdir(), 'cosell-mdapi-'));
    try {
      const result = await new MetadataConverter().convert(set, 'metadata', { type: 'directory', outputDirectory: out, genUniqueDir: false });
      const dir = result.packagePath ?? out;
      const written = walk(dir).map((p) => relative(dir, p));
      assert.ok(written.includes('package.xml'), `no package.xml in ${written.join(', ')}`);
      assert.ok(written.includes('classes/CosellController.cls'), 'CosellController.cls not converted');
      assert.ok(written.includes('staticresources/cosell.resource'), 'the cosell static resource has no content in the converted package');
      assert.deepEqual(written.filter(isTestFile), [], 'test files in the converted package');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
