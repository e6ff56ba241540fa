// The gateway's throughput and latency: requests per second and p50/p99 for listing partners, a page
// of referrals, creating a referral and moving one, with autocannon, against
//   - the floor: bare Fastify answering the same bytes on the same paths (bench/gateway-floor.mjs),
//   - one gateway (`node gateway/bin.mjs`, what `npx cosell-gateway` runs, embedded backend),
//   - two gateways on one redis-server (sessions and live changes shared), half the connections each.
// Every server is its own process; autocannon runs in this one. Needs no browser.
//
// `npm run bench -- gateway` prints the table. BENCH_GATEWAY_SECONDS (default 2) per measurement,
// BENCH_GATEWAY_CONNECTIONS (default 10) connections in all, BENCH_GATEWAY_ROUNDS (default 3, at most
// BENCH_RUNS) interleaved rounds whose medians are shown.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.BENCH_GATEWAY_SECONDS ?? 2);
const connections = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 10);
const COOKIE_SECRET = 'bench-cookie-secret-that-is-long-enough-0123';
/** The goal: the gateway's own work (session, CSRF, schemas, adapter) costs at most 4× the bare server's. */
const GOAL_RATIO = 0.25;

async function freePort() {
  const server = createServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts `command args` with `env`; resolves once `ready()` holds; the error names its output. */
async function startProcess(name, command, args, env, ready) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    if (code !== 'waiting') throw new Error(`${name} exited (${code}):\n${output}`);
    if (await ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start within 60 s:\n${output}`);
    }
  }
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An HTTP server process that answers GET /healthz once up; its URL. */
async function startHttp(name, args, env) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process_ = await startProcess(name, process.execPath, args, { PORT: String(port), ...env }, () => fetch(`${url}/healthz`).then((r) => r.ok));
  return { url, stop: process_.stop };
}

/** `npx cosell-gateway`: no rate limit (the load comes from one IP), warnings only in the log. */
function startGateway(env = {}) {
  return startHttp('cosell-gateway', [join(root, 'gateway/bin.mjs')], { COSELL_RATE_LIMIT: '0', LOG_LEVEL: 'warn', COSELL_COOKIE_SECRET: COOKIE_SECRET, ...env });
}

/** True once a Redis on `port` answers PING. */
function pong(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(String(chunk).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

async function startRedis() {
  const port = await freePort();
  const redis = await startProcess('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], {}, () => pong(port));
  return { url: `redis://127.0.0.1:${port}`, stop: redis.stop };
}

/** A demo session (the embedded backend's partner manager, who may create and move): cookies and CSRF token. */
async function session(url) {
  const response = await fetch(`${url}/api/v1/session`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await response.json();
  return { cookie, 'x-csrf-token': csrfToken };
}

function referralInput() {
  return {
    externalId: randomUUID(),
    partnerId: 'p-northwind',
    prospect: { company: `Bench ${randomUUID().slice(0, 8)}`, country: 'US', contactName: 'Jo Park', contactEmail: 'jo.park@bench.example' },
    useCase: 'Click to dial',
    estimatedArr: { amountMinor: 1_250_000, currency: 'USD' },
    consentToContact: true,
  };
}

const json = { 'content-type': 'application/json' };
/** What each row sends: autocannon request definitions (the move creates its referral on the connection's first request). */
const SCENARIOS = [
  { name: 'GET partners', requests: () => [{ method: 'GET', path: '/api/v1/partners' }] },
  { name: 'GET a page of referrals (50)', requests: () => [{ method: 'GET', path: '/api/v1/referrals?pageSize=50' }] },
  { name: 'POST create referral', requests: () => [{ method: 'POST', path: '/api/v1/referrals', setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...json }, body: JSON.stringify(referralInput()) }) }] },
  {
    name: 'POST move referral',
    requests: () => [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const referral = context.referral;
          const body = referral ? { to: referral.stage === 'accepted' ? 'submitted' : 'accepted', expectedVersion: referral.version } : referralInput();
          return { ...request, path: referral ? `/api/v1/referrals/${referral.id}/move` : '/api/v1/referrals', headers: { ...request.headers, ...json }, body: JSON.stringify(body) };
        },
        onResponse: (status, body, context) => {
          if (status < 300) context.referral = JSON.parse(body);
        },
      },
    ],
  },
];

/** One autocannon run per URL at once, `connections` split between them; requests/s summed, the worse p50/p99. */
async function load(urls, headers, scenario) {
  const results = await Promise.all(
    urls.map((url) => autocannon({ url, connections: Math.max(1, Math.round(connections / urls.length)), duration: seconds, headers, requests: scenario.requests() })),
  );
  const failed = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  if (failed > 0) throw new Error(`${scenario.name} on ${urls.join(', ')}: ${failed} failed requests`);
  return {
    rps: results.reduce((n, r) => n + r.requests.total, 0) / seconds,
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

/** The bytes the gateway answers for each scenario, for the floor to answer too. */
async function answersOf(url, headers) {
  const get = (path) => fetch(`${url}${path}`, { headers }).then((r) => r.text());
  const post = (path, body) => fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, ...json }, body: JSON.stringify(body) }).then((r) => r.text());
  const created = await post('/api/v1/referrals', referralInput());
  const { id, version } = JSON.parse(created);
  return {
    partners: await get('/api/v1/partners'),
    referrals: await get('/api/v1/referrals?pageSize=50'),
    created,
    moved: await post(`/api/v1/referrals/${id}/move`, { to: 'accepted', expectedVersion: version }),
  };
}

/** "req/s (p50 / p99 ms)" of the medians over rounds. */
function cell(samples, median) {
  return `${median(samples.map((m) => m.rps)).toFixed(0)} (${median(samples.map((m) => m.p50))} / ${median(samples.map((m) => m.p99))})`;
}

export default async function gatewayBench({ runs, median }) {
  const stops = [];
  const dir = mkdtempSync(join(tmpdir(), 'cosell-gateway-bench-'));
  const rounds = Math.min(runs, Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3));
  try {
    const one = await startGateway();
    stops.push(one.stop);
    const answersFile = join(dir, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(await answersOf(one.url, await session(one.url))));
    const floor = await startHttp('floor', [join(root, 'bench/gateway-floor.mjs'), answersFile], {});
    stops.push(floor.stop);
    const redis = await startRedis();
    stops.push(redis.stop);
    const alone = await startGateway({ REDIS_URL: redis.url });
    const pair = [await startGateway({ REDIS_URL: redis.url }), await startGateway({ REDIS_URL: redis.url })];
    stops.push(alone.stop, ...pair.map((g) => g.stop));
    // One session, made on the first gateway of the pair, used on both: Redis shares it.
    const pairHeaders = await session(pair[0].url);
    const targets = {
      bare: { urls: [floor.url], headers: {} },
      one: { urls: [one.url], headers: await session(one.url) },
      oneRedis: { urls: [alone.url], headers: await session(alone.url) },
      two: { urls: pair.map((g) => g.url), headers: pairHeaders },
    };

    const rows = [];
    for (const scenario of SCENARIOS) {
      // A short warm-up per server (JIT, connection pools), not measured.
      await Promise.all([floor.url, one.url, alone.url, ...pair.map((g) => g.url)].map((url) => {
        const { headers } = Object.values(targets).find((t) => t.urls.includes(url));
        return autocannon({ url, connections: 2, duration: 1, headers, requests: scenario.requests() });
      }));
      // Rounds interleave the servers, so a busy moment of a shared machine falls on all of them.
      const samples = { bare: [], one: [], oneRedis: [], two: [] };
      for (let round = 0; round < rounds; round++) {
        for (const [name, { urls, headers }] of Object.entries(targets)) samples[name].push(await load(urls, headers, scenario));
      }
      const rps = (name) => median(samples[name].map((m) => m.rps));
      const ratio = rps('one') / rps('bare');
      rows.push([
        scenario.name,
        cell(samples.bare, median),
        cell(samples.one, median),
        `${(Math.floor(ratio * 100) / 100).toFixed(2)}× (goal ≥ ${GOAL_RATIO}×: ${ratio >= GOAL_RATIO ? 'met' : 'not met'})`,
        cell(samples.oneRedis, median),
        cell(samples.two, median),
        `${(rps('two') / rps('one')).toFixed(2)}×`,
      ]);
    }
    return {
      title: 'Gateway (embedded backend) vs bare Fastify',
      sections: [
        {
          heading: `Requests per second (p50 / p99 latency, ms), ${connections} connections, ${seconds} s per measurement, medians of ${rounds} interleaved rounds`,
          columns: ['request', 'bare Fastify (floor)', 'one gateway', 'gateway ÷ bare', 'one gateway + Redis', 'two gateways + Redis', 'two ÷ one'],
          rows,
          notes:
            'Each server is its own Node process on loopback; autocannon (in the bench process) keeps the connections busy. ' +
            'Bare Fastify answers the same bytes the gateway answered, with no session, CSRF, schema or adapter: the floor. ' +
            'The gateway is `node gateway/bin.mjs` (what `npx cosell-gateway` runs) with COSELL_RATE_LIMIT=0 (the load comes from one IP) and LOG_LEVEL=warn, ' +
            'signed in as the demo partner manager; partners come from its 30 s per-user cache. ' +
            '"+ Redis": sessions in and live changes through one redis-server. Two gateways share it, each with its own embedded data, half the connections each; ' +
            'their requests per second are summed and their p50/p99 are the worse of the two. ' +
            'The move row flips one referral per connection between submitted and accepted with its expected version (each connection creates its referral first). ' +
            'Every server, Redis and autocannon share the machine\'s cores, so a second gateway adds throughput only where there is a core to spare.',
        },
      ],
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
