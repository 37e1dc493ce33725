import {
  catchAllEndpoint,
  chainedWrites,
  debugEndpoint,
  echoEndpoint,
  endpointWithoutBackends,
  noAggregation,
  noOpEverywhere,
  restDisabled,
  sequentialProxy,
  wildcardEndpoint,
} from './5-endpoints.ts';
import { endpoint, testRule } from '../test/audit/rule-tester.ts';

testRule(restDisabled, {
  valid: [{ name: 'default', config: {} }, { name: 'false', config: { disable_rest: false } }],
  invalid: [{ name: 'set', config: { disable_rest: true }, at: ['/disable_rest'] }],
});

testRule(debugEndpoint, {
  valid: [{ name: 'default', config: {} }],
  invalid: [{ name: 'set', config: { debug_endpoint: true }, at: ['/debug_endpoint'] }],
});

testRule(echoEndpoint, {
  valid: [{ name: 'default', config: {} }],
  invalid: [{ name: 'set', config: { echo_endpoint: true }, at: ['/echo_endpoint'] }],
});

testRule(wildcardEndpoint, {
  valid: [
    { name: 'no endpoints', config: {} },
    { name: 'explicit paths', config: { endpoints: [endpoint('/a/{id}'), endpoint('/b*c')] } },
  ],
  invalid: [
    { name: 'trailing wildcard', config: { endpoints: [endpoint('/a'), endpoint('/b/*')] }, at: ['/endpoints/1/endpoint'] },
  ],
});

testRule(catchAllEndpoint, {
  valid: [{ name: 'similar paths', config: { endpoints: [endpoint('/__catchall/x'), endpoint('/catchall')] } }],
  invalid: [
    { name: 'catch-all', config: { endpoints: [endpoint('/__catchall')] }, at: ['/endpoints/0/endpoint'] },
    { name: 'catch-all without the leading slash', config: { endpoints: [endpoint('__catchall')] }, at: ['/endpoints/0/endpoint'] },
  ],
});

const twoBackends = (endpointExtra: Record<string, unknown>, a: Record<string, unknown>, b: Record<string, unknown>) => ({
  endpoints: [endpoint('/a', endpointExtra, [{ url_pattern: '/1', ...a }, { url_pattern: '/2', ...b }])],
});

testRule(chainedWrites, {
  valid: [
    { name: 'GET endpoint with two backends', config: twoBackends({}, {}, {}) },
    { name: 'one write, one read', config: twoBackends({ method: 'POST' }, {}, { method: 'GET' }) },
    { name: 'one backend writes', config: { endpoints: [endpoint('/a', { method: 'POST' })] } },
    { name: 'HEAD backends', config: twoBackends({}, { method: 'HEAD' }, { method: 'HEAD' }) },
  ],
  invalid: [
    { name: 'POST endpoint, two inherited methods', config: twoBackends({ method: 'POST' }, {}, {}), at: ['/endpoints/0/backend'] },
    { name: 'two explicit writes', config: twoBackends({}, { method: 'PUT' }, { method: 'DELETE' }), at: ['/endpoints/0/backend'] },
    { name: 'lower-case get counts as a write', config: twoBackends({}, { method: 'get' }, { method: 'POST' }), at: ['/endpoints/0/backend'] },
    {
      name: 'gRPC calls count as writes',
      config: twoBackends({}, { extra_config: { 'backend/grpc': {} } }, { method: 'POST' }),
      at: ['/endpoints/0/backend'],
    },
  ],
});

testRule(sequentialProxy, {
  valid: [
    { name: 'no proxy options', config: { endpoints: [endpoint('/a')] } },
    { name: 'sequential false', config: { endpoints: [endpoint('/a', { extra_config: { proxy: { sequential: false } } })] } },
    { name: 'the strategy key is not inspected', config: { endpoints: [endpoint('/a', { extra_config: { proxy: { strategy: 'sequential' } } })] } },
  ],
  invalid: [
    {
      name: 'sequential',
      config: { endpoints: [endpoint('/a', { extra_config: { proxy: { sequential: true } } })] },
      at: ['/endpoints/0/extra_config/proxy/sequential'],
    },
    {
      name: 'sequential under the long name',
      config: { endpoints: [endpoint('/a', { extra_config: { 'github.com/devopsfaith/krakend/proxy': { sequential: true } } })] },
      at: ['/endpoints/0/extra_config/github.com~1devopsfaith~1krakend~1proxy/sequential'],
    },
  ],
});

testRule(endpointWithoutBackends, {
  valid: [{ name: 'backends everywhere', config: { endpoints: [endpoint('/a')] } }],
  invalid: [{ name: 'empty backend list', config: { endpoints: [endpoint('/a'), endpoint('/b', {}, [])] }, at: ['/endpoints/1'] }],
});

testRule(noAggregation, {
  valid: [{ name: 'one endpoint aggregates', config: { endpoints: [endpoint('/a'), endpoint('/b', {}, [{}, {}])] } }],
  invalid: [
    { name: 'no endpoints', config: {}, at: ['/endpoints'] },
    { name: 'single backends only', config: { endpoints: [endpoint('/a'), endpoint('/b')] }, at: ['/endpoints'] },
  ],
});

testRule(noOpEverywhere, {
  valid: [
    { name: 'default json', config: { endpoints: [endpoint('/a')] } },
    { name: 'some no-op', config: { endpoints: [endpoint('/a', { output_encoding: 'no-op' }), endpoint('/b')] } },
  ],
  invalid: [
    { name: 'no endpoints', config: {}, at: ['/endpoints'] },
    {
      name: 'every endpoint',
      config: { endpoints: [endpoint('/a', { output_encoding: 'no-op' }), endpoint('/b', { output_encoding: 'no-op' })] },
      at: ['/endpoints/0/output_encoding', '/endpoints/1/output_encoding'],
    },
    {
      name: 'inherited from the service',
      config: { output_encoding: 'no-op', endpoints: [endpoint('/a'), endpoint('/b', { output_encoding: 'no-op' })] },
      at: ['/output_encoding', '/endpoints/1/output_encoding'],
    },
  ],
});
