import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { relative, dirname } from 'node:path';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

// `cosell/salesforce` for browsers: src/salesforce with jsforce and the Node built-ins jsforce needs
// (stream, events, process, buffer, util, timers, querystring) bundled into one file, so an app
// that imports it needs no polyfills of its own. Everything outside src/salesforce (errors, domain)
// stays an import of the library's own dist files, so `instanceof CrmError` holds across entries;
// zod stays external for the app to dedupe. Runs after the main build (emptyOutDir: false).
const root = fileURLToPath(new URL('.', import.meta.url));
const salesforceDir = `${root}src/salesforce/`;
const outFile = `${root}dist/src/salesforce/browser.js`;

export default defineConfig({
  plugins: [nodePolyfills({ include: ['stream', 'events', 'process', 'buffer', 'util', 'timers', 'querystring'], globals: { process: true, Buffer: true, global: true } })],
  resolve: { alias: { crypto: fileURLToPath(new URL('./src/salesforce/no-node-crypto.ts', import.meta.url)) } },
  build: {
    target: 'es2022',
    outDir: 'dist/src/salesforce',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: { entry: 'src/salesforce/index.ts', formats: ['es'], fileName: () => 'browser.js' },
    rollupOptions: {
      external: (source, importer) => {
        if (/^zod($|\/)/.test(source)) return true;
        // ../errors.js, ../domain/*.js from src/salesforce: the library's own modules.
        return Boolean(importer?.startsWith(salesforceDir) && source.startsWith('../'));
      },
      output: {
        codeSplitting: false,
        paths: (id) => (id.startsWith(`${root}src/`) ? `./${relative(dirname(outFile), `${root}dist/${id.slice(root.length)}`)}`.replace(/^\.\/\.\.\//, '../').replace(/\.ts$/, '.js') : id),
      },
    },
  },
});
