/**
 * From a loaded config tree to the ServiceModel: KrakenD's defaults, duration
 * parsing, host sanitising, params and placeholders, and every check KrakenD
 * performs at start-up (errors) plus the likely mistakes it accepts (warnings).
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { joinPointer, locate, type LocationMap } from '../formats/types.ts';
import { MILLISECOND, SECOND } from './duration.ts';
import { explainInvalidHost, sanitizeHost } from './hosts.ts';
import { canonicalHeader, endpointParams, routerPath, urlPlaceholders } from './params.ts';
import {
  Reader,
  field,
  isObject,
  prepareKeyLookup,
  readBool,
  readDuration,
  readInt,
  readObject,
  readObjectList,
  readString,
  readStringList,
  readStringMap,
  type Obj,
} from './read.ts';
import { checkModel } from './checks.ts';
import type { AsyncAgentModel, BackendModel, EndpointModel, ServiceModel } from './types.ts';

export interface ModelResult {
  /** Undefined when the config has errors that prevent building a model. */
  model?: ServiceModel;
  diagnostics: Diagnostic[];
}

export interface ModelOptions {
  /** Namespaces known to kd, by level; enables the unknown-namespace warning. */
  knownNamespaces?: ReadonlyMap<string, readonly string[]>;
}

const VERSION_HISTORY: Record<number, string> = {
  1: 'version 1 is the format of KrakenD 0.x',
  2: 'version 2 is the format of KrakenD 1.x',
};

/** Checks the version first, as KrakenD does: nothing else is read from a file of another version. */
function checkVersion(r: Reader, tree: Obj): boolean {
  const f = field(tree, 'version', '');
  if (!f.present) {
    r.push(
      error('version', 'the configuration has no "version"; kd reads the version-3 format', locate(r.locations, ''), {
        hint: 'add "version": 3 at the top level',
      }),
    );
    return false;
  }
  const v = readInt(r, f, -1);
  if (v === 3) return true;
  if (v === -1) return false;
  const history = VERSION_HISTORY[v];
  const message = history
    ? `unsupported version: ${v} (want: 3); ${history}, kd reads version 3 (KrakenD 2.x)`
    : `unsupported version: ${v} (want: 3)`;
  const hint = history
    ? 'version 3 renamed the component namespaces (e.g. github.com/devopsfaith/krakend-jose/validator → auth/validator), ' +
      'made attribute names snake_case (jwk-url → jwk_url) and replaced whitelist/blacklist with allow/deny; ' +
      'migrate with krakend-config-migrator, then set "version": 3'
    : 'set "version": 3';
  r.push(error('version', message, locate(r.locations, f.pointer), { hint }));
  return false;
}

function isValidIp(s: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s)) return true;
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(dbl[0]!);
  const tail = dbl.length === 2 ? groups(dbl[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isValidIp(last) || last.includes(':')) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? count < 8 : count === 8;
}

function readHosts(r: Reader, f: ReturnType<typeof field>, disableSanitize: boolean): string[] {
  const raw = readStringList(r, f);
  if (disableSanitize) return raw;
  const out: string[] = [];
  raw.forEach((h, i) => {
    const at = () => (Array.isArray(f.value) ? joinPointer(f.pointer, i) : f.pointer);
    const s = sanitizeHost(h);
    if ('error' in s) {
      r.fail('invalid-host', `invalid host ${JSON.stringify(h)}: ${explainInvalidHost(h)}`, at(), 'write hosts as http://name:port or https://name');
      return;
    }
    if (s.addedScheme) {
      r.push(
        warning('host-without-scheme', `host ${JSON.stringify(h)} has no scheme; KrakenD will use ${JSON.stringify(s.host)}`, r.span(at()), {
          hint: `write ${JSON.stringify(s.host)} (or https://) explicitly`,
        }),
      );
    }
    out.push(s.host);
  });
  return out;
}

function decoderFor(encoding: string, isCollection: boolean): BackendModel['decoder'] {
  switch (encoding.toLowerCase()) {
    case 'safejson':
      return 'safejson';
    case 'string':
      return 'string';
    case 'xml':
      return isCollection ? 'xml-collection' : 'xml';
    case 'rss':
      return 'rss';
    case 'no-op':
      return 'no-op';
    default:
      return isCollection ? 'json-collection' : 'json';
  }
}

interface BackendContext {
  index: number;
  endpointMethod: string;
  timeout: number;
  concurrentCalls: number;
  serviceHosts: string[];
  forceNoop: boolean;
}

function buildBackend(r: Reader, b: Obj, pointer: string, ctx: BackendContext): BackendModel {
  const disableHostSanitize = readBool(r, field(b, 'disable_host_sanitize', pointer));
  const hostField = field(b, 'host', pointer);
  const ownHosts = readHosts(r, hostField, disableHostSanitize);
  const hostsInherited = !hostField.present || (Array.isArray(hostField.value) && hostField.value.length === 0);
  let urlPattern = readString(r, field(b, 'url_pattern', pointer));
  if (!urlPattern.startsWith('/')) urlPattern = '/' + urlPattern;
  const encoding = readString(r, field(b, 'encoding', pointer));
  const isCollection = readBool(r, field(b, 'is_collection', pointer));
  const method = readString(r, field(b, 'method', pointer)) || ctx.endpointMethod;
  const extraConfig = readObject(r, field(b, 'extra_config', pointer)) ?? {};
  const sdScheme = readString(r, field(b, 'sd_scheme', pointer)) || 'http';
  return {
    pointer,
    index: ctx.index,
    hosts: hostsInherited ? ctx.serviceHosts : ownHosts,

    hostsInherited,
    disableHostSanitize,
    urlPattern,
    urlPlaceholders: urlPlaceholders(urlPattern),
    method,
    encoding,
    decoder: ctx.forceNoop ? 'no-op' : decoderFor(encoding, isCollection),
    isCollection,
    target: readString(r, field(b, 'target', pointer)),
    allow: readStringList(r, field(b, 'allow', pointer)),
    deny: readStringList(r, field(b, 'deny', pointer)),
    mapping: readStringMap(r, field(b, 'mapping', pointer)),
    group: readString(r, field(b, 'group', pointer)),
    sd: readString(r, field(b, 'sd', pointer)),
    sdScheme,
    inputHeaders: readStringList(r, field(b, 'input_headers', pointer)).map(canonicalHeader),
    inputQueryStrings: readStringList(r, field(b, 'input_query_strings', pointer)),
    timeout: ctx.timeout,
    concurrentCalls: ctx.concurrentCalls,
    hasOwnTimeout: field(b, 'timeout', pointer).present,
    extraConfig,
  };
}

const INVALID_PATH = /\*.|\/__(debug|echo|health)(\/.*)?$/;

function buildEndpoint(r: Reader, e: Obj, pointer: string, service: ServiceModel): EndpointModel | undefined {
  const pathField = field(e, 'endpoint', pointer);
  let path = readString(r, pathField);
  const methodField = field(e, 'method', pointer);
  const writtenMethod = readString(r, methodField);
  if (!pathField.present || path === '') {
    r.fail('missing-endpoint', 'the endpoint has no "endpoint" path', pointer, 'add "endpoint": "/your/path"');
    return undefined;
  }
  if (path.startsWith('/')) path = '/' + path.slice(1);
  else path = '/' + path;
  const label = writtenMethod ? `${writtenMethod.toUpperCase()} ${path}` : path;
  const backendField = field(e, 'backend', pointer);
  const backendsRaw = readObjectList(r, backendField);
  if (INVALID_PATH.test(path)) {
    const why = /\*./.test(path)
      ? 'a wildcard `*` can only be the last character'
      : 'paths ending in /__debug, /__echo or /__health (optionally followed by /…) are reserved by the gateway';
    r.fail('invalid-endpoint', `endpoint "${label}" is invalid: ${why}`, pathField.pointer, 'choose another path');
    return undefined;
  }
  if (backendsRaw.length === 0) {
    r.fail(
      'no-backends',
      `endpoint "${label}" has no backends`,
      backendField.present ? backendField.pointer : pathField.pointer,
      'add at least one backend: "backend": [{ "host": ["http://…"], "url_pattern": "/…" }]',
    );
    return undefined;
  }
  const method = (writtenMethod || 'GET').toUpperCase();
  const methodAsWritten = writtenMethod || 'GET';
  const inputHeaders = readStringList(r, field(e, 'input_headers', pointer)).map((h) => (h === '*' ? h : canonicalHeader(h)));
  const timeoutField = field(e, 'timeout', pointer);
  const ownTimeout = readDuration(r, timeoutField);
  const cacheField = field(e, 'cache_ttl', pointer);
  const ownCache = readDuration(r, cacheField);
  const ccField = field(e, 'concurrent_calls', pointer);
  const concurrentCalls = readInt(r, ccField) || 1;
  const outField = field(e, 'output_encoding', pointer);
  const ownOutput = readString(r, outField);
  const outputEncoding = ownOutput || service.outputEncoding || 'json';
  const timeout = ownTimeout || service.timeout;
  const forceNoop = outputEncoding === 'no-op';
  if (forceNoop && backendsRaw.length > 1) {
    r.fail(
      'no-op-multiple-backends',
      `endpoint "${label}" uses output_encoding "no-op" with ${backendsRaw.length} backends; no-op proxies exactly one backend`,
      outField.present ? outField.pointer : pathField.pointer,
      'keep one backend, or use "json" to merge several',
    );
  }
  const backends = backendsRaw.map(({ value, pointer: bp }, index) =>
    buildBackend(r, value, bp, {
      index,
      endpointMethod: writtenMethod || 'GET',
      timeout,
      concurrentCalls,
      serviceHosts: service.hosts,
      forceNoop,
    }),
  );
  const disableRest = service.disableRest;
  return {
    pointer,
    path,
    routerPath: routerPath(path, disableRest),
    params: endpointParams(path, disableRest),
    method,
    methodAsWritten,
    timeout,
    cacheTtl: ownCache || service.cacheTtl,
    concurrentCalls,
    outputEncoding,
    timeoutSet: ownTimeout !== 0,
    cacheTtlSet: ownCache !== 0,
    outputEncodingSet: ownOutput !== '',
    inputHeaders,
    inputHeadersSet: inputHeaders.length > 0,
    inputQueryStrings: readStringList(r, field(e, 'input_query_strings', pointer)),
    extraConfig: readObject(r, field(e, 'extra_config', pointer)) ?? {},
    backends,
  };
}

function buildAgent(r: Reader, a: Obj, pointer: string, service: ServiceModel): AsyncAgentModel {
  const consumer = readObject(r, field(a, 'consumer', pointer)) ?? {};
  const cp = field(a, 'consumer', pointer).pointer;
  const connection = readObject(r, field(a, 'connection', pointer)) ?? {};
  const np = field(a, 'connection', pointer).pointer;
  const consumerTimeout = readDuration(r, field(consumer, 'timeout', cp)) || service.timeout;
  const health = readDuration(r, field(connection, 'health_interval', np));
  const backends = readObjectList(r, field(a, 'backend', pointer)).map(({ value, pointer: bp }, index) =>
    buildBackend(r, value, bp, {
      index,
      endpointMethod: 'GET',
      timeout: consumerTimeout,
      concurrentCalls: 1,
      serviceHosts: service.hosts,
      forceNoop: false,
    }),
  );
  return {
    pointer,
    name: readString(r, field(a, 'name', pointer)),
    encoding: readString(r, field(a, 'encoding', pointer)),
    consumerTimeout,
    workers: Math.max(1, readInt(r, field(consumer, 'workers', cp))),
    topic: readString(r, field(consumer, 'topic', cp)),
    maxRate: Number(field(consumer, 'max_rate', cp).value ?? 0) || 0,
    maxRetries: readInt(r, field(connection, 'max_retries', np)),
    backoffStrategy: readString(r, field(connection, 'backoff_strategy', np)),
    healthInterval: health < SECOND ? SECOND : health,
    extraConfig: readObject(r, field(a, 'extra_config', pointer)) ?? {},
    backends,
  };
}

/** Builds the ServiceModel; `model` is undefined only when the version or the root shape is wrong. */
export function buildModel(tree: Record<string, unknown>, locations: LocationMap, options: ModelOptions = {}): ModelResult {
  const r = new Reader(locations);
  if (!isObject(tree)) {
    r.fail('decode', 'the configuration must be an object', '');
    return { diagnostics: r.diagnostics };
  }
  prepareKeyLookup(tree);
  if (!checkVersion(r, tree)) return { diagnostics: r.diagnostics };
  const f = (name: string) => field(tree, name, '');
  const listenIp = readString(r, f('listen_ip'));
  if (listenIp !== '' && !isValidIp(listenIp)) {
    r.fail('invalid-ip', `invalid ip address ${listenIp}`, f('listen_ip').pointer, 'listen_ip takes an IPv4 or IPv6 address, not a host name');
  }
  const service: ServiceModel = {
    pointer: '',
    name: readString(r, f('name')),
    version: 3,
    port: readInt(r, f('port')) || 8080,
    listenIp,
    timeout: readDuration(r, f('timeout')) || 2 * SECOND,
    cacheTtl: readDuration(r, f('cache_ttl')),
    outputEncoding: readString(r, f('output_encoding')),
    hosts: readHosts(r, f('host'), false),
    debugEndpoint: readBool(r, f('debug_endpoint')),
    echoEndpoint: readBool(r, f('echo_endpoint')),
    disableRest: readBool(r, f('disable_rest')),
    sequentialStart: readBool(r, f('sequential_start')),
    allowInsecureConnections: readBool(r, f('allow_insecure_connections')),
    useH2c: readBool(r, f('use_h2c')),
    disableKeepAlives: readBool(r, f('disable_keep_alives')),
    disableCompression: readBool(r, f('disable_compression')),
    maxIdleConnections: readInt(r, f('max_idle_connections')),
    maxIdleConnectionsPerHost: readInt(r, f('max_idle_connections_per_host')) || 250,
    maxHeaderBytes: readInt(r, f('max_header_bytes')),
    readTimeout: readDuration(r, f('read_timeout')),
    writeTimeout: readDuration(r, f('write_timeout')),
    idleTimeout: readDuration(r, f('idle_timeout')),
    readHeaderTimeout: readDuration(r, f('read_header_timeout')),
    idleConnectionTimeout: readDuration(r, f('idle_connection_timeout')),
    responseHeaderTimeout: readDuration(r, f('response_header_timeout')),
    expectContinueTimeout: readDuration(r, f('expect_continue_timeout')),
    dialerTimeout: readDuration(r, f('dialer_timeout')),
    dialerFallbackDelay: readDuration(r, f('dialer_fallback_delay')),
    dialerKeepAlive: readDuration(r, f('dialer_keep_alive')),
    dnsCacheTtl: readDuration(r, f('dns_cache_ttl')),
    maxShutdownWaitTime: readDuration(r, f('max_shutdown_wait_time')),
    tls: readObject(r, f('tls')),
    clientTls: readObject(r, f('client_tls')),
    plugin: readObject(r, f('plugin')),
    extraConfig: readObject(r, f('extra_config')) ?? {},
    endpoints: [],
    asyncAgents: [],
  };
  for (const { value, pointer } of readObjectList(r, f('endpoints'))) {
    const e = buildEndpoint(r, value, pointer, service);
    if (e) service.endpoints.push(e);
  }
  for (const { value, pointer } of readObjectList(r, f('async_agent'))) service.asyncAgents.push(buildAgent(r, value, pointer, service));
  checkModel(r, service, options);
  return { model: service, diagnostics: r.diagnostics };
}

/** Whole milliseconds of a duration, truncated (as the audit compares timeouts). */
export const wholeMilliseconds = (ns: number) => Math.trunc(ns / MILLISECOND);
