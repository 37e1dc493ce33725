import { noBotDetector, noCircuitBreaker, noRateLimit, timeoutAbove1m, timeoutAbove30s, timeoutAbove3s, timeoutAbove5s } from './3-traffic.ts';
import { endpoint, testRule } from '../test/audit/rule-tester.ts';

testRule(noBotDetector, {
  valid: [{ name: 'bot detector', config: { extra_config: { 'security/bot-detector': { deny: ['bot'] } } } }],
  invalid: [
    { name: 'missing', config: {}, at: ['/extra_config'] },
    { name: 'only at endpoint level', config: { endpoints: [endpoint('/a', { extra_config: { 'security/bot-detector': {} } })] }, at: ['/extra_config'] },
  ],
});

testRule(noRateLimit, {
  valid: [
    { name: 'service router limit', config: { extra_config: { 'qos/ratelimit/router': { max_rate: 10 } } } },
    { name: 'service-wide limit', config: { extra_config: { 'qos/ratelimit/service': { max_rate: 10 } } } },
    { name: 'endpoint router limit', config: { endpoints: [endpoint('/a'), endpoint('/b', { extra_config: { 'qos/ratelimit/router': {} } })] } },
    { name: 'endpoint proxy limit', config: { endpoints: [endpoint('/a', { extra_config: { 'qos/ratelimit/proxy': {} } })] } },
    { name: 'backend proxy limit', config: { endpoints: [endpoint('/a', {}, [{ extra_config: { 'qos/ratelimit/proxy': {} } }])] } },
    { name: 'redis rate limit plugin', config: { extra_config: { 'plugin/http-server': { name: ['redis-ratelimit'] } } } },
  ],
  invalid: [
    { name: 'nothing', config: {}, at: ['/extra_config'] },
    {
      name: 'router limit at backend level does not count',
      config: { endpoints: [endpoint('/a', {}, [{ extra_config: { 'qos/ratelimit/router': {} } }])] },
      at: ['/extra_config'],
    },
    {
      name: 'proxy limit at service level does not count',
      config: { extra_config: { 'qos/ratelimit/proxy': {} } },
      at: ['/extra_config'],
    },
    {
      name: 'plugin name of another type',
      config: { extra_config: { 'plugin/http-server': { name: { x: 'redis-ratelimit' } } } },
      at: ['/extra_config'],
    },
  ],
});

testRule(noCircuitBreaker, {
  valid: [
    { name: 'endpoint breaker', config: { endpoints: [endpoint('/a', { extra_config: { 'qos/circuit-breaker': {} } })] } },
    { name: 'backend breaker', config: { endpoints: [endpoint('/a'), endpoint('/b', {}, [{ extra_config: { 'qos/circuit-breaker': {} } }])] } },
    {
      name: 'backend breaker, long name',
      config: { endpoints: [endpoint('/a', {}, [{ extra_config: { 'github.com/devopsfaith/krakend-circuitbreaker/gobreaker': {} } }])] },
    },
  ],
  invalid: [
    { name: 'no endpoints', config: {}, at: ['/endpoints'] },
    { name: 'service breaker only', config: { extra_config: { 'qos/circuit-breaker': {} }, endpoints: [endpoint('/a')] }, at: ['/endpoints'] },
  ],
});

testRule(timeoutAbove3s, {
  valid: [
    { name: 'default 2s', config: { endpoints: [endpoint('/a')] } },
    { name: 'exactly 3s', config: { endpoints: [endpoint('/a', { timeout: '3s' })] } },
    { name: 'fractions of a millisecond are truncated', config: { endpoints: [endpoint('/a', { timeout: '3000500us' })] } },
    { name: 'a service timeout without endpoints', config: { timeout: '10s' } },
    { name: 'a long async agent timeout', config: { async_agent: [{ name: 'x', consumer: { timeout: '10s' } }] } },
  ],
  invalid: [
    { name: '3001ms', config: { endpoints: [endpoint('/a'), endpoint('/b', { timeout: '3001ms' })] }, at: ['/endpoints/1/timeout'] },
    {
      name: 'inherited from the service (reported once)',
      config: { timeout: '4s', endpoints: [endpoint('/a'), endpoint('/b'), endpoint('/c', { timeout: '1s' })] },
      at: ['/timeout'],
    },
    {
      name: 'own and inherited',
      config: { timeout: '4s', endpoints: [endpoint('/a', { timeout: '1m' }), endpoint('/b')] },
      at: ['/endpoints/0/timeout', '/timeout'],
    },
  ],
});

testRule(timeoutAbove5s, {
  valid: [{ name: 'exactly 5s', config: { endpoints: [endpoint('/a', { timeout: '5s' })] } }],
  invalid: [{ name: '5.001s', config: { endpoints: [endpoint('/a', { timeout: '5.001s' })] }, at: ['/endpoints/0/timeout'] }],
});

testRule(timeoutAbove30s, {
  valid: [{ name: 'exactly 30s', config: { endpoints: [endpoint('/a', { timeout: '30s' })] } }],
  invalid: [{ name: '31s', config: { endpoints: [endpoint('/a', { timeout: '31s' })] }, at: ['/endpoints/0/timeout'] }],
});

testRule(timeoutAbove1m, {
  valid: [
    { name: 'exactly 1m', config: { endpoints: [endpoint('/a', { timeout: '1m' })] } },
    { name: '60.0009s truncates to 60000ms', config: { endpoints: [endpoint('/a', { timeout: '60000999us' })] } },
  ],
  invalid: [
    { name: '61s', config: { endpoints: [endpoint('/a', { timeout: '61s' })] }, at: ['/endpoints/0/timeout'] },
    { name: '1h', config: { timeout: '1h', endpoints: [endpoint('/a')] }, at: ['/timeout'] },
  ],
});
