// Gzip size of each built entry point: every `cosell/define/<element>` bundled on its own with all
// its dependencies (Lit, zod, the virtualizer) and minified, as a script-tag user would load it,
// and jKanban's published dist files beside them.
import { existsSync, globSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'vite';

const kb = (bytes) => (bytes / 1024).toFixed(1);

async function bundle(root, entry) {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: { write: false, target: 'es2022', minify: true, lib: { entry: join(root, entry), formats: ['es'], fileName: 'entry' } },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  const code = chunks.map((c) => c.code).join('\n');
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

export default async function sizeBench({ root }) {
  const entries = ['components/define.ts', ...globSync('components/*/define.ts', { cwd: root }).sort()];
  const rows = [];
  for (const entry of entries) {
    const size = await bundle(root, entry);
    const name = entry === 'components/define.ts' ? 'cosell/define (every element)' : `cosell/define/${entry.split('/')[1]}`;
    rows.push([name, kb(size.raw), kb(size.gzip)]);
  }
  for (const file of ['jkanban.min.js', 'jkanban.min.css']) {
    const data = readFileSync(join(root, 'node_modules/jkanban/dist', file));
    rows.push([`jkanban/dist/${file}`, kb(data.length), kb(gzipSync(data, { level: 9 }).length)]);
  }
  const sections = [];
  if (existsSync(join(root, 'dist/cosell.min.js'))) {
    // The drop-in (after `npm run build`) in real pages: what `npm run size` measures.
    const { pageTransfers, verdict } = await import('../scripts/size.mjs');
    const pages = await pageTransfers();
    sections.push({
      heading: `The drop-in in a page (dist/cosell.min.js autoloader, ${pages[0]?.method ?? 'headless Chromium'})`,
      columns: ['page', 'JavaScript fetched, gzip (kB)', 'goal', 'largest parts (kB gzip)', 'languages fetched'],
      rows: pages.map((row) => [row.page, (row.total / 1000).toFixed(2), verdict(row) || '—', row.files.slice(0, 4).map((f) => `${f.file} ${(f.gzip / 1000).toFixed(1)}`).join(', '), row.languages.join(', ') || 'none']),
      notes: 'Each fetched file gzipped at level 9 (1 kB = 1000 bytes). The goals apply to the pages with a RestAdapter (cosell/rest.js) talking to a real gateway on the page\'s origin, the drop-in as a site ships it; the same pages with a MemoryAdapter (cosell/memory.js, for demos: it brings zod\'s compiler and the bulk parsing) over a small inline seed are shown beside them. No page fetches the demo-data generator.',
    });
  }
  return {
    title: 'Size of each entry point',
    sections: [
      ...sections,
      {
        columns: ['entry point', 'minified (KiB)', 'gzip (KiB)'],
        rows,
        notes: 'Cosell entries are bundled with everything they import (Lit, @lit/context, @lit/task, the virtualizer, zod), minified; the npm build keeps those external. jKanban\'s dist bundle includes dragula.',
      },
    ],
  };
}
