/**
 * Checks over a built ServiceModel: what KrakenD refuses at start-up (errors)
 * and what it accepts but is usually a mistake (warnings).
 */
import { error, warning } from '../diagnostics/diagnostic.ts';
import { didYouMean, suggestions } from '../diagnostics/suggest.ts';
import { joinPointer } from '../formats/types.ts';
import { namespace, namespaceKey, shortName } from './namespaces.ts';
import { isDynamicPlaceholder, isJwtPlaceholder, isSequentialPlaceholder, sequentialSource } from './params.ts';
import { isObject, keyOf, type Reader } from './read.ts';
import { MethodTrees, RouteConflict } from './route-tree.ts';
import type { BackendModel, EndpointModel, ExtraConfig, ServiceModel } from './types.ts';
import type { ModelOptions } from './build.ts';

export const SUPPORTED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ANY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE'];
const OUTPUT_ENCODINGS = ['json', 'json-collection', 'negotiate', 'string', 'xml', 'yaml', 'no-op'];

const goList = (xs: readonly string[]) => `[${xs.join(' ')}]`;

/** url_pattern placeholders against the endpoint params (KrakenD's two start-up checks). */
function checkPlaceholders(r: Reader, e: EndpointModel, b: BackendModel, sequential: boolean): void {
  const placeholders = b.urlPlaceholders;
  if (placeholders.length === 0) return;
  const params = e.params;
  // The common case: every placeholder is an endpoint param.
  if (placeholders.length <= params.length + 1 && placeholders.every((p) => params.includes(p))) return;
  const label = `${e.method} ${e.routerPath}`;
  const pointer = joinPointer(b.pointer, 'url_pattern');
  const counted = placeholders.filter((p) => !isSequentialPlaceholder(p) && !isJwtPlaceholder(p) && !isDynamicPlaceholder(p)).sort();
  const lists = () => `input: ${goList([...params].sort())}, output: ${goList(counted)}`;
  if (counted.length - 1 > new Set(params).size) {
    r.fail(
      'params-mismatch',
      `input and output params do not match. endpoint: ${label}, backend: ${b.index}. ${lists()}`,
      pointer,
      'every {placeholder} in url_pattern must be a {param} of the endpoint path',
    );
    return;
  }
  for (const p of placeholders) {
    if (params.includes(p) || isJwtPlaceholder(p) || isDynamicPlaceholder(p)) continue;
    if (isSequentialPlaceholder(p)) {
      const source = sequentialSource(p);
      if (!sequential) {
        r.push(
          warning('sequential-placeholder', `{${p}} is only filled by the sequential proxy, which this endpoint does not enable; it stays literal`, r.span(pointer), {
            hint: 'add "proxy": { "sequential": true } to the endpoint extra_config',
          }),
        );
      } else if (source >= b.index) {
        r.push(
          warning(
            'sequential-placeholder',
            `{${p}} reads backend ${source}, which has not answered when backend ${b.index} is called; it stays literal`,
            r.span(pointer),
            { hint: `only backends before this one (resp0…resp${Math.max(0, b.index - 1)}) can be used` },
          ),
        );
      }
      continue;
    }
    let hint: string | undefined;
    if (/^jwt\./i.test(p)) hint = `JWT claims are written {JWT.${p.slice(4)}}`;
    else if (/^resp[0-9]+$/i.test(p) || /^Resp[0-9]+_/.test(p)) hint = 'sequential values are written {resp<N>_<field>}, e.g. {resp0_id}';
    else hint = didYouMean(p, params) ?? (params.length ? `the endpoint params are ${params.map((x) => `{${x}}`).join(', ')}` : 'the endpoint path has no {params}');
    r.fail('undefined-placeholder', `undefined output param '${p}'! endpoint: ${label}, backend: ${b.index}. ${lists()}`, pointer, hint);
  }
}

/** Registers every route in a model of the router's trees; conflicts are start-up errors. */
function checkRoutes(r: Reader, s: ServiceModel): void {
  const trees = new MethodTrees();
  const router = namespace(s.extraConfig, 'router');
  const routerCfg = isObject(router) ? router : {};
  const registered: { method: string; path: string; pointer: string }[] = [];
  if (routerCfg.disable_health !== true) {
    const healthPath = typeof routerCfg.health_path === 'string' && routerCfg.health_path !== '' ? routerCfg.health_path : '/__health';
    try {
      trees.insert('GET', healthPath);
    } catch (e) {
      if (e instanceof RouteConflict) r.fail('route-conflict', e.message, joinPointer(joinPointer('/extra_config', 'router'), 'health_path'));
    }
  }
  for (const [enabled, path] of [
    [s.debugEndpoint, '/__debug/*param'],
    [s.echoEndpoint, '/__echo/*param'],
  ] as const) {
    if (!enabled) continue;
    for (const m of ANY_METHODS) trees.insert(m, path);
  }
  const seen = new Map<string, EndpointModel>();
  for (const e of s.endpoints) {
    const pathPointer = e.pointer + '/endpoint';
    if (!SUPPORTED_METHODS.has(e.method)) {
      r.push(
        warning('unsupported-method', `method ${e.method} is not supported: the endpoint ${e.path} is skipped and never served`, r.span(joinPointer(e.pointer, 'method')), {
          hint: 'use GET, POST, PUT, PATCH or DELETE (HEAD and OPTIONS are answered by the router)',
        }),
      );
      continue;
    }
    if (/\*$/.test(e.routerPath) && !/\*[^/]+$/.test(e.routerPath)) {
      r.push(
        warning('wildcard-endpoint', `${e.method} ${e.path} is a wildcard endpoint, an Enterprise feature: KrakenD CE and kd's gateway cannot serve it`, r.span(pathPointer), {
          hint: 'list the paths explicitly, or use {params}; kd build and kd check -t refuse this endpoint',
        }),
      );
      continue;
    }
    try {
      trees.insert(e.method, e.routerPath);
      registered.push({ method: e.method, path: e.routerPath, pointer: e.pointer });
    } catch (err) {
      if (!(err instanceof RouteConflict)) throw err;
      const earlier =
        registered.find((x) => x.method === e.method && x.path === e.routerPath) ??
        registered.find((x) => x.method === e.method && sharesPosition(x.path, e.routerPath));
      const notes = earlier ? [{ message: 'the route it collides with is declared here', location: r.span(joinPointer(earlier.pointer, 'endpoint')) }] : [];
      const duplicate = err.message.startsWith('handlers are already registered');
      r.push(
        error(duplicate ? 'duplicate-endpoint' : 'route-conflict', `${e.method} ${e.path}: ${err.message}`, r.span(pathPointer), {
          hint: duplicate
            ? 'each method + path pair can be declared once; remove or rename one of them'
            : 'the router needs the same {param} name at the same position of every path sharing a prefix; rename the params so they match',
          notes: notes.filter((n) => n.location !== undefined),
        }),
      );
    }
    const twinKey = `${e.method} ${e.path.endsWith('/') ? e.path.slice(0, -1) : e.path + '/'}`;
    const twin = seen.get(twinKey);
    if (twin) {
      r.push(
        warning('trailing-slash-twin', `${e.method} ${e.path} and ${twin.path} differ only by a trailing slash`, r.span(pathPointer), {
          hint: 'keep one of them; the router already redirects the other form',
          notes: [{ message: 'the other endpoint', location: r.span(joinPointer(twin.pointer, 'endpoint')) }].filter((n) => n.location),
        }),
      );
    }
    seen.set(`${e.method} ${e.path}`, e);
  }
}

/** Whether two router paths put a wildcard and something else at the same position. */
function sharesPosition(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    return x[i]!.startsWith(':') || y[i]!.startsWith(':') || x[i]!.startsWith('*') || y[i]!.startsWith('*');
  }
  return false;
}

type Level = 'service' | 'endpoint' | 'backend' | 'async_agent';

function checkNamespaces(r: Reader, extra: ExtraConfig, pointer: string, level: Level, known: ReadonlyMap<string, readonly string[]>): void {
  const atLevel = () => [...known].filter(([, levels]) => levels.includes(level)).map(([ns]) => ns);
  for (const ns in extra) {
    const levels = known.get(ns) ?? known.get(shortName(ns));
    if (levels && levels.includes(level)) continue;
    const at = joinPointer(joinPointer(pointer, 'extra_config'), ns);
    if (!levels) {
      const close = suggestions(ns, atLevel());
      r.push(
        warning('unknown-namespace', `unknown extra_config namespace ${JSON.stringify(ns)}; the gateway ignores it`, r.span(at, 'key'), {
          hint: close.length ? `did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : 'check the component name in the documentation',
        }),
      );
    } else if (!levels.includes(level)) {
      r.push(
        warning('misplaced-namespace', `${JSON.stringify(ns)} is not ${level === 'endpoint' || level === 'async_agent' ? 'an' : 'a'} ${level.replace('_', ' ')} component; the gateway ignores it here`, r.span(at, 'key'), {
          hint: `move it to the extra_config of ${levels.map((l) => (l === 'service' ? 'the service (root)' : `a ${l.replace('_', ' ')}`)).join(' or ')}`,
        }),
      );
    }
  }
}

const FLATMAP_TYPES = ['move', 'append', 'del'];

function checkFlatmap(r: Reader, extra: ExtraConfig, pointer: string): void {
  const proxy = namespace(extra, 'proxy');
  if (!isObject(proxy)) return;
  const key = keyOf(proxy, 'flatmap_filter');
  if (key === undefined) return;
  const ops = proxy[key];
  const base = joinPointer(joinPointer(joinPointer(pointer, 'extra_config'), namespaceKey(extra, 'proxy')!), key);
  const warn = (message: string, at: string, hint: string) => r.push(warning('flatmap-ignored', message, r.span(at), { hint }));
  if (!Array.isArray(ops)) {
    warn('flatmap_filter must be a list of operations; the gateway ignores it', base, 'write "flatmap_filter": [{ "type": "move", "args": ["a", "b"] }]');
    return;
  }
  ops.forEach((op, i) => {
    const at = joinPointer(base, i);
    if (!isObject(op) || typeof op.type !== 'string') {
      warn('this flatmap operation has no "type" and is skipped', at, 'each operation is { "type": "move" | "append" | "del", "args": [...] }');
      return;
    }
    if (!FLATMAP_TYPES.includes(op.type)) {
      warn(`unknown flatmap operation ${JSON.stringify(op.type)} does nothing`, joinPointer(at, 'type'), didYouMean(op.type, FLATMAP_TYPES) ?? 'use move, append or del');
      return;
    }
    const args = Array.isArray(op.args) ? op.args : [];
    if (op.type === 'move' || op.type === 'append') {
      if (args.length < 2) {
        r.fail('flatmap-args', `flatmap "${op.type}" needs two arguments (source and destination), got ${args.length}`, at, `write { "type": "${op.type}", "args": ["from.path", "to.path"] }`);
      } else if (typeof args[0] !== 'string' || typeof args[1] !== 'string') {
        r.fail('flatmap-args', `flatmap "${op.type}" arguments must be strings (dot paths)`, joinPointer(at, 'args'), 'write the paths as strings, e.g. ["a.b", "c"]');
      } else if (args.length > 2) {
        warn(`flatmap "${op.type}" uses only its first two arguments; the rest are ignored`, joinPointer(joinPointer(at, 'args'), 2), 'split it into several operations');
      }
    } else if (args.some((a: unknown) => typeof a !== 'string')) {
      warn('flatmap "del" ignores arguments that are not strings', joinPointer(at, 'args'), 'write the paths to delete as strings');
    }
  });
}

export function checkModel(r: Reader, s: ServiceModel, options: ModelOptions): void {
  for (const e of s.endpoints) {
    const proxy = namespace(e.extraConfig, 'proxy');
    const sequential = isObject(proxy) && (proxy.sequential === true || proxy.strategy === 'sequential');
    for (const b of e.backends) {
      checkPlaceholders(r, e, b, sequential);
      if (b.hasOwnTimeout) {
        r.push(
          warning('backend-timeout-ignored', 'a backend "timeout" is ignored: the endpoint timeout applies to the whole pipe', r.span(joinPointer(b.pointer, 'timeout'), 'key'), {
            hint: 'move the timeout to the endpoint',
          }),
        );
      }
      if (b.hostsInherited && b.hosts.length === 0 && b.sd === '') {
        r.push(
          warning('no-hosts', `backend ${b.index} of ${e.method} ${e.path} has no host and the service defines none: every call fails with "no hosts available"`, r.span(b.pointer), {
            hint: 'add "host": ["http://…"] to the backend or to the service',
          }),
        );
      }
      checkFlatmap(r, b.extraConfig, b.pointer);
    }
    checkFlatmap(r, e.extraConfig, e.pointer);
    const shadows = e.backends.filter((b) => {
      const p = namespace(b.extraConfig, 'proxy');
      return isObject(p) && p.shadow === true;
    });
    if (shadows.length > 0 && shadows.length === e.backends.length) {
      r.push(
        warning('only-shadow-backends', `every backend of ${e.method} ${e.path} is a shadow backend: the endpoint always answers 500`, r.span(joinPointer(e.pointer, 'backend')), {
          hint: 'keep at least one backend without "shadow": true',
        }),
      );
    }
    if (e.outputEncodingSet && !OUTPUT_ENCODINGS.includes(e.outputEncoding)) {
      r.push(
        warning('unknown-output-encoding', `unknown output_encoding ${JSON.stringify(e.outputEncoding)}; the gateway falls back to the backend encoding or json`, r.span(joinPointer(e.pointer, 'output_encoding')), {
          hint: didYouMean(e.outputEncoding, OUTPUT_ENCODINGS) ?? `use one of ${OUTPUT_ENCODINGS.join(', ')}`,
        }),
      );
    }
  }
  checkRoutes(r, s);
  if (s.tls && s.tls.disabled !== true) {
    const keys = Array.isArray(s.tls.keys) ? s.tls.keys : [];
    const hasPub = typeof s.tls.public_key === 'string' && s.tls.public_key !== '';
    const hasPriv = typeof s.tls.private_key === 'string' && s.tls.private_key !== '';
    if (keys.length === 0 && (!hasPub || !hasPriv)) {
      r.fail(
        'tls-keys',
        hasPub ? 'private key not defined: TLS is enabled without a private key' : 'public key not defined: TLS is enabled without a certificate',
        '/tls',
        'set tls.keys: [{ "public_key": "cert.pem", "private_key": "key.pem" }], or "disabled": true',
      );
    }
  }
  const known = options.knownNamespaces;
  if (known) {
    checkNamespaces(r, s.extraConfig, '', 'service', known);
    for (const e of s.endpoints) {
      checkNamespaces(r, e.extraConfig, e.pointer, 'endpoint', known);
      for (const b of e.backends) checkNamespaces(r, b.extraConfig, b.pointer, 'backend', known);
    }
    for (const a of s.asyncAgents) {
      checkNamespaces(r, a.extraConfig, a.pointer, 'async_agent', known);
      for (const b of a.backends) checkNamespaces(r, b.extraConfig, b.pointer, 'backend', known);
    }
  }
}
