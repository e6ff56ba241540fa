// The shared contract suite under node:test: proves it runs outside the browser (as the Salesforce
// adapter's does) and that MemoryAdapter works in Node, where IndexedDB is absent.
import { describe, it } from 'node:test';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { runCrmAdapterContract } from '../contract/crm-adapter-contract.js';

runCrmAdapterContract('MemoryAdapter (Node)', (seed) => new MemoryAdapter(seed), { describe, it });
