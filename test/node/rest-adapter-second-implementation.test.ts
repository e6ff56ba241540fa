// The contract, not the gateway: the shared suite through RestAdapter against a second, tiny
// implementation of docs/openapi.json (plain node:http over a MemoryAdapter, no gateway code).
import { after, describe, it } from 'node:test';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { browserFetch } from './support/gateway.js';
import { startTinyContractServer } from './support/tiny-contract-server.js';

const running: { close(): Promise<void> }[] = [];
after(() => Promise.all(running.map((server) => server.close())));

runCrmAdapterContract(
  'RestAdapter against a second implementation of the contract (node:http, Node)',
  async (seed) => {
    const server = await startTinyContractServer(seed);
    running.push(server);
    // This implementation has no /changes stream.
    return new RestAdapter({ baseUrl: server.url, fetch: browserFetch(), liveChanges: false });
  },
  { describe, it },
);
