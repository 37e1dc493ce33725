// The endpoint pipe end to end: per-backend manipulation, merging, the
// sequential proxy with {respN_field} values, endpoint flatmap and static data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, waitFor, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    const [path, query = ''] = req.url.split('?') as [string, string?];
    if (path.startsWith('/user/')) return json(res, { id: 1, name: 'N', address: { city: 'C', zip: 'Z' }, secret: 's', data: { inner: { x: 1 } } });
    if (path === '/orders') return json(res, { items: [{ id: 1, sku: 'a' }, { id: 2, sku: 'b' }], count: 2 });
    if (path === '/fast') return json(res, { who: 'fast', shared: 'fast' });
    if (path === '/slow') {
      setTimeout(() => json(res, { who2: 'slow', shared: 'slow' }), 80);
      return;
    }
    if (path === '/fail') return json(res, { error: true }, 500);
    if (path === '/seq/first') return json(res, '{"next":"abc","num":4.20,"list":[1,"a",true],"obj":{"b":2,"a":1},"nil":null,"deep":{"v":"d"}}');
    if (path.startsWith('/echo/')) return json(res, { path, query });
    return json(res, { path }, 404);
  });
  const host = [backend.url];
  const b = (url_pattern: string, extra: object = {}) => ({ host, url_pattern, ...extra });
  const built = buildConfig({
    version: 3,
    endpoints: [
      { endpoint: '/filter/allow', backend: [b('/user/1', { allow: ['name', 'address.city'] })] },
      { endpoint: '/filter/deny', backend: [b('/user/1', { deny: ['secret', 'address.zip', 'data'] })] },
      { endpoint: '/filter/mapping', backend: [b('/user/1', { allow: ['name', 'id'], mapping: { name: 'fullName' } })] },
      { endpoint: '/filter/target', backend: [b('/user/1', { target: 'data.inner' })] },
      { endpoint: '/filter/group', backend: [b('/user/1', { allow: ['name'], group: 'user' })] },
      {
        endpoint: '/flatmap/backend',
        backend: [
          b('/orders', {
            extra_config: {
              proxy: {
                flatmap_filter: [
                  { type: 'move', args: ['items', 'products'] },
                  { type: 'del', args: ['products.*.sku', 'count'] },
                ],
              },
            },
          }),
        ],
      },
      { endpoint: '/merge', backend: [b('/user/1', { allow: ['name'] }), b('/orders', { group: 'orders' })] },
      { endpoint: '/merge/collision', backend: [b('/slow'), b('/fast')] },
      {
        endpoint: '/merge/flatmap',
        extra_config: { proxy: { flatmap_filter: [{ type: 'move', args: ['o.count', 'total'] }, { type: 'del', args: ['o'] }] } },
        backend: [b('/user/1', { allow: ['name'] }), b('/orders', { group: 'o' })],
      },
      {
        endpoint: '/sequential/{id}',
        extra_config: { proxy: { sequential: true } },
        backend: [b('/seq/first'), b('/echo/{id}/{resp0_next}/{resp0_num}/{resp0_obj}/{resp0_deep.v}/{resp0_missing}?l={resp0_list}&n={resp0_nil}', { group: 'second' })],
      },
      {
        endpoint: '/sequential-stop',
        extra_config: { proxy: { sequential: true } },
        backend: [b('/seq/first', { allow: ['next'] }), b('/fail'), b('/echo/never')],
      },
      { endpoint: '/sequential-first-fails', extra_config: { proxy: { sequential: true } }, backend: [b('/fail'), b('/echo/x')] },
      { endpoint: '/not-sequential', backend: [b('/echo/{resp0_x}')] },
      {
        endpoint: '/static/always',
        extra_config: { proxy: { static: { strategy: 'always', data: { extra: 1, name: 'static wins' } } } },
        backend: [b('/user/1', { allow: ['name'] })],
      },
      { endpoint: '/static/errored', extra_config: { proxy: { static: { strategy: 'errored', data: { fallback: true } } } }, backend: [b('/fail')] },
      { endpoint: '/static/success', extra_config: { proxy: { static: { strategy: 'success', data: { fallback: true } } } }, backend: [b('/fail')] },
      { endpoint: '/static/incomplete', extra_config: { proxy: { static: { strategy: 'incomplete', data: { filled: 'yes' } } } }, backend: [b('/fast'), b('/fail')] },
      { endpoint: '/shadow', backend: [b('/fast'), b('/echo/shadowed', { extra_config: { proxy: { shadow: true } } })] },
      { endpoint: '/static/complete', extra_config: { proxy: { static: { strategy: 'complete', data: { filled: 'yes' } } } }, backend: [b('/fast')] },
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

describe('per-backend manipulation', () => {
  it('allow keeps listed leaves', async () => {
    expect((await request(`${gw.url}/filter/allow`)).body).toBe('{"address":{"city":"C"},"name":"N"}');
  });
  it('deny removes listed paths', async () => {
    expect((await request(`${gw.url}/filter/deny`)).body).toBe('{"address":{"city":"C"},"id":1,"name":"N"}');
  });
  it('mapping renames top-level keys', async () => {
    expect((await request(`${gw.url}/filter/mapping`)).body).toBe('{"fullName":"N","id":1}');
  });
  it('target extracts a nested object', async () => {
    expect((await request(`${gw.url}/filter/target`)).body).toBe('{"x":1}');
  });
  it('group wraps the data', async () => {
    expect((await request(`${gw.url}/filter/group`)).body).toBe('{"user":{"name":"N"}}');
  });
  it('backend flatmap moves and deletes with wildcards', async () => {
    expect((await request(`${gw.url}/flatmap/backend`)).body).toBe('{"products":[{"id":1},{"id":2}]}');
  });
});

describe('merging', () => {
  it('merges parallel backends', async () => {
    const r = await request(`${gw.url}/merge`);
    expect(r.body).toBe('{"name":"N","orders":{"count":2,"items":[{"id":1,"sku":"a"},{"id":2,"sku":"b"}]}}');
    expect(r.headers['x-krakend-completed']).toBe('true');
  });
  it('lets the later arrival overwrite a shared key', async () => {
    expect((await request(`${gw.url}/merge/collision`)).body).toBe('{"shared":"slow","who":"fast","who2":"slow"}');
  });
  it('applies the endpoint flatmap to the merged data', async () => {
    expect((await request(`${gw.url}/merge/flatmap`)).body).toBe('{"name":"N","total":2}');
  });
});

describe('sequential proxy', () => {
  it('fills {respN_field} from earlier responses as KrakenD prints values', async () => {
    const r = await request(`${gw.url}/sequential/7`);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).second).toEqual({
      path: '/echo/7/abc/4.20/map%5Ba:1%20b:2%5D/d/%7B%7B.Resp0_missing%7D%7D',
      query: 'l=1,a,true&n=<nil>',
    });
    expect(r.headers['x-krakend-completed']).toBe('true');
  });

  it('stops at a failing backend and returns what it has', async () => {
    const r = await request(`${gw.url}/sequential-stop`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"next":"abc"}');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect(backend.received.some((x) => x.url === '/echo/never')).toBe(false);
  });

  it('fails the request when the first backend fails', async () => {
    const r = await request(`${gw.url}/sequential-first-fails`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('');
  });

  it('leaves {respN_…} literal outside the sequential proxy', async () => {
    expect(JSON.parse((await request(`${gw.url}/not-sequential`)).body).path).toBe('/echo/%7B%7B.Resp0_x%7D%7D');
  });
});

describe('shadow backends', () => {
  it('are called but their answer is ignored', async () => {
    const r = await request(`${gw.url}/shadow`);
    expect(r.body).toBe('{"shared":"fast","who":"fast"}');
    expect(r.headers['x-krakend-completed']).toBe('true');
    await waitFor(() => backend.received.some((x) => x.url === '/echo/shadowed'));
  });
});

describe('static data', () => {
  it('always: static keys win over the response', async () => {
    const r = await request(`${gw.url}/static/always`);
    expect(r.body).toBe('{"extra":1,"name":"static wins"}');
    expect(r.headers['x-krakend-completed']).toBe('true');
  });
  it('errored: a failed backend becomes a 200 with the static data, still incomplete', async () => {
    const r = await request(`${gw.url}/static/errored`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"fallback":true}');
    expect(r.headers['x-krakend-completed']).toBe('false');
  });
  it('success: not applied on errors', async () => {
    expect((await request(`${gw.url}/static/success`)).status).toBe(500);
  });
  it('incomplete and complete', async () => {
    const inc = await request(`${gw.url}/static/incomplete`);
    expect(inc.body).toBe('{"filled":"yes","shared":"fast","who":"fast"}');
    expect(inc.headers['x-krakend-completed']).toBe('false');
    const comp = await request(`${gw.url}/static/complete`);
    expect(comp.body).toBe('{"filled":"yes","shared":"fast","who":"fast"}');
    expect(comp.headers['x-krakend-completed']).toBe('true');
  });
});
