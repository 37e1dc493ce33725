/**
 * URL handling with Go's rules: decoding the request path for routing,
 * checking path parameters, cleaning paths for redirects, parsing and
 * re-encoding query strings, and turning a backend path into the request
 * target Go's HTTP client would send.
 */

/** An invalid `%` escape, worded as Go words it (`invalid URL escape "%zz"`). */
export class EscapeError extends Error {
  override name = 'EscapeError';
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function escapeErrorText(s: string, i: number): string {
  return `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`;
}

/**
 * Decodes `%XX` escapes (`+` stays `+`), as Go does for URL paths; throws
 * EscapeError on a malformed escape.
 */
export function unescapePath(s: string): string {
  const first = s.indexOf('%');
  if (first < 0) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      const hi = i + 2 < s.length ? hexValue(s.charCodeAt(i + 1)) : -1;
      const lo = i + 2 < s.length ? hexValue(s.charCodeAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) throw new EscapeError(escapeErrorText(s, i));
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      const encoded = Buffer.from(s[i]!, 'utf8');
      for (const b of encoded) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's query unescaping: `+` is a space; undefined on a malformed escape. */
export function unescapeQueryComponent(s: string): string | undefined {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 || c === 43 || c >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      const hi = i + 2 < s.length ? hexValue(s.charCodeAt(i + 1)) : -1;
      const lo = i + 2 < s.length ? hexValue(s.charCodeAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) return undefined;
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (c === 43) {
      bytes.push(32);
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      for (const b of Buffer.from(s[i]!, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Why a router parameter must be refused (KrakenD's path-parameter check):
 * a value that still holds escapes after decoding, or holds `?` or `#`.
 * Returns the error body, or null when the value is acceptable.
 */
export function paramProblem(value: string): string | null {
  if (value.indexOf('%') >= 0) {
    try {
      if (unescapePath(value) !== value) return 'error: encoded url params';
    } catch (e) {
      return 'error: ' + (e as Error).message;
    }
  }
  if (value.indexOf('?') >= 0 || value.indexOf('#') >= 0) return 'error: encoded url params';
  return null;
}

/** A query string parsed as Go's `url.ParseQuery` does (malformed pairs dropped). */
export type QueryValues = Record<string, string[]>;

/** Parses a raw query string (without `?`) into a null-prototype map of value lists. */
export function parseQuery(raw: string): QueryValues {
  const values = Object.create(null) as QueryValues;
  if (raw === '') return values;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end < 0) end = raw.length;
    const pair = raw.slice(start, end);
    start = end + 1;
    if (pair === '' || pair.indexOf(';') >= 0) {
      if (end === raw.length) break;
      continue;
    }
    const eq = pair.indexOf('=');
    const key = unescapeQueryComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = unescapeQueryComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (key !== undefined && value !== undefined) {
      const list = values[key];
      if (list === undefined) values[key] = [value];
      else list.push(value);
    }
    if (end === raw.length) break;
  }
  return values;
}

const HEX = '0123456789ABCDEF';

/** Go's `url.QueryEscape`: everything but `A-Za-z0-9-_.~` escaped, space as `+`. */
export function queryEscape(s: string): string {
  let safe = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46 || c === 126)) {
      safe = false;
      break;
    }
  }
  if (safe) return s;
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    if ((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 45 || b === 95 || b === 46 || b === 126) {
      out += String.fromCharCode(b);
    } else if (b === 32) out += '+';
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/** Appends `key=value` pairs for every value, `&`-separated (the caller orders keys). */
export function appendQuery(encoded: string, key: string, values: readonly string[]): string {
  const k = queryEscape(key);
  for (const v of values) {
    encoded += (encoded === '' ? '' : '&') + k + '=' + queryEscape(v);
  }
  return encoded;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Go's `url.Values.Encode()`: keys sorted, values in order. */
export function encodeQuery(values: QueryValues): string {
  const keys = Object.keys(values).sort(compareBytes);
  let out = '';
  for (const k of keys) out = appendQuery(out, k, values[k]!);
  return out;
}

/** Characters a request path may keep as written (Go's `validEncoded` for paths). */
const VALID_PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@[\]/%]*$/;

function shouldEscapeInPath(b: number): boolean {
  if ((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57)) return false;
  switch (b) {
    case 45: // -
    case 95: // _
    case 46: // .
    case 126: // ~
    case 36: // $
    case 38: // &
    case 43: // +
    case 44: // ,
    case 47: // /
    case 58: // :
    case 59: // ;
    case 61: // =
    case 64: // @
      return false;
    default:
      return true;
  }
}

/** Go's `escape(path, encodePath)`. */
export function escapePath(path: string): string {
  let out = '';
  for (const b of Buffer.from(path, 'utf8')) {
    if (shouldEscapeInPath(b)) out += '%' + HEX[b >> 4] + HEX[b & 15];
    else out += String.fromCharCode(b);
  }
  return out;
}

function escapeQueryBytes(query: string): string {
  let out = '';
  for (const b of Buffer.from(query, 'utf8')) {
    if (b <= 0x20 || b >= 0x7f || b === 0x22 || b === 0x3c || b === 0x3e || b === 0x60 || b === 0x7b || b === 0x7c || b === 0x7d || b === 0x5c || b === 0x5e) {
      out += '%' + HEX[b >> 4] + HEX[b & 15];
    } else out += String.fromCharCode(b);
  }
  return out;
}

const SAFE_TARGET = /^[\x21-\x7e]*$/;

/**
 * The request target Go's client sends for `path[?query]` built from a
 * url_pattern: a path that is already a valid encoding is kept, anything else
 * is decoded and re-escaped; a fragment is dropped. Throws EscapeError when
 * the path holds a malformed escape.
 */
export function requestTarget(target: string): string {
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  let fixedPath = path;
  if (VALID_PATH_CHAR.test(path)) {
    if (path.indexOf('%') >= 0) unescapePath(path);
  } else {
    fixedPath = escapePath(unescapePath(path));
  }
  if (q < 0) return fixedPath;
  const query = target.slice(q + 1);
  return fixedPath + '?' + (SAFE_TARGET.test(query) ? query : escapeQueryBytes(query));
}

/**
 * The router's path cleaning for fixed-path redirects: `.` and `..`
 * resolved, repeated slashes collapsed, a leading slash ensured and a
 * trailing slash kept.
 */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  const trailing = p.length > 1 && p.endsWith('/');
  const parts: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  let out = '/' + parts.join('/');
  if (trailing && out !== '/') out += '/';
  return out;
}

/** Collapses repeated slashes (`router.remove_extra_slash`). */
export function removeRepeatedSlashes(p: string): string {
  return p.indexOf('//') < 0 ? p : p.replace(/\/{2,}/g, '/');
}

/** Go's `html.EscapeString` subset used by redirect bodies. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"]/g, (c) => (c === '&' ? '&amp;' : c === "'" ? '&#39;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#34;'));
}

/** The canonical MIME form of a header name (`x-y-z` → `X-Y-Z`). */
export function canonicalHeaderName(name: string): string {
  let upper = true;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === ' ' || c.charCodeAt(0) > 127) return name;
    out += upper ? c.toUpperCase() : c.toLowerCase();
    upper = c === '-';
  }
  return out;
}
