// What reaches the backend: forwarded headers and query strings, the headers
// the gateway always sets, X-Forwarded-For without trusting the client,
// bodies and methods, url_pattern queries and redirects followed as Go does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, headerPairs, json, request, runGateway, startBackend, type Backend, type Received, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;
let trusting: RunningGateway;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    if (req.url === '/302') {
      res.writeHead(302, { Location: '/final?from=302' });
      return res.end();
    }
    if (req.url === '/307') {
      res.writeHead(307, { Location: '/final' });
      return res.end();
    }
    return json(res, { url: req.url });
  });
  const host = [backend.url];
  const b = (url_pattern: string, extra: object = {}) => ({ host, url_pattern, ...extra });
  const endpoints = [
    { endpoint: '/default', backend: [b('/default')] },
    { endpoint: '/listed', input_headers: ['authorization', 'X-Custom', 'User-Agent'], input_query_strings: ['a', 'b'], backend: [b('/listed')] },
    { endpoint: '/all', input_headers: ['*'], input_query_strings: ['*'], backend: [b('/all')] },
    { endpoint: '/body', method: 'POST', backend: [b('/body')] },
    { endpoint: '/body-length', method: 'PUT', input_headers: ['Content-Length', 'Content-Type'], backend: [b('/body-length')] },
    { endpoint: '/method', backend: [b('/method', { method: 'POST' })] },
    { endpoint: '/query-merge', input_query_strings: ['a'], backend: [b('/q?fixed=1')] },
    { endpoint: '/redirect', backend: [b('/302')] },
    { endpoint: '/redirect-post', method: 'POST', backend: [b('/307')] },
    {
      endpoint: '/backend-filter',
      input_headers: ['X-A', 'X-B'],
      input_query_strings: ['a', 'b'],
      backend: [b('/bf', { input_headers: ['X-A'], input_query_strings: ['a'] })],
    },
    { endpoint: '/accept-encoding', input_headers: ['Accept-Encoding'], backend: [b('/ae')] },
  ];
  const built = buildConfig({ version: 3, extra_config: { router: { return_error_msg: true } }, endpoints });
  expect(built.status, built.stderr).toBe(0);
  gw = await runGateway(built.file);
  const withProxies = buildConfig({ version: 3, extra_config: { router: { trusted_proxies: ['127.0.0.1/32'] } }, endpoints });
  expect(withProxies.status, withProxies.stderr).toBe(0);
  trusting = await runGateway(withProxies.file);
}, 60_000);

afterAll(async () => {
  await Promise.all([gw?.stop(), trusting?.stop()]);
  await backend?.close();
  cleanTemp();
});

function lastFor(path: string): Received {
  const hits = backend.received.filter((r) => r.url.split('?')[0] === path);
  expect(hits.length).toBeGreaterThan(0);
  return hits[hits.length - 1]!;
}

describe('headers', () => {
  it('forwards only Content-Type by default and sets the gateway headers', async () => {
    await request(`${gw.url}/default?x=1`, { headers: { 'Content-Type': 'text/plain', Authorization: 'secret', 'User-Agent': 'curl' } });
    const got = lastFor('/default');
    expect(got.url).toBe('/default');
    expect(headerPairs(got)).toEqual({
      host: [`127.0.0.1:${backend.port}`],
      'content-type': ['text/plain'],
      'x-forwarded-for': ['127.0.0.1'],
      'x-forwarded-host': [`127.0.0.1:${gw.port}`],
      'user-agent': ['kd/0.1.0'],
      'accept-encoding': ['gzip'],
    });
  });

  it('forwards listed headers (all values) and the client User-Agent with X-Forwarded-Via', async () => {
    await request(`${gw.url}/listed?a=1&b=2&b=3&c=4`, { headers: { Authorization: 'Bearer x', 'X-Custom': ['1', '2'], 'X-Other': 'no', 'User-Agent': 'curl/8' } });
    const got = lastFor('/listed');
    expect(got.url).toBe('/listed?a=1&b=2&b=3');
    const h = headerPairs(got);
    expect(h.authorization).toEqual(['Bearer x']);
    expect(h['x-custom']).toEqual(['1', '2']);
    expect(h['x-other']).toBeUndefined();
    expect(h['content-type']).toBeUndefined();
    expect(h['user-agent']).toEqual(['curl/8']);
    expect(h['x-forwarded-via']).toEqual(['kd/0.1.0']);
  });

  it('forwards everything with *, but never the client X-Forwarded-For', async () => {
    await request(`${gw.url}/all?z=1&a=x%20y`, { headers: { 'X-Custom': 'v', 'X-Forwarded-For': '6.6.6.6', 'X-Forwarded-Host': 'evil' } });
    const got = lastFor('/all');
    expect(got.url).toBe('/all?a=x+y&z=1');
    const h = headerPairs(got);
    expect(h['x-custom']).toEqual(['v']);
    expect(h['x-forwarded-for']).toEqual(['127.0.0.1']);
    expect(h['x-forwarded-host']).toEqual([`127.0.0.1:${gw.port}`]);
    expect(h.connection).toBeUndefined();
  });

  it('backend-level filters drop the rest, including the gateway headers', async () => {
    await request(`${gw.url}/backend-filter?a=1&b=2`, { headers: { 'X-A': 'a', 'X-B': 'b' } });
    const got = lastFor('/bf');
    expect(got.url).toBe('/bf?a=1');
    const h = headerPairs(got);
    expect(h['x-a']).toEqual(['a']);
    expect(h['x-b']).toBeUndefined();
    expect(h['x-forwarded-for']).toBeUndefined();
  });

  it('a forwarded Accept-Encoding replaces the gateway gzip', async () => {
    await request(`${gw.url}/accept-encoding`, { headers: { 'Accept-Encoding': 'br' } });
    expect(headerPairs(lastFor('/ae'))['accept-encoding']).toEqual(['br']);
  });
});

describe('client IP', () => {
  it('ignores a client X-Forwarded-For by default (the TCP peer is used)', async () => {
    await request(`${gw.url}/default`, { headers: { 'X-Forwarded-For': '1.2.3.4' } });
    expect(headerPairs(lastFor('/default'))['x-forwarded-for']).toEqual(['127.0.0.1']);
  });

  it('believes X-Forwarded-For from trusted proxies, skipping trusted hops from the right', async () => {
    await request(`${trusting.url}/default`, { headers: { 'X-Forwarded-For': '1.2.3.4' } });
    expect(headerPairs(lastFor('/default'))['x-forwarded-for']).toEqual(['1.2.3.4']);
    await request(`${trusting.url}/default`, { headers: { 'X-Forwarded-For': '1.2.3.4, 10.0.0.1, 127.0.0.1' } });
    expect(headerPairs(lastFor('/default'))['x-forwarded-for']).toEqual(['10.0.0.1']);
    await request(`${trusting.url}/default`, { headers: { 'X-Real-IP': '5.6.7.8' } });
    expect(headerPairs(lastFor('/default'))['x-forwarded-for']).toEqual(['5.6.7.8']);
  });
});

describe('bodies, methods and queries', () => {
  it('sends the body chunked unless its Content-Length is forwarded', async () => {
    await request(`${gw.url}/body`, { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    const chunked = lastFor('/body');
    expect(chunked.method).toBe('POST');
    expect(chunked.body).toBe('hello');
    expect(headerPairs(chunked)['transfer-encoding']).toEqual(['chunked']);
    await request(`${gw.url}/body-length`, { method: 'PUT', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    const sized = lastFor('/body-length');
    expect(headerPairs(sized)['content-length']).toEqual(['5']);
    expect(sized.body).toBe('hello');
  });

  it('sends Content-Length: 0 for an empty POST', async () => {
    await request(`${gw.url}/body`, { method: 'POST' });
    expect(headerPairs(lastFor('/body'))['content-length']).toEqual(['0']);
  });

  it('uses the backend method', async () => {
    await request(`${gw.url}/method`);
    expect(lastFor('/method').method).toBe('POST');
  });

  it('appends forwarded query strings to the url_pattern query', async () => {
    await request(`${gw.url}/query-merge?a=2&b=3`);
    expect(lastFor('/q').url).toBe('/q?fixed=1&a=2');
  });
});

describe('redirects', () => {
  it('follows a 302 with a Referer', async () => {
    const r = await request(`${gw.url}/redirect`);
    expect(r.body).toBe('{"url":"/final?from=302"}');
    const final = lastFor('/final');
    expect(headerPairs(final).referer).toEqual([`${backend.url}/302`]);
  });

  it('does not replay a body on 307 without send_body_on_redirect', async () => {
    const r = await request(`${gw.url}/redirect-post`, { method: 'POST', body: 'data' });
    expect(r.status).toBe(500);
    expect(r.body).toBe(`invalid status code 307 [POST /307]: ${backend.url}/307`);
  });
});
