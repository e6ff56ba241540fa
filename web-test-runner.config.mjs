import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupAlias from '@rollup/plugin-alias';
import { chromeLauncher } from '@web/test-runner-chrome';
import { gatewayPlugin } from './test/rest/gateway-plugin.mjs';

const require = createRequire(import.meta.url);
const alias = fromRollup(rollupAlias);

// msw's worker served from node_modules at /mockServiceWorker.js (scope "/"); never committed.
const mswWorker = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

const CHROME_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export default {
  // test/salesforce/** runs in its own group: jsforce's browser build is loaded there only.
  files: ['test/**/*.test.ts', '!test/node/**', '!test/salesforce/**'],
  groups: [
    {
      name: 'salesforce',
      files: ['test/salesforce/**/*.test.ts'],
      // wtr cannot serve jsforce's ESM browser build: its prebuilt bundle is loaded as a classic script
      // and `import … from 'jsforce'` is aliased to test/shims/jsforce.js, which re-exports the global.
      testRunnerHtml: (testFramework) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
        <script src="/node_modules/jsforce/dist/jsforce-core.js"></script></head>
        <body><script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // 2 cores: one test file at a time is fastest and steadiest here.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html><html lang="en"><head><meta charset="utf-8"></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
  middleware: [(ctx, next) => ctx.path === '/mockServiceWorker.js'
    ? void (ctx.type = 'application/javascript', ctx.body = mswWorker) : next()],
  plugins: [
    alias({ entries: [{ find: /^jsforce$/, replacement: fileURLToPath(new URL('./test/shims/jsforce.js', import.meta.url)) }] }),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    gatewayPlugin(), // `cosell-gateway` server command: a real gateway for test/rest/**
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROME_ARGS },
    }),
  ],
};
