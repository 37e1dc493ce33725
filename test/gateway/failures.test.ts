// Every failure mode and the status, headers and body KrakenD answers with:
// backend statuses, return_error_msg/code/details, partial and failed merges,
// timeouts, decode and network errors, concurrent calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, waitFor, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;
let quiet: RunningGateway;
let counted = 0;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    switch (req.url) {
      case '/ok':
        return json(res, { ok: true });
      case '/created':
        return json(res, { created: true }, 201);
      case '/nocontent':
        res.writeHead(204);
        return res.end();
      case '/404':
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('not here');
      case '/500':
        return json(res, { broken: true }, 500);
      case '/slow':
        setTimeout(() => json(res, { slow: true }), 400);
        return;
      case '/bad-json':
        return json(res, '{oops');
      case '/array':
        return json(res, '[1,2]');
      case '/empty':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '0' });
        return res.end();
      case '/count': {
        const call = ++counted;
        setTimeout(() => json(res, { call }), call === 1 ? 10 : 150);
        return;
      }
      default:
        return json(res, { unknown: req.url }, 404);
    }
  });
  const host = [backend.url];
  const b = (url_pattern: string, extra: object = {}) => ({ host, url_pattern, ...extra });
  const errorCode = { extra_config: { 'backend/http': { return_error_code: true } } };
  const endpoints = [
    { endpoint: '/single-404', cache_ttl: '1m', backend: [b('/404')] },
    { endpoint: '/created', backend: [b('/created')] },
    { endpoint: '/nocontent', backend: [b('/nocontent')] },
    { endpoint: '/error-code', backend: [b('/404', errorCode)] },
    { endpoint: '/error-details', backend: [b('/404', { extra_config: { 'backend/http': { return_error_details: 'b' } } })] },
    { endpoint: '/partial', cache_ttl: '1m', backend: [b('/ok'), b('/404')] },
    { endpoint: '/all-failed', backend: [b('/404'), b('/500')] },
    { endpoint: '/all-failed-code', backend: [b('/404', errorCode), b('/500', errorCode)] },
    { endpoint: '/timeout', timeout: '100ms', backend: [b('/slow')] },
    { endpoint: '/timeout-merge', timeout: '200ms', backend: [b('/ok'), b('/slow')] },
    { endpoint: '/bad-json', backend: [b('/bad-json')] },
    { endpoint: '/array', backend: [b('/array')] },
    { endpoint: '/empty', backend: [b('/empty')] },
    { endpoint: '/refused', backend: [{ host: ['http://127.0.0.1:19'], url_pattern: '/x' }] },
    { endpoint: '/concurrent', concurrent_calls: 3, backend: [b('/count')] },
    { endpoint: '/no-hosts', backend: [{ url_pattern: '/x' }] },
  ];
  const built = buildConfig({ version: 3, extra_config: { router: { return_error_msg: true } }, endpoints });
  expect(built.status, built.stderr).toBe(0);
  gw = await runGateway(built.file);
  const plain = buildConfig({ version: 3, endpoints });
  expect(plain.status, plain.stderr).toBe(0);
  quiet = await runGateway(plain.file);
}, 60_000);

afterAll(async () => {
  await Promise.all([gw?.stop(), quiet?.stop()]);
  await backend?.close();
  cleanTemp();
});

describe('backend status codes', () => {
  it('a single failing backend is a 500 with the error text under return_error_msg', async () => {
    const r = await request(`${gw.url}/single-404`);
    expect(r.status).toBe(500);
    expect(r.body).toBe(`invalid status code 404 [GET /404]: ${backend.url}/404`);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(r.headers['cache-control']).toBeUndefined();
  });

  it('without return_error_msg the 500 has no body and no Content-Type', async () => {
    const r = await request(`${quiet.url}/single-404`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('');
    expect(r.headers['content-type']).toBeUndefined();
    await waitFor(() => quiet.output().includes(`[ENDPOINT: /single-404] invalid status code 404 [GET /404]: ${backend.url}/404`));
  });

  it('only 200 and 201 are successes', async () => {
    expect((await request(`${gw.url}/created`)).status).toBe(200);
    expect((await request(`${gw.url}/nocontent`)).status).toBe(500);
  });

  it('return_error_code passes the status, body and Content-Type on', async () => {
    const r = await request(`${gw.url}/error-code`);
    expect(r.status).toBe(404);
    expect(r.body).toBe('not here');
    expect(r.headers['content-type']).toBe('text/plain');
    const silent = await request(`${quiet.url}/error-code`);
    expect(silent.status).toBe(404);
    expect(silent.body).toBe('');
  });

  it('return_error_details turns the failure into data, 200, incomplete', async () => {
    const r = await request(`${gw.url}/error-details`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"error_b":{"http_body":"not here","http_body_encoding":"text/plain","http_status_code":404}}');
    expect(r.headers['x-krakend-completed']).toBe('false');
  });
});

describe('merges', () => {
  it('some failed: 200 with the data of the others, incomplete, no Cache-Control', async () => {
    const r = await request(`${gw.url}/partial`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"ok":true}');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(r.headers['cache-control']).toBeUndefined();
  });

  it('all failed: 500 with the errors joined, even with return_error_code', async () => {
    const r = await request(`${gw.url}/all-failed`);
    expect(r.status).toBe(500);
    const lines = r.body.split('\n').sort();
    expect(lines).toEqual([`invalid status code 404 [GET /404]: ${backend.url}/404`, `invalid status code 500 [GET /500]: ${backend.url}/500`]);
    expect((await request(`${gw.url}/all-failed-code`)).status).toBe(500);
  });
});

describe('timeouts', () => {
  it('a single backend past the endpoint timeout is a 500', async () => {
    const started = Date.now();
    const r = await request(`${gw.url}/timeout`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('context deadline exceeded');
    expect(Date.now() - started).toBeLessThan(350);
  });

  it('a merge returns what arrived within 85% of the timeout', async () => {
    const started = Date.now();
    const r = await request(`${gw.url}/timeout-merge`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"ok":true}');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(Date.now() - started).toBeLessThan(350);
  });
});

describe('decoding and network errors', () => {
  it('reports decode failures with Go messages', async () => {
    expect((await request(`${gw.url}/bad-json`)).body).toBe("invalid character 'o' looking for beginning of object key string");
    expect((await request(`${gw.url}/array`)).body).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect((await request(`${gw.url}/empty`)).body).toBe('EOF');
  });

  it('reports a refused connection as Go does', async () => {
    const r = await request(`${gw.url}/refused`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('Get "http://127.0.0.1:19/x": dial tcp 127.0.0.1:19: connect: connection refused');
  });
});

describe('configuration left to fail at run time', () => {
  it('a backend without hosts fails every call', async () => {
    const r = await request(`${gw.url}/no-hosts`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('no hosts available');
  });
});

describe('concurrent calls', () => {
  it('sends N identical calls and answers with the first complete one', async () => {
    counted = 0;
    const before = backend.received.filter((r) => r.url === '/count').length;
    const started = Date.now();
    const r = await request(`${gw.url}/concurrent`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"call":1}');
    expect(Date.now() - started).toBeLessThan(140);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.received.filter((x) => x.url === '/count').length - before).toBe(3);
  });
});
