#!/usr/bin/env node
// `npx cosell-gateway`: the built gateway when there is one (an installed package, or after
// `npm run build`), else its TypeScript sources through tsx (a fresh clone after `npm ci`).
import { existsSync } from 'node:fs';

const built = new URL('../dist/gateway/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./main.ts', import.meta.url).href);
}
