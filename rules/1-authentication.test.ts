import { apiKeys, basicAuthPlugin, noJwtValidation } from './1-authentication.ts';
import { endpoint, testRule } from '../test/audit/rule-tester.ts';

const SERVER_HANDLER = 'github_com/devopsfaith/krakend/transport/http/server/handler';

testRule(basicAuthPlugin, {
  valid: [
    { name: 'no server plugin', config: {} },
    { name: 'another plugin', config: { extra_config: { 'plugin/http-server': { name: 'ip-filter' } } } },
    { name: 'auth/basic at service level', config: { extra_config: { 'auth/basic': { htpasswd_path: '/x' } } } },
    { name: 'auth/basic at endpoint level', config: { endpoints: [endpoint('/a', { extra_config: { 'auth/basic': {} } })] } },
    { name: 'name of another type', config: { extra_config: { 'plugin/http-server': { name: 42 } } } },
    { name: 'plugin value not an object', config: { extra_config: { 'plugin/http-server': 'basic-auth' } } },
    { name: 'similar name', config: { extra_config: { 'plugin/http-server': { name: 'basic-auth-v2' } } } },
    { name: 'endpoint-level server plugin', config: { endpoints: [endpoint('/a', { extra_config: { 'plugin/http-server': { name: 'basic-auth' } } })] } },
  ],
  invalid: [
    {
      name: 'name as a string',
      config: { extra_config: { 'plugin/http-server': { name: 'basic-auth' } } },
      at: ['/extra_config/plugin~1http-server/name'],
    },
    {
      name: 'name in a list',
      config: { extra_config: { 'plugin/http-server': { name: ['ip-filter', 'basic-auth'] } } },
      at: ['/extra_config/plugin~1http-server/name'],
    },
    {
      name: 'long namespace name',
      config: { extra_config: { [SERVER_HANDLER]: { name: ['basic-auth'] } } },
      at: [`/extra_config/${SERVER_HANDLER.replace(/\//g, '~1')}/name`],
    },
  ],
});

testRule(apiKeys, {
  valid: [
    { name: 'no api keys', config: {} },
    { name: 'api keys at endpoint level only', config: { endpoints: [endpoint('/a', { extra_config: { 'auth/api-keys': {} } })] } },
  ],
  invalid: [
    { name: 'service-level api keys', config: { extra_config: { 'auth/api-keys': { keys: [] } } }, at: ['/extra_config/auth~1api-keys'] },
    { name: 'any value counts, even null', config: { extra_config: { 'auth/api-keys': null } }, at: ['/extra_config/auth~1api-keys'] },
  ],
});

testRule(noJwtValidation, {
  valid: [
    {
      name: 'one endpoint validates tokens',
      config: { endpoints: [endpoint('/a'), endpoint('/b', { extra_config: { 'auth/validator': { alg: 'RS256' } } })] },
    },
    {
      name: 'long namespace name',
      config: { endpoints: [endpoint('/a', { extra_config: { 'github.com/devopsfaith/krakend-jose/validator': {} } })] },
    },
  ],
  invalid: [
    { name: 'no endpoints at all', config: {}, at: ['/endpoints'] },
    { name: 'no endpoint validates tokens', config: { endpoints: [endpoint('/a'), endpoint('/b')] }, at: ['/endpoints'] },
    {
      name: 'validator only at service level',
      config: { extra_config: { 'auth/validator': {} }, endpoints: [endpoint('/a')] },
      at: ['/endpoints'],
    },
    {
      name: 'validator only at backend level',
      config: { endpoints: [endpoint('/a', {}, [{ url_pattern: '/', extra_config: { 'auth/validator': {} } }])] },
      at: ['/endpoints'],
    },
  ],
});
