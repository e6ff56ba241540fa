// MemoryAdapter lives in src/adapters/memory/ (store, paging, persistence, the adapter); this path
// is kept for everyone who imports it from here.
export { MemoryAdapter, type MemoryAdapterOptions, type MemorySeed } from './memory/memory-adapter.js';
