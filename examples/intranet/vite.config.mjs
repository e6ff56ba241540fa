// `npx vite --config examples/intranet/vite.config.mjs`: the intranet page on http://127.0.0.1:5174,
// with `cosell/define` and `cosell/rest` taken from this repository's sources (an installed package
// gives the same names). Same site as the gateway on 127.0.0.1, so its SameSite=Lax cookie is sent.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { 'cosell/define': repo('components/define.ts'), 'cosell/rest': repo('src/rest/index.ts') } },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5174), strictPort: true, fs: { allow: [repo('')] } },
  optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directives/*', '@lit/context', '@lit/task', '@lit-labs/virtualizer', 'zod', 'idb'] },
  logLevel: 'warn',
});
