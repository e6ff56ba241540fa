// The shared CrmAdapter contract through RestAdapter in Chromium, against a real gateway (started by
// the wtr plugin in test/rest/gateway-plugin.mjs): cross-origin fetch with credentials, CORS
// preflights, the browser's own cookie store, and the CSRF header on writes.
import { executeServerCommand } from '@web/test-runner-commands';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';

runCrmAdapterContract('RestAdapter against the gateway (embedded backend, Chromium)', async (seed) => {
  const { url } = await executeServerCommand<{ url: string }, unknown>('cosell-gateway', { seed, origin: location.origin });
  return new RestAdapter({ baseUrl: url });
});
