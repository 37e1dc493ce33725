/**
 * Where each `extra_config` namespace may be written. This table and
 * schema/extra-config/*.json say the same thing (test/lint/namespaces.test.ts
 * holds them together).
 */
import { NAMESPACE_ALIASES, shortName } from '../model/namespaces.ts';

/** A level of the configuration that has an `extra_config`. */
export type Level = 'service' | 'endpoint' | 'backend' | 'async_agent';

const SERVICE = [
  'ai/mcp',
  'auth/api-keys',
  'auth/basic',
  'auth/revoker',
  'auth/validator',
  'documentation/openapi',
  'documentation/postman',
  'governance/processors',
  'governance/quota',
  'grpc',
  'modifier/lua-endpoint',
  'modifier/request-body-extractor',
  'modifier/response-headers',
  'plugin/http-server',
  'qos/ratelimit/service',
  'qos/ratelimit/service/redis',
  'qos/ratelimit/tiered',
  'redis',
  'router',
  'security/bot-detector',
  'security/cors',
  'security/http',
  'server/static-filesystem',
  'server/virtualhost',
  'telemetry/gelf',
  'telemetry/influx',
  'telemetry/logging',
  'telemetry/logstash',
  'telemetry/metrics',
  'telemetry/moesif',
  'telemetry/newrelic',
  'telemetry/opencensus',
  'telemetry/opentelemetry',
  'telemetry/opentelemetry-security',
] as const;

const ENDPOINT = [
  'ai/mcp',
  'auth/api-keys',
  'auth/basic',
  'auth/signer',
  'auth/validator',
  'documentation/openapi',
  'documentation/postman',
  'governance/quota',
  'modifier/jmespath',
  'modifier/lua-endpoint',
  'modifier/lua-proxy',
  'modifier/request-body-extractor',
  'modifier/request-body-extractor/early',
  'modifier/request-body-generator',
  'modifier/response-body',
  'modifier/response-body-generator',
  'plugin/middleware',
  'plugin/req-resp-modifier',
  'proxy',
  'qos/ratelimit/router',
  'qos/ratelimit/router/redis',
  'qos/ratelimit/tiered',
  'security/bot-detector',
  'security/cors',
  'security/http',
  'security/policies',
  'telemetry/opentelemetry',
  'validation/cel',
  'validation/json-schema',
  'validation/response-json-schema',
  'websocket',
] as const;

const BACKEND = [
  'ai/llm',
  'auth/aws-sigv4',
  'auth/client-credentials',
  'auth/gcp',
  'auth/ntlm',
  'backend/amqp/consumer',
  'backend/amqp/producer',
  'backend/conditional',
  'backend/graphql',
  'backend/grpc',
  'backend/http',
  'backend/http/client',
  'backend/lambda',
  'backend/pubsub/publisher',
  'backend/pubsub/subscriber',
  'backend/pubsub/publisher/kafka',
  'backend/pubsub/subscriber/kafka',
  'backend/soap',
  'backend/static-filesystem',
  'governance/quota',
  'modifier/body-generator',
  'modifier/jmespath',
  'modifier/lua-backend',
  'modifier/martian',
  'modifier/request-body-generator',
  'modifier/response-body',
  'modifier/response-body-generator',
  'plugin/http-client',
  'plugin/middleware',
  'plugin/req-resp-modifier',
  'proxy',
  'qos/circuit-breaker',
  'qos/circuit-breaker/http',
  'qos/http-cache',
  'qos/ratelimit/proxy',
  'security/policies',
  'telemetry/logging',
  'telemetry/opentelemetry',
  'validation/cel',
  'validation/response-json-schema',
  'workflow',
] as const;

const ASYNC_AGENT = ['async/amqp', 'async/kafka'] as const;

/**
 * Namespaces allowed in the `extra_config` of a workflow (the nested pipeline a
 * backend can run); every one of them is also an endpoint namespace.
 */
export const WORKFLOW_NAMESPACES: ReadonlySet<string> = new Set([
  'modifier/jmespath',
  'modifier/lua-proxy',
  'modifier/request-body-generator',
  'modifier/response-body-generator',
  'plugin/req-resp-modifier',
  'proxy',
  'security/policies',
  'validation/cel',
  'validation/json-schema',
]);

/** The namespaces allowed at each level, as the schema lists them (short names only). */
export const LEVEL_NAMESPACES: ReadonlyMap<Level, readonly string[]> = new Map<Level, readonly string[]>([
  ['service', SERVICE],
  ['endpoint', ENDPOINT],
  ['backend', BACKEND],
  ['async_agent', ASYNC_AGENT],
]);

function buildTable(): Map<string, Level[]> {
  const table = new Map<string, Level[]>();
  for (const [level, names] of LEVEL_NAMESPACES) {
    for (const name of names) {
      const levels = table.get(name) ?? [];
      levels.push(level);
      table.set(name, levels);
    }
  }
  // A legacy long name works wherever its short name does at run time, so it
  // is known there; the schema itself only accepts short names (as KrakenD's
  // official schema does), which lint reports with a pointer to the short one.
  for (const [short, long] of Object.entries(NAMESPACE_ALIASES)) {
    const levels = table.get(short);
    if (levels) table.set(long, [...levels]);
  }
  return table;
}

/**
 * Every namespace kd knows, short and legacy long names, mapped to the levels
 * whose `extra_config` accepts it (in the order service, endpoint, backend,
 * async_agent).
 */
export const KNOWN_NAMESPACES: ReadonlyMap<string, readonly Level[]> = buildTable();

/** The levels where `ns` is allowed, or undefined when kd does not know it. */
export function namespaceLevels(ns: string): readonly Level[] | undefined {
  return KNOWN_NAMESPACES.get(ns);
}

/** True for a legacy long name (`github_com/devopsfaith/krakend-cors`) of a known namespace. */
export function isLegacyNamespace(ns: string): boolean {
  return shortName(ns) !== ns && KNOWN_NAMESPACES.has(ns);
}

/** Every short namespace name, sorted. */
export function shortNamespaces(): string[] {
  return [...new Set([...LEVEL_NAMESPACES.values()].flat())].sort();
}
