/**
 * `cosell/gateway` (Node only): the server that `RestAdapter` talks to, for embedding in your own
 * Node process or tests. `npx cosell-gateway` runs it from environment variables.
 * @module
 */
export { createGateway, SESSION_COOKIE, type GatewayOptions } from './server.js';
export { embeddedBackend, type GatewayBackend, type EmbeddedBackend, type EmbeddedBackendOptions } from './embedded.js';
export { loadConfig, GatewayConfigError, GatewayEnvSchema, type GatewayConfig, type SalesforceGatewayConfig } from './config.js';
export { toProblem, parseRequest, GatewayRefusal } from './problem.js';
export { salesforceBackend, type SalesforceBackend, type SalesforceBackendOptions } from './salesforce.js';
export { TokenVault, MemorySessionStore, RedisSessionStore, parseTokenKey, type SessionStore } from './token-vault.js';
export type { CrmSignIn } from './embedded.js';
