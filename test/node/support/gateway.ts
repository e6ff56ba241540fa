// A real gateway on a loopback port, for tests that talk HTTP to it; and a fetch that keeps cookies
// as a browser would (fetch-cookie over Node's fetch).
import type { AddressInfo } from 'node:net';
import makeFetchCookie from 'fetch-cookie';
import { EventSource } from 'eventsource';
import type { FastifyInstance } from 'fastify';
import type { MemorySeed } from '../../../src/adapters/memory-adapter.js';
import { createGateway, type GatewayOptions } from '../../../gateway/server.js';
import { embeddedBackend, type EmbeddedBackendOptions } from '../../../gateway/embedded.js';
import { RestAdapter, type EventSourceConstructor } from '../../../src/rest/rest-adapter.js';

export const TEST_COOKIE_SECRET = 'a-test-secret-that-is-long-enough-0123456789';

export interface RunningGateway {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startGateway(
  seed: MemorySeed,
  options: Partial<GatewayOptions> & { embedded?: EmbeddedBackendOptions } = {},
): Promise<RunningGateway> {
  const { embedded, ...rest } = options;
  const app = await createGateway({ backend: embeddedBackend(seed, embedded), cookieSecret: TEST_COOKIE_SECRET, rateLimitPerMinute: false, ...rest });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** A fetch with its own cookie jar: one per simulated browser. */
export function browserFetch(): typeof fetch {
  return makeFetchCookie(fetch);
}

/** A RestAdapter as one browser would have it: its own cookies, and an EventSource that sends them. */
export function browserAdapter(url: string, f: typeof fetch = browserFetch()): RestAdapter {
  return new RestAdapter({ baseUrl: url, fetch: f, EventSource: EventSource as unknown as EventSourceConstructor });
}
