// fastify with @fastify/http-proxy for the benchmark's three cases: the
// single backend proxied by the plugin, the merge written as a route with
// undici (the plugin only proxies), and fastify's own 404.
// Usage: node bench/fastify-proxy.mjs PORT BACKEND_URL
import Fastify from 'fastify';
import proxy from '@fastify/http-proxy';
import { Pool } from 'undici';

const port = Number(process.argv[2] ?? 9002);
const upstream = process.argv[3] ?? 'http://127.0.0.1:9100';
const pool = new Pool(upstream, { connections: 256, pipelining: 1 });

async function fetchJson(path) {
  const { body } = await pool.request({ path, method: 'GET' });
  return body.json();
}

const app = Fastify({ logger: false });
await app.register(proxy, { upstream, prefix: '/users', rewritePrefix: '/user', replyOptions: { rewriteRequestHeaders: (_req, headers) => headers } });
app.get('/profile/:id', async (_req, reply) => {
  const [user, orders] = await Promise.all([fetchJson('/user'), fetchJson('/orders')]);
  reply.header('Content-Type', 'application/json; charset=utf-8');
  return JSON.stringify({ address: { city: user.address.city }, email: user.email, id: user.id, name: user.name, orders });
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`fastify listening on ${port}\n`);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
