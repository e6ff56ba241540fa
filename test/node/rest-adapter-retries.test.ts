// RestAdapter's retries (src/adapters/retry.ts) against a scripted loopback server that counts the
// requests: transient failures are sent again within the action's budget, Retry-After is honoured
// (seconds and an HTTP date), refusals are not retried, and an abort stops the retries.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAdapter } from '../../src/adapters/memory-adapter.js';
import { CrmError } from '../../src/errors.js';
import { RestAdapter } from '../../src/rest/rest-adapter.js';
import type { RetryOptions } from '../../src/adapters/retry.js';
import { contractReferralInput, contractSeed } from '../contract/crm-adapter-contract.js';

/** One scripted answer: a status with a problem document, a dropped connection, or an answer held back. */
type Answer = { status: number; headers?: Record<string, string>; type?: string } | 'drop' | { delayMs: number };

const user = await new MemoryAdapter(structuredClone(contractSeed)).getCurrentUser();

function problem(res: ServerResponse, status: number, headers: Record<string, string> = {}, type = 'about:blank'): void {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers }).end(JSON.stringify({ type, title: 'Scripted', status }));
}

/** A server of its own per test (a request the last test gave up on cannot reach the next one's). */
async function scriptedServer(answers: Answer[]) {
  const script = [...answers];
  const counter = { requests: 0 };
  const server = createServer((req, res) => {
    if (req.url === '/api/v1/session') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user, csrfToken: 'csrf' }));
    counter.requests++;
    const answer = script.shift();
    if (answer === 'drop') return void req.socket.destroy();
    if (answer && 'status' in answer) return problem(res, answer.status, answer.headers, answer.type);
    const ok = (): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ partners: [] }));
    if (answer) setTimeout(ok, answer.delayMs);
    else ok();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, counter };
}
const servers: Server[] = [];
after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** Run `call` on an adapter (with `retry`) against `answers`; requests that reached the server, time taken, the outcome. */
async function run(answers: Answer[], retry: RetryOptions, call: (adapter: RestAdapter) => Promise<unknown>) {
  const { base, counter } = await scriptedServer(answers);
  const adapter = new RestAdapter({ baseUrl: base, liveChanges: false, retry: { baseDelayMs: 10, maxDelayMs: 40, ...retry } });
  const started = Date.now();
  const outcome = await call(adapter).then(
    () => 'ok' as const,
    (error: unknown) => error,
  );
  return { requests: counter.requests, ms: Date.now() - started, outcome, counter };
}

const unavailable: Answer = { status: 503, type: 'urn:cosell:problem:unavailable' };

describe('RestAdapter retries', () => {
  it('sends a read again after a dropped connection, a 500 and a 503, then answers', async () => {
    const { requests, outcome } = await run(['drop', { status: 500 }, unavailable], {}, (a) => a.listPartners());
    assert.equal(outcome, 'ok');
    assert.equal(requests, 4);
  });

  it('stops at the budget, and says in words what happened and what to do', async () => {
    const { requests, ms, outcome } = await run(Array.from({ length: 100 }, () => unavailable), { attempts: 100, baseDelayMs: 50, maxDelayMs: 50, budgetsMs: { read: 400 } }, (a) => a.listPartners(),
    );
    assert.ok(CrmError.is(outcome, 'unavailable'), String(outcome));
    assert.equal(outcome.gaveUp, 'read');
    assert.match(outcome.message, /did not answer in time\. Try again in a minute/);
    assert.ok(ms < 400 + 500, `waited ${ms} ms for a 400 ms budget`);
    assert.ok(requests >= 3 && requests < 100, `${requests} requests`);
  });

  it('stops after the configured attempts', async () => {
    const { requests, outcome } = await run([unavailable, unavailable, unavailable, unavailable], { attempts: 3 }, (a) => a.listPartners());
    assert.ok(CrmError.is(outcome, 'unavailable') && outcome.gaveUp === 'read');
    assert.equal(requests, 3);
  });

  it('honours Retry-After in seconds', async () => {
    const { requests, ms, outcome } = await run([{ status: 503, headers: { 'retry-after': '1' } }], {}, (a) => a.listPartners());
    assert.equal(outcome, 'ok');
    assert.equal(requests, 2);
    assert.ok(ms >= 1000, `retried after ${ms} ms`);
  });

  it('honours Retry-After as an HTTP date, on a 429', async () => {
    const at = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000).toUTCString();
    const { requests, ms, outcome } = await run([{ status: 429, headers: { 'retry-after': at } }], {}, (a) => a.listPartners());
    assert.equal(outcome, 'ok');
    assert.equal(requests, 2);
    assert.ok(ms >= 900, `retried after ${ms} ms`);
  });

  it('a Retry-After longer than the budget left is told at once, with the wait', async () => {
    const { requests, ms, outcome } = await run([{ status: 429, headers: { 'retry-after': '120' } }], { budgetsMs: { read: 2_000 } }, (a) => a.listPartners());
    assert.ok(CrmError.is(outcome, 'rate-limit'), String(outcome));
    assert.equal(outcome.retryAfter, 120);
    assert.equal(outcome.gaveUp, 'read');
    assert.equal(requests, 1);
    assert.ok(ms < 1000);
  });

  it('never sends again after validation (400), permission (403) or conflict (412)', async () => {
    for (const [status, kind] of [[400, 'validation'], [403, 'permission'], [412, 'conflict']] as const) {
      const { requests, outcome } = await run([{ status }], {}, (a) => a.createReferral(contractReferralInput()));
      assert.ok(CrmError.is(outcome, kind), `${status}: ${String(outcome)}`);
      assert.equal(requests, 1, `${status} is not retried`);
    }
  });

  it('an answer held past the timeout is a timeout, sent again', async () => {
    const { requests, outcome } = await run([{ delayMs: 500 }], { timeoutMs: 100 }, (a) => a.listPartners());
    assert.equal(outcome, 'ok');
    assert.equal(requests, 2);
  });

  it('an abort stops the retries and rejects with the AbortError', async () => {
    const controller = new AbortController();
    const { requests, ms, outcome, counter } = await run(Array.from({ length: 100 }, () => unavailable), { attempts: 100, baseDelayMs: 40, maxDelayMs: 40 }, (a) => {
      setTimeout(() => controller.abort(), 150);
      return a.listPartners({}, { signal: controller.signal });
    });
    assert.equal((outcome as Error).name, 'AbortError');
    assert.ok(ms < 150 + 500, `stopped after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(counter.requests, requests, 'nothing is sent after the abort');
  });
  it('a dropped connection while the device reports it is offline is told at once, not retried', async () => {
    Object.defineProperty(globalThis.navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const { requests, outcome } = await run(['drop', 'drop', 'drop'], { attempts: 5 }, (a) => a.listPartners());
      assert.ok(CrmError.is(outcome, 'network'), String(outcome));
      assert.equal(requests, 1, 'one attempt: the backoff would only keep the person waiting');
    } finally {
      delete (globalThis.navigator as { onLine?: boolean }).onLine;
    }
    const { requests } = await run(['drop', 'drop'], { attempts: 5 }, (a) => a.listPartners());
    assert.equal(requests, 3, 'online again: the dropped connections are sent again');
  });
});
