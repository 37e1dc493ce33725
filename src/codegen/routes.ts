/**
 * Generates the router: one matcher per HTTP method (a switch over the whole
 * path for static routes, then a decision tree over the path segments for
 * routes with parameters: static segments tried before parameters, with
 * fall-through acting as the router's backtracking), one case-insensitive
 * "fixer" per method for fixed-path redirects, and `route`/`noRoute` with
 * KrakenD's trailing-slash, fixed-path, 405 and 404 behaviour.
 */
import { Code, join, literal, type Name } from './emit.ts';

/** Every method the router knows, in the order gin registers "any" routes. */
export const ANY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE'] as const;

export interface RouteSpec {
  method: string;
  /** Router syntax: `/users/:id`, `/__debug/*param`. */
  path: string;
  /** The handler expression (`getUsers`, `rt.health`). */
  handler: Code;
  /** A runtime condition for the route (`DEBUG`), or null. */
  gate: Code | null;
}

export interface RouterSpec {
  routes: RouteSpec[];
  /** Method tree order when no "any" route is enabled at start. */
  staticOrder: string[];
  /** Condition under which the "any" routes exist (their trees come first), or null when none can. */
  anyGate: Code | null;
  redirectTrailingSlash: boolean;
  redirectFixedPath: boolean;
  handleMethodNotAllowed: boolean;
  checkParams: boolean;
  /** A service-level bot detector (an expression), checked for every route but the health check, or null. */
  bots: Code | null;
}

interface Parsed {
  route: RouteSpec;
  segments: string[];
  catchAll: boolean;
}

function parse(route: RouteSpec): Parsed {
  const segments = route.path.split('/');
  const last = segments[segments.length - 1]!;
  return { route, segments, catchAll: last.startsWith('*') };
}

const isParam = (segment: string) => segment.startsWith(':');

function indent(text: string, depth: number): string {
  const pad = '  '.repeat(depth);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

function gated(route: RouteSpec, body: string): string {
  return route.gate === null ? body : `if (${route.gate.text}) {\n${indent(body, 1)}\n}`;
}

/** The leaf: store the parameters (when asked) and return the handler. */
function leaf(p: Parsed): string {
  const positions: number[] = [];
  p.segments.forEach((s, i) => {
    if (isParam(s)) positions.push(i);
  });
  const ret = `return ${p.route.handler.text};`;
  if (positions.length === 0) return gated(p.route, ret);
  return gated(p.route, `if (x !== null) x.params = [${positions.map((i) => `s[${i}]`).join(', ')}];\n${ret}`);
}

/** Decision tree over segment `depth` for routes with `count` segments. */
function tree(routes: Parsed[], depth: number, count: number): string {
  if (depth === count) return leaf(routes[0]!);
  const statics = new Map<string, Parsed[]>();
  const params: Parsed[] = [];
  for (const r of routes) {
    const seg = r.segments[depth]!;
    if (isParam(seg)) params.push(r);
    else {
      const group = statics.get(seg);
      if (group === undefined) statics.set(seg, [r]);
      else group.push(r);
    }
  }
  const parts: string[] = [];
  for (const [value, group] of statics) {
    parts.push(`if (s[${depth}] === ${literal(value).text}) {\n${indent(tree(group, depth + 1, count), 1)}\n}`);
  }
  if (params.length > 0) {
    const inner = tree(params, depth + 1, count);
    // a parameter at the end of the path must not be empty (the router refuses `/users/` for `/users/:id`)
    parts.push(depth === count - 1 ? `if (s[${depth}] !== '') {\n${indent(inner, 1)}\n}` : inner);
  }
  return parts.join('\n');
}

/** Body of `match<METHOD>(path, x)`: the handler for a path, storing parameters in `x` when given. */
function matcherBody(routes: Parsed[]): string {
  const lines: string[] = [];
  const statics = routes.filter((r) => !r.catchAll && !r.segments.some(isParam));
  const withParams = routes.filter((r) => !r.catchAll && r.segments.some(isParam));
  const catchAlls = routes.filter((r) => r.catchAll);
  if (statics.length > 0) {
    const cases: string[] = [];
    const done = new Set<string>();
    for (const r of statics) {
      const key = r.route.path;
      if (done.has(key) && r.route.gate === null) continue;
      done.add(key);
      cases.push(`case ${literal(key).text}:\n${indent(r.route.gate === null ? `return ${r.route.handler.text};` : `${gated(r.route, `return ${r.route.handler.text};`)}\nbreak;`, 1)}`);
    }
    lines.push(`switch (path) {\n${indent(cases.join('\n'), 1)}\n}`);
  }
  if (withParams.length > 0) {
    // Routes whose first segment is static are only split when the path starts with it;
    // routes starting with a parameter come after them (the router tries static first).
    const byFirst = new Map<string, Parsed[]>();
    const paramFirst: Parsed[] = [];
    for (const r of withParams) {
      const first = r.segments[1]!;
      if (isParam(first)) paramFirst.push(r);
      else {
        const list = byFirst.get(first);
        if (list === undefined) byFirst.set(first, [r]);
        else list.push(r);
      }
    }
    const splitBlock = (routes: Parsed[], depth: number): string => {
      const byCount = new Map<number, Parsed[]>();
      for (const r of routes) {
        const list = byCount.get(r.segments.length);
        if (list === undefined) byCount.set(r.segments.length, [r]);
        else list.push(r);
      }
      const cases: string[] = [];
      for (const [count, list] of [...byCount].sort((a, b) => a[0] - b[0])) {
        cases.push(`case ${count}: {\n${indent(tree(list, depth, count), 1)}\n  break;\n}`);
      }
      return `const s = path.split('/');\nswitch (s.length) {\n${indent(cases.join('\n'), 1)}\n}`;
    };
    for (const [first, routes] of byFirst) {
      lines.push(`if (path.startsWith(${literal('/' + first + '/').text})) {\n${indent(splitBlock(routes, 2), 1)}\n}`);
    }
    if (paramFirst.length > 0) lines.push(`{\n${indent(splitBlock(paramFirst, 1), 1)}\n}`);
  }
  for (const r of catchAlls) {
    const prefix = r.segments.slice(0, -1).join('/') + '/';
    const cond = `path.startsWith(${literal(prefix).text})`;
    const body = `if (x !== null) x.params = [path.slice(${prefix.length - 1})];\nreturn ${r.route.handler.text};`;
    lines.push(`if (${r.route.gate === null ? cond : `${r.route.gate.text} && ${cond}`}) {\n${indent(body, 1)}\n}`);
  }
  lines.push('return null;');
  return lines.join('\n');
}

/** Body of `fix<METHOD>(path)`: the registered path matching `path` case-insensitively, or null. */
function fixerBody(routes: Parsed[]): string {
  const lines: string[] = [];
  const statics = routes.filter((r) => !r.catchAll && !r.segments.some(isParam));
  const withParams = routes.filter((r) => !r.catchAll && r.segments.some(isParam));
  const catchAlls = routes.filter((r) => r.catchAll);
  if (statics.length > 0) {
    const cases: string[] = [];
    const done = new Set<string>();
    for (const r of statics) {
      const key = r.route.path.toLowerCase();
      if (done.has(key)) continue;
      done.add(key);
      const ret = `return ${literal(r.route.path).text};`;
      cases.push(`case ${literal(key).text}:\n${indent(r.route.gate === null ? ret : `${gated(r.route, ret)}\nbreak;`, 1)}`);
    }
    lines.push(`switch (path.toLowerCase()) {\n${indent(cases.join('\n'), 1)}\n}`);
  }
  if (withParams.length > 0) {
    lines.push(`const s = path.split('/');`);
    for (const r of withParams) {
      const conds = [`s.length === ${r.segments.length}`];
      const parts: string[] = [];
      r.segments.forEach((seg, i) => {
        if (i === 0) return;
        if (isParam(seg)) {
          if (i === r.segments.length - 1) conds.push(`s[${i}] !== ''`);
          parts.push(`s[${i}]`);
        } else {
          if (seg !== '') conds.push(`s[${i}].toLowerCase() === ${literal(seg.toLowerCase()).text}`);
          else conds.push(`s[${i}] === ''`);
          parts.push(literal(seg).text);
        }
      });
      const ret = `return '/' + ${parts.join(" + '/' + ")};`;
      const cond = conds.join(' && ');
      lines.push(`if (${r.route.gate === null ? cond : `${r.route.gate.text} && ${cond}`}) ${ret}`);
    }
  }
  for (const r of catchAlls) {
    const prefix = r.segments.slice(0, -1).join('/') + '/';
    const cond = `path.toLowerCase().startsWith(${literal(prefix.toLowerCase()).text})`;
    lines.push(`if (${r.route.gate === null ? cond : `${r.route.gate.text} && ${cond}`}) return ${literal(prefix).text} + path.slice(${prefix.length});`);
  }
  lines.push('return null;');
  return lines.join('\n');
}

export interface GeneratedRouter {
  /** Matchers, fixers, the method-tree table, `route` and `noRoute`. */
  code: Code;
}

/** Generates the router module section. `names` hands out the function names. */
export function generateRouter(spec: RouterSpec, names: (prefix: string) => Name): GeneratedRouter {
  const byMethod = new Map<string, Parsed[]>();
  for (const route of spec.routes) {
    const list = byMethod.get(route.method);
    if (list === undefined) byMethod.set(route.method, [parse(route)]);
    else list.push(parse(route));
  }
  const methods = [...byMethod.keys()].sort((a, b) => ANY_METHODS.indexOf(a as (typeof ANY_METHODS)[number]) - ANY_METHODS.indexOf(b as (typeof ANY_METHODS)[number]));
  const matchers = new Map<string, Name>();
  const fixers = new Map<string, Name>();
  const parts: Code[] = [];
  // methods whose routes are the same share one function
  const matcherByBody = new Map<string, Name>();
  const fixerByBody = new Map<string, Name>();
  for (const method of methods) {
    const routes = byMethod.get(method)!;
    const builtInOnly = routes.every((r) => r.route.gate !== null);
    const body = matcherBody(routes);
    let m = matcherByBody.get(body);
    if (m === undefined) {
      m = names(builtInOnly ? 'matchBuiltIns' : `match${method}`);
      matcherByBody.set(body, m);
      parts.push(new Code(`function ${m.text}(path: string, x: rt.Exchange | null): rt.Handler | null {\n${indent(body, 1)}\n}`));
    }
    matchers.set(method, m);
    if (spec.redirectFixedPath) {
      const fixBody = fixerBody(routes);
      let f = fixerByBody.get(fixBody);
      if (f === undefined) {
        f = names(builtInOnly ? 'fixBuiltIns' : `fix${method}`);
        fixerByBody.set(fixBody, f);
        parts.push(new Code(`function ${f.text}(path: string): string | null {\n${indent(fixBody, 1)}\n}`));
      }
      fixers.set(method, f);
    }
  }
  // A method has a tree when a route that is always registered uses it, or an "any" route when those are enabled.
  const treeCondition = (method: string): string | null => {
    const routes = byMethod.get(method) ?? [];
    if (routes.some((r) => r.route.gate === null)) return 'true';
    const gates = [...new Set(routes.map((r) => r.route.gate!.text))];
    return gates.length === 0 ? null : gates.join(' || ');
  };
  const treeCases: string[] = [];
  const fixCases: string[] = [];
  for (const method of methods) {
    const cond = treeCondition(method);
    if (cond === null) continue;
    const m = matchers.get(method)!.text;
    treeCases.push(`case ${literal(method).text}:\n  return ${cond === 'true' ? m : `${cond} ? ${m} : null`};`);
    if (spec.redirectFixedPath) fixCases.push(`case ${literal(method).text}:\n  return ${fixers.get(method)!.text};`);
  }
  const matcherType = '(path: string, x: rt.Exchange | null) => rt.Handler | null';
  parts.push(
    new Code(
      `/** The route tree of a method, when the router has one. */\nfunction treeOf(method: string): (${matcherType}) | null {\n  switch (method) {\n${indent(treeCases.join('\n'), 2)}\n    default:\n      return null;\n  }\n}`,
    ),
  );
  if (spec.redirectFixedPath) {
    parts.push(
      new Code(
        `/** The case-insensitive lookup of a method's routes. */\nfunction fixerOf(method: string): (path: string) => string | null {\n  switch (method) {\n${indent(fixCases.join('\n'), 2)}\n    default:\n      return () => null;\n  }\n}`,
      ),
    );
  }
  if (spec.handleMethodNotAllowed) {
    const entry = (method: string) => (matchers.has(method) ? `[${literal(method).text}, ${matchers.get(method)!.text}]` : null);
    const staticTrees = spec.staticOrder.map(entry).filter((e): e is string => e !== null);
    const anyTrees = ANY_METHODS.map(entry).filter((e): e is string => e !== null);
    const table = spec.anyGate === null ? `[${staticTrees.join(', ')}]` : `${spec.anyGate.text}\n  ? [${anyTrees.join(', ')}]\n  : [${staticTrees.join(', ')}]`;
    parts.push(
      new Code(
        `/** Method trees in registration order (the order of the Allow header). */\nconst TREES: ReadonlyArray<readonly [string, ${matcherType}]> = ${table};`,
      ),
    );
  }
  const routeCases = methods.map((method) => {
    const cond = treeCondition(method);
    const m = matchers.get(method)!.text;
    return `case ${literal(method).text}:\n  handler = ${cond === 'true' || cond === null ? `${m}(x.path, x)` : `${cond} ? ${m}(x.path, x) : null`};\n  break;`;
  });
  let check = spec.checkParams ? `\n  if (x.params.length !== 0 && rt.rejectParams(x)) return;` : '';
  if (spec.bots !== null) check += `\n  if (handler !== rt.health && rt.rejectBots(x, ${spec.bots.text})) return;`;
  parts.push(
    new Code(
      `/** Routes a request to its handler, or to the router's own answers. */\nfunction route(x: rt.Exchange): void {\n  let handler: rt.Handler | null = null;\n  switch (x.method) {\n${indent(routeCases.join('\n'), 2)}\n  }\n  if (handler === null) {\n    noRoute(x);\n    return;\n  }${check}\n  handler(x);\n}`,
    ),
  );
  const redirects: string[] = [];
  if (spec.redirectTrailingSlash) {
    redirects.push(`const other = path.endsWith('/') ? path.slice(0, -1) : path + '/';\nif (tree(other, null) !== null) {\n  rt.redirect(x, other, true);\n  return;\n}`);
  }
  if (spec.redirectFixedPath) {
    redirects.push(
      `const fix = fixerOf(method);\nconst clean = rt.cleanPath(path);\nlet fixed = fix(clean);\nif (fixed === null) fixed = fix(clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean + '/');\nif (fixed !== null && fixed !== path) {\n  rt.redirect(x, fixed, false);\n  return;\n}`,
    );
  }
  const body: string[] = ['const path = x.path;', 'const method = x.method;'];
  // When no route starts with a parameter, a path whose first segment no route has cannot be
  // redirected or answered with 405: it is a 404 straight away.
  const firstSegments = new Set<string>();
  let wildFirst = false;
  for (const route of spec.routes) {
    const first = route.path.split('/')[1] ?? '';
    if (first.startsWith(':') || first.startsWith('*')) wildFirst = true;
    firstSegments.add(first.toLowerCase());
  }
  if (!wildFirst) {
    parts.push(new Code(`/** First path segments of every route (lower-case). */\nconst FIRST_SEGMENTS: ReadonlySet<string> = new Set(${literal([...firstSegments].sort()).text});`));
    const guard = spec.bots !== null ? `\n  if (rt.rejectBots(x, ${spec.bots.text})) return;` : '';
    body.push(`if (rt.outsideRoutes(path, FIRST_SEGMENTS)) {${guard}\n  rt.notFound(x);\n  return;\n}`);
  }
  if (redirects.length > 0) {
    body.push(`const tree = treeOf(method);\nif (tree !== null && method !== 'CONNECT' && path !== '/') {\n${indent(redirects.join('\n'), 1)}\n}`);
  }
  // the router's 405 and 404 answers go through the bot detector; its redirects do not
  if (spec.bots !== null) body.push(`if (rt.rejectBots(x, ${spec.bots.text})) return;`);
  if (spec.handleMethodNotAllowed) {
    body.push(
      `let allow = '';\nfor (const [name, other] of TREES) {\n  if (name !== method && other(path, null) !== null) allow = allow === '' ? name : allow + ', ' + name;\n}\nif (allow !== '') {\n  rt.methodNotAllowed(x, allow);\n  return;\n}`,
    );
  }
  body.push('rt.notFound(x);');
  parts.push(new Code(`/** No route for the method and path: redirect, 405 or 404 as the router answers. */\nfunction noRoute(x: rt.Exchange): void {\n${indent(body.join('\n'), 1)}\n}`));
  return { code: join(parts, '\n\n') };
}

