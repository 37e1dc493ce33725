/**
 * Group 7: things that still work but are on their way out. Plugins replaced
 * by built-in components (7.1), telemetry replaced by OpenTelemetry (7.2) and
 * old configuration fields (7.3).
 */
import { clientPluginName, reqRespPluginNames, serverPluginNames } from '../src/audit/components.ts';
import type { AuditRule } from '../src/audit/rule.ts';
import { isObject, weakString } from '../src/audit/values.ts';
import { joinPointer } from '../src/formats/types.ts';

function serverPluginRule(id: string, plugin: string, replacement: string): AuditRule {
  return {
    id,
    severity: 'HIGH',
    message: `The \`${plugin}\` server plugin is deprecated: ${replacement}.`,
    help:
      `The service loads the \`${plugin}\` plugin through \`plugin/http-server\`. It is no longer maintained and ` +
      `may disappear in a future release: ${replacement}.`,
    check(subject) {
      const component = subject.serviceComponent('plugin/http-server');
      return serverPluginNames(component)?.has(plugin) ? [joinPointer(component!.pointer, 'name')] : [];
    },
  };
}

function clientPluginRule(id: string, plugin: string, replacement: string): AuditRule {
  return {
    id,
    severity: 'HIGH',
    message: `The \`${plugin}\` client plugin is deprecated: ${replacement}.`,
    help:
      `An endpoint loads the \`${plugin}\` plugin through \`plugin/http-client\`. It is no longer maintained and ` +
      `may disappear in a future release: ${replacement}. (Only endpoint-level plugins are checked.)`,
    check(subject) {
      const at: string[] = [];
      for (const endpoint of subject.model.endpoints) {
        const component = subject.component(endpoint, 'plugin/http-client');
        if (clientPluginName(component) === plugin) at.push(joinPointer(component!.pointer, 'name'));
      }
      return at;
    },
  };
}

function modifierPluginRule(id: string, plugin: string, replacement: string): AuditRule {
  return {
    id,
    severity: 'HIGH',
    message: `The \`${plugin}\` modifier plugin is deprecated: ${replacement}.`,
    help:
      `An endpoint or backend loads the \`${plugin}\` plugin through \`plugin/req-resp-modifier\`. It is no longer ` +
      `maintained and may disappear in a future release: ${replacement}. (As in KrakenD, only a \`name\` written as ` +
      'a list is checked.)',
    check(subject) {
      const at: string[] = [];
      for (const endpoint of subject.model.endpoints) {
        for (const owner of [endpoint, ...endpoint.backends]) {
          const component = subject.component(owner, 'plugin/req-resp-modifier');
          if (reqRespPluginNames(component)?.has(plugin)) at.push(joinPointer(component!.pointer, 'name'));
        }
      }
      return at;
    },
  };
}

function telemetryRule(id: string, component: string): AuditRule {
  return {
    id,
    severity: 'HIGH',
    message: `\`${component}\` is deprecated: move to \`telemetry/opentelemetry\`.`,
    help:
      `The service configures \`${component}\`, which is no longer maintained and may disappear in a future ` +
      'release. OpenTelemetry covers its metrics and traces and exports to most back ends.',
    check(subject) {
      const found = subject.serviceComponent(component);
      return found ? [found.pointer] : [];
    },
  };
}

export const virtualhostPlugin = serverPluginRule('7.1.1', 'virtualhost', 'use the built-in virtual host support instead');
export const staticFilesystemServerPlugin = serverPluginRule(
  '7.1.2',
  'static-filesystem',
  'serve static files with the built-in static server component instead',
);
export const basicAuthServerPlugin = serverPluginRule('7.1.3', 'basic-auth', 'use the `auth/basic` component instead');
export const wildcardPlugin = serverPluginRule('7.1.4', 'wildcard', 'declare explicit endpoints or use the built-in wildcard support instead');
export const httpProxyClientPlugin = clientPluginRule('7.1.5', 'http-proxy', 'use the built-in proxy support instead');
export const staticFilesystemClientPlugin = clientPluginRule(
  '7.1.6',
  'static-filesystem',
  'use the built-in static file backend instead',
);
export const noRedirectClientPlugin = clientPluginRule('7.1.7', 'no-redirect', 'use the built-in redirect settings of `backend/http/client` instead');
export const contentReplacerPlugin = modifierPluginRule('7.1.8', 'content-replacer', 'use the built-in content replacer instead');
export const responseSchemaValidatorPlugin = modifierPluginRule(
  '7.1.9',
  'response-schema-validator',
  'use the built-in response schema validation instead',
);
export const googleAnalytics = telemetryRule('7.2.1', 'telemetry/ganalytics');
export const instana = telemetryRule('7.2.2', 'telemetry/instana');
export const openCensus = telemetryRule('7.2.3', 'telemetry/opencensus');
export const influx = telemetryRule('7.2.4', 'telemetry/influx');

/** 7.3.1: single key fields in `tls`. */
export const singleTlsKeyFields: AuditRule = {
  id: '7.3.1',
  severity: 'MEDIUM',
  message: '`tls.public_key` and `tls.private_key` are deprecated: list certificates in `tls.keys`.',
  help:
    'The `tls` section sets the single `public_key`/`private_key` fields. Move the pair into the `keys` list, ' +
    'which also lets the gateway serve several certificates.',
  check({ model }) {
    if (!isObject(model.tls)) return [];
    const tls = model.tls;
    return ['public_key', 'private_key'].filter((key) => weakString(tls[key]) !== '').map((key) => `/tls/${key}`);
  },
};

/** Group 7, in id order. */
export const deprecationRules: readonly AuditRule[] = [
  virtualhostPlugin,
  staticFilesystemServerPlugin,
  basicAuthServerPlugin,
  wildcardPlugin,
  httpProxyClientPlugin,
  staticFilesystemClientPlugin,
  noRedirectClientPlugin,
  contentReplacerPlugin,
  responseSchemaValidatorPlugin,
  googleAnalytics,
  instana,
  openCensus,
  influx,
  singleTlsKeyFields,
];
