// Every element class and what the elements export beside them (configuration, languages). The
// package entry `cosell` (components/index.ts) and the classic-script drop-in (components/bundle.ts)
// both re-export this. Each area adds its exports below its own marker; keep a blank line between areas.
export { configureCosell, type CosellConfig } from './base/config.js';
export { overrideMessages, resolveLanguage, setLanguage, currentLanguage, LANGUAGES, PSEUDO_LOCALE, type Language, type MessageOverrides } from './base/localize.js';
export { CosellElement, CosellBase } from './base/cosell-element.js';
export { CosellProvider } from './provider/provider.js';

// @area seller (partner card, referral form, my referrals)
export { CosellPartnerCard, initials, type ReferralPrefill } from './partner-card/partner-card.js';
export { CosellReferralForm } from './referral-form/referral-form.js';
export { CosellMyReferrals, acceptanceCountdown, REFERRAL_FILTERS, type ReferralStatusFilter } from './my-referrals/my-referrals.js';

// @area board (pipeline board)
export { CosellPipelineBoard } from './pipeline-board/pipeline-board.js';
export { AGEING_LABELS } from './pipeline-board/board-model.js';

// @area revshare (summary)
export { CosellRevshareSummary, SORT_KEYS as STATEMENT_SORT_KEYS, type StatementSortKey } from './revshare-summary/revshare-summary.js';
