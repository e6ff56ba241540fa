// Live changes in Chromium: the browser's own EventSource, cross-origin with credentials, against a
// real gateway. A referral created through one RestAdapter reaches another only over the stream.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CrmChange } from '../../src/adapters/adapter.js';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';

describe('RestAdapter live changes (Chromium)', () => {
  it('reports a referral made through another adapter, over Server-Sent Events', async () => {
    const { url } = await executeServerCommand<{ url: string }, unknown>('cosell-gateway', { seed: contractSeed, origin: location.origin });
    const board = new RestAdapter({ baseUrl: url });
    const form = new RestAdapter({ baseUrl: url });
    expect(board.capabilities.liveChanges).to.equal(true);
    let heard!: (change: CrmChange) => void;
    const first = new Promise<CrmChange>((resolve) => (heard = resolve));
    const stop = board.subscribe((change) => heard(change));
    try {
      await board.whenLive();
      const created = await form.createReferral({
        externalId: 'c0ffee00-0000-4000-8000-00000000cc01',
        partnerId: 'p-beta',
        prospect: { company: 'Browser Heard It GmbH', country: 'DE', contactName: 'Kai Buyer', contactEmail: 'kai@example.com' },
        useCase: 'Tickets from voice',
        estimatedArr: { amountMinor: 900_000, currency: 'EUR' },
        consentToContact: true,
        existingCustomer: false,
      });
      const change = await first;
      expect(change.type).to.equal('referral-created');
      expect(change.type === 'referral-created' && change.referral.id).to.equal(created.id);
    } finally {
      stop();
    }
  });
});
