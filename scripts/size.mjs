#!/usr/bin/env node
// `npm run size` (after `npm run build`): the gzip size of every built entry point, and of the drop-in
// bundle against its budget, with what dominates the bundle. `--check` exits 1 when over budget.
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUNDLE = 'dist/cosell.min.js';
/** The drop-in bundle's budget, gzip, in kB (1 kB = 1000 bytes, as Vite prints). */
export const BUDGET_KB = 35;

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * A library entry and every dist module it imports statically by relative path (externals like lit and
 * zod are not counted): what a page loads. Modules reached only by a dynamic `import()` (each language's
 * messages) are loaded on demand and collected in `lazy`.
 */
function moduleClosure(entry, lazy = new Set()) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(resolve(dirname(file), match[1]));
    }
    for (const match of source.matchAll(/\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']/g)) lazy.add(resolve(dirname(file), match[1]));
  };
  visit(resolve(entry));
  for (const file of seen) lazy.delete(file);
  return [...seen];
}

/** Decodes a source map's VLQ mappings into [generatedLine, generatedColumn, sourceIndex] segments. */
function decodeMappings(mappings) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const segments = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = chars.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      segments.push([lineIndex, column, values.length > 1 ? source : -1]);
    }
  });
  return segments;
}

/** Minified bytes of the bundle per npm package (or "cosell"), attributed through the source map. */
function bundleByPackage(code, map) {
  const lines = code.split('\n');
  /** An npm package, or for Cosell's own code its folder (components/pipeline-board, src/domain, ...). */
  const owner = (index) => {
    const source = map.sources[index] ?? '';
    const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    if (dependency) return dependency;
    const own = /(?:^|\/)((?:components|src)\/[^/]+)(?:\/|\.ts$)/.exec(source)?.[1];
    return own ? `cosell ${own.replace(/\.ts$/, '')}` : 'cosell (other)';
  };
  const text = {};
  const segments = decodeMappings(map.mappings);
  segments.forEach(([line, column, source], i) => {
    const next = segments[i + 1];
    const end = next && next[0] === line ? next[1] : undefined;
    const name = source < 0 ? 'cosell (other)' : owner(source);
    text[name] = (text[name] ?? '') + lines[line].slice(column, end);
  });
  return Object.entries(text)
    .map(([name, part]) => ({ name, minified: part.length, gzip: gzip(part) }))
    .sort((a, b) => b.minified - a.minified);
}

function main() {
  if (!existsSync('dist')) {
    console.error('No dist/: run `npm run build` first.');
    process.exit(1);
  }
  const entries = [
    ['cosell', 'dist/src/index.js'],
    ['cosell/define', 'dist/components/define.js'],
    ['cosell/rest', 'dist/src/rest/index.js'],
    ...globSync('dist/components/*/define.js')
      .sort()
      .map((file) => [`cosell/define/${file.split('/').at(-2)}`, file]),
  ];
  console.log('Library entry points (own modules, unminified; lit, @lit/*, zod and idb are external):');
  for (const [name, file] of entries) {
    if (!existsSync(file)) continue;
    const files = moduleClosure(file);
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    console.log(`  ${name.padEnd(34)} ${kb(text.length).padStart(10)}  gzip ${kb(gzip(text)).padStart(9)}  (${files.length} modules)`);
  }

  const lazy = new Set();
  const page = moduleClosure('dist/components/define.js', lazy);
  const languages = [...lazy].filter((f) => f.includes('/generated/locales/')).sort();
  console.log(`\nLanguages, each loaded on demand by a dynamic import (an English page loads none; ${languages.filter((f) => page.includes(f)).length} in the static graph of cosell/define):`);
  for (const file of languages) {
    const text = readFileSync(file, 'utf8');
    console.log(`  ${relative('dist', file).padEnd(34)} ${kb(text.length).padStart(10)}  gzip ${kb(gzip(text)).padStart(9)}`);
  }

  if (!existsSync(BUNDLE)) {
    console.error(`\nNo ${BUNDLE}: run \`npm run build\`.`);
    process.exit(1);
  }
  const code = readFileSync(BUNDLE, 'utf8');
  const size = gzip(code);
  const over = size > BUDGET_KB * 1000;
  console.log(`\nDrop-in bundle ${relative('.', BUNDLE)} (Lit, zod and every element included):`);
  console.log(`  minified ${kb(code.length)}, gzip ${kb(size)} of the ${BUDGET_KB} kB budget: ${over ? `OVER by ${kb(size - BUDGET_KB * 1000)}` : 'within budget'}`);
  if (existsSync(`${BUNDLE}.map`)) {
    console.log('  by package, and Cosell by folder (minified bytes from the source map; gzip of each part alone):');
    for (const part of bundleByPackage(code, JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')))) {
      console.log(`    ${part.name.padEnd(36)} ${kb(part.minified).padStart(10)}  gzip ~${kb(part.gzip)}`);
    }
  }
  const iife = 'dist/cosell.iife.min.js';
  if (existsSync(iife)) {
    const classic = readFileSync(iife, 'utf8');
    console.log(`  the same as a classic script (${iife}, for Salesforce loadScript): minified ${kb(classic.length)}, gzip ${kb(gzip(classic))}`);
  }
  if (over && process.argv.includes('--check')) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(join(import.meta.dirname, 'size.mjs'))) main();
