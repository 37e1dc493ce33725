/**
 * Component namespaces have a short name (`proxy`, `qos/circuit-breaker`) and,
 * for historical reasons, a long one (`github.com/devopsfaith/krakend/proxy`).
 * KrakenD treats both as the same component; when both are present the short
 * one wins. Read namespaces through `namespace()` and never compare raw keys.
 */
import type { ExtraConfig } from './types.ts';

const DF = 'github.com/devopsfaith/';
const DF_ = 'github_com/devopsfaith/';

/** Short name → long (legacy) name. */
export const NAMESPACE_ALIASES: Readonly<Record<string, string>> = {
  proxy: DF + 'krakend/proxy',
  router: 'github_com/luraproject/lura/router/gin',
  'backend/http': DF + 'krakend/http',
  'plugin/http-server': DF_ + 'krakend/transport/http/server/handler',
  'plugin/http-client': DF + 'krakend/transport/http/client/executor',
  'plugin/req-resp-modifier': DF + 'krakend/proxy/plugin',
  'backend/graphql': DF + 'krakend/transport/http/client/graphql',
  'qos/http-cache': DF + 'krakend-httpcache',
  'qos/circuit-breaker': DF + 'krakend-circuitbreaker/gobreaker',
  'auth/client-credentials': DF + 'krakend-oauth2-clientcredentials',
  'auth/validator': DF + 'krakend-jose/validator',
  'auth/signer': DF + 'krakend-jose/signer',
  'auth/revoker': DF_ + 'bloomfilter',
  'security/bot-detector': DF_ + 'krakend-botdetector',
  'security/http': DF_ + 'krakend-httpsecure',
  'security/cors': DF_ + 'krakend-cors',
  'validation/cel': DF + 'krakend-cel',
  'validation/json-schema': DF + 'krakend-jsonschema',
  'async/amqp': DF + 'krakend-amqp/agent',
  'backend/amqp/consumer': DF + 'krakend-amqp/consume',
  'backend/amqp/producer': DF + 'krakend-amqp/produce',
  'backend/lambda': DF + 'krakend-lambda',
  'backend/pubsub/publisher': DF + 'krakend-pubsub/publisher',
  'backend/pubsub/subscriber': DF + 'krakend-pubsub/subscriber',
  'telemetry/gelf': DF_ + 'krakend-gelf',
  'telemetry/logging': DF_ + 'krakend-gologging',
  'telemetry/logstash': DF_ + 'krakend-logstash',
  'telemetry/metrics': DF_ + 'krakend-metrics',
  'telemetry/opencensus': DF_ + 'krakend-opencensus',
  'telemetry/influx': 'github_com/letgoapp/krakend-influx',
  'modifier/lua-endpoint': DF + 'krakend-lua/router',
  'modifier/lua-proxy': DF + 'krakend-lua/proxy',
  'modifier/lua-backend': DF + 'krakend-lua/proxy/backend',
  'modifier/martian': DF + 'krakend-martian',
};

const LONG_TO_SHORT: ReadonlyMap<string, string> = new Map(Object.entries(NAMESPACE_ALIASES).map(([s, l]) => [l, s]));

/** The short name of a namespace (itself when it has no alias). */
export function shortName(ns: string): string {
  return LONG_TO_SHORT.get(ns) ?? ns;
}

export function hasNamespace(extra: ExtraConfig | undefined, short: string): boolean {
  if (!extra) return false;
  if (Object.prototype.hasOwnProperty.call(extra, short)) return true;
  const long = NAMESPACE_ALIASES[short];
  return long !== undefined && Object.prototype.hasOwnProperty.call(extra, long);
}

/** The value of a component's config under its short or long name (short wins); undefined when absent. */
export function namespace(extra: ExtraConfig | undefined, short: string): unknown {
  if (!extra) return undefined;
  if (Object.prototype.hasOwnProperty.call(extra, short)) return extra[short];
  const long = NAMESPACE_ALIASES[short];
  if (long !== undefined && Object.prototype.hasOwnProperty.call(extra, long)) return extra[long];
  return undefined;
}

/** The key actually written in the config for a component (for locations), or undefined. */
export function namespaceKey(extra: ExtraConfig | undefined, short: string): string | undefined {
  if (!extra) return undefined;
  if (Object.prototype.hasOwnProperty.call(extra, short)) return short;
  const long = NAMESPACE_ALIASES[short];
  if (long !== undefined && Object.prototype.hasOwnProperty.call(extra, long)) return long;
  return undefined;
}

/** A copy of `extra` with every long name rewritten to its short name (short wins on clashes). */
export function normalizeNamespaces(extra: ExtraConfig): ExtraConfig {
  const out: ExtraConfig = {};
  for (const [k, v] of Object.entries(extra)) {
    const s = shortName(k);
    if (s !== k && Object.prototype.hasOwnProperty.call(extra, s)) continue;
    out[s] = v;
  }
  return out;
}
