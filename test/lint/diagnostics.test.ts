// lintConfig: every kind of schema error, at its exact line:column in JSON and
// in YAML, with its message, "did you mean" and hint.
import { describe, expect, it } from 'vitest';
import { config, endpointConfig, lintFixture, lintText, rows, type Row } from './support.ts';

const DURATION_HINT = 'a duration is a whole number and one unit: ns, us, µs, ms, s, m or h (e.g. "1500ms", "2s", "1h")';
const RATE_LIMIT_HINT =
  'namespaces with a similar name allowed here: `qos/ratelimit/router`, `qos/ratelimit/tiered`, `qos/ratelimit/router/redis`; ' +
  'elsewhere: `qos/ratelimit/service` (service), `qos/ratelimit/proxy` (backend), `qos/ratelimit/service/redis` (service)';

/** The problems of fixtures/lint/all-kinds.*, with the places given per format. */
function allKinds(at: string[]): Row[] {
  return [
    { code: 'lint/wrong-type', at: at[0]!, message: '`port`: expected integer, got string "8080"', hint: 'remove the quotes: 8080' },
    {
      code: 'lint/bad-duration',
      at: at[1]!,
      message: '`timeout`: "1m30s" is not a valid duration',
      suggestion: '90s',
      hint: `${DURATION_HINT}; the schema takes no fractions or compound values`,
    },
    { code: 'lint/misplaced-namespace', at: at[2]!, message: "`qos/circuit-breaker` is a backend component; move it into a backend's extra_config" },
    { code: 'lint/bad-enum', at: at[3]!, message: '`method`: "get" is not one of GET, POST, PUT, PATCH, DELETE', suggestion: 'GET' },
    { code: 'lint/out-of-range', at: at[4]!, message: '`concurrent_calls`: 9 is above the maximum, 5' },
    { code: 'lint/unknown-namespace', at: at[5]!, message: "unknown namespace `qos/ratelimit/token-bucket` in an endpoint's extra_config", hint: RATE_LIMIT_HINT },
    { code: 'lint/missing-key', at: at[6]!, message: 'missing required key `url_pattern` in backend #1 of endpoint "/users/{id}"' },
    { code: 'lint/unknown-key', at: at[7]!, message: 'unknown key `url_pattrn` in backend #1 of endpoint "/users/{id}"', suggestion: 'url_pattern' },
  ];
}

describe('one error of each kind', () => {
  it('locates every error in JSON (keys for unknown keys, values otherwise, the object for a missing key)', () => {
    const ds = lintFixture('all-kinds.json');
    expect(rows(ds)).toEqual(allKinds(['5:11', '6:14', '12:5', '21:17', '22:27', '24:9', '29:9', '31:11']));
    expect(ds.every((d) => d.severity === 'error' && d.file!.endsWith('fixtures/lint/all-kinds.json'))).toBe(true);
    // The span of an unknown key covers the key with its quotes.
    expect(ds[7]).toMatchObject({ line: 31, column: 11, endLine: 31, endColumn: 23 });
  });

  it('locates the same errors in YAML', () => {
    const ds = lintFixture('all-kinds.yaml');
    expect(rows(ds)).toEqual(allKinds(['4:7', '5:10', '10:3', '16:13', '17:23', '19:7', '22:9', '24:9']));
    expect(ds[7]).toMatchObject({ line: 24, column: 9, endLine: 24, endColumn: 19 });
  });

  it('passes a valid configuration, comment keys included', () => {
    const text = config({
      '@comment': 'free text',
      $schema: 'https://www.krakend.io/schema/v2.13/krakend.json',
      _note: 1,
      '#tag': true,
      port: 8080,
      timeout: '3s',
      tls: null,
      extra_config: { '@comment': 'x', 'security/cors': { allow_origins: ['*'], max_age: '12h' } },
      endpoints: [{ endpoint: '/a/{id}', method: 'POST', backend: [{ url_pattern: '/b/{id}', host: ['http://b'], extra_config: { 'qos/circuit-breaker': { interval: 60, timeout: 10, max_errors: 1 } } }] }],
    });
    expect(lintText(text)).toEqual([]);
    expect(lintText('version: 3\nendpoints:\n  - endpoint: /a\n    backend:\n      - url_pattern: /b\n', 'krakend.yaml')).toEqual([]);
  });
});

describe('namespaces', () => {
  it('suggests the closest namespace allowed at that level', () => {
    expect(rows(lintText(endpointConfig({ extra_config: { 'qos/ratelimit/routr': { max_rate: 1 } } })))).toEqual([
      {
        code: 'lint/unknown-namespace',
        at: '12:9',
        message: "unknown namespace `qos/ratelimit/routr` in an endpoint's extra_config",
        suggestion: 'qos/ratelimit/router',
        hint:
          'namespaces with a similar name allowed here: `qos/ratelimit/tiered`, `qos/ratelimit/router/redis`; ' +
          'elsewhere: `qos/ratelimit/proxy` (backend), `qos/ratelimit/service` (service), `qos/ratelimit/service/redis` (service)',
      },
    ]);
  });

  it('says where a namespace allowed at several levels belongs', () => {
    expect(rows(lintText(endpointConfig({}, { extra_config: { 'security/cors': { allow_origins: ['*'] } } })))).toEqual([
      {
        code: 'lint/misplaced-namespace',
        at: '10:13',
        message: "`security/cors` is a service or endpoint component; move it into the service extra_config or an endpoint's extra_config",
      },
    ]);
  });

  it('rejects endpoint namespaces a workflow does not take', () => {
    const workflow = { endpoint: 'w', backend: [{ url_pattern: '/c' }], extra_config: { 'qos/ratelimit/router': { max_rate: 1 } } };
    expect(rows(lintText(endpointConfig({}, { extra_config: { workflow } })))).toEqual([
      {
        code: 'lint/misplaced-namespace',
        at: '18:17',
        message: "`qos/ratelimit/router` cannot be used in a workflow: it is an endpoint component; move it into an endpoint's extra_config",
      },
    ]);
  });

  it('points legacy long names to their short name, as the official schema accepts only those', () => {
    expect(rows(lintText(config({ extra_config: { 'github_com/devopsfaith/krakend-cors': { allow_origins: ['*'] } } })))).toEqual([
      {
        code: 'lint/legacy-namespace',
        at: '4:5',
        message: '`github_com/devopsfaith/krakend-cors` is the legacy name of `security/cors`; the schema only accepts the short name',
        suggestion: 'security/cors',
      },
    ]);
  });

  it('explains keys written in extra_config and namespaces written outside it', () => {
    expect(rows(lintText(config({ extra_config: { endpoints: [] } })))).toEqual([
      {
        code: 'lint/unknown-namespace',
        at: '4:5',
        message: 'unknown namespace `endpoints` in the service extra_config',
        hint: '`endpoints` is a key of the service, not a namespace: move it out of `extra_config`',
      },
    ]);
    expect(rows(lintText(endpointConfig({ 'qos/ratelimit/router': { max_rate: 1 } })))).toEqual([
      {
        code: 'lint/unknown-key',
        at: '11:7',
        message: 'unknown key `qos/ratelimit/router` in endpoint "/a"',
        hint: '`qos/ratelimit/router` is a component namespace: it goes inside `extra_config`',
      },
    ]);
  });
});

describe('choices between keys (anyOf / oneOf) give one message', () => {
  it('names the keys still missing, saying shared ones once', () => {
    expect(rows(lintText(endpointConfig({ extra_config: { 'auth/validator': { cache: true } } })))).toEqual([
      { code: 'lint/missing-key', at: '12:27', message: '`auth/validator` needs `alg` and one of `jwk_local_path`, `jwk_url`' },
    ]);
    expect(rows(lintText(endpointConfig({ extra_config: { 'qos/ratelimit/router': { every: '1s' } } })))).toEqual([
      { code: 'lint/missing-key', at: '12:33', message: '`qos/ratelimit/router` needs `max_rate` or `client_max_rate`' },
    ]);
  });

  it('explains that a comment key makes an object non-empty', () => {
    expect(rows(lintText(endpointConfig({}, { extra_config: { 'qos/http-cache': { '@comment': 'x' } } })))).toEqual([
      {
        code: 'lint/missing-key',
        at: '10:31',
        message: '`qos/http-cache` needs `max_size` and `max_items`, or `shared` (or no keys at all)',
        hint: '`@comment` counts as a key here, so the object is not empty',
      },
    ]);
  });

  it('names the keys that cannot be used together', () => {
    expect(rows(lintText(endpointConfig({ extra_config: { 'modifier/request-body-generator': { path: 'a', template: 'b' } } })))).toEqual([
      { code: 'lint/schema', at: '12:44', message: '`modifier/request-body-generator`: use either `path` or `template`, not both' },
    ]);
    const signer = { alg: 'HS256', kid: 'k', keys_to_sign: [], jwk_url: 'x', jwk_local_path: 'y', disable_jwk_security: true };
    expect(rows(lintText(endpointConfig({ extra_config: { 'auth/signer': signer } })))).toEqual([
      { code: 'lint/schema', at: '12:24', message: '`auth/signer`: use either `jwk_local_path` and `disable_jwk_security`, or `jwk_url`, not both' },
    ]);
  });

  it('asks an async agent for its driver', () => {
    const agent = { name: 'a', consumer: { topic: 't' }, backend: [{ url_pattern: '/' }], extra_config: {} };
    expect(rows(lintText(config({ async_agent: [agent] })))).toEqual([
      { code: 'lint/missing-key', at: '14:23', message: 'the extra_config of async agent "a" needs `async/amqp` or `async/kafka`' },
    ]);
  });
});

describe('values', () => {
  it('reports durations written as numbers', () => {
    expect(rows(lintText(config({ timeout: 3000 })))).toEqual([
      { code: 'lint/bad-duration', at: '3:14', message: '`timeout`: expected a duration string, got number 3000', hint: DURATION_HINT },
    ]);
  });

  it('converts fractional durations to one unit', () => {
    expect(rows(lintText(config({ cache_ttl: '1.5s' })))[0]).toMatchObject({ code: 'lint/bad-duration', suggestion: '1500ms' });
    expect(rows(lintText(config({ cache_ttl: '5 min' })))[0]).toEqual({
      code: 'lint/bad-duration',
      at: '3:16',
      message: '`cache_ttl`: "5 min" is not a valid duration',
      hint: DURATION_HINT,
    });
  });

  it('hints at the shape a wrongly typed value should have', () => {
    expect(rows(lintText(config({ host: 'http://a' })))).toEqual([
      { code: 'lint/wrong-type', at: '3:11', message: '`host`: expected array, got string "http://a"', hint: 'write it as a list: ["http://a"]' },
    ]);
    expect(rows(lintText(config({ name: 42 })))).toEqual([{ code: 'lint/wrong-type', at: '3:11', message: '`name`: expected string, got number 42', hint: 'quote it: "42"' }]);
    expect(rows(lintText(config({ debug_endpoint: 'true' })))).toEqual([
      { code: 'lint/wrong-type', at: '3:21', message: '`debug_endpoint`: expected boolean, got string "true"', hint: 'remove the quotes: true' },
    ]);
    expect(rows(lintText(endpointConfig({ extra_config: { 'validation/cel': { check_expr: 'x' } } })))).toEqual([
      { code: 'lint/wrong-type', at: '12:27', message: '`validation/cel`: expected array, got object' },
    ]);
  });

  it('reports the version and a missing version', () => {
    expect(rows(lintText('{"version": 2}'))).toEqual([{ code: 'lint/bad-enum', at: '1:13', message: '`version` must be 3, got 2' }]);
    expect(rows(lintText('{"name": "x"}'))).toEqual([
      { code: 'lint/missing-key', at: '1:1', message: 'missing required key `version` in the service', hint: 'add "version": 3 at the top level' },
    ]);
  });

  it('reports limits on sizes and counts', () => {
    expect(rows(lintText(config({ endpoints: [{ endpoint: '/a', backend: [] }] })))).toEqual([
      { code: 'lint/out-of-range', at: '6:18', message: '`backend` needs at least 1 item, has 0' },
    ]);
    expect(rows(lintText(config({ port: 70000 })))).toEqual([{ code: 'lint/out-of-range', at: '3:11', message: '`port`: 70000 is above the maximum, 65535' }]);
    const martian = { 'header.Modifier': { scope: ['request'], name: 'a', value: 'b' }, 'header.Append': { scope: ['request'], name: 'a', value: 'b' } };
    expect(rows(lintText(endpointConfig({}, { extra_config: { 'modifier/martian': martian } })))).toEqual([
      { code: 'lint/out-of-range', at: '10:33', message: '`modifier/martian` takes at most 1 key, has 2' },
    ]);
  });

  it('explains patterns it knows', () => {
    expect(rows(lintText(config({ endpoints: [{ endpoint: '/a?b', backend: [{ url_pattern: '/' }] }] })))).toEqual([
      {
        code: 'lint/bad-pattern',
        at: '5:19',
        message: '`endpoint`: "/a?b" does not match the pattern ^/[^*?&%]*(/\\*)?$',
        hint: 'an endpoint path starts with "/" and has no "*", "?", "&" or "%" (only a final "/*" is allowed)',
      },
    ]);
  });

  it('reports repeated items', () => {
    expect(rows(lintText(endpointConfig({ input_headers: ['A', 'B', 'A'] })))).toEqual([
      { code: 'lint/schema', at: '11:24', message: '`input_headers` lists "A" twice (items [0] and [2])' },
    ]);
  });
});

describe('options', () => {
  it('fills the source line when given a way to read it', async () => {
    const { lintConfig } = await import('../../src/lint/lint.ts');
    const { parseJson } = await import('../../src/formats/json.ts');
    const text = '{\n  "version": 3,\n  "port": "80"\n}\n';
    const doc = parseJson(text, 'a.json');
    const [d] = lintConfig(doc.value, doc.locations, { file: 'a.json', lineText: (_file, line) => text.split('\n')[line - 1] });
    expect(d).toMatchObject({ code: 'lint/wrong-type', line: 3, column: 11, lineText: '  "port": "80"' });
  });

  it('accepts integers parsed as bigint', async () => {
    const { lintConfig } = await import('../../src/lint/lint.ts');
    expect(lintConfig({ version: 3n, port: 8080n }, new Map())).toEqual([]);
    expect(lintConfig({ version: 3n, port: 80800n }, new Map(), { file: 'k.toml' })).toEqual([
      { severity: 'error', code: 'lint/out-of-range', message: '`port`: 80800 is above the maximum, 65535', file: 'k.toml' },
    ]);
  });
});

describe('extra_config of other places', () => {
  it('lists what a gRPC method takes', () => {
    const grpc = { catalog: ['x.pb'], server: { services: [{ name: 's', methods: [{ name: 'm', backend: [{ url_pattern: '/' }], extra_config: { 'qos/ratelimit/router': { max_rate: 1 } } }] }] } };
    expect(rows(lintText(config({ extra_config: { grpc } })))).toEqual([
      {
        code: 'lint/misplaced-namespace',
        at: '21:19',
        message: '`qos/ratelimit/router` cannot be used in the extra_config of `server.services[0].methods[0]` of `grpc`; allowed here: `auth/validator`',
      },
    ]);
  });
});
