// security/bot-detector at the service (every route but /__health, the
// router's 404/405 included) and at an endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;
let warnings = '';

beforeAll(async () => {
  backend = await startBackend((req, res) => json(res, { url: req.url }));
  const built = buildConfig({
    version: 3,
    extra_config: {
      'security/bot-detector': { deny: ['a', 'b'], allow: ['Pingdom.com_bot_version_1.1'], patterns: ['(Pingdom.com_bot_version_).*', '(?i)^crawler', '(?P<x>bad'] },
    },
    endpoints: [
      { endpoint: '/open', backend: [{ host: [backend.url], url_pattern: '/open' }] },
      {
        endpoint: '/picky',
        extra_config: { 'security/bot-detector': { deny: ['curl/8'], empty_user_agent_is_bot: true } },
        backend: [{ host: [backend.url], url_pattern: '/picky' }],
      },
    ],
  });
  expect(built.status, built.stderr).toBe(0);
  warnings = built.stderr;
  gw = await runGateway(built.file);
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await backend?.close();
  cleanTemp();
});

const as = (ua: string) => ({ headers: { 'User-Agent': ua } });

describe('service-level bot detector', () => {
  it('refuses denied and matching user agents with an empty 403', async () => {
    for (const ua of ['a', 'b', 'Pingdom.com_bot_version_2.0', 'CRAWLER/1']) {
      const r = await request(`${gw.url}/open`, as(ua));
      expect(r.status, ua).toBe(403);
      expect(r.body).toBe('');
      expect(r.headers['content-type']).toBeUndefined();
      expect(r.headers['x-krakend']).toBeUndefined();
    }
  });

  it('lets allowed and other user agents through', async () => {
    expect((await request(`${gw.url}/open`, as('Pingdom.com_bot_version_1.1'))).status).toBe(200);
    expect((await request(`${gw.url}/open`, as('Mozilla/5.0'))).status).toBe(200);
    expect((await request(`${gw.url}/open`)).status).toBe(200);
  });

  it('applies to the router answers but not to /__health', async () => {
    expect((await request(`${gw.url}/missing`, as('a'))).status).toBe(403);
    expect((await request(`${gw.url}/__health`, as('a'))).status).toBe(200);
  });

  it('reports a pattern JavaScript cannot use', () => {
    expect(warnings).toContain('bot pattern "(?P<x>bad" cannot be used');
  });
});

describe('endpoint-level bot detector', () => {
  it('adds its own lists', async () => {
    expect((await request(`${gw.url}/picky`, as('curl/8'))).status).toBe(403);
    expect((await request(`${gw.url}/open`, as('curl/8'))).status).toBe(200);
    expect((await request(`${gw.url}/picky`)).status).toBe(403);
    expect((await request(`${gw.url}/picky`, as('Mozilla/5.0'))).status).toBe(200);
  });
});
