/**
 * The component settings the gateway implements, read from `extra_config`
 * (by short or long namespace name) with KrakenD's rules for odd values, and
 * the list of components it does not implement yet (reported at build).
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { CelCheckError, compileCel } from './cel.ts';
import { Code } from './emit.ts';
import { joinPointer, locate, type LocationMap } from '../formats/types.ts';
import { parseDuration } from '../model/duration.ts';
import { namespace, namespaceKey, shortName } from '../model/namespaces.ts';
import type { BackendModel, EndpointModel, ExtraConfig, ServiceModel } from '../model/types.ts';
import type { CorsSettings } from '../runtime/cors.ts';
import type { KeySource } from '../runtime/jwk.ts';
import type { JwtSignerSettings, JwtValidatorSettings } from '../runtime/jwt.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `router` options as the gateway uses them. */
export interface RouterOptions {
  returnErrorMsg: boolean;
  hideVersionHeader: boolean;
  disableAccessLog: boolean;
  loggerSkipPaths: string[];
  disablePathDecoding: boolean;
  disableHealth: boolean;
  healthPath: string;
  redirectTrailingSlash: boolean;
  redirectFixedPath: boolean;
  handleMethodNotAllowed: boolean;
  removeExtraSlash: boolean;
  autoOptions: boolean;
  notFoundBody: string | null;
  methodNotAllowedBody: string | null;
  trustedProxies: string[];
  remoteIpHeaders: string[];
  forwardedByClientIp: boolean;
}

const ROUTER_TYPES: Record<string, 'bool' | 'string' | 'strings' | 'int' | 'object'> = {
  disable_redirect_trailing_slash: 'bool',
  disable_redirect_fixed_path: 'bool',
  disable_handle_method_not_allowed: 'bool',
  forwarded_by_client_ip: 'bool',
  remote_ip_headers: 'strings',
  trusted_proxies: 'strings',
  app_engine: 'bool',
  max_multipart_memory: 'int',
  remove_extra_slash: 'bool',
  logger_skip_paths: 'strings',
  auto_options: 'bool',
  return_error_msg: 'bool',
  disable_health: 'bool',
  health_path: 'string',
  disable_access_log: 'bool',
  disable_path_decoding: 'bool',
  hide_version_header: 'bool',
  use_h2c: 'bool',
  error_body: 'object',
};

function hasType(value: unknown, type: 'bool' | 'string' | 'strings' | 'int' | 'object'): boolean {
  switch (type) {
    case 'bool':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'int':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'object':
      return isObj(value);
  }
}

/** Go's encoding of a JSON value as the router writes `error_body` (keys sorted, HTML-safe). */
function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return '[' + value.map(goJson).join(',') + ']';
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return '{' + keys.map((k) => goJson(k) + ':' + goJson((value as Obj)[k])).join(',') + '}';
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return JSON.stringify(value);
}

/**
 * Reads the `router` namespace. As in KrakenD, a value of the wrong JSON type
 * makes the router skip its redirect, method-not-allowed, client-IP, extra
 * slash, skip-paths, error-message and version-header options (a warning
 * says so); the access log, path decoding and health options still apply.
 */
export function readRouterOptions(model: ServiceModel, locations: LocationMap, diagnostics: Diagnostic[]): RouterOptions {
  const raw = namespace(model.extraConfig, 'router');
  const key = namespaceKey(model.extraConfig, 'router');
  const cfg: Obj = isObj(raw) ? raw : {};
  const pointer = key === undefined ? '/extra_config' : joinPointer('/extra_config', key);
  let typeError = false;
  for (const [name, type] of Object.entries(ROUTER_TYPES)) {
    if (Object.prototype.hasOwnProperty.call(cfg, name) && !hasType(cfg[name], type)) {
      typeError = true;
      diagnostics.push(
        warning('build/router-option-type', `router option "${name}" has the wrong type; KrakenD then ignores the router's redirect, method-not-allowed, client-IP, extra-slash, skip-paths, error-message and version-header options, and so does kd`, locate(locations, joinPointer(pointer, name))),
      );
    }
  }
  const bool = (name: string, fallback: boolean, applies = true): boolean => {
    if (!applies) return fallback;
    const v = cfg[name];
    return typeof v === 'boolean' ? v : fallback;
  };
  const strings = (name: string, applies = true): string[] => {
    const v = cfg[name];
    return applies && Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  };
  const full = !typeError;
  const errorBody = isObj(cfg.error_body) ? cfg.error_body : {};
  const healthPath = typeof cfg.health_path === 'string' && cfg.health_path !== '' ? cfg.health_path : '/__health';
  return {
    returnErrorMsg: bool('return_error_msg', false, full),
    hideVersionHeader: bool('hide_version_header', false, full),
    disableAccessLog: bool('disable_access_log', false),
    loggerSkipPaths: strings('logger_skip_paths', full),
    disablePathDecoding: bool('disable_path_decoding', false),
    disableHealth: bool('disable_health', false),
    healthPath,
    redirectTrailingSlash: !bool('disable_redirect_trailing_slash', false, full),
    redirectFixedPath: !bool('disable_redirect_fixed_path', false, full),
    handleMethodNotAllowed: !bool('disable_handle_method_not_allowed', false, full),
    removeExtraSlash: bool('remove_extra_slash', false, full),
    autoOptions: bool('auto_options', false),
    notFoundBody: Object.prototype.hasOwnProperty.call(errorBody, '404') ? goJson(errorBody['404']) : null,
    methodNotAllowedBody: Object.prototype.hasOwnProperty.call(errorBody, '405') ? goJson(errorBody['405']) : null,
    trustedProxies: strings('trusted_proxies', full),
    remoteIpHeaders: strings('remote_ip_headers', full),
    forwardedByClientIp: bool('forwarded_by_client_ip', true, full),
  };
}

/** `security/cors` as the gateway applies it (null when absent): the runtime's own settings shape. */
export type CorsOptions = CorsSettings;

export function readCors(model: ServiceModel): CorsOptions | null {
  const cfg = namespace(model.extraConfig, 'security/cors');
  if (!isObj(cfg)) return null;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  let maxAge = 0;
  if (typeof cfg.max_age === 'string') {
    const d = parseDuration(cfg.max_age);
    if (typeof d === 'number' && d > 0) maxAge = Math.trunc(d / 1e9);
  }
  const status = typeof cfg.options_success_status === 'number' && Number.isInteger(cfg.options_success_status) && cfg.options_success_status >= 100 && cfg.options_success_status <= 999 ? cfg.options_success_status : 204;
  return {
    allowOrigins: strings(cfg.allow_origins),
    allowMethods: strings(cfg.allow_methods),
    allowHeaders: strings(cfg.allow_headers),
    exposeHeaders: strings(cfg.expose_headers),
    maxAge,
    allowCredentials: cfg.allow_credentials === true,
    allowPrivateNetwork: cfg.allow_private_network === true,
    optionsPassthrough: cfg.options_passthrough === true,
    optionsSuccessStatus: status,
  };
}

/** `security/bot-detector` settings, patterns translated to JavaScript regular expressions. */
export interface BotDetectorOptions {
  allow: string[];
  deny: string[];
  patterns: { source: string; flags: string }[];
  emptyUserAgentIsBot: boolean;
}

/**
 * Reads `security/bot-detector` from an extra_config (null when absent).
 * Go's leading `(?i)`/`(?s)`/`(?m)` flags become JavaScript flags; a pattern
 * JavaScript cannot compile is reported and left out.
 */
export function readBotDetector(extra: ExtraConfig, pointer: string, locations: LocationMap, diagnostics: Diagnostic[]): BotDetectorOptions | null {
  const cfg = namespace(extra, 'security/bot-detector');
  if (!isObj(cfg)) return null;
  const key = namespaceKey(extra, 'security/bot-detector')!;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  const patterns: { source: string; flags: string }[] = [];
  strings(cfg.patterns).forEach((pattern, i) => {
    let source = pattern;
    let flags = '';
    const m = /^\(\?([ims]+)\)/.exec(source);
    if (m) {
      flags = [...new Set(m[1]!)].join('');
      source = source.slice(m[0].length);
    }
    try {
      new RegExp(source, flags);
      patterns.push({ source, flags });
    } catch (e) {
      diagnostics.push(
        warning('build/bot-pattern', `bot pattern ${JSON.stringify(pattern)} cannot be used: ${(e as Error).message}; it is left out`, locate(locations, joinPointer(joinPointer(joinPointer(joinPointer(pointer, 'extra_config'), key), 'patterns'), i))),
      );
    }
  });
  return { allow: strings(cfg.allow), deny: strings(cfg.deny), patterns, emptyUserAgentIsBot: cfg.empty_user_agent_is_bot === true };
}

const JWT_ALGORITHMS = ['EdDSA', 'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'];

/** Where a JWT component gets its keys. */
export type KeySourceOptions = KeySource;

export type JwtValidatorOptions = JwtValidatorSettings;

export type JwtSignerOptions = JwtSignerSettings;

/** Options of the JWT components kd does not implement: reported, then ignored. */
const JWT_IGNORED = ['jwk_fingerprints', 'jwk_local_ca', 'secret_url', 'cypher_key', 'cipher_suites', 'failed_jwk_key_cooldown'];

function keySource(cfg: Obj): KeySourceOptions {
  return {
    url: typeof cfg.jwk_url === 'string' ? cfg.jwk_url : '',
    localPath: typeof cfg.jwk_local_path === 'string' ? cfg.jwk_local_path : '',
    cache: cfg.cache === true,
    cacheSeconds: typeof cfg.cache_duration === 'number' && cfg.cache_duration > 0 ? cfg.cache_duration : 900,
    insecure: cfg.disable_jwk_security === true,
  };
}

function jwtProblems(kind: string, cfg: Obj, pointer: string, locations: LocationMap, diagnostics: Diagnostic[], alg: string): boolean {
  let ok = true;
  if (!JWT_ALGORITHMS.includes(alg)) {
    diagnostics.push(error('build/jwt', `${kind}: unknown algorithm ${alg}`, locate(locations, joinPointer(pointer, 'alg'))));
    ok = false;
  }
  if (typeof cfg.jwk_url !== 'string' && typeof cfg.jwk_local_path !== 'string') {
    diagnostics.push(error('build/jwt', `${kind}: no key source: set jwk_url or jwk_local_path`, locate(locations, pointer, 'key')));
    ok = false;
  }
  for (const option of JWT_IGNORED) {
    if (Object.prototype.hasOwnProperty.call(cfg, option)) {
      diagnostics.push(warning('build/unsupported', `${kind}: ${option} is not supported yet; ignored`, locate(locations, joinPointer(pointer, option), 'key')));
    }
  }
  if (typeof cfg.key_identify_strategy === 'string' && cfg.key_identify_strategy !== 'kid') {
    diagnostics.push(warning('build/unsupported', `${kind}: key_identify_strategy ${cfg.key_identify_strategy} is not supported yet; keys are found by kid`, locate(locations, joinPointer(pointer, 'key_identify_strategy'))));
  }
  return ok;
}

function listOfStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** `auth/validator` of an endpoint (null when absent or unusable; errors are reported). */
export function readJwtValidator(endpoint: EndpointModel, locations: LocationMap, diagnostics: Diagnostic[]): JwtValidatorOptions | null {
  const cfg = namespace(endpoint.extraConfig, 'auth/validator');
  if (!isObj(cfg)) return null;
  const pointer = joinPointer(joinPointer(endpoint.pointer, 'extra_config'), namespaceKey(endpoint.extraConfig, 'auth/validator')!);
  const alg = typeof cfg.alg === 'string' ? cfg.alg : 'RS256';
  if (!jwtProblems('auth/validator', cfg, pointer, locations, diagnostics, alg)) return null;
  let leewayMs = 1000;
  if (typeof cfg.leeway === 'string') {
    const d = parseDuration(cfg.leeway);
    if (typeof d === 'number') leewayMs = Math.max(0, d / 1e6);
  }
  const propagate: [string, string][] = [];
  if (Array.isArray(cfg.propagate_claims)) {
    for (const pair of cfg.propagate_claims) {
      if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string') propagate.push([pair[0], pair[1]]);
    }
  }
  return {
    alg,
    keys: keySource(cfg),
    issuer: typeof cfg.issuer === 'string' ? cfg.issuer : '',
    audience: listOfStrings(cfg.audience),
    rolesKey: typeof cfg.roles_key === 'string' ? cfg.roles_key : '',
    rolesKeyIsNested: cfg.roles_key_is_nested === true,
    roles: listOfStrings(cfg.roles),
    scopesKey: typeof cfg.scopes_key === 'string' ? cfg.scopes_key : '',
    scopes: listOfStrings(cfg.scopes),
    scopesMatcher: cfg.scopes_matcher === 'all' ? 'all' : 'any',
    leewayMs,
    authHeaderName: typeof cfg.auth_header_name === 'string' && cfg.auth_header_name !== '' ? cfg.auth_header_name : 'Authorization',
    cookieKey: typeof cfg.cookie_key === 'string' && cfg.cookie_key !== '' ? cfg.cookie_key : 'access_token',
    propagateClaims: propagate,
    operationDebug: cfg.operation_debug === true,
  };
}

/** `auth/signer` of an endpoint (null when absent or unusable; errors are reported). */
export function readJwtSigner(endpoint: EndpointModel, locations: LocationMap, diagnostics: Diagnostic[]): JwtSignerOptions | null {
  const cfg = namespace(endpoint.extraConfig, 'auth/signer');
  if (!isObj(cfg)) return null;
  const pointer = joinPointer(joinPointer(endpoint.pointer, 'extra_config'), namespaceKey(endpoint.extraConfig, 'auth/signer')!);
  const alg = typeof cfg.alg === 'string' ? cfg.alg : '';
  if (!jwtProblems('auth/signer', cfg, pointer, locations, diagnostics, alg)) return null;
  if (cfg.full === true) diagnostics.push(warning('build/unsupported', 'auth/signer: the full (JSON) serialization is not supported yet; tokens are compact', locate(locations, joinPointer(pointer, 'full'))));
  return { alg, kid: typeof cfg.kid === 'string' ? cfg.kid : '', keysToSign: listOfStrings(cfg.keys_to_sign), keys: keySource(cfg) };
}

/** `validation/json-schema` of an endpoint: the schema object, or null. */
export function readJsonSchema(endpoint: EndpointModel): Record<string, unknown> | null {
  const cfg = namespace(endpoint.extraConfig, 'validation/json-schema');
  return isObj(cfg) ? cfg : null;
}

/** `validation/cel` compiled: check functions per phase, with the source for comments. */
export interface CelOptions {
  pre: { source: string; code: Code }[];
  post: { source: string; code: Code }[];
  jwt: { source: string; code: Code }[];
}

/**
 * Reads and compiles `validation/cel` from an extra_config. As in KrakenD, an
 * expression goes to the request phase when its text mentions `req`, the
 * response phase for `resp` and the token phase for `JWT`; one that fails the
 * type check is skipped, and one that does not parse turns the whole list off.
 */
export function readCel(extra: ExtraConfig, pointer: string, locations: LocationMap, diagnostics: Diagnostic[]): CelOptions | null {
  const cfg = namespace(extra, 'validation/cel');
  if (cfg === undefined) return null;
  const base = joinPointer(joinPointer(pointer, 'extra_config'), namespaceKey(extra, 'validation/cel')!);
  if (!Array.isArray(cfg)) {
    diagnostics.push(warning('build/cel', 'validation/cel must be a list of { "check_expr": … }; ignored', locate(locations, base)));
    return null;
  }
  const out: CelOptions = { pre: [], post: [], jwt: [] };
  for (let i = 0; i < cfg.length; i++) {
    const def = cfg[i];
    const source = isObj(def) && typeof def.check_expr === 'string' ? def.check_expr : '';
    if (isObj(def) && typeof def.mod_expr === 'string') {
      diagnostics.push(warning('build/unsupported', 'validation/cel: mod_expr is not supported yet; ignored', locate(locations, joinPointer(joinPointer(base, i), 'mod_expr'))));
    }
    if (source === '') continue;
    const at = locate(locations, joinPointer(joinPointer(base, i), 'check_expr'));
    let compiled: Code;
    try {
      compiled = compileCel(source);
    } catch (e) {
      if (e instanceof CelCheckError) {
        diagnostics.push(warning('build/cel', `CEL expression ${JSON.stringify(source)} is skipped, as KrakenD skips it: ${e.message}`, at));
        continue;
      }
      diagnostics.push(warning('build/cel', `CEL expression ${JSON.stringify(source)} does not parse (${(e as Error).message}); every check of this validation/cel is off, as in KrakenD`, at));
      return null;
    }
    const entry = { source, code: compiled };
    if (source.includes('req')) out.pre.push(entry);
    if (source.includes('resp')) out.post.push(entry);
    if (source.includes('JWT')) out.jwt.push(entry);
  }
  return out;
}

/** The CEL checks of one phase as an array literal, each preceded by its expression. */
export function celChecksCode(checks: readonly { source: string; code: Code }[], indent: string): Code {
  if (checks.length === 0) return new Code('[]');
  const items = checks.map((c, i) => `${indent}  // #${i}: ${c.source.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n${indent}  ${c.code.text},`);
  return new Code(`[\n${items.join('\n')}\n${indent}]`);
}

/** The log level of `telemetry/logging` (INFO when absent or unknown). */
export function readLogLevel(model: ServiceModel): 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL' {
  const cfg = namespace(model.extraConfig, 'telemetry/logging');
  if (isObj(cfg) && typeof cfg.level === 'string') {
    const level = cfg.level.toUpperCase();
    if (level === 'DEBUG' || level === 'INFO' || level === 'WARNING' || level === 'ERROR' || level === 'CRITICAL') return level;
  }
  return 'INFO';
}

/** One flatmap operation (entries without a string `type` are dropped, as KrakenD skips them). */
export interface FlatmapOperation {
  type: string;
  args: string[];
}

/** The flatmap operations of a `proxy.flatmap_filter` list (empty when absent or unusable). */
export function flatmapOperations(value: unknown): FlatmapOperation[] {
  if (!Array.isArray(value)) return [];
  const ops: FlatmapOperation[] = [];
  for (const item of value) {
    if (!isObj(item) || typeof item.type !== 'string') continue;
    const args = Array.isArray(item.args) ? item.args.filter((a): a is string => typeof a === 'string') : [];
    ops.push({ type: item.type, args });
  }
  return ops;
}

export type StaticStrategyName = 'always' | 'success' | 'errored' | 'complete' | 'incomplete';

/** Endpoint-level `proxy` settings. */
export interface EndpointProxy {
  sequential: boolean;
  flatmap: FlatmapOperation[];
  staticData: { strategy: StaticStrategyName; data: Obj } | null;
}

const STATIC_STRATEGIES = new Set(['always', 'success', 'errored', 'complete', 'incomplete']);

/** Numbers in static data as KrakenD holds them (64-bit floats). */
function asFloats(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(asFloats);
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__') Object.defineProperty(out, k, { value: asFloats(v), enumerable: true, writable: true, configurable: true });
      else out[k] = asFloats(v);
    }
    return out;
  }
  return value;
}

export function readEndpointProxy(endpoint: EndpointModel): EndpointProxy {
  const cfg = namespace(endpoint.extraConfig, 'proxy');
  const proxy: Obj = isObj(cfg) ? cfg : {};
  let staticData: EndpointProxy['staticData'] = null;
  if (isObj(proxy.static) && isObj(proxy.static.data)) {
    const strategy = typeof proxy.static.strategy === 'string' && STATIC_STRATEGIES.has(proxy.static.strategy) ? (proxy.static.strategy as StaticStrategyName) : 'always';
    staticData = { strategy, data: asFloats(proxy.static.data) as Obj };
  }
  return {
    sequential: proxy.sequential === true,
    flatmap: flatmapOperations(proxy.flatmap_filter),
    staticData,
  };
}

/** Backend-level component settings the gateway implements. */
export interface BackendComponents {
  shadow: boolean;
  /** Shadow timeout in ns (0 = the endpoint's). */
  shadowTimeout: number;
  flatmap: FlatmapOperation[];
  errorDetails: string;
  errorCode: boolean;
  bodyOnRedirect: boolean;
}

export function readBackendComponents(backend: BackendModel): BackendComponents {
  const proxyCfg = namespace(backend.extraConfig, 'proxy');
  const proxy: Obj = isObj(proxyCfg) ? proxyCfg : {};
  const httpCfg = namespace(backend.extraConfig, 'backend/http');
  const http: Obj = isObj(httpCfg) ? httpCfg : {};
  const clientCfg = namespace(backend.extraConfig, 'backend/http/client');
  const client: Obj = isObj(clientCfg) ? clientCfg : {};
  let shadowTimeout = 0;
  if (typeof proxy.shadow_timeout === 'string') {
    const d = parseDuration(proxy.shadow_timeout);
    if (typeof d === 'number' && d > 0) shadowTimeout = d;
  }
  const detailsPresent = Object.prototype.hasOwnProperty.call(http, 'return_error_details');
  const details = detailsPresent && typeof http.return_error_details === 'string' ? http.return_error_details : '';
  return {
    shadow: proxy.shadow === true,
    shadowTimeout,
    flatmap: flatmapOperations(proxy.flatmap_filter),
    errorDetails: details,
    errorCode: !detailsPresent && http.return_error_code === true,
    bodyOnRedirect: client.send_body_on_redirect === true,
  };
}

/** Namespaces the gateway implements, by level. */
const SUPPORTED: Record<'service' | 'endpoint' | 'backend', ReadonlySet<string>> = {
  service: new Set(['router', 'telemetry/logging', 'security/cors', 'security/bot-detector']),
  endpoint: new Set(['proxy', 'security/bot-detector', 'auth/validator', 'auth/signer', 'validation/json-schema', 'validation/cel']),
  backend: new Set(['proxy', 'backend/http', 'backend/http/client', 'validation/cel']),
};

/**
 * One warning per component namespace the gateway does not implement yet
 * (located at its first use), plus the service features it ignores.
 */
export function unsupportedComponents(model: ServiceModel, locations: LocationMap): Diagnostic[] {
  const seen = new Map<string, { pointer: string; count: number }>();
  const scan = (extra: ExtraConfig, pointer: string, level: 'service' | 'endpoint' | 'backend') => {
    for (const key of Object.keys(extra)) {
      const short = shortName(key);
      if (SUPPORTED[level].has(short)) continue;
      const entry = seen.get(short);
      if (entry === undefined) seen.set(short, { pointer: joinPointer(joinPointer(pointer, 'extra_config'), key), count: 1 });
      else entry.count++;
    }
  };
  scan(model.extraConfig, '', 'service');
  for (const endpoint of model.endpoints) {
    scan(endpoint.extraConfig, endpoint.pointer, 'endpoint');
    for (const backend of endpoint.backends) scan(backend.extraConfig, backend.pointer, 'backend');
  }
  const out: Diagnostic[] = [];
  for (const [name, { pointer, count }] of seen) {
    out.push(
      warning('build/unsupported', `namespace ${name} is not supported yet; ignored${count > 1 ? ` (${count} places)` : ''}`, locate(locations, pointer, 'key')),
    );
  }
  const feature = (present: boolean, pointer: string, message: string) => {
    if (present) out.push(warning('build/unsupported', message, locate(locations, pointer, 'key')));
  };
  feature(model.tls !== undefined && (model.tls as Obj).disabled !== true, '/tls', 'tls is not supported yet; the gateway serves plain HTTP');
  feature(model.plugin !== undefined, '/plugin', 'plugins are not supported; ignored');
  feature(model.asyncAgents.length > 0, '/async_agent', 'async agents are not supported yet; ignored');
  const dns = model.endpoints.flatMap((e) => e.backends).find((b) => b.sd !== '' && b.sd !== 'static');
  feature(dns !== undefined, dns ? joinPointer(dns.pointer, 'sd') : '', `service discovery "${dns?.sd}" is not supported yet; the host list is used as it is`);
  return out;
}
