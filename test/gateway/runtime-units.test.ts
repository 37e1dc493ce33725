// Small runtime pieces with Go's exact rules: URL escaping and query
// handling, path cleaning, parameter checks, start-up overrides, client IP,
// duration printing.
import { describe, expect, it } from 'vitest';
import { clientIpPolicy, peerAddress, resolveClientIp } from '../../src/runtime/client-ip.ts';
import { formatGoDuration, parseGoDuration } from '../../src/runtime/duration.ts';
import { describeNetworkError } from '../../src/runtime/errors.ts';
import { parseGoBool, parseGoInt, parseStartFlags, resolveServiceSettings, sanitizeServiceHost, SettingsError, type ServiceDefinition } from '../../src/runtime/settings.ts';
import { appendQuery, canonicalHeaderName, cleanPath, encodeQuery, paramProblem, parseQuery, queryEscape, requestTarget, unescapePath } from '../../src/runtime/url.ts';

describe('url', () => {
  it.each([
    ['/users/42', '/users/42'],
    ['/a b/c', '/a%20b/c'],
    ['/map[a:1 b:2]', '/map%5Ba:1%20b:2%5D'],
    ["/keep(!*')$&+,;=:@", "/keep(!*')$&+,;=:@"],
    ['/x/%7B%7B.Id%7D%7D', '/x/%7B%7B.Id%7D%7D'],
    ['/x/{{.Id}}', '/x/%7B%7B.Id%7D%7D'],
    ['/ünï', '/%C3%BCn%C3%AF'],
    ['/q?a=1&b=<x>', '/q?a=1&b=<x>'],
    ['/q?a=b c', '/q?a=b%20c'],
    ['/frag#part', '/frag'],
  ])('requestTarget(%j) = %j', (input, expected) => {
    expect(requestTarget(input)).toBe(expected);
  });

  it('requestTarget refuses a malformed escape', () => {
    expect(() => requestTarget('/a%zz')).toThrow('invalid URL escape "%zz"');
  });

  it('unescapePath keeps + and reports bad escapes as Go does', () => {
    expect(unescapePath('/a%2Fb+c%20')).toBe('/a/b+c ');
    expect(() => unescapePath('/x%4')).toThrow('invalid URL escape "%4"');
  });

  it.each([
    ['plain', null],
    ['%41', 'error: encoded url params'],
    ['a?b', 'error: encoded url params'],
    ['a#b', 'error: encoded url params'],
    ['%zz', 'error: invalid URL escape "%zz"'],
    ['%', 'error: invalid URL escape "%"'],
  ])('paramProblem(%j)', (value, expected) => {
    expect(paramProblem(value)).toBe(expected);
  });

  it('parses queries as Go does (malformed pairs and semicolons dropped)', () => {
    const q = parseQuery('a=1&b=x+y&a=2&bad=%zz&c;d=1&&e&f=');
    expect({ ...q }).toEqual({ a: ['1', '2'], b: ['x y'], e: [''], f: [''] });
    expect(Object.getPrototypeOf(parseQuery('__proto__=1'))).toBe(null);
  });

  it('encodes queries as Go does (sorted, QueryEscape)', () => {
    expect(encodeQuery(parseQuery("z=1&a=x y&a=*'()!&b=é"))).toBe('a=x+y&a=%2A%27%28%29%21&b=%C3%A9&z=1');
    expect(appendQuery('', 'k', ['v1', 'v2'])).toBe('k=v1&k=v2');
    expect(queryEscape('a-_.~b')).toBe('a-_.~b');
  });

  it.each([
    ['/a/../b', '/b'],
    ['//a//b/', '/a/b/'],
    ['/a/./b/..', '/a'],
    ['', '/'],
    ['/..', '/'],
  ])('cleanPath(%j) = %j', (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });

  it('canonicalises header names', () => {
    expect(canonicalHeaderName('x-y-z')).toBe('X-Y-Z');
    expect(canonicalHeaderName('CONTENT-type')).toBe('Content-Type');
  });
});

describe('start-up settings', () => {
  const base: ServiceDefinition = {
    name: 'svc',
    port: 0,
    listenIp: '',
    timeout: 0,
    cacheTtl: 0,
    outputEncoding: '',
    hosts: [],
    debugEndpoint: false,
    echoEndpoint: false,
    maxHeaderBytes: 0,
    readTimeout: 0,
    writeTimeout: 0,
    idleTimeout: 0,
    readHeaderTimeout: 0,
    disableKeepAlives: false,
    disableCompression: false,
    maxIdleConnectionsPerHost: 0,
    idleConnectionTimeout: 0,
    responseHeaderTimeout: 0,
    dialerTimeout: 0,
    dialerKeepAlive: 0,
    maxShutdownWaitTime: 0,
  };

  it('applies KrakenD defaults', () => {
    const s = resolveServiceSettings(base, {});
    expect([s.port, s.timeout, s.maxIdleConnectionsPerHost]).toEqual([8080, 2e9, 250]);
  });

  it('applies KRAKEND_* overrides with weak typing, then flags', () => {
    const s = resolveServiceSettings(base, { KRAKEND_PORT: '0x1F90', KRAKEND_TIMEOUT: '1.5s', KRAKEND_DEBUG_ENDPOINT: 't', KRAKEND_HOST: 'backend:9000', KRAKEND_NAME: 'n' }, {});
    expect([s.port, s.timeout, s.debugEndpoint, s.hosts, s.name]).toEqual([8080, 1.5e9, true, ['http://backend:9000'], 'n']);
    expect(s.overrides).toEqual(['KRAKEND_NAME', 'KRAKEND_PORT', 'KRAKEND_TIMEOUT', 'KRAKEND_HOST', 'KRAKEND_DEBUG_ENDPOINT']);
    expect(resolveServiceSettings(base, { KRAKEND_PORT: '9000' }, { port: 7000 }).port).toBe(7000);
    expect(resolveServiceSettings(base, { KRAKEND_TIMEOUT: '0' }).timeout).toBe(2e9);
  });

  it('refuses values KrakenD cannot decode', () => {
    expect(() => resolveServiceSettings(base, { KRAKEND_PORT: 'http' })).toThrow(SettingsError);
    expect(() => resolveServiceSettings(base, { KRAKEND_TIMEOUT: '3d' })).toThrow('KRAKEND_TIMEOUT: time: unknown unit "3d"');
    expect(() => resolveServiceSettings(base, { KRAKEND_ECHO_ENDPOINT: 'yes' })).toThrow(SettingsError);
  });

  it('parses Go integers and booleans', () => {
    expect([parseGoInt('010'), parseGoInt('0o17'), parseGoInt('-0b11'), parseGoInt('1_000'), parseGoInt(''), parseGoInt('8.5')]).toEqual([8, 15, -3, 1000, 0, undefined]);
    expect([parseGoBool('TRUE'), parseGoBool('0'), parseGoBool('yes')]).toEqual([true, false, undefined]);
    expect([sanitizeServiceHost('https://api.example.com/'), sanitizeServiceHost('http://h/path')]).toEqual(['https://api.example.com', undefined]);
  });

  it('reads the gateway flags', () => {
    expect(parseStartFlags(['-p', '9000', '-d'])).toEqual({ port: 9000, debug: true });
    expect(parseStartFlags(['--port=0'])).toEqual({ port: 0 });
    expect(() => parseStartFlags(['--verbose'])).toThrow(SettingsError);
  });
});

describe('client IP', () => {
  it('uses the TCP peer unless the peer is a trusted proxy', () => {
    const none = clientIpPolicy([], [], true);
    expect(resolveClientIp(none, '127.0.0.1', ['X-Forwarded-For', '1.2.3.4'])).toBe('127.0.0.1');
    const trusted = clientIpPolicy(['10.0.0.0/8', '::1'], [], true);
    expect(resolveClientIp(trusted, '10.1.2.3', ['x-forwarded-for', '9.9.9.9, 10.0.0.7'])).toBe('9.9.9.9');
    expect(resolveClientIp(trusted, '10.1.2.3', ['X-Forwarded-For', 'bogus, 10.0.0.7'])).toBe('10.1.2.3');
    expect(resolveClientIp(trusted, '192.168.1.1', ['X-Forwarded-For', '9.9.9.9'])).toBe('192.168.1.1');
    expect(resolveClientIp(clientIpPolicy(['10.0.0.0/8'], [], false), '10.1.2.3', ['X-Forwarded-For', '9.9.9.9'])).toBe('10.1.2.3');
    expect(peerAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('Go texts', () => {
  it('prints durations as Go does', () => {
    expect([formatGoDuration(1_234_567), formatGoDuration(118_543), formatGoDuration(3_600e9), formatGoDuration(1.5e9), formatGoDuration(999)]).toEqual([
      '1.234567ms',
      '118.543µs',
      '1h0m0s',
      '1.5s',
      '999ns',
    ]);
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('5')).toEqual({ error: 'time: missing unit' });
  });

  it('words network errors as Go does', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:80'), { code: 'ECONNREFUSED', address: '10.0.0.1', port: 80 });
    expect(describeNetworkError(refused, 'GET', 'http://10.0.0.1/x')).toBe('Get "http://10.0.0.1/x": dial tcp 10.0.0.1:80: connect: connection refused');
    const closed = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(describeNetworkError(closed, 'POST', 'http://h:81/y')).toBe('Post "http://h:81/y": EOF');
  });
});
