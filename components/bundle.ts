// The classic-script drop-in's entry (dist/cosell.iife.min.js, `window.Cosell`, built by
// `vite.bundle.config.ts --mode classic` for Salesforce's static resource): the DOM-free core and every
// element class, every element registered on load. Lit, @lit/*, zod and idb are inlined; jsforce
// never is; the demo-data generator is not in it (a production path).
export * from '../src/index.js';
export * from './elements.js';
import './define.js';
