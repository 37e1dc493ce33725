/**
 * ServiceModel → the generated gateway module (TypeScript). The module holds
 * everything specific to the configuration as constants and straight-line
 * functions, and imports the generic runtime as `@kd/runtime`.
 */
import { basename } from 'node:path';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { joinPointer, locate, type LocationMap } from '../formats/types.ts';
import type { EndpointModel, ServiceModel } from '../model/types.ts';
import { VERSION } from '../version.ts';
import { readBotDetector, readCors, readLogLevel, readRouterOptions, unsupportedComponents } from './components.ts';
import { Code, NameScope, literal, name } from './emit.ts';
import { compileEndpoint, type CompiledEndpoint } from './endpoint.ts';
import { compileBodySchemas, type BodySchema } from './schemas.ts';
import { ANY_METHODS, generateRouter, type RouteSpec } from './routes.ts';
import { renderTemplate } from './templates.ts';
import { namespace } from '../model/namespaces.ts';

/** Methods the router registers; endpoints with others are skipped, as KrakenD skips them. */
const ROUTABLE = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface GenerateOptions {
  /** The configuration file, for the header comment. */
  configFile?: string;
}

export interface GeneratedGateway {
  /** The TypeScript source of the gateway module. */
  source: string;
  /** Modules the source imports from its own folder (file name → text). */
  modules: Record<string, string>;
  /** Warnings about what the gateway ignores. */
  diagnostics: Diagnostic[];
  endpoints: number;
  backends: number;
}

/** Names the generated module uses at top level (never handed out for endpoints). */
const RESERVED = ['rt', 'schemas', 'S', 'KD_VERSION', 'DEBUG', 'ECHO', 'BOTS', 'TREES', 'FIRST_SEGMENTS', 'route', 'noRoute', 'treeOf', 'fixerOf'];

/**
 * Whether a non-GET endpoint with several backends is registered: KrakenD
 * keeps it only when it has a proxy block not turning `sequential` off and
 * every backend but the last uses GET.
 */
function acceptsSeveralBackends(endpoint: EndpointModel): boolean {
  const proxy = namespace(endpoint.extraConfig, 'proxy');
  if (proxy === undefined || proxy === null) return false;
  if (typeof proxy === 'object' && (proxy as Record<string, unknown>).sequential === false) return false;
  return endpoint.backends.every((b, i) => i === endpoint.backends.length - 1 || b.method === 'GET');
}

export function generateGateway(model: ServiceModel, locations: LocationMap, options: GenerateOptions = {}): GeneratedGateway {
  const diagnostics: Diagnostic[] = unsupportedComponents(model, locations);
  const router = readRouterOptions(model, locations, diagnostics);
  const scope = new NameScope();
  scope.reserve(...RESERVED);

  const compiled: CompiledEndpoint[] = [];
  const schemas: BodySchema[] = [];
  for (const endpoint of model.endpoints) {
    if (!ROUTABLE.has(endpoint.method)) {
      diagnostics.push(
        warning('build/unsupported-method', `method ${endpoint.method} is not supported by the router; the endpoint ${endpoint.path} is skipped, as KrakenD skips it`, locate(locations, joinPointer(endpoint.pointer, 'method'))),
      );
      continue;
    }
    if (endpoint.method !== 'GET' && endpoint.backends.length > 1 && !acceptsSeveralBackends(endpoint)) {
      diagnostics.push(
        warning(
          'build/ignored-endpoint',
          `${endpoint.method} ${endpoint.path} is ignored, as KrakenD ignores it: an endpoint other than GET with several backends must use the sequential proxy, with GET in every backend but the last`,
          locate(locations, joinPointer(endpoint.pointer, 'backend')),
        ),
      );
      continue;
    }
    if (endpoint.routerPath.includes('*')) {
      diagnostics.push(warning('build/unsupported', `wildcard endpoints are not supported; ${endpoint.path} is skipped`, locate(locations, joinPointer(endpoint.pointer, 'endpoint'))));
      continue;
    }
    compiled.push(compileEndpoint(endpoint, { scope, locations, diagnostics, schemas }));
  }

  // routes, in KrakenD's registration order
  const routes: RouteSpec[] = [];
  const staticOrder: string[] = [];
  const register = (method: string) => {
    if (!staticOrder.includes(method)) staticOrder.push(method);
  };
  if (!router.disableHealth) {
    routes.push({ method: 'GET', path: router.healthPath.startsWith('/') ? router.healthPath : '/' + router.healthPath, handler: new Code('rt.health'), gate: null });
    register('GET');
  }
  for (const method of ANY_METHODS) {
    routes.push({ method, path: '/__debug/*param', handler: new Code('rt.debug'), gate: new Code('DEBUG') });
    routes.push({ method, path: '/__echo/*param', handler: new Code('rt.echo'), gate: new Code('ECHO') });
  }
  const routerConstants: Code[] = [];
  const bots = readBotDetector(model.extraConfig, '', locations, diagnostics);
  if (bots !== null) routerConstants.push(new Code(`// extra_config: security/bot-detector\nconst BOTS = rt.botDetector(${literal(bots).text});`));
  const optionsByPath = new Map<string, string[]>();
  for (const c of compiled) {
    routes.push({ method: c.method, path: c.routerPath, handler: c.handler, gate: null });
    register(c.method);
    if (router.autoOptions) {
      const methods = optionsByPath.get(c.routerPath);
      if (methods === undefined) optionsByPath.set(c.routerPath, [c.method]);
      else if (!methods.includes(c.method)) methods.push(c.method);
    }
  }
  // the automatic OPTIONS routes are registered after every endpoint
  if (optionsByPath.size > 0) register('OPTIONS');
  for (const [path, methods] of optionsByPath) {
    const constant = scope.unique('autoOptions');
    routerConstants.push(new Code(`const ${constant.text} = rt.autoOptions(${literal([...methods].sort().join(', ')).text});`));
    routes.push({ method: 'OPTIONS', path, handler: constant, gate: null });
  }
  const generatedRouter = generateRouter(
    {
      routes,
      staticOrder,
      anyGate: new Code('DEBUG || ECHO'),
      redirectTrailingSlash: router.redirectTrailingSlash,
      redirectFixedPath: router.redirectFixedPath,
      handleMethodNotAllowed: router.handleMethodNotAllowed,
      checkParams: !router.disablePathDecoding,
      bots: bots === null ? null : new Code('BOTS'),
    },
    (prefix) => scope.unique(prefix),
  );

  const service: Record<string, unknown> = {
    name: model.name,
    port: model.port,
    listenIp: model.listenIp,
    timeout: model.timeout,
    cacheTtl: model.cacheTtl,
    outputEncoding: model.outputEncoding,
    hosts: model.hosts,
    debugEndpoint: model.debugEndpoint,
    echoEndpoint: model.echoEndpoint,
    maxHeaderBytes: model.maxHeaderBytes,
    readTimeout: model.readTimeout,
    writeTimeout: model.writeTimeout,
    idleTimeout: model.idleTimeout,
    readHeaderTimeout: model.readHeaderTimeout,
    disableKeepAlives: model.disableKeepAlives,
    disableCompression: model.disableCompression,
    maxIdleConnectionsPerHost: model.maxIdleConnectionsPerHost,
    idleConnectionTimeout: model.idleConnectionTimeout,
    responseHeaderTimeout: model.responseHeaderTimeout,
    dialerTimeout: model.dialerTimeout,
    dialerKeepAlive: model.dialerKeepAlive,
    maxShutdownWaitTime: model.maxShutdownWaitTime,
  };
  const routerSettings: Record<string, unknown> = {
    returnErrorMsg: router.returnErrorMsg,
    hideVersionHeader: router.hideVersionHeader,
    disableAccessLog: router.disableAccessLog,
    loggerSkipPaths: router.loggerSkipPaths,
    disablePathDecoding: router.disablePathDecoding,
    notFoundBody: router.notFoundBody,
    methodNotAllowedBody: router.methodNotAllowedBody,
    trustedProxies: router.trustedProxies,
    remoteIpHeaders: router.remoteIpHeaders,
    forwardedByClientIp: router.forwardedByClientIp,
  };
  const backends = compiled.reduce((n, c) => n + c.backends, 0);
  const modules: Record<string, string> = {};
  if (schemas.length > 0) {
    const compiledSchemas = compileBodySchemas(schemas);
    modules['schemas.js'] = compiledSchemas.module;
    modules['schemas.d.ts'] = compiledSchemas.declarations;
  }
  const source = renderTemplate('gateway', {
    version: VERSION,
    source: options.configFile !== undefined ? basename(options.configFile) : 'a configuration',
    service: Object.entries(service).map(([key, value]) => ({ key: name(key), value: literal(value) })),
    routerSettings: Object.entries(routerSettings).map(([key, value]) => ({ key: name(key), value })),
    hasLogging: namespace(model.extraConfig, 'telemetry/logging') !== undefined,
    hasSchemas: schemas.length > 0,
    cors: readCors(model),
    logLevel: readLogLevel(model),
    routerConstants,
    endpoints: compiled.map((c) => c.block),
    router: generatedRouter.code,
    description: `kd gateway ${VERSION}${model.name ? ` (${model.name})` : ''}: ${compiled.length} endpoint${compiled.length === 1 ? '' : 's'}`,
    removeExtraSlash: router.removeExtraSlash,
  });
  return { source: source.text, modules, diagnostics, endpoints: compiled.length, backends };
}

