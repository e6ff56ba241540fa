// The OpenAPI 3.1 document is generated from the domain's zod schemas; the committed copy, the one
// the gateway serves and the gateway's routes must all agree with it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { documentedRoutes, openApiDocument } from '../../gateway/openapi.js';
import { openApiText } from '../../scripts/openapi.js';
import { contractSeed } from '../contract/crm-adapter-contract.js';
import { startGateway, type RunningGateway } from './support/gateway.js';
import { startSalesforceGateway } from './support/salesforce-gateway.js';

describe('the OpenAPI document', () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway(contractSeed);
  });
  after(() => gateway.close());

  it('is committed as docs/openapi.json, as `npm run docs:openapi` generates it', () => {
    assert.equal(readFileSync('docs/openapi.json', 'utf8'), openApiText(), 'run `npm run docs:openapi`');
  });

  it('names exactly the routes the gateway serves', () => {
    assert.deepEqual([...gateway.app.contractRoutes].sort(), documentedRoutes(openApiDocument(), { crmSignIn: false }));
  });

  it('names exactly the routes a gateway with CRM sign-in (Salesforce) serves', async () => {
    const salesforce = await startSalesforceGateway({});
    try {
      assert.deepEqual([...salesforce.app.contractRoutes].sort(), documentedRoutes());
      assert.ok(salesforce.app.contractRoutes.includes('GET /api/v1/auth/login'));
    } finally {
      await salesforce.close();
    }
  });

  it('is served at /api/v1/openapi.json without a session', async () => {
    const response = await fetch(`${gateway.url}/api/v1/openapi.json`);
    assert.equal(response.status, 200);
    const served = (await response.json()) as { openapi: string };
    assert.equal(served.openapi, '3.1.0');
    assert.deepEqual(served, JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('describes the domain records from their schemas, and problems for every operation', () => {
    const document = openApiDocument();
    const referral = document.components?.schemas?.Referral as { required?: string[]; properties?: Record<string, unknown> };
    assert.ok(referral.required?.includes('externalId'));
    assert.ok(referral.properties?.version);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, unknown> }>)) {
        if (path === '/openapi.json') continue;
        assert.ok(operation.responses?.default, `${method} ${path} documents its problem documents`);
      }
    }
  });
});
