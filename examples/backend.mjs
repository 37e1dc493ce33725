#!/usr/bin/env node
// A small demo backend for the kd README: users, their orders and a product
// catalogue in XML. Start it with `node examples/backend.mjs` (port 8000, or
// PORT=…), then build and run the gateway for examples/krakend.json.
import http from 'node:http';

const port = Number(process.env.PORT ?? 8000);

const users = {
  1: { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', password_hash: 'x9f…', address: { city: 'London', zip: 'SW1Y 4JH' } },
  2: { id: 2, name: 'Alan Turing', email: 'alan@example.com', password_hash: 'p0q…', address: { city: 'Wilmslow', zip: 'SK9 1AA' } },
};

const orders = {
  1: [
    { id: 'A-100', total: 12.5, status: 'shipped' },
    { id: 'A-101', total: 7.25, status: 'pending' },
  ],
  2: [{ id: 'B-200', total: 99.0, status: 'delivered' }],
};

const catalogue = `<?xml version="1.0" encoding="UTF-8"?>
<catalogue updated="2025-01-01">
  <product sku="engine-1"><name>Analytical Engine</name><price>1000</price></product>
  <product sku="bombe-2"><name>Bombe</name><price>2500</price></product>
</catalogue>`;

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    process.stdout.write(`backend: ${req.method} ${req.url} (X-Forwarded-For: ${req.headers['x-forwarded-for'] ?? '-'})\n`);
    if (parts[0] === 'users' && parts.length === 2 && users[parts[1]]) return send(res, 200, 'application/json', JSON.stringify(users[parts[1]]));
    if (parts[0] === 'users' && parts[2] === 'orders' && orders[parts[1]]) return send(res, 200, 'application/json', JSON.stringify(orders[parts[1]]));
    if (url.pathname === '/catalogue') return send(res, 200, 'application/xml', catalogue);
    if (url.pathname === '/slow') return setTimeout(() => send(res, 200, 'application/json', '{"slow":true}'), 3000);
    send(res, 404, 'text/plain', 'not found');
  })
  .listen(port, () => process.stdout.write(`demo backend on http://localhost:${port}\n`));
