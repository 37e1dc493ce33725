/**
 * Sprig's string functions. Offsets and lengths are Go byte counts; case
 * mapping follows Go's per-rune rules.
 */

import { randomInt } from 'node:crypto';
import type { FunctionMap } from '../go/function.ts';
import { goQuote, formatValue } from '../go/print.ts';
import { typedList } from '../go/values.ts';
import { byteLength, bytesAsLatin1, fromUtf8, isAscii, sliceBytes, utf8Bytes } from './bytes.ts';
import { camelCase, camelCaseToLowerCase, swapCase, title, uncapitalize } from './casing.ts';
import { checkSliceBounds, fail, fn } from './define.ts';
import { isList, listItems, newMap, strval, typedMap } from './kinds.ts';
import { isSpace, mapRunes, toLower, toUpper } from './unicode.ts';

/** `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  const rs = Array.from(s);
  let a = 0;
  let b = rs.length;
  while (a < b && isSpace(rs[a]!.codePointAt(0)!)) a++;
  while (b > a && isSpace(rs[b - 1]!.codePointAt(0)!)) b--;
  return rs.slice(a, b).join('');
}

/** `strings.Trim(s, cutset)`: strips runes found in cutset from both ends. */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(Array.from(cutset));
  const rs = Array.from(s);
  let a = 0;
  let b = rs.length;
  while (a < b && set.has(rs[a]!)) a++;
  while (b > a && set.has(rs[b - 1]!)) b--;
  return rs.slice(a, b).join('');
}

/** `strings.Repeat`, with Go's panics. */
export function repeat(s: string, count: number): string {
  if (count < 0) fail('strings: negative Repeat count');
  if (s === '' || count === 0) return '';
  // Longer than a JS string can be (Go would attempt the allocation).
  if (s.length * count > 2 ** 29) fail('strings: Repeat output length overflow');
  return s.repeat(count);
}

/** `strings.Replace(s, old, new, -1)`; an empty `old` matches before every rune and at the end. */
export function replaceAll(s: string, old: string, replacement: string): string {
  if (old === '') return replacement + Array.from(s).join(replacement) + (s === '' ? '' : replacement);
  return s.split(old).join(replacement);
}

/** `strings.Split`; an empty separator splits into runes. */
export function split(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

/** `strings.SplitN`: at most n pieces (n < 0: all; n == 0: none). */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (n < 0) return split(s, sep);
  if (sep === '') {
    const rs = Array.from(s);
    if (rs.length <= n) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

function substr(start: bigint, end: bigint, s: string): string {
  const len = byteLength(s);
  const a = Number(start);
  const b = Number(end);
  if (a < 0) {
    checkSliceBounds(0, b, len);
    return sliceBytes(s, 0, b);
  }
  if (b < 0 || b > len) {
    checkSliceBounds(a, len, len);
    return sliceBytes(s, a);
  }
  checkSliceBounds(a, b, len);
  return sliceBytes(s, a, b);
}

function trunc(count: bigint, s: string): string {
  const c = Number(count);
  const len = byteLength(s);
  if (c < 0 && len + c > 0) return sliceBytes(s, len + c);
  if (c >= 0 && len > c) return sliceBytes(s, 0, c);
  return s;
}

/** Ellipsises `s` to at most `maxWidth` bytes, keeping byte `offset` visible (commons-lang AbbreviateFull). */
function abbreviateFull(s: string, offsetIn: number, maxWidth: number): string {
  if (s === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLength(s);
  if (len <= maxWidth) return s;
  let offset = offsetIn;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return sliceBytes(s, 0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return '...' + abbreviateFull(sliceBytes(s, offset), 0, maxWidth - 3);
  return '...' + sliceBytes(s, len - (maxWidth - 3));
}

/** First byte of every whitespace-separated word (bytes, as the Go library scans them). */
function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const b of utf8Bytes(s)) {
    if (isSpace(b)) gap = true;
    else if (gap) {
      out += String.fromCharCode(b);
      gap = false;
    }
  }
  return out;
}

/** Removes whitespace bytes; the kept bytes are widened to runes one by one, as the Go library does. */
function deleteWhiteSpace(s: string): string {
  if (s === '') return s;
  const bytes = utf8Bytes(s);
  const kept = bytes.filter((b) => !isSpace(b));
  if (kept.length === bytes.length) return s;
  return bytesAsLatin1(kept);
}

/** Word-wraps at `width` bytes on spaces; with `wrapLong`, words longer than a line are cut. */
export function wrapCustom(s: string, width: number, newline: string, wrapLong: boolean): string {
  if (s === '') return '';
  const nl = utf8Bytes(newline === '' ? '\n' : newline);
  const w = width < 1 ? 1 : width;
  const src = utf8Bytes(s);
  const len = src.length;
  const out: number[] = [];
  const put = (a: number, b: number): void => {
    for (let i = a; i < b; i++) out.push(src[i]!);
  };
  const putNewline = (): void => {
    for (const b of nl) out.push(b);
  };
  let offset = 0;
  while (len - offset > w) {
    if (src[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = w + offset + 1;
    let space = src.subarray(offset, end).lastIndexOf(0x20) + offset;
    if (space >= offset) {
      put(offset, space);
      putNewline();
      offset = space + 1;
    } else if (wrapLong) {
      put(offset, w + offset);
      putNewline();
      offset += w;
    } else {
      const from = w + offset;
      const index = src.subarray(from).indexOf(0x20);
      space = index === -1 ? -1 : index + from;
      if (space >= 0) {
        put(offset, space);
        putNewline();
        offset = space + 1;
      } else {
        put(offset, len);
        offset = len;
      }
    }
  }
  put(offset, len);
  return fromUtf8(Uint8Array.from(out));
}

function pickRandom(alphabet: string, count: bigint): string {
  const n = Number(count);
  if (n <= 0) return '';
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** Random permutation of the runes of `s`. */
function shuffle(s: string): string {
  const rs = Array.from(s);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rs[i], rs[j]] = [rs[j]!, rs[i]!];
  }
  return rs.join('');
}

/** Sprig's `strslice`: a list's elements as strings (nils dropped); a scalar as a one-element list; nil as empty. */
export function toStrings(v: unknown): string[] {
  if (isList(v)) {
    const out: string[] = [];
    for (const x of listItems(v)) if (x !== null && x !== undefined) out.push(strval(x));
    return typedList(out, 'string');
  }
  if (v === null || v === undefined) return typedList([], 'string');
  return typedList([strval(v)], 'string');
}

function indent(spaces: bigint, s: string): string {
  const pad = repeat(' ', Number(spaces));
  return pad + s.split('\n').join('\n' + pad);
}

function splitToMap(parts: string[]): Record<string, unknown> {
  const m = newMap();
  parts.forEach((p, i) => (m['_' + i] = p));
  return typedMap(m, 'string');
}

/** String functions, string lists and formatting helpers. */
export function stringFunctions(): FunctionMap {
  return {
    hello: fn([], () => 'Hello!'),
    trim: fn(['string'], trimSpace),
    trimAll: fn(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
    trimall: fn(['string', 'string'], (cutset: string, s: string) => trimCutset(s, cutset)),
    trimPrefix: fn(['string', 'string'], (p: string, s: string) => (s.startsWith(p) ? s.slice(p.length) : s)),
    trimSuffix: fn(['string', 'string'], (p: string, s: string) => (p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
    upper: fn(['string'], (s: string) => (isAscii(s) ? s.toUpperCase() : mapRunes(s, toUpper))),
    lower: fn(['string'], (s: string) => (isAscii(s) ? s.toLowerCase() : mapRunes(s, toLower))),
    title: fn(['string'], title),
    untitle: fn(['string'], uncapitalize),
    repeat: fn(['int', 'string'], (count: bigint, s: string) => repeat(s, Number(count))),
    substr: fn(['int', 'int', 'string'], substr),
    trunc: fn(['int', 'string'], trunc),
    abbrev: fn(['int', 'string'], (width: bigint, s: string) => (width < 4n ? s : abbreviateFull(s, 0, Number(width)))),
    abbrevboth: fn(['int', 'int', 'string'], (left: bigint, right: bigint, s: string) =>
      right < 4n || (left > 0n && right < 7n) ? s : abbreviateFull(s, Number(left), Number(right)),
    ),
    nospace: fn(['string'], deleteWhiteSpace),
    initials: fn(['string'], initials),
    swapcase: fn(['string'], swapCase),
    shuffle: fn(['string'], shuffle),
    snakecase: fn(['string'], (s: string) => camelCaseToLowerCase(s, 0x5f)),
    kebabcase: fn(['string'], (s: string) => camelCaseToLowerCase(s, 0x2d)),
    camelcase: fn(['string'], camelCase),
    wrap: fn(['int', 'string'], (width: bigint, s: string) => wrapCustom(s, Number(width), '', false)),
    wrapWith: fn(['int', 'string', 'string'], (width: bigint, sep: string, s: string) => wrapCustom(s, Number(width), sep, true)),
    contains: fn(['string', 'string'], (sub: string, s: string) => s.includes(sub)),
    hasPrefix: fn(['string', 'string'], (p: string, s: string) => s.startsWith(p)),
    hasSuffix: fn(['string', 'string'], (p: string, s: string) => s.endsWith(p)),
    quote: fn([], (...args: unknown[]) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' '), 'any'),
    squote: fn([], (...args: unknown[]) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${formatValue(a)}'`).join(' '), 'any'),
    cat: fn([], (...args: unknown[]) => args.filter((a) => a !== null && a !== undefined).map((a) => formatValue(a)).join(' '), 'any'),
    indent: fn(['int', 'string'], indent),
    nindent: fn(['int', 'string'], (spaces: bigint, s: string) => '\n' + indent(spaces, s)),
    replace: fn(['string', 'string', 'string'], (old: string, repl: string, s: string) => replaceAll(s, old, repl)),
    plural: fn(['string', 'string', 'int'], (one: string, many: string, count: bigint) => (count === 1n ? one : many)),
    toString: fn(['any'], strval),
    randAlphaNum: fn(['int'], (n: bigint) => pickRandom(LETTERS + DIGITS, n)),
    randAlpha: fn(['int'], (n: bigint) => pickRandom(LETTERS, n)),
    randNumeric: fn(['int'], (n: bigint) => pickRandom(DIGITS, n)),
    randAscii: fn(['int'], (n: bigint) => pickRandom(PRINTABLE, n)),
    splitList: fn(['string', 'string'], (sep: string, s: string) => typedList(split(s, sep), 'string')),
    split: fn(['string', 'string'], (sep: string, s: string) => splitToMap(split(s, sep))),
    splitn: fn(['string', 'int', 'string'], (sep: string, n: bigint, s: string) => splitToMap(splitN(s, sep, Number(n)))),
    join: fn(['string', 'any'], (sep: string, v: unknown) => toStrings(v).join(sep)),
    toStrings: fn(['any'], toStrings),
  };
}

