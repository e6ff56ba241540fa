// The package entry `cosell`: the DOM-free core (src/index.ts, also `cosell/core`), every element
// class, and the demo-data generator (also `cosell/demo`). Importing it registers no element: use
// `cosell/define` or `cosell/define/<element>`.
export * from '../src/index.js';
export * from './elements.js';
export { createDemoData, DEMO_REFERENCE_DATE, type DemoData, type DemoDataOptions } from '../src/demo-data.js';
