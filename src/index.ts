// Core: domain, adapters, contexts, events, formatting; then every element class.
// Each area adds its exports below its own marker; keep a blank line between areas.
export * from './domain/index.js';
export * from './errors.js';
export * from './adapters/adapter.js';
export * from './context.js';
export * from './events.js';
export * from './format.js';
export * from './csv.js';
export { configureCosell, type CosellConfig } from '../components/base/config.js';
export { overrideMessages, resolveLanguage, setLanguage, currentLanguage, LANGUAGES, PSEUDO_LOCALE, type Language, type MessageOverrides } from '../components/base/localize.js';
export { CosellElement, CosellBase } from '../components/base/cosell-element.js';
export { CosellProvider } from '../components/provider/provider.js';

// @area memory-adapter (foundation)
export { MemoryAdapter, type MemoryAdapterOptions, type MemorySeed } from './adapters/memory-adapter.js';
export { createDemoData, DEMO_REFERENCE_DATE, type DemoData, type DemoDataOptions } from './demo-data.js';

// @area seller (partner card, referral form, my referrals)
export { CosellPartnerCard, initials, type ReferralPrefill } from '../components/partner-card/partner-card.js';
export { CosellReferralForm } from '../components/referral-form/referral-form.js';
export { CosellMyReferrals, acceptanceCountdown, REFERRAL_FILTERS, type ReferralStatusFilter } from '../components/my-referrals/my-referrals.js';

// @area board (pipeline board)
export { CosellPipelineBoard } from '../components/pipeline-board/pipeline-board.js';
export { AGEING_LABELS } from '../components/pipeline-board/board-model.js';

// @area revshare (engine and summary)
export * from './revshare/index.js';
export { CosellRevshareSummary, SORT_KEYS as STATEMENT_SORT_KEYS, type StatementSortKey } from '../components/revshare-summary/revshare-summary.js';

// @area embed (drop-in bundle, theming, hosts)
export { HostAdapter, hostError, type HostCalls } from './adapters/host-adapter.js';
export { DEFAULT_OUTBOX_NAME, OutboxReferralSchema, ReferralOutbox, ReferralQueuedError, withOutbox, type CancelOutcome, type OutboxReferral } from './outbox/index.js';
