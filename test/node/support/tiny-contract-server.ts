// A second, tiny implementation of the HTTP contract (docs/openapi.json), written without the
// gateway: plain node:http over a MemoryAdapter, with a plain cookie and a fixed CSRF token per
// session. What a team with another CRM would write; RestAdapter must work against it unchanged.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { MemoryAdapter, type MemorySeed } from '../../../src/adapters/memory-adapter.js';
import { CrmError } from '../../../src/errors.js';
import { API_PREFIX, fromQuery, PROBLEM_STATUS } from '../../../src/rest/contract.js';
import { problem, routes } from '../../fixtures/rest-routes.js';

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? JSON.parse(text) : undefined;
}

export async function startTinyContractServer(seed: MemorySeed): Promise<{ url: string; close(): Promise<void> }> {
  const crm = new MemoryAdapter(seed);
  const csrfBySession = new Map<string, string>();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://tiny');
      const path = url.pathname.slice(API_PREFIX.length);
      let session = /tiny_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
      try {
        if (!url.pathname.startsWith(API_PREFIX)) throw new CrmError('not-found');
        if (req.method === 'GET' && path === '/session') {
          if (!session || !csrfBySession.has(session)) {
            session = randomUUID();
            csrfBySession.set(session, randomUUID());
            res.setHeader('set-cookie', `tiny_session=${session}; HttpOnly; SameSite=Lax; Path=/`);
          }
          return send(res, 200, { user: await crm.getCurrentUser(), csrfToken: csrfBySession.get(session) });
        }
        if (!session || !csrfBySession.has(session)) throw new CrmError('auth');
        if (req.method !== 'GET' && req.headers['x-csrf-token'] !== csrfBySession.get(session)) throw new CrmError('permission', 'CSRF token missing');
        for (const [method, pattern, handler] of routes) {
          const match = req.method === method ? pattern.exec(path) : null;
          if (!match) continue;
          const query = fromQuery(Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)])));
          const result = await handler(crm, match.slice(1).map(decodeURIComponent), query, await readBody(req));
          return send(res, method === 'POST' && path === '/referrals' ? 201 : 200, result);
        }
        throw new CrmError('not-found', `No route ${req.method} ${path}`);
      } catch (error) {
        const crmError = CrmError.from(error);
        send(res, PROBLEM_STATUS[crmError.kind], problem(crmError), 'application/problem+json');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
