// Partners are read once per user while fresh: a page of widgets asking the gateway for partners
// costs the CRM one call, the same read in flight is shared, users never share a cached answer, and
// a failed read is not kept.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CrmAdapter } from '../../src/adapters/adapter.js';
import { embeddedBackend } from '../../gateway/embedded.js';
import type { GatewayBackend } from '../../gateway/embedded.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { browserAdapter, startGateway, type RunningGateway } from './support/gateway.js';

/** The embedded backend, counting the partner reads that reach it. */
function countingBackend(): { backend: GatewayBackend; reads: string[] } {
  const inner = embeddedBackend(structuredClone(contractSeed));
  const reads: string[] = [];
  const backend: GatewayBackend = Object.create(inner) as GatewayBackend;
  backend.adapterFor = (userId: string): CrmAdapter => {
    const adapter = inner.adapterFor(userId);
    return new Proxy(adapter, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'listPartners' || key === 'getPartner' || key === 'searchPartners') reads.push(`${userId} ${key}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
  return { backend, reads };
}

const running: RunningGateway[] = [];
after(() => Promise.all(running.map((g) => g.close())));

describe('gateway: partners cached per user', () => {
  it('answers repeated and concurrent partner reads with one call to the CRM', async () => {
    const { backend, reads } = countingBackend();
    const gateway = await startGateway(contractSeed, { backend });
    running.push(gateway);
    const browser = browserAdapter(gateway.url);
    const [a, b] = await Promise.all([browser.listPartners(), browser.listPartners()]);
    const c = await browser.listPartners();
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal(reads.filter((r) => r.endsWith('listPartners')).length, 1);
    await browser.listPartners({ market: 'DE' });
    assert.equal(reads.filter((r) => r.endsWith('listPartners')).length, 2, 'another filter is another read');
  });

  it('a failed read is not kept, and partnerCacheSeconds: 0 turns the cache off', async () => {
    const { backend, reads } = countingBackend();
    const gateway = await startGateway(contractSeed, { backend, partnerCacheSeconds: 0 });
    running.push(gateway);
    const browser = browserAdapter(gateway.url);
    await assert.rejects(browser.getPartner('p-nobody'), (error: Error & { kind?: string }) => error.kind === 'not-found');
    await assert.rejects(browser.getPartner('p-nobody'), (error: Error & { kind?: string }) => error.kind === 'not-found');
    await browser.listPartners();
    await browser.listPartners();
    assert.equal(reads.length, 4);
  });

  it('a not-found is not cached either with the cache on', async () => {
    const { backend, reads } = countingBackend();
    const gateway = await startGateway(contractSeed, { backend });
    running.push(gateway);
    const browser = browserAdapter(gateway.url);
    await assert.rejects(browser.getPartner('p-nobody'));
    await assert.rejects(browser.getPartner('p-nobody'));
    assert.equal(reads.length, 2);
  });
});
