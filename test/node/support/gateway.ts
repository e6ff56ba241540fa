// A real gateway on a loopback port, for tests that talk HTTP to it; and a fetch that keeps cookies
// as a browser would (fetch-cookie over Node's fetch).
import type { AddressInfo } from 'node:net';
import makeFetchCookie from 'fetch-cookie';
import { EventSource } from 'eventsource';
import type { FastifyInstance } from 'fastify';
import type { MemorySeed } from '../../../src/adapters/memory-adapter.js';
import type { CrmChange } from '../../../src/adapters/adapter.js';
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
  const app = await createGateway({ cookieSecret: TEST_COOKIE_SECRET, rateLimitPerMinute: false, ...rest, backend: rest.backend ?? embeddedBackend(seed, embedded) });
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

/** Read an SSE response until `until` holds for the events so far; answers them (id, event, data). */
export async function readEvents(response: Response, until: (events: { id?: string; event?: string; data: string }[]) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id?: string; event?: string; data: string }[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: { id?: string; event?: string; data: string } = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':');
        const text = rest.join(':').replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.event = text;
        else if (field === 'data') event.data += text;
      }
      if (event.event) events.push(event);
    }
  }
  await reader.cancel();
  return events;
}

/**
 * Listen to an adapter's live changes: every change seen, and a promise of the first one that `until`
 * accepts. Call `stop()` when done.
 */
export function listenUntil(adapter: RestAdapter, until: (change: CrmChange) => boolean): { seen: CrmChange[]; heard: Promise<CrmChange>; stop: () => void } {
  const seen: CrmChange[] = [];
  let arrived!: (change: CrmChange) => void;
  const heard = new Promise<CrmChange>((resolve) => (arrived = resolve));
  const stop = adapter.subscribe((change) => {
    seen.push(change);
    if (until(change)) arrived(change);
  });
  return { seen, heard, stop };
}

/** A referral a test submits (to `p-alpha` unless told): one per externalId. */
export const referralInput = (externalId: string, company: string, partnerId = 'p-alpha') => ({
  externalId,
  partnerId,
  prospect: { company, country: 'US', contactName: 'Jo Buyer', contactEmail: 'jo@example.com' },
  useCase: 'Screen pop',
  estimatedArr: { amountMinor: 1_000_000, currency: 'USD' },
  consentToContact: true as const,
  existingCustomer: false,
});
