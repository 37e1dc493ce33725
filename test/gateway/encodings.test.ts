// Backend encodings, output encodings, Cache-Control and X-Krakend-Completed,
// through real HTTP with a real backend.
import { gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

const DOCUMENT = '{"price":4.20,"big":12345678901234567890,"html":"<b>&</b>","b":{"d":[1,2],"c":2},"a":1}';
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<user type="admin"><name>Elliot</name><social><twitter>https://twitter.com</twitter></social></user>';

let backend: Backend;
let gw: RunningGateway;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    const path = req.url.split('?')[0];
    switch (path) {
      case '/doc':
        return json(res, DOCUMENT);
      case '/array':
        return json(res, '[{"x":1},{"x":2}]');
      case '/scalar':
        return json(res, '42');
      case '/null':
        return json(res, 'null');
      case '/empty':
        return json(res, '{}');
      case '/text':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return res.end('hello <world>');
      case '/xml':
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        return res.end(XML);
      case '/gzip': {
        const body = gzipSync(Buffer.from('{"zipped":true}'));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
        return res.end(body);
      }
      case '/raw':
        res.writeHead(201, [
          ['Content-Type', 'application/vnd.custom'],
          ['Set-Cookie', 'a=1'],
          ['Set-Cookie', 'b=2'],
          ['X-Backend', 'yes'],
        ] as unknown as Record<string, string>);
        return res.end(`raw ${req.method} ${req.url} ${req.body}`);
      case '/missing':
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('gone');
      default:
        return json(res, { path });
    }
  });
  const host = [backend.url];
  const b = (url_pattern: string, extra: object = {}) => ({ host, url_pattern, ...extra });
  const built = buildConfig({
    version: 3,
    endpoints: [
      { endpoint: '/doc', backend: [b('/doc')] },
      { endpoint: '/collection', backend: [b('/array', { is_collection: true })] },
      { endpoint: '/collection-out', output_encoding: 'json-collection', backend: [b('/array', { is_collection: true })] },
      { endpoint: '/collection-missing', output_encoding: 'json-collection', backend: [b('/doc')] },
      { endpoint: '/safejson-array', backend: [b('/array', { encoding: 'safejson' })] },
      { endpoint: '/safejson-scalar', backend: [b('/scalar', { encoding: 'safejson' })] },
      { endpoint: '/string', output_encoding: 'string', backend: [b('/text', { encoding: 'string' })] },
      { endpoint: '/string-as-json', backend: [b('/text', { encoding: 'string' })] },
      { endpoint: '/string-of-json', output_encoding: 'string', backend: [b('/doc')] },
      { endpoint: '/xml', output_encoding: 'xml', backend: [b('/xml', { encoding: 'xml' })] },
      { endpoint: '/xml-as-json', backend: [b('/xml', { encoding: 'xml' })] },
      { endpoint: '/negotiate', output_encoding: 'negotiate', backend: [b('/doc')] },
      { endpoint: '/yaml', output_encoding: 'yaml', backend: [b('/doc', { allow: ['a', 'b'] })] },
      { endpoint: '/noop', method: 'POST', output_encoding: 'no-op', backend: [b('/raw')] },
      { endpoint: '/noop-missing', output_encoding: 'no-op', backend: [b('/missing')] },
      { endpoint: '/gzip', backend: [b('/gzip')] },
      { endpoint: '/cache', cache_ttl: '60s', backend: [b('/doc', { allow: ['a'] })] },
      { endpoint: '/cache-short', cache_ttl: '1500ms', backend: [b('/doc', { allow: ['a'] })] },
      { endpoint: '/cache-empty', cache_ttl: '60s', backend: [b('/empty')] },
      { endpoint: '/null', backend: [b('/null')] },
      { endpoint: '/unknown-output', output_encoding: 'whatever', backend: [b('/text', { encoding: 'string' })] },
      { endpoint: '/unknown-output-merge', output_encoding: 'whatever', backend: [b('/text', { encoding: 'string' }), b('/empty')] },
    ],
  });
  expect(built.status, built.stderr).toBe(0);
  gw = await runGateway(built.file);
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await backend?.close();
  cleanTemp();
});

describe('backend encodings', () => {
  it('json: re-encodes as Go does (sorted keys, exact numbers, HTML-safe)', async () => {
    const r = await request(`${gw.url}/doc`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.body).toBe('{"a":1,"b":{"c":2,"d":[1,2]},"big":12345678901234567890,"html":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e","price":4.20}');
    expect(r.headers['x-krakend-completed']).toBe('true');
    expect(r.headers['cache-control']).toBeUndefined();
  });

  it('json with is_collection wraps the array', async () => {
    expect((await request(`${gw.url}/collection`)).body).toBe('{"collection":[{"x":1},{"x":2}]}');
  });

  it('safejson takes arrays and scalars', async () => {
    expect((await request(`${gw.url}/safejson-array`)).body).toBe('{"collection":[{"x":1},{"x":2}]}');
    expect((await request(`${gw.url}/safejson-scalar`)).body).toBe('{"content":42}');
  });

  it('string keeps the body under content', async () => {
    expect((await request(`${gw.url}/string-as-json`)).body).toBe('{"content":"hello \\u003cworld\\u003e"}');
  });

  it('xml decodes attributes as -name', async () => {
    expect((await request(`${gw.url}/xml-as-json`)).body).toBe('{"user":{"-type":"admin","name":"Elliot","social":{"twitter":"https://twitter.com"}}}');
  });

  it('decompresses gzip bodies', async () => {
    expect((await request(`${gw.url}/gzip`)).body).toBe('{"zipped":true}');
  });

  it('null data renders null and is not complete', async () => {
    const r = await request(`${gw.url}/null`);
    expect(r.body).toBe('null');
    expect(r.headers['x-krakend-completed']).toBe('false');
  });
});

describe('output encodings', () => {
  it('json-collection renders the collection, [] without one', async () => {
    const r = await request(`${gw.url}/collection-out`);
    expect(r.body).toBe('[{"x":1},{"x":2}]');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await request(`${gw.url}/collection-missing`)).body).toBe('[]');
  });

  it('string renders content, or nothing when it is not a string', async () => {
    const r = await request(`${gw.url}/string`);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toBe('hello <world>');
    const none = await request(`${gw.url}/string-of-json`);
    expect(none.body).toBe('');
    expect(none.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('xml renders the document', async () => {
    const r = await request(`${gw.url}/xml`);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe('<user type="admin"><name>Elliot</name><social><twitter>https://twitter.com</twitter></social></user>');
  });

  it('yaml renders YAML', async () => {
    const r = await request(`${gw.url}/yaml`);
    expect(r.headers['content-type']).toBe('application/yaml; charset=utf-8');
    // the exact layout belongs to the data layer's tests
    expect(parseYaml(r.body)).toEqual({ a: 1, b: { c: 2, d: [1, 2] } });
  });

  it('negotiate picks JSON, XML or YAML from Accept', async () => {
    const asJson = await request(`${gw.url}/negotiate`);
    expect(asJson.headers['content-type']).toBe('application/json; charset=utf-8');
    const asYaml = await request(`${gw.url}/negotiate`, { headers: { Accept: 'text/plain' } });
    expect(asYaml.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(asYaml.body.startsWith('a: 1\n')).toBe(true);
    const asXml = await request(`${gw.url}/negotiate`, { headers: { Accept: 'application/xml' } });
    expect(asXml.headers['content-type']).toBe('application/xml');
    const other = await request(`${gw.url}/negotiate`, { headers: { Accept: 'text/html' } });
    expect(other.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('unknown output_encoding uses the backend encoding render for one backend, JSON otherwise', async () => {
    const single = await request(`${gw.url}/unknown-output`);
    expect(single.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(single.body).toBe('hello <world>');
    const merged = await request(`${gw.url}/unknown-output-merge`);
    expect(merged.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(merged.body).toBe('{"content":"hello \\u003cworld\\u003e"}');
  });

  it('no-op streams status, headers and body, with Completed false', async () => {
    const r = await request(`${gw.url}/noop?q=1`, { method: 'POST', body: 'payload', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/vnd.custom');
    expect(r.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(r.headers['x-backend']).toBe('yes');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(r.headers['x-krakend']).toBe('Version 0.1.0');
    expect(r.body).toBe('raw POST /raw payload');
    const missing = await request(`${gw.url}/noop-missing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('gone');
  });
});

describe('Cache-Control and completeness', () => {
  it('adds Cache-Control with whole seconds for complete responses', async () => {
    expect((await request(`${gw.url}/cache`)).headers['cache-control']).toBe('public, max-age=60');
    expect((await request(`${gw.url}/cache-short`)).headers['cache-control']).toBe('public, max-age=1');
  });

  it('an empty object is not complete and gets no Cache-Control', async () => {
    const r = await request(`${gw.url}/cache-empty`);
    expect(r.body).toBe('{}');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(r.headers['cache-control']).toBeUndefined();
  });
});
