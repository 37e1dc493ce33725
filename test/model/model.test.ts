import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build.ts';
import { formatDuration, parseDuration } from '../../src/model/duration.ts';
import { sanitizeHost } from '../../src/model/hosts.ts';
import { canonicalHeader, endpointParams, routerPath, urlPlaceholders } from '../../src/model/params.ts';
import { RouteConflict, RouteTree } from '../../src/model/route-tree.ts';

const base = (endpoints: unknown[], extra: Record<string, unknown> = {}) => ({ version: 3, host: ['http://b:8080'], endpoints, ...extra });
const ep = (endpoint: string, more: Record<string, unknown> = {}) => ({ endpoint, backend: [{ url_pattern: '/x' }], ...more });

function codes(tree: Record<string, unknown>) {
  const r = buildModel(tree, new Map());
  return r.diagnostics.map((d) => `${d.severity}:${d.code}`);
}

describe('durations', () => {
  it.each([
    ['3s', 3e9],
    ['1m30s', 90e9],
    ['1.5s', 1.5e9],
    ['.5s', 0.5e9],
    ['500ms', 5e8],
    ['3µs', 3000],
    ['3μs', 3000],
    ['3us', 3000],
    ['10ns', 10],
    ['1h', 3600e9],
    ['0', 0],
    ['-1s', -1e9],
  ])('parses %s', (s, ns) => expect(parseDuration(s)).toBe(ns));
  it.each([
    ['', 'time: invalid duration'],
    ['1d', 'time: unknown unit'],
    ['5', 'time: missing unit'],
    ['1 s', 'time: unknown unit'],
    ['s', 'time: invalid duration'],
  ])('rejects %j', (s, err) => expect(parseDuration(s)).toEqual({ error: err }));
  it.each([
    [0, '0s'],
    [3e9, '3s'],
    [3600e9, '1h0m0s'],
    [1.5e9, '1.5s'],
    [5e8, '500ms'],
    [3000, '3µs'],
    [90e9, '1m30s'],
    [10, '10ns'],
    [-2e9, '-2s'],
  ])('formats %d as %s', (ns, s) => expect(formatDuration(ns)).toBe(s));
});

describe('hosts', () => {
  it.each([
    ['https://api.example.com/', 'https://api.example.com'],
    ['localhost:8080', 'http://localhost:8080'],
    ['api', 'http://api'],
    ['  http://x', 'http://x'],
    ['http://x#', 'http://x'],
  ])('sanitises %s', (raw, want) => expect(sanitizeHost(raw)).toMatchObject({ host: want }));
  it.each(['http://h/path', 'HTTP://h', 'ftp://h', 'http://h:1', 'http://h:1234567', '', 'http://u@h', 'http://[::1]:80'])('rejects %j', (raw) =>
    expect(sanitizeHost(raw)).toHaveProperty('error'),
  );
});

describe('params', () => {
  it('extracts strict params only after a slash', () => {
    expect(endpointParams('/a/{id}/file.{ext}', false)).toEqual(['id']);
    expect(routerPath('/a/{id}/file.{ext}', false)).toBe('/a/:id/file.{ext}');
  });
  it('extracts loose params with disable_rest', () => {
    expect(endpointParams('/a/{id}/file.{ext}', true)).toEqual(['id', 'ext']);
    expect(routerPath('/a/{id}/file.{ext}', true)).toBe('/a/:id/file.:ext');
  });
  it('finds url placeholders anywhere', () => expect(urlPlaceholders('/u/{id}?q={q}&x={JWT.sub}')).toEqual(['id', 'q', 'JWT.sub']));
  it.each([
    ['x-user-id', 'X-User-Id'],
    ['CONTENT-TYPE', 'Content-Type'],
    ['*', '*'],
    ['bad header', 'bad header'],
  ])('canonicalises %s', (h, want) => expect(canonicalHeader(h)).toBe(want));
});

describe('route tree', () => {
  const insertAll = (paths: string[]) => {
    const t = new RouteTree();
    for (const p of paths) t.insert(p);
  };
  it('accepts static beside param', () => expect(() => insertAll(['/users/:id', '/users/new', '/users/:id/posts'])).not.toThrow());
  it('accepts trailing-slash twins', () => expect(() => insertAll(['/a', '/a/'])).not.toThrow());
  it('rejects different param names at one position', () =>
    expect(() => insertAll(['/user/:userid', '/user/:iduser/some'])).toThrow(
      "':iduser' in new path '/user/:iduser/some' conflicts with existing wildcard ':userid' in existing prefix '/user/:userid'",
    ));
  it('rejects duplicates', () => expect(() => insertAll(['/a/:id', '/a/:id'])).toThrow("handlers are already registered for path '/a/:id'"));
  it('rejects an unnamed catch-all', () => expect(() => insertAll(['/a/*'])).toThrow(RouteConflict));
  it('rejects a longer param name sharing a prefix', () => expect(() => insertAll(['/a/:id', '/a/:idx'])).toThrow(/conflicts with existing wildcard ':id'/));
  it('rejects a path segment next to a catch-all', () => expect(() => insertAll(['/a/*rest', '/a/b'])).toThrow(RouteConflict));
});

describe('model', () => {
  it('applies KrakenD defaults', () => {
    const { model, diagnostics } = buildModel(
      base([ep('/a/{id}', { method: 'post', backend: [{ url_pattern: 'x/{id}', host: ['b:9000'] }, { url_pattern: '/y', method: 'GET' }] })]),
      new Map(),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['host-without-scheme']);
    const s = model!;
    expect(s.port).toBe(8080);
    expect(s.timeout).toBe(2e9);
    expect(s.maxIdleConnectionsPerHost).toBe(250);
    const e = s.endpoints[0]!;
    expect(e.method).toBe('POST');
    expect(e.routerPath).toBe('/a/:id');
    expect(e.outputEncoding).toBe('json');
    expect(e.concurrentCalls).toBe(1);
    expect(e.timeoutSet).toBe(false);
    expect(e.backends[0]!.urlPattern).toBe('/x/{id}');
    expect(e.backends[0]!.method).toBe('post');
    expect(e.backends[0]!.hosts).toEqual(['http://b:9000']);
    expect(e.backends[1]!.hosts).toEqual(['http://b:8080']);
    expect(e.backends[1]!.hostsInherited).toBe(true);
  });
  it('converts weakly typed values like the runtime', () => {
    const { model, diagnostics } = buildModel(base([ep('/a')], { port: '0x1F90', debug_endpoint: 'true', timeout: '1m30s' }), new Map());
    expect(diagnostics).toEqual([]);
    expect(model!.port).toBe(8080);
    expect(model!.debugEndpoint).toBe(true);
    expect(model!.timeout).toBe(90e9);
  });
  it('matches keys case-insensitively', () => {
    const { model } = buildModel({ Version: 3, PORT: 9000, host: ['http://b'], endpoints: [ep('/a')] }, new Map());
    expect(model!.port).toBe(9000);
  });
  it.each([
    [{ version: 2, endpoints: [] }, ['error:version']],
    [{ endpoints: [] }, ['error:version']],
    [base([{ endpoint: '/a' }]), ['error:no-backends']],
    [base([ep('/a'), ep('/a')]), ['error:duplicate-endpoint']],
    [base([ep('/a/{id}'), ep('/a/{name}', { method: 'GET' })]), ['error:route-conflict']],
    [base([ep('/a/{id}'), ep('/a/{name}', { method: 'POST' })]), []],
    [base([ep('/a/{id}', { backend: [{ url_pattern: '/x/{idd}' }] })]), ['error:undefined-placeholder']],
    [base([ep('/a/{id}', { backend: [{ url_pattern: '/x/{id}/{JWT.sub}' }] })]), []],
    [base([ep('/a', { backend: [{ url_pattern: '/x/{JWT.sub}/{JWT.name}' }] })]), []],
    [base([ep('/a', { backend: [{ url_pattern: '/x/{a}/{b}/{c}' }] })]), ['error:params-mismatch']],
    [base([ep('/a', { backend: [{ url_pattern: '/x/{input_headers.X-Tenant}' }] })]), []],
    [base([ep('/a', { backend: [{ url_pattern: '/x' }, { url_pattern: '/y/{resp0_id}' }] })]), ['warning:sequential-placeholder']],
    [
      base([ep('/a', { backend: [{ url_pattern: '/x' }, { url_pattern: '/y/{resp0_id}' }], extra_config: { proxy: { sequential: true } } })]),
      [],
    ],
    [base([ep('/a', { backend: [{ url_pattern: '/x', host: ['http://h/path'] }] })]), ['error:invalid-host']],
    [base([ep('/a', { output_encoding: 'no-op', backend: [{ url_pattern: '/x' }, { url_pattern: '/y' }] })]), ['error:no-op-multiple-backends']],
    [base([ep('/a/__health')]), ['error:invalid-endpoint']],
    [base([ep('/a/*/b')]), ['error:invalid-endpoint']],
    [base([ep('/a/*')]), ['warning:wildcard-endpoint']],
    [base([ep('/a'), ep('/a/')]), ['warning:trailing-slash-twin']],
    [base([ep('/a', { backend: [{ url_pattern: '/x', timeout: '1s' }] })]), ['warning:backend-timeout-ignored']],
    [base([ep('/a', { method: 'HEAD' })]), ['warning:unsupported-method']],
    [base([ep('/a')], { listen_ip: 'localhost' }), ['error:invalid-ip']],
    [base([ep('/a')], { listen_ip: '::1' }), []],
    [base([ep('/a')], { timeout: '5 s' }), ['error:bad-duration']],
    [base([ep('/a')], { port: 'eighty' }), ['error:decode']],
    [base([ep('/a')], { tls: { public_key: 'a.pem' } }), ['error:tls-keys']],
    [base([ep('/a', { extra_config: { proxy: { flatmap_filter: [{ type: 'move', args: ['a'] }] } } })]), ['error:flatmap-args']],
    [base([ep('/a', { extra_config: { proxy: { flatmap_filter: [{ type: 'append', args: ['a', 1] }] } } })]), ['error:flatmap-args']],
    [base([ep('/a', { extra_config: { proxy: { flatmap_filter: [{ type: 'mvoe', args: ['a', 'b'] }, { args: [] }] } } })]), ['warning:flatmap-ignored', 'warning:flatmap-ignored']],
    [base([ep('/a', { extra_config: { proxy: { flatmap_filter: { type: 'del' } } } })]), ['warning:flatmap-ignored']],
    [base([ep('/a', { extra_config: { proxy: { flatmap_filter: [{ type: 'move', args: ['a', 'b', 'c'] }, { type: 'del', args: ['x', 2] }] } } })]), ['warning:flatmap-ignored', 'warning:flatmap-ignored']],
  ])('diagnoses %j', (tree, want) => expect(codes(tree as Record<string, unknown>)).toEqual(want));
  it('reports unknown and misplaced namespaces when told which exist', () => {
    const known = new Map<string, string[]>([
      ['qos/circuit-breaker', ['backend']],
      ['qos/ratelimit/router', ['endpoint', 'service']],
    ]);
    const r = buildModel(
      base([ep('/a', { extra_config: { 'qos/circuit-breaker': {}, 'qos/ratelimit/token-bucket': {} } })]),
      new Map(),
      { knownNamespaces: known },
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['misplaced-namespace', 'unknown-namespace']);
    expect(r.diagnostics[1]!.hint).toContain('qos/ratelimit/router');
  });
});
