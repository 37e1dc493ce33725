// validation/json-schema: the request body is checked against the endpoint's
// schema (compiled at build time) before any backend is called.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type Built, type RunningGateway } from './support.ts';

let backend: Backend;
let gw: RunningGateway;
let built: Built;

beforeAll(async () => {
  backend = await startBackend((req, res) => json(res, { received: req.body }));
  built = buildConfig(
    {
      version: 3,
      extra_config: { router: { return_error_msg: true } },
      endpoints: [
        {
          endpoint: '/users',
          method: 'POST',
          extra_config: {
            'validation/json-schema': {
              $schema: 'http://json-schema.org/draft-07/schema#',
              type: 'object',
              required: ['name', 'email'],
              properties: { name: { type: 'string', minLength: 2 }, email: { type: 'string', format: 'email' }, age: { type: 'integer', minimum: 0 } },
            },
          },
          backend: [{ host: [backend.url], url_pattern: '/users' }],
        },
        { endpoint: '/numbers', method: 'POST', extra_config: { 'validation/json-schema': { type: 'number' } }, backend: [{ host: [backend.url], url_pattern: '/n' }] },
      ],
    },
    ['--emit-ts'],
  );
  expect(built.status, built.stderr).toBe(0);
  gw = await runGateway(built.file);
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await backend?.close();
  cleanTemp();
});

const post = (path: string, body?: string) => request(`${gw.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });

describe('request body schemas', () => {
  it('pass a valid body on to the backend', async () => {
    const r = await post('/users', '{"name":"Ada","email":"ada@example.com","age":36}');
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"received":"{\\"name\\":\\"Ada\\",\\"email\\":\\"ada@example.com\\",\\"age\\":36}"}');
  });

  it('refuse an invalid body with 400 before calling the backend', async () => {
    const before = backend.received.length;
    const r = await post('/users', '{"name":"A","email":"not an email"}');
    expect(r.status).toBe(400);
    expect(r.body).toBe('- name: must NOT have fewer than 2 characters');
    expect(r.headers['x-krakend-completed']).toBe('false');
    expect((await post('/numbers', '{"foo":42}')).body).toBe('- (root): must be number');
    expect((await post('/numbers', 'not json')).status).toBe(400);
    expect((await post('/numbers')).body).toBe('could not validate an empty body');
    expect(backend.received.length).toBe(before);
  });

  it('keep the compiled validators beside the module with --emit-ts', () => {
    const dist = join(built.dir, 'dist');
    expect(existsSync(join(dist, 'schemas.js'))).toBe(true);
    expect(readFileSync(join(dist, 'schemas.d.ts'), 'utf8')).toContain('export declare const postUsersBodySchema');
    expect(readFileSync(join(dist, 'gateway.ts'), 'utf8')).toContain("import * as schemas from './schemas.js';");
  });
});
