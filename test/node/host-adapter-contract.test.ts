// HostAdapter keeps the CrmAdapter contract when every call crosses a host boundary as an LWC's Apex
// call does: arguments and answers as JSON text, errors as `{ status, body: { message } }` objects
// whose message is the JSON the Apex controller throws. A MemoryAdapter plays the server.
import { describe, it } from 'node:test';
import { HostAdapter, type HostCalls } from '../../src/adapters/host-adapter.js';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { CrmError } from '../../src/errors.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';

/** What Apex would send back: JSON text, or a rejected call with the error as JSON in body.message. */
async function overTheWire(call: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await call());
  } catch (error) {
    const crmError = CrmError.from(error);
    const body = { message: JSON.stringify({ kind: crmError.kind, message: crmError.message, fieldErrors: crmError.fieldErrors, details: crmError.details, retryAfter: crmError.retryAfter }) };
    throw Object.assign(new Error('Apex call failed'), { status: 400, body });
  }
}

/** JSON in, as the LWC sends arguments to Apex. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

function apexLikeHost(server: MemoryAdapter): HostCalls {
  return {
    getCurrentUser: () => overTheWire(() => server.getCurrentUser()),
    getPartner: (id) => overTheWire(() => server.getPartner(wire(id))),
    listPartners: (filter) => overTheWire(() => server.listPartners(wire(filter))),
    searchPartners: (query, filter) => overTheWire(() => server.searchPartners(wire(query), wire(filter))),
    getPartnerStats: (id) => overTheWire(() => server.getPartnerStats(wire(id))),
    createReferral: (input) => overTheWire(() => server.createReferral(wire(input))),
    findDuplicateReferrals: (probe) => overTheWire(() => server.findDuplicateReferrals(wire(probe))),
    getReferral: (id) => overTheWire(() => server.getReferral(wire(id))),
    listReferrals: (request) => overTheWire(() => server.listReferrals(wire(request))),
    moveReferral: (id, move) => overTheWire(() => server.moveReferral(wire(id), wire(move))),
    listAgreements: (partnerId) => overTheWire(() => server.listAgreements(partnerId === undefined ? undefined : wire(partnerId))),
    listStatements: (query) => overTheWire(() => server.listStatements(wire(query))),
  };
}

runCrmAdapterContract('HostAdapter over an Apex-like JSON boundary (Node)', (seed) => new HostAdapter(apexLikeHost(new MemoryAdapter(seed))), { describe, it });
