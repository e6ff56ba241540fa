// A loopback HTTP proxy in front of a real server (the gateway) that fails requests the way networks
// and CRMs do, at the HTTP layer: the client under test talks to the proxy and cannot tell it from
// the server. A fault is armed for the next request that matches; every other request passes through.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = {
  /** The connection drops before the server sees the request. */
  'drop before the CRM': { forward: false },
  /** The server commits, then the connection drops before the answer arrives. */
  'drop after commit': { forward: true },
  /** 500 with a problem document, the server never saw the request. */
  '500 before the CRM': { forward: false },
  /** 503 with Retry-After: 0, the server never saw the request. */
  '503 Retry-After': { forward: false },
  /** 503 with no Retry-After. */
  '503 no Retry-After': { forward: false },
  /** 401: the session or token expired before the CRM saw the request. */
  '401 before the CRM': { forward: false },
  /** 403 REQUEST_LIMIT_EXCEEDED: Salesforce's API limit for the org, the CRM never saw the request. */
  '403 REQUEST_LIMIT_EXCEEDED': { forward: false },
  /** 412: a precondition failed in front of the CRM. */
  '412 before the CRM': { forward: false },
  /** The server commits; the answer's JSON is cut in half. */
  'truncated JSON after commit': { forward: true },
  /** The server commits; a proxy in between answers 200 with an HTML error page. */
  'HTML 200 after commit': { forward: true },
  /** 401 INVALID_SESSION_ID; the client holds a refresh token (or a session cookie still good) and is let in after renewing. */
  '401, accepted after refresh': { forward: false },
  /** The server commits; the answer is held back past the client's timeout (`DELAY_MS`), then sent. */
  'answer delayed past the timeout': { forward: true },
  /** The proxy stops listening for `OFFLINE_MS` (connections refused), then is back. */
  'offline, then back': { forward: false },
} as const;

/** How long 'answer delayed past the timeout' holds an answer back. */
export const DELAY_MS = 1_000;
/** How long 'offline, then back' refuses connections. */
export const OFFLINE_MS = 400;
export type Fault = keyof typeof FAULTS;

interface Armed {
  fault: Fault;
  matches: (method: string, path: string) => boolean;
}

export interface FaultProxy {
  url: string;
  /** Fail the next request that matches. */
  arm(fault: Fault, matches: (method: string, path: string) => boolean): void;
  /** Requests the proxy failed so far. */
  readonly fired: number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let armed: Armed | undefined;
  let fired = 0;
  const forward = async (request: IncomingMessage, body: Buffer) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      // Hop-by-hop headers are the proxy's own; fetch sets framing itself.
      if (value === undefined || ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'expect', 'upgrade'].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await fetch(`${upstream}${request.url ?? '/'}`, {
      method: request.method,
      headers,
      ...(body.length ? { body: new Uint8Array(body) } : {}),
      redirect: 'manual',
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const pass = (res: ServerResponse, answer: Awaited<ReturnType<typeof forward>>) => {
    const headers: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (name === 'content-length' || name === 'content-encoding' || name === 'transfer-encoding' || name === 'connection') return;
      if (name === 'set-cookie') return;
      headers[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    res.writeHead(answer.status, headers).end(answer.body);
  };
  const problem = (res: ServerResponse, status: number, extra: Record<string, string> = {}) =>
    res
      .writeHead(status, { 'content-type': 'application/problem+json', ...extra })
      .end(JSON.stringify({ type: status === 503 ? 'urn:cosell:problem:unavailable' : 'about:blank', title: 'Injected', status }));

  let port = 0;
  let offline: ReturnType<typeof setTimeout> | undefined;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const hit = armed?.matches(req.method ?? 'GET', path) ? armed : undefined;
      if (!hit) return pass(res, await forward(req, body));
      armed = undefined;
      fired++;
      const answer = FAULTS[hit.fault].forward ? await forward(req, body) : undefined;
      switch (hit.fault) {
        case 'drop before the CRM':
        case 'drop after commit':
          req.socket.destroy();
          return;
        case '500 before the CRM':
          return problem(res, 500);
        case '503 Retry-After':
          return problem(res, 503, { 'retry-after': '0' });
        case '503 no Retry-After':
          return problem(res, 503);
        case 'offline, then back':
          // Stop listening (new connections are refused), drop what is open, and come back later.
          req.socket.destroy();
          server.close();
          server.closeAllConnections();
          offline = setTimeout(() => {
            offline = undefined;
            server.listen(port, '127.0.0.1');
          }, OFFLINE_MS);
          return;
        case 'answer delayed past the timeout':
          await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
          if (!res.destroyed) pass(res, answer!);
          return;
        case '401 before the CRM':
        case '401, accepted after refresh':
          return res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]));
        case '403 REQUEST_LIMIT_EXCEEDED':
          return res
            .writeHead(403, { 'content-type': 'application/json' })
            .end(JSON.stringify([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]));
        case '412 before the CRM':
          return problem(res, 412);
        case 'truncated JSON after commit':
          return res.writeHead(answer!.status, { 'content-type': 'application/json' }).end(answer!.body.subarray(0, Math.floor(answer!.body.length / 2)));
        case 'HTML 200 after commit':
          return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Bad gateway</title><h1>Something went wrong</h1>');
      }
    })().catch((error: unknown) => {
      if (process.env.FAULT_PROXY_DEBUG) console.error("fault proxy:", error);
      req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    arm(fault, matches) {
      armed = { fault, matches };
    },
    get fired() {
      return fired;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(offline);
        server.closeAllConnections();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
