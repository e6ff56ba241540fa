// `npx cosell-gateway`: the gateway from environment variables (see gateway/config.ts). With nothing
// configured it serves the embedded demo data on http://127.0.0.1:8787.
import closeWithGrace from 'close-with-grace';
import { loadConfig, GatewayConfigError } from './config.js';
import { embeddedBackend, type GatewayBackend } from './embedded.js';
import { createGateway } from './server.js';
import { createDemoData } from '../src/demo-data.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof GatewayConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const sf = config.salesforce;
  // jsforce is loaded only for the Salesforce backend: the embedded one starts without it.
  const backend: GatewayBackend = sf
    ? (await import('./salesforce.js')).salesforceBackend({
        loginUrl: sf.loginUrl,
        clientId: sf.clientId,
        ...(sf.clientSecret ? { clientSecret: sf.clientSecret } : {}),
        callbackUrl: sf.callbackUrl,
        tokenKey: sf.tokenKey,
        ...(sf.apiVersion ? { apiVersion: sf.apiVersion } : {}),
        grantTtlSeconds: config.sessionTtlSeconds,
      })
    : embeddedBackend(createDemoData({ seed: 1 }), config.demoUserId ? { demoUserId: config.demoUserId } : {});
  const app = await createGateway({
    backend,
    cookieSecret: config.cookieSecret,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    bodyLimit: config.bodyLimit,
    sessionTtlSeconds: config.sessionTtlSeconds,
    partnerCacheSeconds: config.partnerCacheSeconds,
    trustProxy: config.trustProxy,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
  });
  if (config.cookieSecretGenerated) {
    app.log.warn('COSELL_COOKIE_SECRET is not set: using a secret made for this process, so sessions end when it stops');
  }
  // SIGINT/SIGTERM: stop accepting, finish what is in flight (writes included), then exit.
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'stopping after an error');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`cosell-gateway: ${backend.name} backend${sf ? ` (sign-in through ${sf.loginUrl})` : ''}, demo user ${backend.demoUserId ?? '(none)'}, allowed origins: ${config.allowedOrigins.join(', ') || '(own origin only)'}, ${config.redisUrl ? 'sharing through Redis' : 'on its own (no REDIS_URL)'}`);
}

await main();
