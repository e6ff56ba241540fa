// The shared CrmAdapter contract through RestAdapter, over real HTTP: each test gets its own gateway
// on a loopback port, serving a fresh embedded copy of the contract seed, and its own cookie jar.
import { after, describe, it } from 'node:test';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { browserAdapter, startGateway, type RunningGateway } from './support/gateway.js';

const running: RunningGateway[] = [];
after(() => Promise.all(running.map((gateway) => gateway.close())));

runCrmAdapterContract(
  'RestAdapter against the gateway (embedded backend, Node)',
  async (seed) => {
    const gateway = await startGateway(seed);
    running.push(gateway);
    return browserAdapter(gateway.url);
  },
  { describe, it },
);
