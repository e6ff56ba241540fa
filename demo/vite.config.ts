import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// `npm start`: serves demo/ (a CRM-like Account page) on embedded data. The demo imports the
// sources directly, so edits reload at once.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: { port: Number(process.env.PORT ?? 5173), host: '127.0.0.1', fs: { allow: ['..'] } },
  // Pre-bundle every runtime dependency up front, so the first visit does not re-optimise and reload
  // (which can load Lit twice).
  optimizeDeps: {
    include: ['lit', 'lit/decorators.js', 'lit/directives/*', '@lit/context', '@lit/task', '@lit-labs/virtualizer', 'zod', 'idb'],
  },
  build: { outDir: '../dist-demo', emptyOutDir: true },
});
