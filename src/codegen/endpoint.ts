/**
 * Compiles one endpoint of the model into its section of the generated
 * module: the backends' transform functions and plans, the request-target
 * builder (url_pattern with parameters, sequential values and forwarded query
 * strings, as straight-line code), the endpoint plan and the handler that
 * builds the forwarded headers.
 */
import { Code, literal, type Name, type NameScope } from './emit.ts';
import { generateBackendTransform, generateEndpointFlatmap } from './data/index.ts';
import { celChecksCode, readBackendComponents, readBotDetector, readCel, readEndpointProxy, readJsonSchema, readJwtSigner, readJwtValidator, type BackendComponents, type CelOptions } from './components.ts';
import type { BodySchema } from './schemas.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LocationMap } from '../formats/types.ts';
import { renderTemplate } from './templates.ts';
import type { BackendModel, EndpointModel } from '../model/types.ts';

export interface CompiledEndpoint {
  /** Declarations of the endpoint (transforms, backends, target builder, plan, handler). */
  block: Code;
  handler: Name;
  /** Upper-case method and router path (`/users/:id`). */
  method: string;
  routerPath: string;
  backends: number;
}

/** A readable base name: `GET /users/{id}` → `getUsersId`. */
export function endpointBaseName(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + (words.length === 0 ? 'Root' : words.join(''));
}

const PLACEHOLDER = /\{([\w\-.:/]+)\}/g;
const JWT_PLACEHOLDER = /^JWT\.(.+)$/;
const SEQUENTIAL = /^resp(\d+)_(.+)$/;

/** The key KrakenD gives a parameter or placeholder: first letter upper-cased. */
function paramKey(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The url_pattern as KrakenD shows it in errors (`/users/{{.Id}}`). */
export function rewrittenPattern(pattern: string): string {
  return pattern.replace(PLACEHOLDER, (_m, name: string) => `{{.${paramKey(name)}}}`);
}

interface TargetContext {
  /** Endpoint param key → index in x.params (later duplicates win). */
  params: Map<string, number>;
  sequential: boolean;
  /** This backend's position among the endpoint's backends. */
  position: number;
  /** Whether the endpoint validates JWTs (`{JWT.claim}` placeholders are then filled). */
  jwt: boolean;
}

/** The path expression of a url_pattern: literal pieces and parameter values. */
function patternExpression(pattern: string, ctx: TargetContext): { expr: string; usesParams: boolean; usesResults: boolean } {
  const pieces: string[] = [];
  let usesParams = false;
  let usesResults = false;
  let last = 0;
  let literalText = '';
  const flush = () => {
    if (literalText !== '') pieces.push(literal(literalText).text);
    literalText = '';
  };
  for (const m of pattern.matchAll(PLACEHOLDER)) {
    literalText += pattern.slice(last, m.index);
    last = m.index! + m[0].length;
    const name = m[1]!;
    const key = paramKey(name);
    const index = ctx.params.get(key);
    if (index !== undefined) {
      flush();
      pieces.push(`p[${index}]`);
      usesParams = true;
      continue;
    }
    const jwt = JWT_PLACEHOLDER.exec(name);
    if (jwt !== null && ctx.jwt) {
      flush();
      pieces.push(`rt.jwtParam(x, ${literal(jwt[1]).text}, ${literal(`{{.${key}}}`).text})`);
      continue;
    }
    const seq = SEQUENTIAL.exec(name);
    if (seq !== null && ctx.sequential && Number(seq[1]) < ctx.position) {
      flush();
      pieces.push(`rt.sequentialParam(r, ${Number(seq[1])}, ${literal(seq[2]).text}, ${literal(`{{.${key}}}`).text})`);
      usesResults = true;
      continue;
    }
    literalText += `{{.${key}}}`;
  }
  literalText += pattern.slice(last);
  flush();
  return { expr: pieces.length === 0 ? "''" : pieces.join(' + '), usesParams, usesResults };
}

function sortedUnique(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Statements computing `qs`, the forwarded query string of a backend, or
 * null when nothing is forwarded. The endpoint list filters the client's
 * query (`*` = all); a backend list filters that again (no `*` there).
 */
function queryStatements(endpointList: readonly string[], backendList: readonly string[]): string[] | null {
  if (endpointList.length === 0) return null;
  let names: string[] | '*';
  if (endpointList.includes('*')) names = backendList.length > 0 ? sortedUnique(backendList) : '*';
  else names = backendList.length > 0 ? sortedUnique(endpointList.filter((n) => backendList.includes(n))) : sortedUnique(endpointList);
  if (names === '*') return ['const qs = rt.encodeQuery(x.queryValues());'];
  if (names.length === 0) return null;
  const lines = ['const q = x.queryValues();'];
  names.forEach((n, i) => {
    lines.push(`${i === 0 ? 'let qs = ' : 'qs = '}rt.appendQuery(${i === 0 ? "''" : 'qs'}, ${literal(n).text}, q[${literal(n).text}]);`);
  });
  if (names.length === 1) lines[1] = lines[1]!.replace('let qs', 'const qs');
  return lines;
}

function indentLines(lines: string[], depth: number): string {
  return lines.map((l) => '  '.repeat(depth) + l).join('\n');
}

export interface EndpointContext {
  scope: NameScope;
  locations: LocationMap;
  diagnostics: Diagnostic[];
  /** Collects the endpoints' request-body schemas (compiled into one module). */
  schemas: BodySchema[];
}

interface BackendEntry {
  model: BackendModel;
  components: BackendComponents;
  position: number;
  name: Name;
}

function summary(b: BackendModel): string {
  const hosts = b.hostsInherited ? 'service hosts' : b.hosts.join(', ');
  return `${b.method.toUpperCase()} ${hosts} ${b.urlPattern}`;
}

/** Compiles an endpoint. Throws Error for configurations the generator cannot express (the model should refuse them). */
export function compileEndpoint(endpoint: EndpointModel, ctx: EndpointContext): CompiledEndpoint {
  const base = endpointBaseName(endpoint.method, endpoint.path);
  const scope = ctx.scope;
  const proxy = readEndpointProxy(endpoint);
  const outputNoop = endpoint.outputEncodingSet && endpoint.outputEncoding === 'no-op';

  const real: BackendEntry[] = [];
  const shadows: BackendEntry[] = [];
  for (const b of endpoint.backends) {
    const components = readBackendComponents(b);
    const entry = { model: b, components, position: 0, name: scope.unique(`${base}Backend${b.index}`) };
    if (components.shadow && endpoint.backends.length > 1) shadows.push(entry);
    else real.push(entry);
  }
  real.forEach((e, i) => (e.position = i));
  shadows.forEach((e, i) => (e.position = real.length + i));
  const sequential = proxy.sequential && real.length > 1;

  const validator = readJwtValidator(endpoint, ctx.locations, ctx.diagnostics);
  const signer = readJwtSigner(endpoint, ctx.locations, ctx.diagnostics);
  const params = new Map<string, number>();
  endpoint.params.forEach((p, i) => params.set(paramKey(p), i));
  const paramKeys = endpoint.params.map(paramKey);
  const celCode = (cel: CelOptions | null, indent: string): Code => {
    if (cel === null || (cel.pre.length === 0 && cel.post.length === 0)) return new Code('null');
    return new Code(
      `{\n${indent}  pre: ${celChecksCode(cel.pre, indent + '  ').text},\n${indent}  post: ${celChecksCode(cel.post, indent + '  ').text},\n` +
        `${indent}  paramKeys: ${literal(paramKeys).text},\n${indent}  query: ${literal(endpoint.inputQueryStrings).text},\n${indent}}`,
    );
  };
  const endpointCel = readCel(endpoint.extraConfig, endpoint.pointer, ctx.locations, ctx.diagnostics);

  const transforms: Code[] = [];
  const backends = [...real, ...shadows].map((e) => {
    const b = e.model;
    const decoder = outputNoop ? 'no-op' : b.decoder;
    let transform: Code = new Code('null');
    if (decoder !== 'no-op') {
      const fn = scope.unique(`${base}Transform${b.index}`);
      const generated = generateBackendTransform(fn, {
        target: b.target,
        allow: b.allow,
        deny: b.deny,
        mapping: b.mapping,
        group: b.group,
        ...(e.components.flatmap.length > 0 ? { flatmap: e.components.flatmap } : {}),
      });
      if (generated !== null) {
        transforms.push(generated);
        transform = fn;
      }
    }
    const endpointForwardsAll = endpoint.inputHeaders.includes('*');
    const endpointForwardsEncoding = endpointForwardsAll || endpoint.inputHeaders.includes('Accept-Encoding');
    const backendKeepsEncoding = b.inputHeaders.length === 0 || b.inputHeaders.includes('Accept-Encoding');
    return {
      pointer: b.pointer,
      summary: summary(b),
      name: e.name,
      index: e.position,
      method: b.method.toUpperCase(),
      pattern: rewrittenPattern(b.urlPattern),
      hosts: b.hostsInherited ? new Code('S.hosts') : literal(b.hosts),
      decoder,
      transform,
      errorDetails: e.components.errorDetails,
      errorCode: e.components.errorCode,
      bodyOnRedirect: e.components.bodyOnRedirect,
      headerFilter: b.inputHeaders.length > 0 ? b.inputHeaders : null,
      forwardsAcceptEncoding: endpointForwardsEncoding && backendKeepsEncoding,
      concurrent: Math.max(1, endpoint.concurrentCalls),
      cel: celCode(readCel(b.extraConfig, b.pointer, ctx.locations, ctx.diagnostics), '  '),
    };
  });

  // request targets
  let usesParams = false;
  const cases: string[] = [];
  for (const e of [...real, ...shadows]) {
    const b = e.model;
    const pattern = patternExpression(b.urlPattern, { params, sequential, position: e.position, jwt: validator !== null });
    usesParams ||= pattern.usesParams;
    const query = queryStatements(endpoint.inputQueryStrings, b.inputQueryStrings);
    const lines = [`// ${b.pointer.replace(/[\r\n\u2028\u2029]/g, ' ')}/url_pattern`];
    if (query === null) lines.push(`return ${pattern.expr};`);
    else {
      lines.push(...query);
      const separator = b.urlPattern.includes('?') ? '&' : '?';
      lines.push(`return ${pattern.expr} + (qs === '' ? '' : ${literal(separator).text} + qs);`);
    }
    cases.push(`case ${e.position}: {\n${indentLines(lines, 1)}\n}`);
  }
  const targetBody = [
    ...(usesParams ? ['  const p = x.params;'] : []),
    '  switch (i) {',
    ...cases.map((c) => c.split('\n').map((l) => '    ' + l).join('\n')),
    '    default:',
    "      return '';",
    '  }',
  ].join('\n');

  // endpoint flatmap (only with more than one backend)
  let flatmap: Code = new Code('null');
  if (real.length > 1 && proxy.flatmap.length > 0) {
    const fn = scope.unique(`${base}Flatmap`);
    const generated = generateEndpointFlatmap(fn, proxy.flatmap);
    if (generated !== null) {
      transforms.push(generated);
      flatmap = fn;
    }
  }

  // forwarded headers (after the endpoint's bot detector)
  const headerLines: string[] = [];
  const bots = readBotDetector(endpoint.extraConfig, endpoint.pointer, ctx.locations, ctx.diagnostics);
  const constants: Code[] = [];
  if (bots !== null) {
    const detector = scope.unique(`${base}Bots`);
    constants.push(new Code(`// ${endpoint.pointer}/extra_config: security/bot-detector\nconst ${detector.text} = rt.botDetector(${literal(bots).text});`));
    headerLines.push(`  if (rt.rejectBots(x, ${detector.text})) return;`);
  }
  const handler = scope.unique(base);
  if (validator !== null) {
    const auth = scope.unique(`${base}Auth`);
    const jwtChecks = endpointCel !== null && endpointCel.jwt.length > 0 ? `, ${celChecksCode(endpointCel.jwt, '').text}` : '';
    constants.push(new Code(`// ${endpoint.pointer}/extra_config: auth/validator\nconst ${auth.text} = rt.jwtValidator(${literal(validator).text}${jwtChecks});`));
    headerLines.push(`  if (rt.authorize(x, ${auth.text}, ${handler.text})) return;`);
  }
  let bodySchema: Code = new Code('null');
  const schema = readJsonSchema(endpoint);
  if (schema !== null) {
    const name = scope.unique(`${base}BodySchema`);
    ctx.schemas.push({ name, schema });
    bodySchema = new Code(`schemas.${name.text}`);
  }
  let signerCode: Code = new Code('null');
  if (signer !== null) {
    const name = scope.unique(`${base}Signer`);
    constants.push(new Code(`// ${endpoint.pointer}/extra_config: auth/signer\nconst ${name.text} = rt.jwtSigner(${literal(signer).text});`));
    signerCode = name;
  }
  const list = endpoint.inputHeaders;
  if (list.includes('*')) headerLines.push('  const h = rt.allHeaders(x);');
  else {
    headerLines.push('  const h: string[] = [];');
    const forwarded = list.length === 0 ? ['Content-Type'] : [...new Set(list)];
    for (const name of forwarded) {
      const lower = name.toLowerCase();
      if (lower === 'x-forwarded-for' || lower === 'x-forwarded-host') continue;
      headerLines.push(`  rt.copyHeader(x, h, ${literal(lower).text}, ${literal(name).text});`);
    }
  }
  const userAgentForwarded = list.includes('*') || list.some((h) => h.toLowerCase() === 'user-agent');

  const targetName = scope.unique(`${base}Target`);
  const planName = scope.unique(`${base}Plan`);
  const staticData = proxy.staticData === null ? new Code('null') : new Code(`{ strategy: ${literal(proxy.staticData.strategy).text}, data: ${literal(proxy.staticData.data).text} }`);
  const block = renderTemplate('endpoint', {
    title: `${endpoint.method} ${endpoint.path}`,
    pointer: endpoint.pointer,
    transforms: [...constants, ...transforms],
    backends,
    targetName,
    targetBody: new Code(targetBody),
    planName,
    // KrakenD names endpoints in its logs by their router path (`/users/:id`)
    name: endpoint.routerPath,
    timeout: endpoint.timeoutSet && endpoint.timeout > 0 ? literal(endpoint.timeout) : new Code('S.timeout'),
    cacheTtl: endpoint.cacheTtlSet ? literal(endpoint.cacheTtl) : new Code('S.cacheTtl'),
    outputEncoding: endpoint.outputEncodingSet ? literal(endpoint.outputEncoding) : new Code("S.outputEncoding || 'json'"),
    backendList: new Code(`[${real.map((e) => e.name.text).join(', ')}]`),
    shadowList: new Code(`[${shadows.map((e) => `{ backend: ${e.name.text}, timeoutNs: ${literal(e.components.shadowTimeout).text} }`).join(', ')}]`),
    sequential,
    flatmap,
    staticData,
    signer: signerCode,
    bodySchema,
    cel: celCode(endpointCel, '  '),
    backendEncoding: real.length === 1 ? real[0]!.model.encoding.toLowerCase() : null,
    handler,
    headers: new Code(headerLines.join('\n')),
    userAgentForwarded,
  });
  return { block, handler, method: endpoint.method, routerPath: endpoint.routerPath, backends: endpoint.backends.length };
}

