// docs/api.md is generated from the elements' JSDoc (custom-elements.json); it must match them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

test('docs/api.md is what `npm run docs:api` generates from the elements\' JSDoc', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/api-docs.mjs', '--check']).catch((error: { stderr?: string }) => {
    assert.fail(error.stderr ?? "scripts/api-docs.mjs --check failed");
  });
  assert.match(stdout, /up to date/);
});
