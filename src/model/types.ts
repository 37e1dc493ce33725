/**
 * The ServiceModel: a version-3 configuration after KrakenD's defaults and
 * normalisation (see `normalize.ts`). It is what `kd check` validates, what the
 * audit rules read and what the code generator compiles. Every node keeps the
 * JSON pointer of the config value it came from, so any later finding can be
 * located in the source through the location map.
 *
 * Durations are nanoseconds (see duration.ts). `extraConfig` objects are kept
 * exactly as written (no alias normalisation); use `namespace()` from
 * `namespaces.ts` to read a component by either its short or long name.
 */
import type { LocationMap } from '../formats/types.ts';

export type ExtraConfig = Record<string, unknown>;

export type OutputEncoding = 'json' | 'json-collection' | 'negotiate' | 'string' | 'xml' | 'yaml' | 'no-op' | string;

export interface ServiceModel {
  /** JSON pointer of the service object (always ""). */
  pointer: '';
  name: string;
  version: number;
  port: number;
  listenIp: string;
  /** Default endpoint timeout (ns); 2s when absent. */
  timeout: number;
  /** Default cache TTL (ns); 0 = no Cache-Control. */
  cacheTtl: number;
  /** Service `output_encoding` as written ('' when absent). */
  outputEncoding: string;
  /** Sanitised service hosts, inherited by backends without `host`. */
  hosts: string[];
  debugEndpoint: boolean;
  echoEndpoint: boolean;
  disableRest: boolean;
  sequentialStart: boolean;
  allowInsecureConnections: boolean;
  useH2c: boolean;
  disableKeepAlives: boolean;
  disableCompression: boolean;
  maxIdleConnections: number;
  /** 250 when absent. */
  maxIdleConnectionsPerHost: number;
  /** 0 = Go default (1 MiB). */
  maxHeaderBytes: number;
  readTimeout: number;
  writeTimeout: number;
  idleTimeout: number;
  readHeaderTimeout: number;
  idleConnectionTimeout: number;
  responseHeaderTimeout: number;
  expectContinueTimeout: number;
  dialerTimeout: number;
  dialerFallbackDelay: number;
  dialerKeepAlive: number;
  dnsCacheTtl: number;
  maxShutdownWaitTime: number;
  /** Raw `tls`, `client_tls`, `plugin` objects when present. */
  tls?: Record<string, unknown>;
  clientTls?: Record<string, unknown>;
  plugin?: Record<string, unknown>;
  extraConfig: ExtraConfig;
  endpoints: EndpointModel[];
  asyncAgents: AsyncAgentModel[];
}

export interface EndpointModel {
  /** e.g. "/endpoints/3". */
  pointer: string;
  /** Path as KrakenD keeps it after adding the leading slash, with `{param}` syntax. */
  path: string;
  /** Path in router syntax (`/users/:id`). */
  routerPath: string;
  /** Param names in order of appearance (as written, e.g. `id`). */
  params: string[];
  /** Upper-cased method (GET when absent). */
  method: string;
  /** Method exactly as written (after defaulting), for rules that compare case-sensitively. */
  methodAsWritten: string;
  timeout: number;
  cacheTtl: number;
  concurrentCalls: number;
  outputEncoding: OutputEncoding;
  /**
   * Whether timeout / cache_ttl / output_encoding were written on the endpoint
   * itself; when false the value was inherited from the service and follows a
   * KRAKEND_* override applied when the built gateway starts.
   */
  timeoutSet: boolean;
  cacheTtlSet: boolean;
  outputEncodingSet: boolean;
  /** Canonical MIME-case header names, or ['*']; [] = only Content-Type is forwarded. */
  inputHeaders: string[];
  inputHeadersSet: boolean;
  /** Query string names as written (case-sensitive), or ['*']. */
  inputQueryStrings: string[];
  extraConfig: ExtraConfig;
  backends: BackendModel[];
}

export interface BackendModel {
  /** e.g. "/endpoints/3/backend/0". */
  pointer: string;
  /** Index within the endpoint (the N in `resp{N}_…`). */
  index: number;
  /** Sanitised hosts (or inherited service hosts; or verbatim with disableHostSanitize). */
  hosts: string[];
  /** True when the backend had no `host` and inherited the service hosts. */
  hostsInherited: boolean;
  disableHostSanitize: boolean;
  /** url_pattern with a leading slash, `{placeholder}` syntax kept. */
  urlPattern: string;
  /** Placeholders used in url_pattern, in order of appearance, without braces. */
  urlPlaceholders: string[];
  /** Method as written after defaulting to the endpoint's (case kept). */
  method: string;
  /** Encoding as written ('' when absent); `decoder` is what the runtime uses. */
  encoding: string;
  decoder: 'json' | 'json-collection' | 'safejson' | 'string' | 'xml' | 'xml-collection' | 'rss' | 'no-op';
  isCollection: boolean;
  target: string;
  allow: string[];
  deny: string[];
  mapping: Record<string, string>;
  group: string;
  sd: string;
  sdScheme: string;
  /** Backend-level filters (canonical header names); empty = no filtering. */
  inputHeaders: string[];
  inputQueryStrings: string[];
  /** Always the endpoint's (KrakenD overwrites any backend value). */
  timeout: number;
  concurrentCalls: number;
  /** True when the backend object set its own `timeout` (ignored; a warning). */
  hasOwnTimeout: boolean;
  extraConfig: ExtraConfig;
}

export interface AsyncAgentModel {
  pointer: string;
  name: string;
  encoding: string;
  consumerTimeout: number;
  workers: number;
  topic: string;
  maxRate: number;
  maxRetries: number;
  backoffStrategy: string;
  healthInterval: number;
  extraConfig: ExtraConfig;
  backends: BackendModel[];
}

/** The model plus where its values came from. */
export interface LocatedModel {
  model: ServiceModel;
  /** Location map of the (merged, rendered) config tree the model was built from. */
  locations: LocationMap;
  /** The config tree after `$ref`s and KRAKEND_* overrides. */
  tree: Record<string, unknown>;
}
