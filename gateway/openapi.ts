import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from '../src/domain/zod.js';
import { CallbackQuerySchema, LoginQuerySchema } from './sign-in.js';
import { PartnerSchema } from '../src/domain/partner.js';
import { ReferralSchema } from '../src/domain/referral.js';
import { RevshareAgreementSchema, RevshareStatementSchema } from '../src/domain/revshare.js';
import { UserSchema } from '../src/domain/user.js';
import { CRM_ERROR_KINDS } from '../src/errors.js';
import {
  AgreementListSchema,
  AgreementQuerySchema,
  API_PREFIX,
  CrmChangeSchema,
  BatchMoveBodySchema,
  CSRF_HEADER,
  DuplicateQuerySchema,
  MoveBodySchema,
  MoveResultsSchema,
  PartnerFilterQuerySchema,
  PartnerListSchema,
  PartnerSearchQuerySchema,
  PartnerStatsSchema,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_STATUS,
  ProblemSchema,
  problemType,
  ReferralInputBodySchema,
  ReferralListSchema,
  ReferralPageQuerySchema,
  ReferralPageSchema,
  SESSION_COOKIE,
  SessionSchema,
  SignInBodySchema,
  StatementListSchema,
  StatementQuerySchema,
} from '../src/rest/contract.js';

const json = (schema: z.core.$ZodType) => ({ 'application/json': { schema } });
const ok = (description: string, schema: z.core.$ZodType) => ({ description, content: json(schema) });
const problems = {
  default: {
    description: `An RFC 9457 problem document. Its \`type\` names the CrmError kind: ${CRM_ERROR_KINDS.map((k) => `\`${problemType(k)}\` (${PROBLEM_STATUS[k]})`).join(', ')}.`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  },
};
const idPath = z.object({ id: z.string().check(z.minLength(1)) });
const write = { security: [{ session: [], csrf: [] }] };
/** Marks an operation served only by a backend whose users sign in through the CRM. */
const CRM_SIGN_IN_EXTENSION = 'x-cosell-crm-sign-in';
const CRM_SIGN_IN = { [CRM_SIGN_IN_EXTENSION]: true } as const;

function op(summary: string, operation: Omit<ZodOpenApiOperationObject, 'summary'>): ZodOpenApiOperationObject {
  return { summary, ...operation, responses: { ...operation.responses, ...problems } };
}

/** A sign-in step a browser navigates to (no session yet), answered with a redirect. */
function redirectOp(summary: string, query: typeof LoginQuerySchema | typeof CallbackQuerySchema, to: string): ZodOpenApiOperationObject {
  return op(summary, { ...CRM_SIGN_IN, security: [], requestParams: { query }, responses: { '302': { description: to } } });
}

/** The contract's paths, relative to API_PREFIX. The gateway's routes are checked against these. */
const paths: ZodOpenApiPathsObject = {
  '/session': {
    get: op('The session: its user and the CSRF token for writes (starts a demo session on the embedded backend)', {
      security: [],
      responses: { '200': ok('The session', SessionSchema) },
    }),
    post: op('Demo sign-in as another user of the embedded backend', {
      ...write,
      requestBody: { content: json(SignInBodySchema) },
      responses: { '200': ok('The new session', SessionSchema) },
    }),
    delete: op('Sign out', { ...write, responses: { '204': { description: 'Signed out' } } }),
  },
  // Served only by a backend whose users sign in through the CRM (Salesforce): not part of what another implementation must serve.
  '/auth/login': {
    get: redirectOp('Sign in through the CRM: redirects to its authorization page (OAuth 2.0 web-server flow with PKCE)', LoginQuerySchema, "To the CRM's authorization page"),
  },
  '/auth/callback': {
    get: redirectOp('Where the CRM sends the browser back: the code is exchanged server-side, the session cookie set', CallbackQuerySchema, 'Signed in: to returnTo'),
  },
  '/auth/logout': {
    post: op('Sign out: the CRM revokes the tokens, the session ends', { ...CRM_SIGN_IN, ...write, responses: { '204': { description: 'Signed out' } } }),
  },
  '/me': { get: op('The signed-in user', { responses: { '200': ok('The user', UserSchema) } }) },
  '/partners': {
    get: op('Partners, filtered', { requestParams: { query: PartnerFilterQuerySchema }, responses: { '200': ok('Partners by name', PartnerListSchema) } }),
  },
  '/partners/search': {
    get: op('Partners matching a text, best first', { requestParams: { query: PartnerSearchQuerySchema }, responses: { '200': ok('Partners', PartnerListSchema) } }),
  },
  '/partners/{id}': { get: op('One partner', { requestParams: { path: idPath }, responses: { '200': ok('The partner', PartnerSchema) } }) },
  '/partners/{id}/stats': {
    get: op('Open referrals and won ARR of a partner', { requestParams: { path: idPath }, responses: { '200': ok('The stats', PartnerStatsSchema) } }),
  },
  '/referrals': {
    get: op('One page of referrals, newest submitted first (keyset paging with nextCursor)', {
      requestParams: { query: ReferralPageQuerySchema },
      responses: { '200': ok('A page', ReferralPageSchema) },
    }),
    post: op('Submit a referral; idempotent by externalId (the same externalId again answers the first referral)', {
      ...write,
      requestBody: { content: json(ReferralInputBodySchema) },
      responses: { '201': ok('The referral', ReferralSchema) },
    }),
  },
  '/referrals/duplicates': {
    get: op('Referrals of the same company within the look-back window', {
      requestParams: { query: DuplicateQuerySchema },
      responses: { '200': ok('Possible duplicates', ReferralListSchema) },
    }),
  },
  '/referrals/moves': {
    post: op('Move many referrals; each result is the referral or a problem', {
      ...write,
      requestBody: { content: json(BatchMoveBodySchema) },
      responses: { '200': ok('One result per move, in order', MoveResultsSchema) },
    }),
  },
  '/referrals/{id}': { get: op('One referral', { requestParams: { path: idPath }, responses: { '200': ok('The referral', ReferralSchema) } }) },
  '/referrals/{id}/move': {
    post: op('Move a referral to a stage; a conflict (409) when its version is not expectedVersion', {
      ...write,
      requestParams: { path: idPath },
      requestBody: { content: json(MoveBodySchema) },
      responses: { '200': ok('The moved referral', ReferralSchema) },
    }),
  },
  '/changes': {
    get: op('Live changes as Server-Sent Events: each `change` event carries one change as JSON, with an id; reconnect with Last-Event-ID to get what was missed (or a reset); `ready` follows the replay', {
      requestParams: { header: z.object({ 'last-event-id': z.optional(z.string()) }) },
      responses: { '200': { description: 'An event stream that stays open', content: { 'text/event-stream': { schema: CrmChangeSchema } } } },
    }),
  },
  '/agreements': {
    get: op('Revenue-share agreements', { requestParams: { query: AgreementQuerySchema }, responses: { '200': ok('Agreements', AgreementListSchema) } }),
  },
  '/statements': {
    get: op('Revenue-share statements and their lines, for a period range', {
      requestParams: { query: StatementQuerySchema },
      responses: { '200': ok('Statements', StatementListSchema) },
    }),
  },
  '/openapi.json': {
    get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
  },
};

/** The gateway's HTTP contract as an OpenAPI 3.1 document, generated from the domain's zod schemas. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cosell gateway',
      version: API_PREFIX.split('/').pop()!,
      description:
        'The HTTP contract that `RestAdapter` (`cosell/rest`) speaks. Implement it over any CRM and the Cosell widgets work unchanged. ' +
        `Sessions are a cookie; every write carries the \`${CSRF_HEADER}\` header with the token from \`GET ${API_PREFIX}/session\`. ` +
        'Query arrays repeat their key (`stages=submitted&stages=accepted`). Errors are RFC 9457 problem documents.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: API_PREFIX }],
    security: [{ session: [] }],
    paths: Object.fromEntries(Object.entries(paths)),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
      },
      schemas: {
        User: UserSchema,
        Partner: PartnerSchema,
        Referral: ReferralSchema,
        ReferralInput: ReferralInputBodySchema,
        MoveRequest: MoveBodySchema,
        RevshareAgreement: RevshareAgreementSchema,
        RevshareStatement: RevshareStatementSchema,
        CrmChange: CrmChangeSchema,
        Problem: ProblemSchema,
      },
    },
  });
}

/** Every operation of the document as "METHOD /api/v1/path/:param", the way Fastify names routes. */
export function documentedRoutes(document: ReturnType<typeof createDocument> = openApiDocument(), { crmSignIn = true }: { crmSignIn?: boolean } = {}): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    ['get', 'post', 'put', 'patch', 'delete']
      .filter((method) => {
        const operation = (item as Record<string, Record<string, unknown> | undefined>)[method];
        return operation !== undefined && (crmSignIn || operation[CRM_SIGN_IN_EXTENSION] !== true);
      })
      .map((method) => `${method.toUpperCase()} ${API_PREFIX}${path.replace(/\{(\w+)\}/g, ':$1')}`),
  ).sort();
}
