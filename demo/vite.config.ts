import { defineConfig, type PluginOption } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import { fileURLToPath } from 'node:url';

// `npm start`: serves demo/ (a CRM-like Account page) on embedded data. The demo imports the
// sources directly, so edits reload at once.
//
// With SF_INSTANCE_URL and SF_ACCESS_TOKEN in the environment it runs on a real Salesforce org
// instead: the dev server proxies /services to the org and adds the token, so the browser needs no
// CORS set-up and never sees the token; jsforce (loaded only in that mode) gets its Node polyfills.
const instanceUrl = process.env.SF_INSTANCE_URL;
const accessToken = process.env.SF_ACCESS_TOKEN;
const salesforce = Boolean(instanceUrl && accessToken);
const plugins: PluginOption[] = salesforce
  ? [nodePolyfills({ include: ['stream', 'events', 'process', 'buffer', 'util', 'timers', 'querystring'], globals: { process: true, Buffer: true, global: true } })]
  : [];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins,
  define: { __COSELL_SALESFORCE__: JSON.stringify(salesforce) },
  server: {
    port: Number(process.env.PORT ?? 5173),
    host: '127.0.0.1',
    fs: { allow: ['..'] },
    proxy: salesforce
      ? { '/services': { target: instanceUrl, changeOrigin: true, secure: true, headers: { Authorization: `Bearer ${accessToken}` } } }
      : undefined,
  },
  // Pre-bundle every runtime dependency up front, so the first visit does not re-optimise and reload
  // (which can load Lit twice).
  optimizeDeps: {
    include: ['lit', 'lit/decorators.js', 'lit/directives/*', '@lit/context', '@lit/task', '@lit-labs/virtualizer', 'zod', 'idb', ...(salesforce ? ['jsforce'] : [])],
  },
  build: { outDir: '../dist-demo', emptyOutDir: true },
});
