/**
 * `cosell/rest`: `RestAdapter`, the CrmAdapter for any CRM behind the gateway's HTTP contract
 * (`npx cosell-gateway`), and the contract itself. No jsforce, no Node: safe in any widget's graph.
 * @module
 */
export { RestAdapter, crmErrorFromProblem, parseRetryAfter, type RestAdapterOptions } from './rest-adapter.js';
export {
  API_PREFIX, CSRF_HEADER, PROBLEM_CONTENT_TYPE, PROBLEM_STATUS, ProblemSchema, SessionSchema,
  problemType, kindOfProblemType, kindOfStatus, type Problem, type Session,
} from './contract.js';
