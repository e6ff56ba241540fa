// The shared CrmAdapter contract through RestAdapter, over real HTTP: each test gets its own gateway
// on a loopback port, serving a fresh embedded copy of the contract seed, and its own cookie jar.
import { after, describe, it } from 'node:test';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { browserFetch, startGateway, type RunningGateway } from './support/gateway.js';

const running: RunningGateway[] = [];
after(() => Promise.all(running.map((gateway) => gateway.close())));

runCrmAdapterContract(
  'RestAdapter against the gateway (embedded backend, Node)',
  async (seed) => {
    const gateway = await startGateway(seed);
    running.push(gateway);
    return new RestAdapter({ baseUrl: gateway.url, fetch: browserFetch() });
  },
  { describe, it },
);
