/**
 * `urlParse` and `urlJoin`, following Go's net/url for the parts they use:
 * parsing into scheme/authority/path/query/fragment with Go's validation and
 * error messages, and String() with Go's escaping rules.
 */

import type { FunctionMap } from '../go/function.ts';
import { goQuote } from '../go/print.ts';
import { fromUtf8, utf8Bytes } from './bytes.ts';
import { fail, fn } from './define.ts';
import { goKind, hasOwn, isDict, newMap } from './kinds.ts';

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'query' | 'fragment';

const isAlnumByte = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const ch = (c: string): number => c.charCodeAt(0);

/** Go's shouldEscape for the URL component `mode`. */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnumByte(c)) return false;
  if ((mode === 'host' || mode === 'zone') && "!$&'()*+,;=:[]<>\"".includes(String.fromCharCode(c))) return false;
  const s = String.fromCharCode(c);
  if ('-_.~'.includes(s)) return false;
  if ('$&+,/:;=?@'.includes(s)) {
    switch (mode) {
      case 'path':
        return s === '?';
      case 'userPassword':
        return s === '@' || s === '/' || s === '?' || s === ':';
      case 'query':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(s)) return false;
  return true;
}

/** Percent-encodes the bytes of `s` that `mode` requires escaped (upper-case hex). */
export function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    if (b === 0x20 && mode === 'query') out += '+';
    else if (shouldEscape(b, mode)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out;
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

class URLError extends Error {}

/** Go's unescape: validates `%XX` sequences (and host characters) and decodes them. */
function unescape(s: string, mode: Mode): string {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new URLError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      const v = Number.parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25') throw new URLError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) {
        throw new URLError(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && ch(c) < 0x80 && shouldEscape(ch(c), mode)) {
        throw new URLError(`invalid character ${goQuote(c)} in host name`);
      }
      i++;
    }
  }
  if (!s.includes('%') && !(mode === 'query' && s.includes('+'))) return s;
  const bytes: number[] = [];
  const src = utf8Bytes(s);
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x25) {
      bytes.push(Number.parseInt(String.fromCharCode(src[i + 1]!, src[i + 2]!), 16));
      i += 2;
    } else if (src[i] === 0x2b && mode === 'query') bytes.push(0x20);
    else bytes.push(src[i]!);
  }
  return fromUtf8(Uint8Array.from(bytes));
}

interface Userinfo {
  username: string;
  password?: string;
}

/** The fields of Go's url.URL that Sprig reads or writes. */
export interface ParsedURL {
  scheme: string;
  opaque: string;
  user?: Userinfo;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

function getScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

function parseAuthority(authority: string): { user?: Userinfo; host: string } {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return { host };
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { user: { username: unescape(userinfo, 'userPassword') }, host };
  return {
    user: { username: unescape(userinfo.slice(0, colon), 'userPassword'), password: unescape(userinfo.slice(colon + 1), 'userPassword') },
    host,
  };
}

/** Go's url.Parse. Throws an Error with Go's `parse "…": …` message. */
export function parseURL(rawURL: string): ParsedURL {
  const hash = rawURL.indexOf('#');
  const u = hash < 0 ? rawURL : rawURL.slice(0, hash);
  const frag = hash < 0 ? '' : rawURL.slice(hash + 1);
  let url: ParsedURL;
  try {
    url = parseWithoutFragment(u);
  } catch (e) {
    if (e instanceof URLError) throw new Error(`parse ${goQuote(u)}: ${e.message}`);
    throw e;
  }
  if (frag !== '') {
    try {
      url.fragment = unescape(frag, 'fragment');
      url.rawFragment = escape(url.fragment, 'fragment') === frag ? '' : frag;
    } catch (e) {
      if (e instanceof URLError) throw new Error(`parse ${goQuote(rawURL)}: ${e.message}`);
      throw e;
    }
  }
  return url;
}

function parseWithoutFragment(raw: string): ParsedURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const url: ParsedURL = { scheme: '', opaque: '', host: '', path: '', rawPath: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '', rawFragment: '' };
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  const { scheme, rest: afterScheme } = getScheme(raw);
  url.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    const segment = rest.split('/')[0]!;
    if (segment.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const i = authority.indexOf('/');
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    const a = parseAuthority(authority);
    url.host = a.host;
    if (a.user) url.user = a.user;
  } else if (url.scheme !== '' && rest.startsWith('/')) url.omitHost = true;
  url.path = unescape(rest, 'path');
  url.rawPath = escape(url.path, 'path') === rest ? '' : rest;
  return url;
}

function userString(u: Userinfo): string {
  let s = escape(u.username, 'userPassword');
  if (u.password !== undefined) s += ':' + escape(u.password, 'userPassword');
  return s;
}

/** `host` without a valid `:port`, and without IPv6 brackets (Go's URL.Hostname). */
export function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/** Whether `s` is already a valid encoding for `mode` (nothing in it would need escaping). */
function validEncoded(s: string, mode: Mode): boolean {
  for (const b of utf8Bytes(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(b))) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}

/** The raw form when it is a valid encoding of the decoded value, else the decoded value escaped (Go's EscapedPath/EscapedFragment). */
function escapedForm(decoded: string, raw: string, mode: Mode): string {
  if (raw !== '' && validEncoded(raw, mode)) {
    try {
      if (unescape(raw, mode) === decoded) return raw;
    } catch {
      // fall through to escaping the decoded form
    }
  }
  if (mode === 'path' && decoded === '*') return '*';
  return escape(decoded, mode);
}

/** Go's URL.String. */
export function formatURL(u: ParsedURL): string {
  let out = '';
  if (u.scheme !== '') out += u.scheme + ':';
  if (u.opaque !== '') out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user) {
      if (!(u.omitHost && u.host === '' && !u.user)) {
        if (u.host !== '' || u.path !== '' || u.user) out += '//';
        if (u.user) out += userString(u.user) + '@';
        if (u.host !== '') out += escape(u.host, 'host');
      }
    }
    const path = escapedForm(u.path, u.rawPath, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0]!.includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escapedForm(u.fragment, u.rawFragment, 'fragment');
  return out;
}

function urlParse(v: string): Record<string, unknown> {
  let u: ParsedURL;
  try {
    u = parseURL(v);
  } catch (e) {
    return fail(`unable to parse url: ${e instanceof Error ? e.message : String(e)}`);
  }
  const d = newMap();
  d.scheme = u.scheme;
  d.host = u.host;
  d.hostname = hostname(u.host);
  d.path = u.path;
  d.query = u.rawQuery;
  d.opaque = u.opaque;
  d.fragment = u.fragment;
  d.userinfo = u.user ? userString(u.user) : '';
  return d;
}

function dictString(d: Record<string, unknown> | null, key: string): string {
  if (d === null || !hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v !== 'string') {
    if (v === null || v === undefined) fail('runtime error: invalid memory address or nil pointer dereference');
    fail(`unable to parse ${key} key, must be of type string, but ${goKind(v)} found`);
  }
  return v as string;
}

function urlJoin(dArg: unknown): string {
  const d = isDict(dArg) ? dArg : null;
  const u: ParsedURL = {
    scheme: dictString(d, 'scheme'),
    host: dictString(d, 'host'),
    path: dictString(d, 'path'),
    rawQuery: dictString(d, 'query'),
    opaque: dictString(d, 'opaque'),
    fragment: dictString(d, 'fragment'),
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawFragment: '',
  };
  const userinfo = dictString(d, 'userinfo');
  if (userinfo !== '') {
    try {
      const temp = parseURL(`proto://${userinfo}@host`);
      if (temp.user) u.user = temp.user;
    } catch (e) {
      fail(`unable to parse userinfo in dict: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return formatURL(u);
}

/** URL functions. */
export function urlFunctions(): FunctionMap {
  return {
    urlParse: fn(['string'], urlParse),
    urlJoin: fn(['map'], urlJoin),
  };
}
