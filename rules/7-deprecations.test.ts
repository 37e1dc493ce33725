import {
  basicAuthServerPlugin,
  contentReplacerPlugin,
  googleAnalytics,
  httpProxyClientPlugin,
  influx,
  instana,
  noRedirectClientPlugin,
  openCensus,
  responseSchemaValidatorPlugin,
  singleTlsKeyFields,
  staticFilesystemClientPlugin,
  staticFilesystemServerPlugin,
  virtualhostPlugin,
  wildcardPlugin,
} from './7-deprecations.ts';
import type { AuditRule } from '../src/audit/rule.ts';
import { endpoint, testRule } from '../test/audit/rule-tester.ts';

const SERVER = '/extra_config/plugin~1http-server/name';

function serverPluginTable(rule: AuditRule, plugin: string): void {
  testRule(rule, {
    valid: [
      { name: 'no plugin', config: {} },
      { name: 'another plugin', config: { extra_config: { 'plugin/http-server': { name: ['ip-filter'] } } } },
      { name: 'endpoint-level plugin', config: { endpoints: [endpoint('/a', { extra_config: { 'plugin/http-server': { name: plugin } } })] } },
    ],
    invalid: [
      { name: 'string name', config: { extra_config: { 'plugin/http-server': { name: plugin } } }, at: [SERVER] },
      { name: 'in a list', config: { extra_config: { 'plugin/http-server': { name: ['geoip', plugin] } } }, at: [SERVER] },
    ],
  });
}

serverPluginTable(virtualhostPlugin, 'virtualhost');
serverPluginTable(staticFilesystemServerPlugin, 'static-filesystem');
serverPluginTable(basicAuthServerPlugin, 'basic-auth');
serverPluginTable(wildcardPlugin, 'wildcard');

function clientPluginTable(rule: AuditRule, plugin: string): void {
  const onEndpoint = (name: unknown) => ({ endpoints: [endpoint('/a'), endpoint('/b', { extra_config: { 'plugin/http-client': { name } } })] });
  testRule(rule, {
    valid: [
      { name: 'another plugin', config: onEndpoint('http-logger') },
      { name: 'name in a list', config: onEndpoint([plugin]) },
      {
        name: 'backend-level plugin',
        config: { endpoints: [endpoint('/a', {}, [{ extra_config: { 'plugin/http-client': { name: plugin } } }])] },
      },
    ],
    invalid: [
      { name: 'endpoint-level plugin', config: onEndpoint(plugin), at: ['/endpoints/1/extra_config/plugin~1http-client/name'] },
      {
        name: 'under the long name',
        config: { endpoints: [endpoint('/a', { extra_config: { 'github.com/devopsfaith/krakend/transport/http/client/executor': { name: plugin } } })] },
        at: ['/endpoints/0/extra_config/github.com~1devopsfaith~1krakend~1transport~1http~1client~1executor/name'],
      },
    ],
  });
}

clientPluginTable(httpProxyClientPlugin, 'http-proxy');
clientPluginTable(staticFilesystemClientPlugin, 'static-filesystem');
clientPluginTable(noRedirectClientPlugin, 'no-redirect');

function modifierPluginTable(rule: AuditRule, plugin: string): void {
  const modifier = (name: unknown) => ({ extra_config: { 'plugin/req-resp-modifier': { name } } });
  testRule(rule, {
    valid: [
      { name: 'a single string name is not read', config: { endpoints: [endpoint('/a', modifier(plugin))] } },
      { name: 'another plugin', config: { endpoints: [endpoint('/a', modifier(['ip-filter']))] } },
      { name: 'service level', config: modifier([plugin]) },
    ],
    invalid: [
      {
        name: 'endpoint and backend level',
        config: { endpoints: [endpoint('/a', modifier([plugin]), [{}, modifier(['x', plugin])])] },
        at: [
          '/endpoints/0/extra_config/plugin~1req-resp-modifier/name',
          '/endpoints/0/backend/1/extra_config/plugin~1req-resp-modifier/name',
        ],
      },
    ],
  });
}

modifierPluginTable(contentReplacerPlugin, 'content-replacer');
modifierPluginTable(responseSchemaValidatorPlugin, 'response-schema-validator');

function telemetryTable(rule: AuditRule, component: string, long?: string): void {
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  testRule(rule, {
    valid: [
      { name: 'absent', config: { extra_config: { 'telemetry/opentelemetry': {} } } },
      { name: 'endpoint level', config: { endpoints: [endpoint('/a', { extra_config: { [component]: {} } })] } },
    ],
    invalid: [
      { name: 'present', config: { extra_config: { [component]: {} } }, at: [`/extra_config/${esc(component)}`] },
      ...(long ? [{ name: 'long name', config: { extra_config: { [long]: null } }, at: [`/extra_config/${esc(long)}`] }] : []),
    ],
  });
}

telemetryTable(googleAnalytics, 'telemetry/ganalytics');
telemetryTable(instana, 'telemetry/instana');
telemetryTable(openCensus, 'telemetry/opencensus', 'github_com/devopsfaith/krakend-opencensus');
telemetryTable(influx, 'telemetry/influx', 'github_com/letgoapp/krakend-influx');

testRule(singleTlsKeyFields, {
  valid: [
    { name: 'no tls', config: {} },
    { name: 'keys list', config: { tls: { keys: [{ public_key: 'a.pem', private_key: 'a.key' }] } } },
    { name: 'empty single fields', config: { tls: { public_key: '', private_key: '' } } },
  ],
  invalid: [
    { name: 'both single fields', config: { tls: { public_key: 'a.pem', private_key: 'a.key' } }, at: ['/tls/public_key', '/tls/private_key'] },
    { name: 'private key only', config: { tls: { private_key: 'a.key' } }, at: ['/tls/private_key'] },
  ],
});
