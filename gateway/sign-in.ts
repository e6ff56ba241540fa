/**
 * Sign-in through the CRM (OAuth 2.0 web-server flow with PKCE), for a backend that has one:
 * - `GET /api/v1/auth/login?returnTo=…`: redirects to the CRM's authorization page; the state is
 *   bound to this browser by a signed, HttpOnly cookie, the PKCE verifier kept server-side.
 * - `GET /api/v1/auth/callback?code=…&state=…`: the CRM sends the browser back here; the code is
 *   exchanged server-side, a session cookie is set (naming the grant, never holding a token), and the
 *   browser is sent to `returnTo` (this gateway's own path, or a page on an allowed origin).
 * - `POST /api/v1/auth/logout` (a write: CSRF token required): revokes the tokens at the CRM and ends the session.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from '../src/domain/zod.js';
import { API_PREFIX } from '../src/rest/contract.js';
import type { CrmSignIn } from './embedded.js';
import { GatewayRefusal, parseRequest } from './problem.js';

export const SIGN_IN_STATE_COOKIE = 'cosell_sign_in';
const AUTH_PATH = `${API_PREFIX}/auth`;

export const LoginQuerySchema = z.strictObject({
  /** Where to send the browser once signed in: a path on this gateway, or a URL on an allowed origin (default "/"). */
  returnTo: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
});
export const CallbackQuerySchema = z.object({
  code: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  state: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  error: z.optional(z.string().check(z.maxLength(200))),
  error_description: z.optional(z.string().check(z.maxLength(2000))),
});

export interface SignInRouteOptions {
  signIn: CrmSignIn;
  allowedOrigins: ReadonlySet<string>;
  writeSession(reply: FastifyReply, userId: string, grant: string): Promise<void>;
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/** A place this gateway may send a browser: its own path, or a page on an allowed origin. */
function safeReturnTo(returnTo: string | undefined, request: FastifyRequest, allowed: ReadonlySet<string>): string {
  if (returnTo === undefined) return '/';
  if (returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.startsWith('/\\')) return returnTo;
  let origin: string | undefined;
  try {
    origin = new URL(returnTo).origin;
  } catch {
    origin = undefined;
  }
  if (origin !== undefined && (allowed.has(origin) || origin === `${request.protocol}://${request.host}`)) return returnTo;
  throw new GatewayRefusal('validation', 'return-to', 'returnTo must be a path on this gateway or a page on an allowed origin');
}

export function registerSignInRoutes(api: FastifyInstance, options: SignInRouteOptions): void {
  const { signIn } = options;
  api.get('/auth/login', async (request, reply) => {
    const { returnTo } = parseRequest(LoginQuerySchema, request.query, 'Sign-in');
    const { url, state } = await signIn.begin(safeReturnTo(returnTo, request, options.allowedOrigins));
    void reply.setCookie(SIGN_IN_STATE_COOKIE, state, { path: AUTH_PATH, httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true, maxAge: 600 });
    return reply.redirect(url, 302);
  });

  api.get('/auth/callback', async (request, reply) => {
    const query = parseRequest(CallbackQuerySchema, request.query, 'Sign-in callback');
    const raw = request.cookies[SIGN_IN_STATE_COOKIE];
    const cookie = raw ? request.unsignCookie(raw) : undefined;
    void reply.clearCookie(SIGN_IN_STATE_COOKIE, { path: AUTH_PATH });
    if (query.error) throw new GatewayRefusal('auth', 'sign-in-refused', `The CRM refused the sign-in: ${query.error_description ?? query.error}`);
    // The state must be the one this browser was sent off with (no sign-in forced on it by another site).
    if (!query.code || !query.state || !cookie?.valid || cookie.value !== query.state) {
      throw new GatewayRefusal('auth', 'sign-in-state', 'This sign-in was not started in this browser, or has expired. Sign in again.');
    }
    const { userId, grant, returnTo } = await signIn.complete(query.state, query.code);
    await options.writeSession(reply, userId, grant);
    request.log.info({ userId }, 'signed in');
    return reply.redirect(returnTo, 302);
  });

  api.post('/auth/logout', async (request, reply) => {
    await options.endSession(request, reply);
    return reply.code(204).send();
  });
}
