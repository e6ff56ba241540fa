// Node side of the browser contract test: one real gateway for the whole run, on localhost (so its
// cookies are same-site with the test page), allowing the test page's origin, reset to the seed the
// test asks for before each test.
import type { AddressInfo } from 'node:net';
import type { MemorySeed } from '../../src/adapters/memory-adapter.js';
import { createGateway } from '../../gateway/server.js';
import { embeddedBackend } from '../../gateway/embedded.js';

export interface TestGateway {
  url: string;
  reset(seed: MemorySeed): Promise<void>;
  close(): Promise<void>;
}

export async function startTestGateway(seed: MemorySeed, pageOrigin: string): Promise<TestGateway> {
  const backend = embeddedBackend(seed);
  const app = await createGateway({
    backend,
    cookieSecret: 'a-browser-test-secret-long-enough-0123456789',
    allowedOrigins: [pageOrigin],
    rateLimitPerMinute: false,
  });
  await app.listen({ port: 0, host: 'localhost' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, reset: (next) => backend.reset(next), close: () => app.close() };
}
