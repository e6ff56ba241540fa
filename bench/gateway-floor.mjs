// The floor the gateway bench compares with: a bare Fastify 5 server on the gateway's paths that
// answers each with the very bytes the gateway answered (read from the JSON file named by argv[2]),
// with no session, CSRF, schema, adapter or plugin. Whatever the gateway is slower by, it spends on
// its own work. Started by bench/gateway.bench.mjs; listens on PORT.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const answers = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = Fastify({ logger: false });
app.get('/healthz', () => ({ status: 'ok' }));
app.get('/api/v1/partners', (_request, reply) => reply.type('application/json').send(answers.partners));
app.get('/api/v1/referrals', (_request, reply) => reply.type('application/json').send(answers.referrals));
// Writes parse their JSON body, as the gateway does, then answer what the gateway answered.
app.post('/api/v1/referrals', (_request, reply) => reply.code(201).type('application/json').send(answers.created));
app.post('/api/v1/referrals/:id/move', (_request, reply) => reply.type('application/json').send(answers.moved));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
