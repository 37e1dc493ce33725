// Routing as KrakenD's router does it: params, static-before-param priority,
// 404/405 bodies and headers, trailing-slash and fixed-path redirects, the
// path-parameter check, /__health, /__debug/, /__echo/ and router options.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, rawRequest, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;
let options: RunningGateway;
let disabled: RunningGateway;

beforeAll(async () => {
  backend = await startBackend((req, res) => json(res, { path: req.url, method: req.method }));
  const host = [backend.url];
  const endpoints = [
    { endpoint: '/users/{id}', backend: [{ host, url_pattern: '/users/{id}' }] },
    { endpoint: '/users/new', backend: [{ host, url_pattern: '/static-new' }] },
    { endpoint: '/users/{id}/orders/{order}', backend: [{ host, url_pattern: '/u/{id}/o/{order}' }] },
    { endpoint: '/users', method: 'POST', backend: [{ host, url_pattern: '/create' }] },
    { endpoint: '/users/{id}', method: 'DELETE', backend: [{ host, url_pattern: '/delete/{id}' }] },
    { endpoint: '/items/', backend: [{ host, url_pattern: '/items' }] },
    { endpoint: '/Mixed/Case', backend: [{ host, url_pattern: '/mixed' }] },
    { endpoint: '/files/{name}/raw', backend: [{ host, url_pattern: '/raw/{name}' }] },
  ];
  const main = buildConfig({ version: 3, echo_endpoint: true, endpoints });
  expect(main.status, main.stderr).toBe(0);
  gw = await runGateway(main.file, { args: ['-d'] });

  const withOptions = buildConfig({
    version: 3,
    extra_config: {
      router: {
        error_body: { '404': { error: 'nothing here', code: 404 }, '405': { error: 'wrong method <x>' } },
        auto_options: true,
        health_path: '/status',
        hide_version_header: true,
        remove_extra_slash: true,
      },
    },
    endpoints,
  });
  expect(withOptions.status, withOptions.stderr).toBe(0);
  options = await runGateway(withOptions.file);

  const withDisabled = buildConfig({
    version: 3,
    extra_config: {
      router: {
        disable_redirect_trailing_slash: true,
        disable_redirect_fixed_path: true,
        disable_handle_method_not_allowed: true,
        disable_health: true,
        disable_path_decoding: true,
      },
    },
    endpoints,
  });
  expect(withDisabled.status, withDisabled.stderr).toBe(0);
  disabled = await runGateway(withDisabled.file);
}, 90_000);

afterAll(async () => {
  await Promise.all([gw?.stop(), options?.stop(), disabled?.stop()]);
  await backend?.close();
  cleanTemp();
});

describe('matching', () => {
  it('routes params and forwards them into url_pattern', async () => {
    const r = await request(`${gw.url}/users/42`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"method":"GET","path":"/users/42"}');
  });

  it('prefers a static segment over a param at the same place', async () => {
    expect((await request(`${gw.url}/users/new`)).body).toBe('{"method":"GET","path":"/static-new"}');
    expect((await request(`${gw.url}/users/newer`)).body).toBe('{"method":"GET","path":"/users/newer"}');
  });

  it('matches several params', async () => {
    expect((await request(`${gw.url}/users/5/orders/9`)).body).toBe('{"method":"GET","path":"/u/5/o/9"}');
  });

  it('routes by method', async () => {
    expect((await request(`${gw.url}/users`, { method: 'POST' })).body).toBe('{"method":"POST","path":"/create"}');
    expect((await request(`${gw.url}/users/7`, { method: 'DELETE' })).body).toBe('{"method":"DELETE","path":"/delete/7"}');
  });

  it('decodes the path before routing (%2F splits segments)', async () => {
    expect((await request(`${gw.url}/files/a%20b/raw`)).body).toBe('{"method":"GET","path":"/raw/a%20b"}');
    expect((await request(`${gw.url}/files/a%2Fb/raw`)).status).toBe(404);
  });
});

describe('404 and 405', () => {
  it('answers an unknown path with 404 and KrakenD headers', async () => {
    const r = await request(`${gw.url}/nothing/here`);
    expect(r.status).toBe(404);
    expect(r.body).toBe('404 page not found');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(r.headers['x-krakend']).toBe('Version 0.1.0');
  });

  it('answers a known path with another method with 405 and Allow in registration order', async () => {
    const r = await request(`${gw.url}/users/42`, { method: 'PUT' });
    expect(r.status).toBe(405);
    expect(r.body).toBe('405 method not allowed');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.headers.allow).toBe('GET, DELETE');
    expect(r.headers['x-krakend-completed']).toBe('false');
  });

  it('does not map HEAD to GET', async () => {
    const r = await request(`${gw.url}/users/new`, { method: 'HEAD' });
    expect(r.status).toBe(405);
    // DELETE /users/{id} also matches /users/new
    expect(r.headers.allow).toBe('GET, DELETE');
  });

  it('uses router.error_body and hides the version', async () => {
    const a = await request(`${options.url}/nothing`);
    expect(a.status).toBe(404);
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(a.body).toBe('{"code":404,"error":"nothing here"}');
    expect(a.headers['x-krakend']).toBe('Version undefined');
    const b = await request(`${options.url}/users`, { method: 'GET' });
    expect(b.status).toBe(405);
    expect(b.body).toBe('{"error":"wrong method \\u003cx\\u003e"}');
    expect(b.headers.allow).toBe('POST, OPTIONS');
  });

  it('answers 404 instead of 405 with disable_handle_method_not_allowed', async () => {
    const r = await request(`${disabled.url}/users/42`, { method: 'PUT' });
    expect(r.status).toBe(404);
    expect(r.body).toBe('404 page not found');
  });
});

describe('redirects', () => {
  it('redirects a trailing slash away with 301 for GET, keeping the query', async () => {
    const r = await request(`${gw.url}/users/42/?a=1`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/users/42?a=1');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toBe('<a href="/users/42?a=1">Moved Permanently</a>.\n\n');
  });

  it('redirects to the registered trailing slash, 307 for other methods, no body', async () => {
    const get = await request(`${gw.url}/items`);
    expect(get.status).toBe(301);
    expect(get.headers.location).toBe('/items/');
    const post = await request(`${gw.url}/users/`, { method: 'POST' });
    expect(post.status).toBe(307);
    expect(post.headers.location).toBe('/users');
    expect(post.headers['content-type']).toBeUndefined();
    expect(post.body).toBe('');
  });

  it('fixes the case and cleans the path', async () => {
    const r = await request(`${gw.url}/USERS/42`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/users/42');
    expect((await request(`${gw.url}/mixed/case`)).headers.location).toBe('/Mixed/Case');
    const raw = await rawRequest(gw.port, 'GET /x/../users//42 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 301 /);
    expect(raw).toMatch(/\r\nLocation: \/users\/42\r\n/);
  });

  it('keeps X-Forwarded-Prefix on trailing-slash redirects', async () => {
    const r = await request(`${gw.url}/users/42/`, { headers: { 'X-Forwarded-Prefix': '/api' } });
    expect(r.headers.location).toBe('/api/users/42');
  });

  it('collapses repeated slashes before routing with remove_extra_slash', async () => {
    const r = await request(`${options.url}//users//42`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"method":"GET","path":"/users/42"}');
  });

  it('does not redirect when both redirects are disabled', async () => {
    expect((await request(`${disabled.url}/users/42/`)).status).toBe(404);
    expect((await request(`${disabled.url}/USERS/42`)).status).toBe(404);
  });
});

describe('path parameters', () => {
  it('refuses params that are still encoded after decoding', async () => {
    const r = await request(`${gw.url}/users/%252F`);
    expect(r.status).toBe(400);
    expect(r.body).toBe('error: encoded url params');
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['x-krakend']).toBeUndefined();
    expect((await request(`${gw.url}/users/a%3Fb`)).body).toBe('error: encoded url params');
    expect((await request(`${gw.url}/users/%25zz`)).body).toBe('error: invalid URL escape "%zz"');
  });

  it('refuses a malformed escape in the request line with 400', async () => {
    const raw = await rawRequest(gw.port, 'GET /users/%zz HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/Connection: close/);
    expect(raw.endsWith('400 Bad Request')).toBe(true);
  });

  it('passes encoded params through with disable_path_decoding', async () => {
    const r = await request(`${disabled.url}/users/%252F`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"method":"GET","path":"/users/%2F"}');
  });
});

describe('built-in endpoints', () => {
  it('serves /__health (GET only, no KrakenD headers)', async () => {
    const r = await request(`${gw.url}/__health`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.body).toMatch(/^\{"agents":\{\},"now":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} [A-Z0-9+-]+ m=\+\d+\.\d{9}","status":"ok"\}$/);
    expect(r.headers['x-krakend']).toBeUndefined();
    const post = await request(`${gw.url}/__health`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });

  it('moves /__health with health_path and removes it with disable_health', async () => {
    expect((await request(`${options.url}/status`)).status).toBe(200);
    expect((await request(`${options.url}/__health`)).status).toBe(404);
    expect((await request(`${disabled.url}/__health`)).status).toBe(404);
  });

  it('serves /__debug/ for every method when started with -d', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await request(`${gw.url}/__debug/some/thing?x=1`, { method, body: method === 'GET' ? undefined : 'hello' });
      expect(r.status).toBe(200);
      expect(r.body).toBe('{"message":"pong"}');
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const bare = await request(`${gw.url}/__debug`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/__debug/');
    expect((await request(`${options.url}/__debug/`)).status).toBe(404);
  });

  it('echoes the request on /__echo/', async () => {
    const r = await request(`${gw.url}/__echo/a/b?z=1&a=%2B&a=2`, { method: 'POST', headers: { 'X-Test': ['1', '2'], 'Content-Type': 'text/plain' }, body: 'the <body>' });
    expect(r.status).toBe(200);
    expect(r.body).toBe(
      '{"req_uri":"/__echo/a/b?z=1\\u0026a=%2B\\u0026a=2",' +
        `"req_uri_details":{"fragment":"","host":"127.0.0.1:${gw.port}","path":"/__echo/a/b","query":"a=%2B\\u0026a=2\\u0026z=1","scheme":"","user":""},` +
        '"req_method":"POST","req_querystring":{"a":["+","2"],"z":["1"]},"req_body":"the \\u003cbody\\u003e",' +
        '"req_headers":{"Connection":["close"],"Content-Length":["10"],"Content-Type":["text/plain"],"X-Test":["1","2"]}}',
    );
  });

  it('answers OPTIONS with the path methods when auto_options is on', async () => {
    const r = await request(`${options.url}/users/42`, { method: 'OPTIONS' });
    expect(r.status).toBe(200);
    expect(r.headers.allow).toBe('DELETE, GET');
    expect(r.headers['x-krakend']).toBe('Version undefined');
    expect(r.body).toBe('');
  });
});
