// The SFDX project files, checked with @salesforce/core (the library under the `sf` CLI) against
// its own JSON schemas: sfdx-project.json as `sf project deploy start` reads it, and the scratch-org
// definition that `sf org create scratch --definition-file salesforce/config/project-scratch-def.json` takes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Logger, SchemaValidator, SfProject } from '@salesforce/core';

const ROOT = join(import.meta.dirname, '../../salesforce');
const require = createRequire(import.meta.url);
const scratchSchema = require.resolve('@salesforce/core/project-scratch-def.schema.json');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('salesforce/ as an SFDX project', () => {
  it('sfdx-project.json passes the sf CLI’s schema and names force-app as the default package directory', async () => {
    const project = await SfProject.resolve(ROOT);
    await project.getSfProjectJson().schemaValidate();
    assert.equal(project.getDefaultPackage().path, 'force-app');
    assert.match(String(project.getSfProjectJson().get('sourceApiVersion')), /^\d{2}\.0$/);
  });

  it('the scratch-org definition passes the sf CLI’s schema (and the schema rejects a wrong one)', async () => {
    const validator = new SchemaValidator(await Logger.child('cosell-test'), scratchSchema);
    const definition = json(join(ROOT, 'config/project-scratch-def.json'));
    await validator.validate(definition as never);
    await assert.rejects(validator.validate({ ...definition, edition: 'Personal' }));
    assert.equal(definition.edition, 'Developer');
  });
});
