import { defineConfig } from 'vite';
import { globSync } from 'node:fs';

// Library build: ESM, one output file per source module (preserveModules), so dist/ mirrors the
// source tree and `tsc -p tsconfig.build.json` writes the .d.ts files beside the .js files.
// lit, @lit/*, zod, idb and jsforce stay external: the consumer's bundler dedupes them.
// Every components/<element>/define.ts is an entry, so `cosell/define/<element>` needs no edit here.
const defineEntries = Object.fromEntries(
  globSync('components/*/define.ts').map((file) => [file.replace(/\.ts$/, ''), file]),
);

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      // src/salesforce/index: the Node build of `cosell/salesforce` (jsforce external); the browser build
      // with jsforce bundled is vite.salesforce.config.ts. src/rest/index: `cosell/rest` (RestAdapter, no Node).
      // gateway/*: `cosell/gateway` and the `cosell-gateway` bin, Node only (fastify, ioredis, prom-client, lru-cache and node: external).
      entry: { 'components/index': 'components/index.ts', 'src/index': 'src/index.ts', 'components/define': 'components/define.ts', 'src/salesforce/index': 'src/salesforce/index.ts', 'src/rest/index': 'src/rest/index.ts', 'gateway/index': 'gateway/index.ts', 'gateway/main': 'gateway/main.ts', ...defineEntries },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^zod($|\/)/, /^idb($|\/)/, /^jsforce($|\/)/, /^node:/, /^zod-openapi($|\/)/, /^fastify($|\/)/, /^@fastify\//, /^close-with-grace($|\/)/, /^ioredis($|\/)/, /^fastify-metrics($|\/)/, /^prom-client($|\/)/, /^lru-cache($|\/)/],
      output: { preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js' },
    },
  },
});
