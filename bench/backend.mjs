// The benchmark's backend: a fast node:http server answering fixed JSON
// documents (built once), so the numbers measure the proxies, not it.
// Usage: node bench/backend.mjs PORT
import http from 'node:http';

const port = Number(process.argv[2] ?? 9100);

const user = {
  id: 4711,
  name: 'Ada Lovelace',
  username: 'ada',
  email: 'ada@example.com',
  active: true,
  score: 98.25,
  tags: ['math', 'engines', 'poetry'],
  address: { street: '12 St James Square', city: 'London', zip: 'SW1Y 4JH', country: 'UK', geo: { lat: 51.5074, lng: -0.1278 } },
  company: { name: 'Analytical Engines Ltd', catchPhrase: 'Numbers all the way down', bs: 'harness computation' },
  preferences: { theme: 'dark', language: 'en-GB', notifications: { email: true, sms: false, push: true } },
  created: '1843-07-10T12:00:00Z',
};
const orders = {
  count: 3,
  items: [
    { id: 'o-1', total: 12.5, currency: 'GBP', lines: 2 },
    { id: 'o-2', total: 7.25, currency: 'GBP', lines: 1 },
    { id: 'o-3', total: 99.0, currency: 'GBP', lines: 6 },
  ],
  next: null,
};

const bodies = {
  '/user': Buffer.from(JSON.stringify(user)),
  '/orders': Buffer.from(JSON.stringify(orders)),
};
const headers = (body) => ({ 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
const prepared = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, [v, headers(v)]]));

const server = http.createServer((req, res) => {
  const url = req.url;
  const hit = url.startsWith('/user') ? prepared['/user'] : url.startsWith('/orders') ? prepared['/orders'] : undefined;
  if (hit === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': '9' });
    res.end('not found');
    return;
  }
  res.writeHead(200, hit[1]);
  res.end(hit[0]);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`backend listening on ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
