import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CrmAdapter, CrmChange } from '../../src/adapters/adapter.js';
import type { OutboxView } from '../../src/context.js';
import type { Referral } from '../../src/domain/referral.js';
import { DEFAULT_OUTBOX_NAME, ReferralOutbox } from '../../src/outbox/outbox.js';
import { withOutbox } from '../../src/outbox/outbox-adapter.js';

/** What the outbox asks of its provider. */
export interface OutboxHost {
  /** The CRM's own adapter (not wrapped). */
  crm(): CrmAdapter | undefined;
  /** The provider's change feed: a referral the outbox sent is told there. */
  changes(): EventTarget;
  /** A new list of kept referrals, for the context. */
  show(view: OutboxView | undefined): void;
  /** A failure of the outbox itself, reported as the provider reports any. */
  report(error: unknown): void;
}

/** How often a provider tries the outbox again while it keeps referrals (besides the online event). */
export const OUTBOX_RETRY_MS = 30_000;

/**
 * The provider's outbox (README "Offline referrals"): wraps the adapter so a referral made while the
 * CRM cannot be reached is kept, publishes the kept ones, and sends them when the connection may be
 * back: on connect (the next page load), on the browser's `online` event, every `OUTBOX_RETRY_MS`,
 * and when another tab keeps one. The outbox's Web Lock makes one sender at a time across tabs.
 */
export class ProviderOutbox implements ReactiveController {
  private outbox: ReferralOutbox | undefined;
  private connected = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onOnline = (): void => void this.send();
  private readonly onChange = (event: Event): void => {
    void this.refresh();
    if ((event as CustomEvent<string>).detail === 'queued') void this.send();
  };
  private readonly onSent = (event: Event): void => {
    const change: CrmChange = { type: 'referral-created', referral: (event as CustomEvent<Referral>).detail };
    this.host.changes().dispatchEvent(new CustomEvent<CrmChange>('change', { detail: change }));
  };

  private lastCrm: CrmAdapter | undefined;

  constructor(
    element: ReactiveControllerHost,
    private readonly host: OutboxHost,
  ) {
    element.addController(this);
  }

  /** Use the outbox database `name` ('' for the default), or none (undefined). */
  use(name: string | undefined): void {
    const wanted = name === undefined ? undefined : name || DEFAULT_OUTBOX_NAME;
    if (wanted === this.outbox?.name) return;
    this.stop();
    this.outbox = wanted === undefined ? undefined : new ReferralOutbox(wanted);
    if (this.connected) this.start();
    else this.host.show(undefined);
  }

  /** The adapter the widgets get: the CRM's, with the outbox around its creates when there is one. */
  wrap(adapter: CrmAdapter | undefined): CrmAdapter | undefined {
    return adapter && this.outbox ? withOutbox(adapter, this.outbox) : adapter;
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  /** A new adapter may reach the CRM: try it. */
  hostUpdated(): void {
    const crm = this.host.crm();
    if (crm === this.lastCrm) return;
    this.lastCrm = crm;
    void this.send();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Send what the outbox keeps now (the adapter must be the CRM's own). */
  async send(): Promise<void> {
    const outbox = this.outbox;
    const adapter = this.host.crm();
    if (!outbox || !adapter || !this.connected) return;
    try {
      await outbox.send(adapter);
    } catch (error) {
      this.host.report(error);
    }
  }

  private start(): void {
    const outbox = this.outbox;
    if (!outbox || !this.connected) return;
    outbox.open();
    outbox.addEventListener('change', this.onChange);
    outbox.addEventListener('sent', this.onSent);
    globalThis.addEventListener('online', this.onOnline);
    this.timer = setInterval(this.onOnline, OUTBOX_RETRY_MS);
    void this.refresh().then(() => this.send());
  }

  private stop(): void {
    const outbox = this.outbox;
    if (!outbox) return;
    outbox.removeEventListener('change', this.onChange);
    outbox.removeEventListener('sent', this.onSent);
    globalThis.removeEventListener('online', this.onOnline);
    clearInterval(this.timer);
    this.timer = undefined;
    outbox.close();
  }

  private async refresh(): Promise<void> {
    const outbox = this.outbox;
    if (!outbox) return;
    try {
      const referrals = await outbox.list();
      if (outbox === this.outbox && this.connected) this.host.show({ referrals, cancel: (externalId) => outbox.cancel(externalId) });
    } catch (error) {
      this.host.report(error);
    }
  }
}
