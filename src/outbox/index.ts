export { DEFAULT_OUTBOX_NAME, OUTBOX_STATES, OutboxReferralSchema, ReferralOutbox, type CancelOutcome, type OutboxReferral, type OutboxState, type SendReport } from './outbox.js';
export { ReferralQueuedError, withOutbox } from './outbox-adapter.js';
