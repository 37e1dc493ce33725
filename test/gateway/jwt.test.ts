// auth/validator and auth/signer: tokens from the header or a cookie, the
// algorithm pinned, signature, issuer, audience, expiry, roles and scopes,
// claims propagated to headers and url_pattern, keys from a JWK URL (cached or
// not), and signing response values.
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

const SECRET = Buffer.from('a-secret-that-is-long-enough-for-hs256!!');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa1', alg: 'RS256', use: 'sig' };
const JWKS = { keys: [{ kty: 'oct', kid: 'sim', alg: 'HS256', k: SECRET.toString('base64url') }, rsaJwk] };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: object, header: object = { alg: 'HS256', kid: 'sim', typ: 'JWT' }): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

function rs256(claims: object): string {
  const input = `${b64({ alg: 'RS256', kid: 'rsa1' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
}

const good = () => ({ iss: 'https://issuer.test', aud: 'api', sub: 'user-7', roles: ['reader', 'writer'], scope: 'read write', exp: now() + 600 });

let backend: Backend;
let gw: RunningGateway;
let jwkHits = 0;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    if (req.url === '/jwk') {
      jwkHits++;
      return json(res, JWKS);
    }
    json(res, { url: req.url, user: req.headers['x-user'] ?? null });
  });
  const validator = (extra: object = {}) => ({
    alg: 'HS256',
    jwk_url: `${backend.url}/jwk`,
    disable_jwk_security: true,
    issuer: 'https://issuer.test',
    audience: ['api'],
    roles_key: 'roles',
    roles: ['writer', 'admin'],
    ...extra,
  });
  const host = [backend.url];
  const built = buildConfig({
    version: 3,
    endpoints: [
      {
        endpoint: '/private',
        input_headers: ['X-User'],
        extra_config: { 'auth/validator': validator({ propagate_claims: [['sub', 'X-User']] }) },
        backend: [{ host, url_pattern: '/users/{JWT.sub}' }],
      },
      { endpoint: '/scoped', extra_config: { 'auth/validator': validator({ roles: [], scopes_key: 'scope', scopes: ['read', 'admin'], scopes_matcher: 'all' }) }, backend: [{ host, url_pattern: '/scoped' }] },
      { endpoint: '/cached', extra_config: { 'auth/validator': validator({ cache: true }) }, backend: [{ host, url_pattern: '/cached' }] },
      { endpoint: '/rsa', extra_config: { 'auth/validator': validator({ alg: 'RS256', roles: [] }) }, backend: [{ host, url_pattern: '/rsa' }] },
      {
        endpoint: '/token',
        extra_config: {
          proxy: { static: { strategy: 'always', data: { access_token: { sub: 'user-7', exp: 1735689600 }, refresh_token: 'left as it is' } } },
          'auth/signer': { alg: 'HS256', kid: 'sim', keys_to_sign: ['access_token', 'refresh_token'], jwk_url: `${backend.url}/jwk`, disable_jwk_security: true },
        },
        backend: [{ host, url_pattern: '/empty', deny: ['url', 'user'] }],
      },
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

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('validation', () => {
  it('refuses a request without token with an empty 401', async () => {
    const r = await request(`${gw.url}/private`);
    expect(r.status).toBe(401);
    expect(r.body).toBe('');
    expect(r.headers['x-krakend']).toBeUndefined();
  });

  it('accepts a valid token and propagates claims to headers and url_pattern', async () => {
    const r = await request(`${gw.url}/private`, bearer(hs256(good())));
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"url":"/users/user-7","user":"user-7"}');
  });

  it('takes the token from the access_token cookie too', async () => {
    expect((await request(`${gw.url}/private`, { headers: { Cookie: `other=1; access_token=${hs256(good())}` } })).status).toBe(200);
  });

  it.each([
    ['a malformed token', 'a.bad.token'],
    ['a wrong signature', hs256(good()).slice(0, -4) + 'AAAA'],
    ['an expired token', hs256({ ...good(), exp: now() - 60 })],
    ['a token not valid yet', hs256({ ...good(), nbf: now() + 60 })],
    ['another issuer', hs256({ ...good(), iss: 'https://evil.test' })],
    ['another audience', hs256({ ...good(), aud: ['api', 'other'] })],
    ['an unknown key', hs256(good(), { alg: 'HS256', kid: 'nope' })],
    ['another algorithm', hs256(good(), { alg: 'HS384', kid: 'sim' })],
    ['alg none', `${b64({ alg: 'none', kid: 'sim' })}.${b64(good())}.`],
  ])('refuses %s with 401', async (_what, token) => {
    const r = await request(`${gw.url}/private`, bearer(token));
    expect(r.status).toBe(401);
  });

  it('accepts a token expired within the leeway', async () => {
    expect((await request(`${gw.url}/private`, bearer(hs256({ ...good(), exp: Date.now() / 1000 - 0.5 })))).status).toBe(200);
  });

  it('refuses a token without the required roles with 403', async () => {
    const r = await request(`${gw.url}/private`, bearer(hs256({ ...good(), roles: ['reader'] })));
    expect(r.status).toBe(403);
    expect(r.body).toBe('');
    expect((await request(`${gw.url}/private`, bearer(hs256({ ...good(), roles: 'reader admin' })))).status).toBe(200);
  });

  it('checks scopes (all of them here)', async () => {
    expect((await request(`${gw.url}/scoped`, bearer(hs256({ ...good(), scope: 'read admin' })))).status).toBe(200);
    expect((await request(`${gw.url}/scoped`, bearer(hs256(good())))).status).toBe(403);
  });

  it('verifies RS256 tokens with the public JWK, and refuses an HS256 token there', async () => {
    expect((await request(`${gw.url}/rsa`, bearer(rs256(good())))).status).toBe(200);
    expect((await request(`${gw.url}/rsa`, bearer(hs256(good())))).status).toBe(401);
  });

  it('downloads the keys on every use unless cache is on', async () => {
    const token = hs256(good());
    jwkHits = 0;
    for (let i = 0; i < 3; i++) await request(`${gw.url}/private`, bearer(token));
    expect(jwkHits).toBe(3);
    jwkHits = 0;
    for (let i = 0; i < 3; i++) await request(`${gw.url}/cached`, bearer(token));
    expect(jwkHits).toBe(1);
  });
});

describe('signing', () => {
  it('replaces the listed objects by compact tokens, answered without KrakenD headers', async () => {
    const r = await request(`${gw.url}/token`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['x-krakend-completed']).toBeUndefined();
    const body = JSON.parse(r.body) as { access_token: string; refresh_token: string };
    expect(body.refresh_token).toBe('left as it is');
    const [header, payload, signature] = body.access_token.split('.') as [string, string, string];
    expect(Buffer.from(header, 'base64url').toString()).toBe('{"alg":"HS256","kid":"sim","typ":"JWT"}');
    expect(Buffer.from(payload, 'base64url').toString()).toBe('{"exp":1735689600,"sub":"user-7"}');
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
  });
});
