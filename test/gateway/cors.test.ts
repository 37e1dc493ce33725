// security/cors around the whole gateway: preflights answered before routing,
// CORS headers on every other answer (404 included), origin patterns,
// credentials, max age and options_passthrough.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;
let open: RunningGateway;
let strict: RunningGateway;

beforeAll(async () => {
  backend = await startBackend((req, res) => json(res, { url: req.url }));
  const endpoints = [
    { endpoint: '/items', backend: [{ host: [backend.url], url_pattern: '/items' }] },
    { endpoint: '/items', method: 'POST', backend: [{ host: [backend.url], url_pattern: '/items' }] },
  ];
  const a = buildConfig({
    version: 3,
    extra_config: {
      'security/cors': { allow_origins: ['*'], allow_methods: ['POST', 'GET'], allow_headers: ['Origin', 'Authorization', 'Content-Type'], expose_headers: ['Content-Length'], max_age: '12h' },
    },
    endpoints,
  });
  expect(a.status, a.stderr).toBe(0);
  expect(a.stderr).not.toContain('security/cors');
  open = await runGateway(a.file);
  const b = buildConfig({
    version: 3,
    extra_config: {
      router: { auto_options: true },
      'security/cors': { allow_origins: ['https://*.example.com', 'https://app.test'], allow_credentials: true, options_passthrough: true },
    },
    endpoints,
  });
  expect(b.status, b.stderr).toBe(0);
  strict = await runGateway(b.file);
}, 60_000);

afterAll(async () => {
  await Promise.all([open?.stop(), strict?.stop()]);
  await backend?.close();
  cleanTemp();
});

const preflight = (origin: string, method: string, headers?: string) => ({
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': method, ...(headers ? { 'Access-Control-Request-Headers': headers } : {}) },
});

describe('preflight', () => {
  it('answers an allowed preflight with 204 and the CORS headers, before routing', async () => {
    const r = await request(`${open.url}/anything/at/all`, preflight('http://foo.example', 'GET', 'content-type,origin'));
    expect(r.status).toBe(204);
    expect(r.body).toBe('');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-methods']).toBe('GET');
    expect(r.headers['access-control-allow-headers']).toBe('content-type,origin');
    expect(r.headers['access-control-max-age']).toBe('43200');
    expect(r.headers.vary).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    expect(r.headers['x-krakend']).toBeUndefined();
    expect(r.headers['content-type']).toBeUndefined();
  });

  it('answers a refused preflight with 204 and no CORS headers', async () => {
    for (const [method, headers] of [
      ['PUT', undefined],
      ['POST', 'X-PINGOTHER'],
    ] as const) {
      const r = await request(`${open.url}/items`, preflight('http://foo.example.tld', method, headers));
      expect(r.status).toBe(204);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      expect(r.headers['access-control-allow-methods']).toBeUndefined();
    }
  });

  it('matches origin patterns and lets preflights through to auto_options', async () => {
    const ok = await request(`${strict.url}/items`, preflight('https://api.example.com', 'POST'));
    expect(ok.status).toBe(200);
    expect(ok.headers.allow).toBe('GET, POST');
    expect(ok.headers['access-control-allow-origin']).toBe('https://api.example.com');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const other = await request(`${strict.url}/items`, preflight('https://evil.test', 'POST'));
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('actual requests', () => {
  it('add Vary, the allowed origin and the exposed headers', async () => {
    const r = await request(`${open.url}/items`, { headers: { Origin: 'http://foo.example' } });
    expect(r.status).toBe(200);
    expect(r.headers.vary).toBe('Origin');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-expose-headers']).toBe('Content-Length');
  });

  it('add them to the router answers too', async () => {
    const r = await request(`${open.url}/nothing`, { headers: { Origin: 'http://foo.example' } });
    expect(r.status).toBe(404);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('leave requests without Origin with Vary only', async () => {
    const r = await request(`${open.url}/items`);
    expect(r.headers.vary).toBe('Origin');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });
});
