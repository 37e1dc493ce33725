/**
 * What the generated module calls at start-up: resolve the service settings
 * (with KRAKEND_* overrides and flags), fix the process-wide options, build
 * the backend and endpoint plans from baked values, and serve.
 */
import { clientIpPolicy } from './client-ip.ts';
import type { CelChecks } from './cel.ts';
import type { JwtSigner } from './jwt.ts';
import { CorsPolicy, type CorsSettings } from './cors.ts';
import type { Exchange } from './exchange.ts';
import { flushLogs, logMessage, setLogLevel, type LogLevel } from './log.ts';
import { proxyNoop, type NoopPlan } from './noop.ts';
import { proxy, type BodyValidator, type EndpointPlan, type Results, type ShadowPlan, type StaticData, type TargetBuilder } from './pipeline.ts';
import { HostSet, configurePools } from './pools.ts';
import { renderFor, renderJson, renderString, renderXmlOutput, type Render } from './render.ts';
import { decoders, respValue, stringifyParam, type Data, type Decoder } from './response-data.ts';
import { serve, type RouteFunction, type RunningGateway } from './server.ts';
import { SettingsError, parseStartFlags, resolveServiceSettings, type ServiceDefinition, type ServiceSettings } from './settings.ts';
import { state } from './state.ts';
import type { BackendPlan } from './upstream.ts';

/** Resolves the effective settings; prints the problem and exits 1 when an override is invalid. */
export function startSettings(definition: ServiceDefinition, argv: readonly string[] = process.argv.slice(2)): ServiceSettings {
  try {
    return resolveServiceSettings(definition, process.env, parseStartFlags(argv));
  } catch (e) {
    if (e instanceof SettingsError) {
      process.stderr.write(`kd gateway: ${e.message}\n`);
      process.exit(e.message.startsWith('usage:') ? 0 : 1);
    }
    throw e;
  }
}

/** `router` namespace values baked at build time. */
export interface RouterSettings {
  returnErrorMsg: boolean;
  hideVersionHeader: boolean;
  disableAccessLog: boolean;
  loggerSkipPaths: string[];
  disablePathDecoding: boolean;
  /** `error_body` entries, already encoded as JSON (null = default text). */
  notFoundBody: string | null;
  methodNotAllowedBody: string | null;
  trustedProxies: string[];
  remoteIpHeaders: string[];
  forwardedByClientIp: boolean;
}

/**
 * Fixes the process-wide options. `version` is kd's version baked into the
 * module; `cors` is the `security/cors` component (null when absent).
 */
export function configure(version: string, settings: ServiceSettings, router: RouterSettings, logLevel: LogLevel = 'INFO', cors: CorsSettings | null = null): void {
  state.cors = cors === null ? null : new CorsPolicy(cors);
  setLogLevel(logLevel);
  state.versionHeader = router.hideVersionHeader ? 'Version undefined' : `Version ${version}`;
  state.userAgent = `kd/${version}`;
  state.returnErrorMsg = router.returnErrorMsg;
  state.accessLog = !router.disableAccessLog;
  state.skipLogPaths = new Set(router.loggerSkipPaths);
  state.checkParams = !router.disablePathDecoding;
  state.notFoundBody = router.notFoundBody;
  state.methodNotAllowedBody = router.methodNotAllowedBody;
  state.disableCompression = settings.disableCompression;
  state.clientIp = clientIpPolicy(router.trustedProxies, router.remoteIpHeaders, router.forwardedByClientIp, (m) => logMessage('WARNING', m));
  const ns = (v: number) => Math.round(v / 1e6);
  configurePools({
    idleTimeoutMs: ns(settings.idleConnectionTimeout),
    headersTimeoutMs: ns(settings.responseHeaderTimeout),
    connectTimeoutMs: ns(settings.dialerTimeout),
    keepAliveMs: ns(settings.dialerKeepAlive),
    insecure: false,
    disableKeepAlives: settings.disableKeepAlives,
  });
}

/** Baked description of one backend. */
export interface BackendDefinition {
  index: number;
  method: string;
  pattern: string;
  hosts: readonly string[];
  /** Decoder name (`json`, `json-collection`, `safejson`, `string`, `xml`, `xml-collection`, `rss`, `no-op`). */
  decoder: string;
  transform: ((data: Data | null) => Data | null) | null;
  errorDetails: string;
  errorCode: boolean;
  bodyOnRedirect: boolean;
  headerFilter: readonly string[] | null;
  forwardsAcceptEncoding: boolean;
  concurrent: number;
  /** `validation/cel` at the backend, compiled; or null. */
  cel?: CelChecks | null;
}

/** Builds a backend plan (host pools are opened lazily). */
export function backend(def: BackendDefinition): BackendPlan {
  let decode: Decoder | null = null;
  if (def.decoder !== 'no-op') {
    decode = decoders[def.decoder] ?? decoders.json!;
  }
  return {
    index: def.index,
    method: def.method,
    pattern: def.pattern,
    hosts: new HostSet(def.hosts),
    decode,
    transform: def.transform,
    errorDetails: def.errorDetails,
    errorCode: def.errorCode,
    bodyOnRedirect: def.bodyOnRedirect,
    headerFilter: def.headerFilter === null ? null : new Set(def.headerFilter.map((h) => h.toLowerCase())),
    forwardsAcceptEncoding: def.forwardsAcceptEncoding,
    concurrent: def.concurrent,
    cel: def.cel ?? null,
  };
}

/** `Cache-Control` for a cache_ttl in nanoseconds (null when 0). */
export function cacheControl(ttlNs: number): string | null {
  if (ttlNs === 0) return null;
  return `public, max-age=${Math.trunc(ttlNs / 1e9)}`;
}

/**
 * The render for an output encoding. For an unknown value a single-backend
 * endpoint uses the render named like its backend's encoding when there is
 * one, else JSON.
 */
export function renderOf(outputEncoding: string, singleBackendEncoding: string | null): Render {
  let fallback = renderJson;
  if (singleBackendEncoding !== null) {
    if (singleBackendEncoding === 'string') fallback = renderString;
    else if (singleBackendEncoding === 'xml') fallback = renderXmlOutput;
  }
  return renderFor(outputEncoding, fallback);
}

export interface EndpointDefinition {
  name: string;
  timeoutNs: number;
  cacheTtlNs: number;
  outputEncoding: string;
  backends: BackendPlan[];
  shadows: { backend: BackendPlan; timeoutNs: number }[];
  sequential: boolean;
  target: TargetBuilder;
  flatmap: ((data: Data | null) => Data | null) | null;
  staticData: StaticData | null;
  /** The single backend's `encoding` as written (render fallback), or null. */
  backendEncoding: string | null;
  /** `auth/signer`, or null. */
  signer?: JwtSigner | null;
  /** `validation/json-schema`, compiled; or null. */
  bodySchema?: BodyValidator | null;
  /** `validation/cel` at the endpoint, compiled; or null. */
  cel?: CelChecks | null;
}

function timeoutMs(ns: number): number {
  return Math.max(ns / 1e6, 0.001);
}

/** An endpoint's plan: the full pipe, or the streaming `no-op` one. */
export type Plan = EndpointPlan | NoopPlan;

/**
 * Builds an endpoint's plan once the effective output encoding is known
 * (it may come from a KRAKEND_OUTPUT_ENCODING override).
 */
export function endpoint(def: EndpointDefinition): Plan {
  if (def.outputEncoding === 'no-op') {
    if (def.backends.length !== 1) {
      process.stderr.write(`kd gateway: can not use NoOp encoding with more than one backends connected to the same endpoint (${def.name})\n`);
      process.exit(1);
    }
    return { noop: true, name: def.name, timeoutMs: timeoutMs(def.timeoutNs), backend: def.backends[0]!, target: def.target };
  }
  const shadows: ShadowPlan[] = def.shadows.map((s) => ({ backend: s.backend, timeoutMs: timeoutMs(s.timeoutNs || def.timeoutNs) }));
  return {
    noop: false,
    name: def.name,
    timeoutMs: timeoutMs(def.timeoutNs),
    cacheControl: cacheControl(def.cacheTtlNs),
    render: renderOf(def.outputEncoding, def.backendEncoding),
    backends: def.backends,
    shadows,
    sequential: def.sequential,
    target: def.target,
    flatmap: def.flatmap,
    staticData: def.staticData,
    signer: def.signer ?? null,
    bodySchema: def.bodySchema ?? null,
    cel: def.cel ?? null,
  };
}

/** Runs a request through an endpoint's plan. */
export function run(x: Exchange, plan: Plan, headers: string[]): void {
  if (plan.noop) proxyNoop(x, plan, headers);
  else proxy(x, plan, headers);
}

/**
 * A `{respN_a.b}` value for a sequential url_pattern: the value found in
 * backend N's response, stringified as KrakenD does; the placeholder text
 * itself when there is none.
 */
export function sequentialParam(results: Results, index: number, path: string, placeholder: string): string {
  const data = results[index];
  if (data === undefined || data === null) return placeholder;
  const value = respValue(data, path);
  const text = stringifyParam(value);
  return text === undefined ? placeholder : text;
}

/** Starts the server; logs and exits when the port cannot be bound. */
export async function start(settings: ServiceSettings, route: RouteFunction, description: string, removeExtraSlash: boolean): Promise<RunningGateway> {
  logMessage('INFO', `Starting ${description}`);
  if (settings.overrides.length > 0) logMessage('INFO', `environment overrides: ${settings.overrides.join(', ')}`);
  try {
    return await serve(settings, route, { removeExtraSlash });
  } catch (e) {
    logMessage('CRITICAL', `cannot listen on ${settings.listenIp || ''}:${settings.port}: ${(e as Error).message}`);
    flushLogs();
    process.exit(1);
  }
}

export type { Exchange };
