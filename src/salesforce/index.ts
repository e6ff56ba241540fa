/**
 * `cosell/salesforce`: the Salesforce adapter. The only entry point that loads jsforce.
 * @module
 */
export { SalesforceAdapter, type SalesforceAdapterOptions } from './adapter.js';
export {
  connectWithToken, connectWithTokenProvider, beginAuthorization, authorizationUrl, completeAuthorization, createPkcePair, tokenProviderOf,
  DEFAULT_API_VERSION, type TokenConnectionOptions, type TokenProviderConnectionOptions, type OAuthOptions,
} from './connection.js';
export { DEFAULT_MAPPING, SalesforceMappingSchema, parseMapping, fieldNeeds, type SalesforceMapping, type SalesforceMappingInput } from './mapping.js';
export type { ApiUsage, AccessTokenProvider } from './client.js';
export type { RetryOptions, RetryAction } from '../adapters/retry.js';
export { toCrmError, VERSION_CONFLICT_MARKER } from './errors.js';
export * as soql from './soql.js';
