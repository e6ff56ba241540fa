// The DOM-free core, `cosell/core`: domain, errors, adapters, contexts, events, formatting and the
// revenue-share engine. Nothing here imports components/ (test/node/layers.test.ts checks it, and that
// it loads in Node); the package entry `cosell` (components/index.ts) adds the elements.
// Each area adds its exports below its own marker; keep a blank line between areas.
export * from './domain/index.js';
export * from './errors.js';
export * from './adapters/adapter.js';
export * from './context.js';
export * from './events.js';
export * from './format.js';
export * from './csv.js';

// @area memory-adapter (foundation)
export { MemoryAdapter, type MemoryAdapterOptions, type MemorySeed } from './adapters/memory-adapter.js';

// @area revshare (engine)
export * from './revshare/index.js';

// @area embed (hosts)
export { HostAdapter, hostError, type HostCalls } from './adapters/host-adapter.js';
export { DEFAULT_OUTBOX_NAME, OutboxReferralSchema, ReferralOutbox, ReferralQueuedError, withOutbox, type CancelOutcome, type OutboxReferral } from './outbox/index.js';
