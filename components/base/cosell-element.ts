import { adoptStyles, LitElement } from 'lit';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { adapterContext, changesContext, clockContext, DEFAULT_LOCALE_SETTINGS, localeContext, userContext, type LocaleSettings } from '../../src/context.js';
import { systemClock, type Clock } from '../../src/domain/clock.js';
import type { User } from '../../src/domain/user.js';
import { CrmError } from '../../src/errors.js';
import { CosellErrorEvent } from '../../src/events.js';
import { cosellConfig } from './config.js';

/** Shadow root mode from `configureCosell` and error reporting: what the provider and the widgets share. */
export class CosellBase extends LitElement {
  /** Honours `configureCosell({ shadowMode })`, read when each element is created. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const ctor = this.constructor as typeof LitElement;
    const root = this.attachShadow({ ...ctor.shadowRootOptions, mode: cosellConfig().shadowMode });
    adoptStyles(root, ctor.elementStyles);
    return root;
  }

  /** Tell the host: fires `cosell-error` with the CrmError. Returns it for rendering. */
  protected reportError(error: unknown): CrmError {
    const crmError = CrmError.from(error);
    this.dispatchEvent(new CosellErrorEvent(crmError));
    return crmError;
  }
}

/**
 * The one base class of every cosell-* widget: the services of the nearest <cosell-provider>
 * (adapter, user, locale, clock) on public fields that a host may also set directly. No mixins.
 */
export class CosellElement extends CosellBase {
  constructor() {
    super();
    // Every message comes from msg(): render again when the page's language changes (or its overrides do).
    updateWhenLocaleChanges(this);
  }

  /** The adapter from the nearest provider; set it directly to use an element without one. */
  @consume({ context: adapterContext, subscribe: true })
  @property({ attribute: false })
  adapter: CrmAdapter | undefined;

  /** The signed-in user from the provider. */
  @consume({ context: userContext, subscribe: true })
  @property({ attribute: false })
  user: User | undefined;

  /** Locale and currency from the provider (en-US, USD without one). */
  @consume({ context: localeContext, subscribe: true })
  @property({ attribute: false })
  localeSettings: LocaleSettings = DEFAULT_LOCALE_SETTINGS;

  /** "Now" for every date rule, from the provider (the real time without one). */
  @consume({ context: clockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock = systemClock;

  /** The provider's change feed (see `LiveChanges`); undefined without a provider. */
  @consume({ context: changesContext, subscribe: true })
  @property({ attribute: false })
  changes: EventTarget | undefined;
}
