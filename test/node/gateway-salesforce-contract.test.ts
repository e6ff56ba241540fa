// The shared CrmAdapter contract through RestAdapter, over real HTTP, against the gateway with the
// Salesforce backend in front of the fake org (the shipped permission sets and sharing enforced).
// Each test signs its user in through the real OAuth redirects with its own cookie jar. The seed's
// readable ids are translated to the org's at the browser's edge (id-translation.ts): everything
// between the RestAdapter and the org is the real gateway, SalesforceAdapter and HTTP.
import { after, describe, it } from 'node:test';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';
import { translateIds } from '../fixtures/salesforce/id-translation.js';
import { recordingBrowser, salesforceRestAdapter, signInThroughOrg, startSalesforceGateway, type SalesforceGateway } from './support/salesforce-gateway.js';

const running: SalesforceGateway[] = [];
after(() => Promise.all(running.map((gateway) => gateway.close())));

// A partner manager (sees every referral) and a seller (Private sharing: only his own).
for (const role of ['partner-manager', 'seller'] as const) {
  runCrmAdapterContract(
    'RestAdapter against the gateway (Salesforce backend, fake org, Node)',
    async (seed) => {
      const gateway = await startSalesforceGateway(seed);
      running.push(gateway);
      const browser = recordingBrowser();
      // seedOrg's username for a user without an email.
      await signInThroughOrg(gateway, browser.fetch, seed.currentUser.email ?? 'user@example.com');
      return translateIds(salesforceRestAdapter(gateway, browser.fetch), gateway.seeded.ids);
    },
    { describe, it },
    { role },
  );
}
