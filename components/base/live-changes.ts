import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CrmAdapter, CrmChange } from '../../src/adapters/adapter.js';

interface LiveHost extends ReactiveControllerHost {
  adapter: CrmAdapter | undefined;
  changes: EventTarget | undefined;
}

/**
 * The one way an element follows changes: the adapter's live changes (when it has them) and the
 * provider's change feed (writes by the other widgets under the same provider). Subscribes while the
 * host is connected, follows a new adapter or provider, and unsubscribes on disconnect.
 */
export class LiveChanges implements ReactiveController {
  private readonly host: LiveHost;
  private readonly onChange: (change: CrmChange) => void;
  private adapter: CrmAdapter | undefined;
  private feed: EventTarget | undefined;
  private offAdapter: (() => void) | undefined;
  private connected = false;
  private readonly onFeed = (event: Event): void => this.onChange((event as CustomEvent<CrmChange>).detail);

  constructor(host: LiveHost, onChange: (change: CrmChange) => void) {
    this.host = host;
    this.onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.offAdapter?.();
    this.offAdapter = undefined;
    this.adapter = undefined;
    this.feed?.removeEventListener('change', this.onFeed);
    this.feed = undefined;
  }

  private follow(): void {
    if (!this.connected) return;
    const { adapter, changes } = this.host;
    if (adapter !== this.adapter) {
      this.offAdapter?.();
      this.offAdapter = undefined;
      this.adapter = adapter;
      if (adapter?.capabilities.liveChanges && adapter.subscribe) {
        const off: unknown = adapter.subscribe(this.onChange);
        if (typeof off === 'function') this.offAdapter = off as () => void;
      }
    }
    if (changes !== this.feed) {
      this.feed?.removeEventListener('change', this.onFeed);
      this.feed = changes;
      changes?.addEventListener('change', this.onFeed);
    }
  }
}
