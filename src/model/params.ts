/**
 * Endpoint params and url_pattern placeholders, following KrakenD's rules:
 * in the default (REST) mode an endpoint param is `{name}` right after a `/`;
 * with `disable_rest` any `{name}` counts. Placeholders in url_pattern may be
 * anywhere (query included).
 */

const STRICT_PARAM = /\/\{([a-zA-Z\-_0-9]+)\}/g;
const LOOSE_PARAM = /\{([\w\-.:/]+)\}/g;
const PLACEHOLDER = /\{([\w\-.:/]+)\}/g;

/** Params of an endpoint path, in order of appearance (duplicates kept once). */
export function endpointParams(path: string, disableRest: boolean): string[] {
  const re = disableRest ? LOOSE_PARAM : STRICT_PARAM;
  const out: string[] = [];
  for (const m of path.matchAll(re)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** The path in router syntax: every param `{p}` becomes `:p` (only before any `?`). */
export function routerPath(path: string, disableRest: boolean): string {
  const q = path.indexOf('?');
  const head = q === -1 ? path : path.slice(0, q);
  const tail = q === -1 ? '' : path.slice(q);
  const converted = disableRest
    ? head.replace(LOOSE_PARAM, (_, p: string) => `:${p}`)
    : head.replace(STRICT_PARAM, (_, p: string) => `/:${p}`);
  return converted + tail;
}

/** Placeholders used in a url_pattern, in order of appearance, without braces. */
export function urlPlaceholders(urlPattern: string): string[] {
  const out: string[] = [];
  for (const m of urlPattern.matchAll(PLACEHOLDER)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** `{resp0_x}`: a value from an earlier backend's response (sequential proxy). */
export const isSequentialPlaceholder = (p: string) => /^resp[0-9]+_.+$/.test(p);
/** `{JWT.claim}`: a claim of the validated token. */
export const isJwtPlaceholder = (p: string) => /^JWT\..+$/.test(p);
/** `{input_headers.X}` / `{input_query_strings.x}`: dynamic routing values. */
export const isDynamicPlaceholder = (p: string) => /^input_(headers|query_strings)\..+$/.test(p);

/** Index of the backend a `{respN_…}` placeholder reads from. */
export function sequentialSource(p: string): number {
  return Number(/^resp([0-9]+)_/.exec(p)![1]);
}

/** Go's textproto.CanonicalMIMEHeaderKey: `x-user-id` → `X-User-Id` (unchanged when not a token). */
const canonical = new Map<string, string>();

export function canonicalHeader(name: string): string {
  let c = canonical.get(name);
  if (c === undefined) {
    c = canonicalHeaderUncached(name);
    if (canonical.size < 10_000) canonical.set(name, c);
  }
  return c;
}

function canonicalHeaderUncached(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const token =
      c === 45 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
      '!#$%&\'*+.^_`|~'.includes(name[i]!);
    if (!token) return name;
  }
  let upper = true;
  let out = '';
  for (const ch of name) {
    if (upper && ch >= 'a' && ch <= 'z') out += ch.toUpperCase();
    else if (!upper && ch >= 'A' && ch <= 'Z') out += ch.toLowerCase();
    else out += ch;
    upper = ch === '-';
  }
  return out;
}
