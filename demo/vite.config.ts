import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// `npm start`: serves demo/ (a CRM-like Account page) on embedded data. The demo imports the
// sources directly, so edits reload at once.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: { port: Number(process.env.PORT ?? 5173), host: '127.0.0.1', fs: { allow: ['..'] } },
  build: { outDir: '../dist-demo', emptyOutDir: true },
});
