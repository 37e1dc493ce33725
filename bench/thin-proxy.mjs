// The thinnest Node proxy worth comparing with: node:http in front of an
// undici Pool, hand-written for exactly the benchmark's three cases
// (one backend piped through; two backends merged with an allow-list and a
// group; anything else 404). No router, no configuration, no logging.
// Usage: node bench/thin-proxy.mjs PORT BACKEND_URL
import http from 'node:http';
import { Pool } from 'undici';

const port = Number(process.argv[2] ?? 9001);
const pool = new Pool(process.argv[3] ?? 'http://127.0.0.1:9100', { connections: 256, pipelining: 1 });

async function fetchJson(path) {
  const { body } = await pool.request({ path, method: 'GET' });
  return body.json();
}

const server = http.createServer(async (req, res) => {
  const url = req.url;
  try {
    if (url.startsWith('/users/')) {
      const upstream = await pool.request({ path: '/user', method: 'GET' });
      res.writeHead(upstream.statusCode, { 'Content-Type': upstream.headers['content-type'] ?? 'application/json' });
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
      return;
    }
    if (url.startsWith('/profile/')) {
      const [user, orders] = await Promise.all([fetchJson('/user'), fetchJson('/orders')]);
      const merged = {
        address: { city: user.address.city },
        email: user.email,
        id: user.id,
        name: user.name,
        orders,
      };
      const body = JSON.stringify(merged);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': '18' });
    res.end('404 page not found');
  } catch {
    res.writeHead(500);
    res.end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`thin proxy listening on ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
