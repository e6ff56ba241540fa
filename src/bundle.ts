// The drop-in bundle's entry (dist/cosell.min.js, built by vite.bundle.config.ts): the whole public API
// of `cosell` plus every element registered on load. Lit, @lit/*, zod and idb are inlined; jsforce never is.
export * from './index.js';
import '../components/define.js';
