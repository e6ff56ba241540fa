import { defineConfig, type Plugin } from 'vite';

// The drop-in bundle: dist/cosell.min.js, one minified ES module that carries Lit, @lit/*, zod and idb,
// registers every cosell-* element when loaded and re-exports the public API of `cosell`
// (MemoryAdapter, createDemoData, the element classes, configureCosell, ...); dist/cosell.iife.min.js is
// the same as a classic script (global `Cosell`) for Salesforce's loadScript. It runs after the library
// build (which empties dist/), so it must not empty dist/ itself.

/** jsforce must never reach the bundle: fail the build if anything imports it. */
const noJsforce: Plugin = {
  name: 'cosell-no-jsforce',
  enforce: 'pre',
  resolveId(source, importer) {
    if (/^jsforce($|\/)/.test(source)) {
      this.error(`jsforce must not be in the drop-in bundle (imported by ${importer ?? '?'})`);
    }
    return null;
  },
};

/**
 * The pseudo-locale (en-XA, every message wrapped in ⟦…⟧) is for the tests, which run on the sources:
 * the drop-in carries an empty table for it, so setting `locale="en-XA"` on a page shows English.
 */
const noPseudoLocale: Plugin = {
  name: 'cosell-no-pseudo-locale',
  load(id) {
    return /src\/generated\/locales\/en-XA\.[jt]s$/.test(id) ? 'export const templates = {};\n' : null;
  },
};

/** Writes dist/cosell.min.stats.json: rendered (minified, pre-gzip) bytes per package, for `npm run size`. */
const stats: Plugin = {
  name: 'cosell-bundle-stats',
  generateBundle(options, bundle) {
    if (options.format !== 'es') return;
    const byPackage: Record<string, number> = {};
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk') continue;
      for (const [id, info] of Object.entries(output.modules)) {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
        const owner = match?.[1] ?? 'cosell';
        byPackage[owner] = (byPackage[owner] ?? 0) + info.renderedLength;
      }
    }
    this.emitFile({ type: 'asset', fileName: 'cosell.min.stats.json', source: JSON.stringify(byPackage, null, 2) + '\n' });
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [noJsforce, noPseudoLocale, stats],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    copyPublicDir: false,
    modulePreload: false,
    rollupOptions: {
      input: { cosell: 'src/bundle.ts' },
      // The classic script has no import.meta; the only use is Vite's preload helper for a dynamic
      // import that @lit-labs/virtualizer makes when ResizeObserver is missing, and {} is right there.
      onLog(level, log, handler) {
        if (log.code === 'EMPTY_IMPORT_META') return;
        handler(level, log);
      },
      preserveEntrySignatures: 'strict',
      output: [
        { format: 'es', entryFileNames: 'cosell.min.js', codeSplitting: false },
        // The same bundle as a classic script for hosts that cannot load a module, such as Salesforce's
        // loadScript (lightning/platformResourceLoader): it sets `window.Cosell` to the module's exports.
        { format: 'iife', name: 'Cosell', entryFileNames: 'cosell.iife.min.js', codeSplitting: false },
      ],
    },
  },
});
