export * from './engine.js';
export * from './summary.js';
export { ExactProducts, rateUnits } from './exact.js';
export * from './export.js';
