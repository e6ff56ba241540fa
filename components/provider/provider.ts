import { html, css, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task } from '@lit/task';
import type { CrmAdapter, CrmChange } from '../../src/adapters/adapter.js';
import { ReferralSubmittedEvent } from '../../src/events.js';
import { adapterContext, changesContext, clockContext, localeContext, outboxContext, partnerDirectoryContext, userContext, type LocaleSettings, type OutboxView } from '../../src/context.js';
import { PartnerDirectory } from '../../src/adapters/partner-directory.js';
import { fixedClock, systemClock, type Clock } from '../../src/domain/clock.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { CosellBase } from '../base/cosell-element.js';
import { LiveChanges } from '../base/live-changes.js';
import { directionOf, overrideMessages, PSEUDO_LOCALE, setLanguage, type MessageOverrides } from '../base/localize.js';
import { themes } from '../base/themes.js';
import { ProviderOutbox } from './outbox.js';
import { tokens } from '../base/tokens.js';

/**
 * @summary Holds the CRM adapter, the current user, the locale, the currency and the clock, and provides them
 * to every cosell-* element inside it.
 *
 * Its `locale` also chooses the widgets' language (README "Languages"): `de-AT` shows German, `ar`
 * Arabic right to left; a locale without a translation shows English. The provider sets `lang` and,
 * for a right-to-left language, `dir="rtl"` on itself unless the host set them.
 *
 * Its `theme` and `density` set the global `--cosell-*` tokens (docs/tokens.md) on itself; custom
 * properties inherit into each widget's shadow root.
 *
 * @slot - The widgets (and any other markup) that use this provider's services.
 *
 * @fires cosell-error - When the current user cannot be loaded; detail is the CrmError.
 *
 * @cssproperty --cosell-font-family - Font of every widget inside.
 * @cssproperty --cosell-color-brand - Brand colour (buttons, links, focus).
 */
export class CosellProvider extends CosellBase {
  static override styles = [
    tokens,
    themes,
    // The provider has no box (display: contents) and paints nothing: it only sets the tokens. The
    // host's own markup inside it keeps the host page's colour and font, not the theme's.
    css`
      :host {
        display: contents;
        color: inherit;
        font: inherit;
        background: none;
      }
    `,
  ];

  /** `light` (default), `dark`, or `auto` to follow the system's prefers-color-scheme. Sets the colour tokens. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /** `comfortable` (default, SLDS spacing) or `compact`: smaller spacing, type and controls. */
  @property({ reflect: true }) density: 'comfortable' | 'compact' = 'comfortable';

  /** The CRM adapter every element inside uses. Swap it and every consumer reloads. */
  @property({ attribute: false })
  get adapter(): CrmAdapter | undefined {
    return this.crm;
  }
  set adapter(adapter: CrmAdapter | undefined) {
    this.crm = adapter;
    this.providedAdapter = this.outboxes.wrap(adapter);
  }
  private crm: CrmAdapter | undefined;

  /**
   * Keep referrals made while the CRM cannot be reached in this browser and send them when it can
   * (README "Offline referrals"): the IndexedDB database to keep them in, `cosell-outbox` when empty.
   */
  @property({ reflect: true })
  get outbox(): string | undefined {
    return this.outboxName;
  }
  set outbox(name: string | undefined) {
    this.outboxName = name ?? undefined;
    this.outboxes.use(this.outboxName);
    this.providedAdapter = this.outboxes.wrap(this.crm);
  }
  private outboxName: string | undefined;

  @provide({ context: outboxContext })
  @state()
  protected outboxView: OutboxView | undefined;

  private readonly outboxes = new ProviderOutbox(this, {
    crm: () => this.crm,
    changes: () => this.changes,
    show: (view) => (this.outboxView = view),
    report: (error) => this.reportError(error),
  });

  /** The adapter the widgets get: `adapter`, inside the outbox when there is one. */
  @provide({ context: adapterContext })
  protected providedAdapter: CrmAdapter | undefined;

  /** The signed-in user, loaded from the adapter (or set directly by a host that knows it). */
  @provide({ context: userContext })
  @state()
  user: User | undefined;

  /**
   * BCP 47 locale for numbers, dates and country names, and the widgets' language, falling back by
   * language tag (`de-AT` → German; unknown → English with one console warning).
   */
  @property({ reflect: true }) locale = 'en-US';

  /**
   * A company's own wording for any message, per language (`en`, `de`, … or `*`), by message id (the
   * ids in xliff/*.xlf), e.g. `{ en: { 'stage.submitted': 'Registered', 'board.total.other': '{0} deal registrations' } }`.
   * Applies to every widget on the page.
   */
  @property({ attribute: false }) messages: MessageOverrides | undefined;

  /** ISO 4217 currency new amounts are entered in. */
  @property({ reflect: true }) currency = 'USD';

  @provide({ context: localeContext })
  @state()
  localeSettings: LocaleSettings = { locale: 'en-US', currency: 'USD' };

  /**
   * A fixed "now" for every widget inside (ISO 8601, e.g. `2026-11-01T09:00:00Z`): all of them then
   * agree on today. Without it, `clock` decides.
   */
  @property({ reflect: true }) now: string | undefined;

  /** The clock every widget inside reads "now" from (default: the real time); `now` overrides it. */
  @property({ attribute: false }) clock: Clock = systemClock;

  /** Writes made by the widgets inside, for the others (see `changesContext`). */
  @provide({ context: changesContext })
  readonly changes: EventTarget = new EventTarget();

  /** Partners the widgets inside have read, shared (see `partnerDirectoryContext`). */
  @provide({ context: partnerDirectoryContext })
  private readonly partnerDirectory = new PartnerDirectory();

  constructor() {
    super();
    // A CRM that says its data was reset is read again.
    new LiveChanges(this, (change) => {
      if (change.type === 'reset') this.partnerDirectory.clear();
    });
    // A widget's write, heard as its event bubbles here, told to every widget under this provider.
    this.addEventListener(ReferralSubmittedEvent.type, (event) => {
      const change: CrmChange = { type: 'referral-created', referral: (event).referral };
      this.changes.dispatchEvent(new CustomEvent<CrmChange>('change', { detail: change }));
    });
  }

  @provide({ context: clockContext })
  @state()
  protected sessionClock: Clock = systemClock;

  private readonly userTask = new Task(this, {
    task: async ([adapter], { signal }) => {
      if (!adapter) return undefined;
      try {
        return await adapter.getCurrentUser({ signal });
      } catch (error) {
        if (signal.aborted) throw error;
        this.reportError(error);
        return undefined;
      }
    },
    args: () => [this.adapter] as const,
    onComplete: (user) => {
      this.user = user;
    },
  });

  private languageLoaded: Promise<unknown> = Promise.resolve();
  /** Whether this provider (not the host) wrote its `lang` / `dir` attribute. */
  private ownLang = false;
  private ownDir = false;

  /** Resolves with the current user once loaded (undefined without an adapter or on failure) and the language shown. */
  get ready(): Promise<User | undefined> {
    return this.languageLoaded.then(() => this.userTask.taskComplete);
  }

  private showLanguage(catalog: string): void {
    let language: string | undefined;
    try {
      language = new Intl.Locale(this.locale).language;
    } catch {
      language = undefined;
    }
    const lang = catalog === PSEUDO_LOCALE || catalog === language ? this.locale : catalog;
    if (!this.hasAttribute('lang') || this.ownLang) {
      this.setAttribute('lang', lang);
      this.ownLang = true;
    }
    if (!this.hasAttribute('dir') || this.ownDir) {
      const rtl = directionOf(catalog) === 'rtl';
      if (rtl) this.setAttribute('dir', 'rtl');
      else if (this.ownDir) this.removeAttribute('dir');
      this.ownDir = rtl;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('messages')) overrideMessages(this.messages ?? {});
    if (changed.has('locale')) {
      const locale = this.locale;
      this.languageLoaded = setLanguage(locale).then(
        (catalog) => {
          if (this.locale === locale) this.showLanguage(catalog);
        },
        (error: unknown) => {
          console.warn(`cosell: the translation for "${locale}" could not be loaded; the widgets keep their language.`, error);
        },
      );
    }
    if (changed.has('locale') || changed.has('currency')) {
      this.localeSettings = { locale: this.locale, currency: this.currency.toUpperCase() };
    }
    if (changed.has('adapter')) this.user = undefined;
    // What one user may read is not what the next may: a different user reads partners again.
    const previousUser = changed.get('user');
    if (previousUser && this.user && previousUser.id !== this.user.id) this.partnerDirectory.clear();
    if (changed.has('now') || changed.has('clock')) this.sessionClock = this.nowClock() ?? this.clock;
  }

  private nowClock(): Clock | undefined {
    if (!this.now) return undefined;
    try {
      return fixedClock(this.now);
    } catch {
      this.reportError(new CrmError('validation', `The provider's now="${this.now}" is not a date (use ISO 8601, e.g. 2026-11-01T09:00:00Z); using the real time.`));
      return undefined;
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
