// The shared CrmAdapter contract, unchanged, against SalesforceAdapter → jsforce → HTTP → a fake
// org on a loopback server (multi-currency, as the seed has USD and EUR agreements).
import { after, describe, it } from 'node:test';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { startFakeSalesforce, type FakeServer } from '../fixtures/salesforce/server.js';
import { translateIds } from '../fixtures/salesforce/id-translation.js';

const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

runCrmAdapterContract(
  'SalesforceAdapter (loopback fake org)',
  async (seed) => {
    const org = new FakeSalesforceOrg({ multiCurrency: true });
    const server = await startFakeSalesforce(org);
    servers.push(server);
    org.instanceUrl = server.url;
    const seeded = seedOrg(org, seed);
    const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: server.url, accessToken: seeded.token }), retry: { baseDelayMs: 5 } });
    return translateIds(adapter, seeded.ids);
  },
  { describe, it },
);
