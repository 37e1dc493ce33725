import type { LocationMap } from '../src/formats/types.ts';
import {
  backendInsecureConnections,
  cleartextHttp2,
  forwardAllHeaders,
  forwardAllQueryStrings,
  grpcServerWithoutServices,
  insecureConnections,
  noCors,
  noHttpSecurity,
  noTls,
  tlsDisabled,
  unboundedCache,
  versionHeader,
} from './2-transport.ts';
import { endpoint, testRule } from '../test/audit/rule-tester.ts';

const ROUTER_LONG = 'github_com/luraproject/lura/router/gin';
const esc = (ns: string) => ns.replace(/~/g, '~0').replace(/\//g, '~1');

testRule(insecureConnections, {
  valid: [
    { name: 'nothing set', config: {} },
    { name: 'explicitly false', config: { allow_insecure_connections: false, client_tls: { allow_insecure_connections: false } } },
    { name: 'client_tls without the flag', config: { client_tls: { ca_certs: ['ca.pem'] } } },
  ],
  invalid: [
    { name: 'root flag', config: { allow_insecure_connections: true }, at: ['/allow_insecure_connections'] },
    { name: 'client_tls flag', config: { client_tls: { allow_insecure_connections: true } }, at: ['/client_tls/allow_insecure_connections'] },
    { name: 'client_tls flag as a string (weakly typed)', config: { client_tls: { allow_insecure_connections: 'true' } }, at: ['/client_tls/allow_insecure_connections'] },
    {
      name: 'both',
      config: { allow_insecure_connections: true, client_tls: { allow_insecure_connections: true } },
      at: ['/allow_insecure_connections', '/client_tls/allow_insecure_connections'],
    },
  ],
});

testRule(noTls, {
  valid: [
    { name: 'tls object', config: { tls: { keys: [{ public_key: 'a.pem', private_key: 'a.key' }] } } },
    { name: 'empty tls object', config: { tls: {} } },
    { name: 'disabled tls still counts as present', config: { tls: { disabled: true } } },
  ],
  invalid: [
    { name: 'no tls', config: {}, at: [''] },
    { name: 'tls is null', config: { tls: null }, at: [''] },
  ],
});

testRule(tlsDisabled, {
  valid: [
    { name: 'no tls', config: {} },
    { name: 'enabled tls', config: { tls: { disabled: false } } },
    { name: 'tls without the flag', config: { tls: { public_key: 'a' } } },
  ],
  invalid: [
    { name: 'disabled', config: { tls: { disabled: true } }, at: ['/tls/disabled'] },
    { name: 'disabled as a string (weakly typed)', config: { tls: { disabled: 'true' } }, at: ['/tls/disabled'] },
  ],
});

testRule(noHttpSecurity, {
  valid: [
    { name: 'security/http', config: { extra_config: { 'security/http': { frame_deny: true } } } },
    { name: 'long name', config: { extra_config: { 'github_com/devopsfaith/krakend-httpsecure': {} } } },
  ],
  invalid: [
    { name: 'missing', config: {}, at: ['/extra_config'] },
    { name: 'only at endpoint level', config: { endpoints: [endpoint('/a', { extra_config: { 'security/http': {} } })] }, at: ['/extra_config'] },
  ],
});

testRule(cleartextHttp2, {
  valid: [
    { name: 'nothing set', config: {} },
    { name: 'router without h2c', config: { extra_config: { router: { use_h2c: false } } } },
    { name: 'router flag as a string is not read', config: { extra_config: { router: { use_h2c: 'true' } } } },
  ],
  invalid: [
    { name: 'root flag', config: { use_h2c: true }, at: ['/use_h2c'] },
    { name: 'router flag', config: { extra_config: { router: { use_h2c: true } } }, at: ['/extra_config/router/use_h2c'] },
    { name: 'router flag under the long name', config: { extra_config: { [ROUTER_LONG]: { use_h2c: true } } }, at: [`/extra_config/${esc(ROUTER_LONG)}/use_h2c`] },
  ],
});

const httpClient = (clientTls: unknown) => ({ url_pattern: '/', extra_config: { 'backend/http/client': { client_tls: clientTls } } });

testRule(backendInsecureConnections, {
  valid: [
    { name: 'no client config', config: { endpoints: [endpoint('/a')] } },
    { name: 'verification on', config: { endpoints: [endpoint('/a', {}, [httpClient({ allow_insecure_connections: false })])] } },
    { name: 'client_tls not an object', config: { endpoints: [endpoint('/a', {}, [httpClient(true)])] } },
    {
      name: 'async agent backends are not inspected',
      config: { async_agent: [{ name: 'x', backend: [httpClient({ allow_insecure_connections: true })] }] },
    },
  ],
  invalid: [
    {
      name: 'one backend skips verification',
      config: { endpoints: [endpoint('/a'), endpoint('/b', {}, [{ url_pattern: '/' }, httpClient({ allow_insecure_connections: true })])] },
      at: ['/endpoints/1/backend/1/extra_config/backend~1http~1client/client_tls/allow_insecure_connections'],
    },
  ],
});

testRule(versionHeader, {
  valid: [
    { name: 'hidden', config: { extra_config: { router: { hide_version_header: true } } } },
    { name: 'hidden under the long name', config: { extra_config: { [ROUTER_LONG]: { hide_version_header: true } } } },
  ],
  invalid: [
    { name: 'no router', config: {}, at: ['/extra_config'] },
    { name: 'router without the flag', config: { extra_config: { router: { return_error_msg: true } } }, at: ['/extra_config/router'] },
    { name: 'flag false', config: { extra_config: { router: { hide_version_header: false } } }, at: ['/extra_config/router'] },
    { name: 'flag as a string', config: { extra_config: { router: { hide_version_header: 'true' } } }, at: ['/extra_config/router'] },
    { name: 'router not an object', config: { extra_config: { router: true } }, at: ['/extra_config/router'] },
  ],
});

testRule(noCors, {
  valid: [{ name: 'cors', config: { extra_config: { 'security/cors': { allow_origins: ['*'] } } } }],
  invalid: [{ name: 'missing', config: {}, at: ['/extra_config'] }],
});

testRule(forwardAllHeaders, {
  valid: [
    { name: 'no endpoints', config: {} },
    { name: 'named headers', config: { endpoints: [endpoint('/a', { input_headers: ['Authorization'] })] } },
    {
      name: 'wildcard at backend level only',
      config: { endpoints: [endpoint('/a', {}, [{ url_pattern: '/', input_headers: ['*'] }])] },
    },
  ],
  invalid: [
    {
      name: 'wildcard',
      config: { endpoints: [endpoint('/a', { input_headers: ['X-Id'] }), endpoint('/b', { input_headers: ['*'] })] },
      at: ['/endpoints/1/input_headers'],
    },
  ],
});

testRule(forwardAllQueryStrings, {
  valid: [
    { name: 'named query strings', config: { endpoints: [endpoint('/a', { input_query_strings: ['page'] })] } },
  ],
  invalid: [
    {
      name: 'wildcard',
      config: { endpoints: [endpoint('/a', { input_query_strings: ['page', '*'] })] },
      at: ['/endpoints/0/input_query_strings'],
    },
  ],
});

testRule(grpcServerWithoutServices, {
  valid: [
    { name: 'no grpc', config: {} },
    { name: 'grpc without a server', config: { extra_config: { grpc: { catalog: ['defs'] } } } },
    { name: 'server with services', config: { extra_config: { grpc: { server: { services: [{ name: 'a.B' }] } } } } },
    { name: 'server not an object', config: { extra_config: { grpc: { server: true } } } },
  ],
  invalid: [
    { name: 'no services list', config: { extra_config: { grpc: { server: {} } } }, at: ['/extra_config/grpc/server'] },
    { name: 'empty services list', config: { extra_config: { grpc: { server: { services: [] } } } }, at: ['/extra_config/grpc/server'] },
  ],
});

const cached = (cache: unknown) => ({ endpoints: [endpoint('/a', {}, [{ url_pattern: '/', extra_config: { 'qos/http-cache': cache } }])] });
const CACHE = '/endpoints/0/backend/0/extra_config/qos~1http-cache';

/** Locations of a YAML config where the cache limits are written on lines 7 and 8. */
function yamlLocations(): LocationMap {
  const at = (line: number, column: number) => ({ value: { file: '/cfg/krakend.yaml', line, column } });
  return new Map([
    ['', at(1, 1)],
    [CACHE, at(6, 13)],
    [`${CACHE}/max_items`, at(7, 24)],
    [`${CACHE}/max_size`, at(8, 23)],
  ]);
}
const yamlSource = (items: string, size: string) =>
  [
    'version: 3',
    'endpoints:',
    '  - endpoint: /a',
    '    backend:',
    '      - extra_config:',
    '          qos/http-cache:',
    `            max_items: ${items}`,
    `            max_size: ${size}`,
  ].join('\n');

testRule(unboundedCache, {
  valid: [
    { name: 'no cache', config: { endpoints: [endpoint('/a')] } },
    { name: 'both limits (JSON numbers are floats)', config: cached({ max_items: 1000, max_size: 1048576 }) },
    { name: 'both limits, long name', config: { endpoints: [endpoint('/a', {}, [{ extra_config: { 'github.com/devopsfaith/krakend-httpcache': { max_items: 1, max_size: 1 } } }])] } },
    { name: 'cache at endpoint level is not inspected', config: { endpoints: [endpoint('/a', { extra_config: { 'qos/http-cache': {} } })] } },
    {
      name: 'YAML limits written as floats',
      config: cached({ max_items: 1000, max_size: 1048576 }),
      input: { locations: yamlLocations(), readSource: () => yamlSource('1000.0', '1e6') },
    },
  ],
  invalid: [
    { name: 'no limits', config: cached({}), at: [CACHE] },
    { name: 'only max_items', config: cached({ max_items: 10 }), at: [CACHE] },
    { name: 'zero size', config: cached({ max_items: 10, max_size: 0 }), at: [CACHE] },
    { name: 'limits as strings', config: cached({ max_items: '10', max_size: '10' }), at: [CACHE] },
    { name: 'cache not an object', config: cached(true), at: [CACHE] },
    { name: 'cache null', config: cached(null), at: [CACHE] },
    {
      name: 'YAML integer limits are not recognised',
      config: cached({ max_items: 1000, max_size: 1048576 }),
      input: { locations: yamlLocations(), readSource: () => yamlSource('1000', '1048576') },
      at: [CACHE],
    },
    {
      name: 'TOML config file without locations: integers are not recognised',
      config: cached({ max_items: 1000, max_size: 1048576 }),
      input: { configFile: '/cfg/krakend.toml' },
      at: [CACHE],
    },
  ],
});
