import { defineConfig, type Plugin } from 'vite';

// The drop-in, in two shapes; it runs after the library build (which empties dist/), so it must not
// empty dist/ itself.
//
// `vite build --config vite.bundle.config.ts` (ES modules, for any web page):
//   dist/cosell.min.js   the autoloader (components/autoloader.ts): no Lit, no element; it imports an
//                        element's chunk the first time its `cosell-*` tag appears
//   dist/cosell/*.js     the chunks it loads by relative URL: one per element, shared ones for Lit,
//                        zod, the domain and the element base, one per language; and a few entries a
//                        page imports itself: cosell/memory.js (MemoryAdapter), cosell/rest.js
//                        (RestAdapter), cosell/demo.js (createDemoData, for demos only), cosell/api.js
//                        (the whole `cosell` API, which brings every element)
// `vite build --config vite.bundle.config.ts --mode classic` (one file, for Salesforce):
//   dist/cosell.iife.min.js  components/bundle.ts as a classic script that sets `window.Cosell`, every
//                        element and language inside, for loadScript (lightning/platformResourceLoader)

/** jsforce must never reach the drop-in: fail the build if anything imports it. */
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

/** The demo-data generator is for demos: fail the build if an element or the loader reaches it. */
const noDemoDataInElements: Plugin = {
  name: 'cosell-no-demo-data-in-elements',
  resolveId(source, importer) {
    if (/demo-data(\.[jt]s)?$/.test(source) && importer && /components\/(?!index\.ts$)/.test(importer)) {
      this.error(`the demo-data generator must not be in the production path (imported by ${importer})`);
    }
    return null;
  },
};

/** Entries a page imports by name, beside the loader (stable file names, no hash). */
const PAGE_ENTRIES: Record<string, string> = {
  'cosell/api': 'components/index.ts',
  'cosell/memory': 'src/adapters/memory-adapter.ts',
  'cosell/rest': 'src/rest/index.ts',
  'cosell/demo': 'src/demo-data.ts',
};

const node = (name: string) => new RegExp(`node_modules[\\\\/]${name}[\\\\/]`);

export default defineConfig(({ mode }) => {
  const classic = mode === 'classic';
  return {
    publicDir: false,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: classic ? [noJsforce, noPseudoLocale] : [noJsforce, noPseudoLocale, noDemoDataInElements],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap: true,
      minify: true,
      copyPublicDir: false,
      modulePreload: false,
      // Library mode: no Vite preload helper around the dynamic imports (the loader would import it
      // from a shared chunk); the chunks import each other by relative URL and nothing else.
      lib: classic ? false : { entry: { 'cosell.min': 'components/autoloader.ts', ...PAGE_ENTRIES }, formats: ['es'] },
      rollupOptions: {
        input: classic ? { cosell: 'components/bundle.ts' } : undefined,
        // The classic script has no import.meta; the only use is Vite's preload helper for a dynamic
        // import that @lit-labs/virtualizer makes when ResizeObserver is missing, and {} is right there.
        onLog(level, log, handler) {
          if (log.code === 'EMPTY_IMPORT_META') return;
          handler(level, log);
        },
        preserveEntrySignatures: 'strict',
        output: classic
          ? { format: 'iife', name: 'Cosell', entryFileNames: 'cosell.iife.min.js', codeSplitting: false }
          : {
              format: 'es',
              // Library mode keeps whitespace in ES output; the drop-in is minified all the way.
              minify: true,
              entryFileNames: '[name].js',
              // An element's chunk is named after it (cosell/referral-form.define-<hash>.js), a language's after it (cosell/locale-de-<hash>.js).
              chunkFileNames: (chunk) => {
                const element = /components[\\/]([^\\/]+)[\\/]define\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
                const language = /generated[\\/]locales[\\/]([^\\/]+)\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
                if (element) return `cosell/${element}.define-[hash].js`;
                return language ? `cosell/locale-${language}-[hash].js` : 'cosell/[name]-[hash].js';
              },
              codeSplitting: {
                groups: [
                  // The loader's ContextRoot (and the event class it shares with @lit/context) stays out of
                  // the Lit chunk, in a small one of its own.
                  { name: 'context-root', test: /@lit[\\/]context[\\/].*context-(root|request-event)\.js$/, priority: 6 },
                  { name: 'lit', test: node('(lit|lit-html|lit-element|@lit[\\/][^\\/]+)'), priority: 5 },
                  { name: 'zod', test: /node_modules[\\/]zod[\\/](?!v4[\\/]core[\\/](compile|memoizer)\.js$)/, priority: 5 },
                  { name: 'idb', test: node('idb'), priority: 5 },
                  // The domain in three chunks, so that a page loads the rules its elements use and few files:
                  // - domain: the records every element and adapter shares (referral, partner, user, money,
                  //   stages, revenue-share records and periods), errors, formatting, events, context;
                  // - records: what parses and queries referrals in bulk, for MemoryAdapter and the board
                  //   (zod's compiler, about 8 kB gzip, with the one schema it compiles; paging filters,
                  //   partner search, stage history) — a referral form never loads it;
                  // - rules: what only the list widgets use (ageing, quota, CSV, paging helpers).
                  // What one element alone uses stays in its chunk.
                  { name: 'records', test: /(node_modules[\\/]zod[\\/]v4[\\/]core[\\/](compile|memoizer)\.js|[\\/]src[\\/]domain[\\/](bulk-referral|referral-filter|partner-search|stage-history)\.ts)$/, priority: 3 },
                  { name: 'domain', test: /[\\/]src[\\/](domain[\\/](zod|money|currency-digits|partner|stages|referral|user|clock|revshare|period|duplicates)|errors|format|context|events)\.ts$/, minShareCount: 2, priority: 4 },
                  { name: 'rules', test: /[\\/]src[\\/](domain[\\/](ageing|quota|arr)|csv|adapters[\\/]adapter)\.ts$/, minShareCount: 2, priority: 2 },
                  { name: 'base', test: /[\\/]components[\\/]base[\\/]/, minShareCount: 2, priority: 4 },
                ],
              },
            },
      },
    },
  };
});
