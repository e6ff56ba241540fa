// `npm run docs:openapi`: docs/openapi.json, the gateway's HTTP contract generated from the domain's
// zod schemas (gateway/openapi.ts). `--check` exits 1 when the committed file is not what they give.
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from '../gateway/openapi.js';

const OUT = 'docs/openapi.json';
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (process.argv[1]?.endsWith('openapi.ts')) {
  const text = openApiText();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(OUT, 'utf8');
    } catch {
      // missing: out of date
    }
    if (committed !== text) {
      console.error(`${OUT} is out of date: run \`npm run docs:openapi\``);
      process.exit(1);
    }
    console.log(`${OUT} is up to date`);
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
  }
}
