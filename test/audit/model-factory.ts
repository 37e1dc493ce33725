/**
 * A small ServiceModel builder for audit tests: takes a (partial) config and
 * applies the defaults the audit depends on (timeouts inherited from the
 * service, 2s by default; backend methods inherited from the endpoint;
 * output_encoding defaulting to the service's, else json). It does not
 * validate anything.
 */
import { mustParseDuration, SECOND } from '../../src/model/duration.ts';
import type { AsyncAgentModel, BackendModel, EndpointModel, ServiceModel } from '../../src/model/types.ts';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown): boolean => v === true;

function duration(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v !== '') return mustParseDuration(v);
  return 0;
}

function buildBackend(raw: unknown, pointer: string, index: number, defaultMethod: string, timeout: number): BackendModel {
  const b = obj(raw);
  return {
    pointer,
    index,
    hosts: list(b.host).map(String),
    hostsInherited: b.host === undefined,
    disableHostSanitize: bool(b.disable_host_sanitize),
    urlPattern: str(b.url_pattern, '/'),
    urlPlaceholders: [],
    method: str(b.method) || defaultMethod,
    encoding: str(b.encoding),
    decoder: 'json',
    isCollection: bool(b.is_collection),
    target: str(b.target),
    allow: list(b.allow).map(String),
    deny: list(b.deny).map(String),
    mapping: obj(b.mapping) as Record<string, string>,
    group: str(b.group),
    sd: str(b.sd),
    sdScheme: str(b.sd_scheme, 'http'),
    inputHeaders: list(b.input_headers).map(String),
    inputQueryStrings: list(b.input_query_strings).map(String),
    timeout,
    concurrentCalls: 1,
    hasOwnTimeout: b.timeout !== undefined,
    extraConfig: obj(b.extra_config),
  };
}

function buildEndpoint(raw: unknown, index: number, service: Json, serviceTimeout: number): EndpointModel {
  const e = obj(raw);
  const pointer = `/endpoints/${index}`;
  const written = str(e.endpoint);
  const path = written.startsWith('/') ? written : `/${written}`;
  const methodAsWritten = str(e.method) || 'GET';
  const timeout = duration(e.timeout) || serviceTimeout;
  const outputEncoding = str(e.output_encoding) || str(service.output_encoding) || 'json';
  return {
    pointer,
    path,
    routerPath: path.replace(/\{([^}]+)\}/g, ':$1'),
    params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    method: methodAsWritten.toUpperCase(),
    methodAsWritten,
    timeout,
    cacheTtl: 0,
    concurrentCalls: 1,
    outputEncoding,
    timeoutSet: e.timeout !== undefined,
    cacheTtlSet: e.cache_ttl !== undefined,
    outputEncodingSet: e.output_encoding !== undefined,
    inputHeaders: list(e.input_headers).map(String),
    inputHeadersSet: e.input_headers !== undefined,
    inputQueryStrings: list(e.input_query_strings).map(String),
    extraConfig: obj(e.extra_config),
    backends: list(e.backend).map((b, i) => buildBackend(b, `${pointer}/backend/${i}`, i, methodAsWritten, timeout)),
  };
}

function buildAgent(raw: unknown, index: number, serviceTimeout: number): AsyncAgentModel {
  const a = obj(raw);
  const pointer = `/async_agent/${index}`;
  const consumer = obj(a.consumer);
  const timeout = duration(consumer.timeout) || serviceTimeout;
  return {
    pointer,
    name: str(a.name),
    encoding: str(a.encoding, 'json'),
    consumerTimeout: timeout,
    workers: 1,
    topic: str(consumer.topic),
    maxRate: 0,
    maxRetries: 0,
    backoffStrategy: '',
    healthInterval: SECOND,
    extraConfig: obj(a.extra_config),
    backends: list(a.backend).map((b, i) => buildBackend(b, `${pointer}/backend/${i}`, i, 'GET', timeout)),
  };
}

/** A ServiceModel for `config` with KrakenD's defaults (see the module comment). */
export function buildTestModel(config: Json = {}): ServiceModel {
  const timeout = duration(config.timeout) || 2 * SECOND;
  const model: ServiceModel = {
    pointer: '',
    name: str(config.name),
    version: typeof config.version === 'number' ? config.version : 3,
    port: typeof config.port === 'number' ? config.port : 8080,
    listenIp: str(config.listen_ip),
    timeout,
    cacheTtl: 0,
    outputEncoding: str(config.output_encoding),
    hosts: list(config.host).map(String),
    debugEndpoint: bool(config.debug_endpoint),
    echoEndpoint: bool(config.echo_endpoint),
    disableRest: bool(config.disable_rest),
    sequentialStart: bool(config.sequential_start),
    allowInsecureConnections: bool(config.allow_insecure_connections),
    useH2c: bool(config.use_h2c),
    disableKeepAlives: false,
    disableCompression: false,
    maxIdleConnections: 0,
    maxIdleConnectionsPerHost: 250,
    maxHeaderBytes: 0,
    readTimeout: 0,
    writeTimeout: 0,
    idleTimeout: 0,
    readHeaderTimeout: 0,
    idleConnectionTimeout: 0,
    responseHeaderTimeout: 0,
    expectContinueTimeout: 0,
    dialerTimeout: 0,
    dialerFallbackDelay: 0,
    dialerKeepAlive: 0,
    dnsCacheTtl: 0,
    maxShutdownWaitTime: 0,
    extraConfig: obj(config.extra_config),
    endpoints: list(config.endpoints).map((e, i) => buildEndpoint(e, i, config, timeout)),
    asyncAgents: list(config.async_agent).map((a, i) => buildAgent(a, i, timeout)),
  };
  if (typeof config.tls === 'object' && config.tls !== null) model.tls = obj(config.tls);
  if (typeof config.client_tls === 'object' && config.client_tls !== null) model.clientTls = obj(config.client_tls);
  if (typeof config.plugin === 'object' && config.plugin !== null) model.plugin = obj(config.plugin);
  return model;
}
