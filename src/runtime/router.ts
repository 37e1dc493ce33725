/**
 * The router's own answers: 404 and 405 (with KrakenD's headers), redirects
 * for a missing or extra trailing slash and for fixable paths, the
 * path-parameter check, and the automatic OPTIONS answer. Route matching
 * itself is generated code (see the generated module's `route`).
 */
import type { Exchange } from './exchange.ts';
import { JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE } from './render.ts';
import { state } from './state.ts';
import { escapePath, htmlEscape, paramProblem } from './url.ts';

/** An endpoint (or built-in) handler. */
export type Handler = (x: Exchange) => void;

/** 404 `404 page not found` (or `router.error_body["404"]`). */
export function notFound(x: Exchange): void {
  const headers = ['X-Krakend', state.versionHeader, 'X-Krakend-Completed', 'false'];
  if (state.notFoundBody !== null) {
    headers.push('Content-Type', JSON_CONTENT_TYPE);
    x.send(404, headers, state.notFoundBody);
    return;
  }
  headers.push('Content-Type', 'text/plain');
  x.send(404, headers, '404 page not found');
}

/** 405 with the `Allow` list (or `router.error_body["405"]`). */
export function methodNotAllowed(x: Exchange, allow: string): void {
  const headers = ['Allow', allow, 'X-Krakend', state.versionHeader, 'X-Krakend-Completed', 'false'];
  if (state.methodNotAllowedBody !== null) {
    headers.push('Content-Type', JSON_CONTENT_TYPE);
    x.send(405, headers, state.methodNotAllowedBody);
    return;
  }
  headers.push('Content-Type', 'text/plain');
  x.send(405, headers, '405 method not allowed');
}

const SAFE_PREFIX = /[^a-zA-Z0-9/-]+/g;

function cleanPrefix(prefix: string): string {
  const parts: string[] = [];
  const rooted = prefix.startsWith('/');
  for (const segment of prefix.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(segment);
  }
  const joined = (rooted ? '/' : '') + parts.join('/');
  return joined === '' ? '.' : joined;
}

/** Go's path.Clean keeping a trailing slash, as http.Redirect applies it to Location. */
function cleanKeepingSlash(p: string): string {
  const trailing = p.endsWith('/');
  let out = cleanPrefix(p);
  if (out === '.') out = '/';
  if (trailing && !out.endsWith('/')) out += '/';
  return out;
}

/**
 * Redirects to `path` (a route that exists): 301 for GET, 307 otherwise,
 * Location with the original query; GET gets the small HTML body.
 */
export function redirect(x: Exchange, path: string, withForwardedPrefix: boolean): void {
  let target = path;
  if (withForwardedPrefix) {
    const header = x.header('x-forwarded-prefix');
    if (header !== undefined) {
      const prefix = cleanPrefix(header);
      if (prefix !== '.') target = prefix.replace(SAFE_PREFIX, '').replace(/\/{2,}/g, '/') + '/' + target;
    }
  }
  let location = cleanKeepingSlash(escapePath(target));
  if (x.hasQuery && x.rawQuery !== '') location += '?' + x.rawQuery;
  const status = x.method === 'GET' ? 301 : 307;
  const headers = ['Location', location];
  if (x.method === 'GET' || x.method === 'HEAD') headers.push('Content-Type', 'text/html; charset=utf-8');
  const body = x.method === 'GET' ? `<a href="${htmlEscape(location)}">${status === 301 ? 'Moved Permanently' : 'Temporary Redirect'}</a>.\n\n` : null;
  x.send(status, headers, body);
}

/**
 * True when no route can be reached from `path`, even after cleaning or
 * case folding: its first segment (lower-cased) is none of the routes' first
 * segments. Paths that cleaning could change are never decided here.
 */
export function outsideRoutes(path: string, firstSegments: ReadonlySet<string>): boolean {
  if (path.indexOf('//') >= 0 || path.indexOf('/.') >= 0) return false;
  let end = path.indexOf('/', 1);
  if (end < 0) end = path.length;
  return !firstSegments.has(path.slice(1, end).toLowerCase());
}

/** The path-parameter check; answers 400 and returns true when a value is refused. */
export function rejectParams(x: Exchange): boolean {
  const params = x.params;
  for (let i = 0; i < params.length; i++) {
    const value = params[i]!;
    if (value.indexOf('%') < 0 && value.indexOf('?') < 0 && value.indexOf('#') < 0) continue;
    const problem = paramProblem(value);
    if (problem !== null) {
      x.send(400, ['Content-Type', TEXT_CONTENT_TYPE], problem);
      return true;
    }
  }
  return false;
}

/** `router.auto_options`: 200 with the methods of the path. */
export function autoOptions(allow: string): Handler {
  return (x) => x.send(200, ['Allow', allow, 'X-Krakend', state.versionHeader], null);
}

/** The answer to a request line the HTTP layer cannot accept (bad escapes in the path). */
export function badRequest(x: Exchange): void {
  x.done = true;
  x.res.shouldKeepAlive = false;
  x.res.writeHead(400, ['Content-Type', 'text/plain; charset=utf-8', 'Connection', 'close', 'Content-Length', '15']);
  x.res.end('400 Bad Request');
  x.logged(400);
}
