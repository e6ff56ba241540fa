// The shared CrmAdapter contract, unchanged, against SalesforceAdapter → jsforce → HTTP → a fake
// org on a loopback server (multi-currency, as the seed has USD and EUR agreements) that enforces the
// permission sets and sharing shipped in salesforce/force-app. It runs once per role, each user with
// the permission set of that role: what a role may not do fails as the org fails it.
import { after, describe, it } from 'node:test';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { SalesforceAdapter, connectWithToken } from '../../src/salesforce/index.js';
import { ROLES } from '../../src/domain/user.js';
import { FakeSalesforceOrg } from '../fixtures/salesforce/fake-org.js';
import { loadOrgAccess } from '../fixtures/salesforce/org-access-files.js';
import { seedOrg } from '../fixtures/salesforce/seed.js';
import { startFakeSalesforce, type FakeServer } from '../fixtures/salesforce/server.js';
import { translateIds } from '../fixtures/salesforce/id-translation.js';

const servers: FakeServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
const access = loadOrgAccess();

for (const role of ROLES) {
  runCrmAdapterContract(
    'SalesforceAdapter (loopback fake org)',
    async (seed) => {
      const org = new FakeSalesforceOrg({ multiCurrency: true, access });
      const server = await startFakeSalesforce(org);
      servers.push(server);
      org.instanceUrl = server.url;
      const seeded = seedOrg(org, seed);
      const adapter = new SalesforceAdapter({ connection: connectWithToken({ instanceUrl: server.url, accessToken: seeded.token }), retry: { baseDelayMs: 5 } });
      return translateIds(adapter, seeded.ids);
    },
    { describe, it },
    { role },
  );
}
