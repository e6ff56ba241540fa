import { createContext } from '@lit/context';
import type { CrmAdapter } from './adapters/adapter.js';
import type { PartnerDirectory } from './adapters/partner-directory.js';
import type { Clock } from './domain/clock.js';
import type { CurrencyCode } from './domain/money.js';
import type { User } from './domain/user.js';
import type { CancelOutcome, OutboxReferral } from './outbox/outbox.js';

/** The adapter of the nearest <cosell-provider>. */
export const adapterContext = createContext<CrmAdapter | undefined>(Symbol.for('cosell.adapter'));

/** The signed-in user as the adapter reports it (undefined while loading or when it failed). */
export const userContext = createContext<User | undefined>(Symbol.for('cosell.user'));

export interface LocaleSettings {
  /** BCP 47 locale for numbers, dates and country names. */
  locale: string;
  /** The currency new amounts are entered in. */
  currency: CurrencyCode;
}
export const DEFAULT_LOCALE_SETTINGS: LocaleSettings = { locale: 'en-US', currency: 'USD' };
export const localeContext = createContext<LocaleSettings>(Symbol.for('cosell.locale'));

/** "Now" for every rule of the nearest provider (acceptance windows, ageing, the revenue-share "as of"). */
export const clockContext = createContext<Clock>(Symbol.for('cosell.clock'));

/**
 * The nearest provider's change feed: widgets under one provider hear each other's writes through it
 * (a referral the form saved shows in my referrals), never through `window`. Each event is a
 * `CustomEvent<CrmChange>` of type `change`.
 */
export const changesContext = createContext<EventTarget | undefined>(Symbol.for('cosell.changes'));

/**
 * The nearest provider's partner directory: what its widgets read about partners, read once and
 * shared (a partner card and a referral form showing the same partner load it once).
 */
export const partnerDirectoryContext = createContext<PartnerDirectory | undefined>(Symbol.for('cosell.partner-directory'));

/** The referrals the nearest provider's outbox keeps (made while the CRM could not be reached), and how to cancel one. */
export interface OutboxView {
  readonly referrals: readonly OutboxReferral[];
  cancel(externalId: string): Promise<CancelOutcome>;
}
export const outboxContext = createContext<OutboxView | undefined>(Symbol.for('cosell.outbox'));
