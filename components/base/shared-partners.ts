import type { ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import type { PartnerSource } from '../../src/adapters/partner-directory.js';
import { partnerDirectoryContext } from '../../src/context.js';

type Host = ReactiveControllerHost & HTMLElement & { adapter: CrmAdapter | undefined };

/**
 * Where an element reads partners from: the nearest provider's partner directory (shared by every
 * widget under that provider, so a partner is loaded once), or the element's adapter itself when
 * there is no provider.
 */
export class SharedPartners {
  private readonly directory: ContextConsumer<typeof partnerDirectoryContext, Host>;

  constructor(private readonly host: Host) {
    this.directory = new ContextConsumer(host, { context: partnerDirectoryContext, subscribe: true });
  }

  /** The partner reads for the element's current adapter (undefined without one). */
  get source(): PartnerSource | undefined {
    const adapter = this.host.adapter;
    if (!adapter) return undefined;
    return this.directory.value?.for(adapter) ?? adapter;
  }
}
