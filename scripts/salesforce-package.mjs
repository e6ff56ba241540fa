// `npm run salesforce:package`: salesforce/force-app in Metadata API format, zipped, for a deploy
// without the Salesforce CLI's source format (`sf project deploy start --metadata-dir`, Workbench,
// a CI system's Metadata API client). Converted offline by @salesforce/source-deploy-retrieve, the
// library under `sf project deploy`; salesforce/.forceignore keeps the LWC Jest tests out.
// Run after `npm run build:salesforce`, which writes the cosell static resource.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';

const ROOT = resolve(import.meta.dirname, '..');
const FORCE_APP = join(ROOT, 'salesforce/force-app');
const STATIC_RESOURCE = join(FORCE_APP, 'main/default/staticresources/cosell.js');
const OUT = join(ROOT, 'dist/salesforce-package');

if (!existsSync(STATIC_RESOURCE) || statSync(STATIC_RESOURCE).size === 0) {
  console.error('The cosell static resource is missing: run `npm run build:salesforce` first.');
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const set = ComponentSet.fromSource(FORCE_APP);
const converter = new MetadataConverter();
await converter.convert(set, 'metadata', { type: 'directory', outputDirectory: OUT, packageName: 'cosell', genUniqueDir: false });
await converter.convert(set, 'metadata', { type: 'zip', outputDirectory: join(ROOT, 'dist'), packageName: 'cosell', genUniqueDir: false });
const types = [...new Set(set.getSourceComponents().toArray().map((c) => c.type.name))].sort();
console.log(`Metadata API package: ${OUT} and dist/cosell.zip (${types.join(', ')})`);
console.log('Deploy it: sf project deploy start --metadata-dir dist/salesforce-package/cosell --target-org <alias>');
