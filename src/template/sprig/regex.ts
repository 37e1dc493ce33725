/**
 * Sprig's regular-expression functions with Go's matching rules: successive
 * non-overlapping matches where an empty match right after a previous match
 * is skipped, `$1`/`${name}` expansion as Go's Expand does it (`$1x` names a
 * group "1x"), and Go's Split.
 */

import type { FunctionMap } from '../go/function.ts';
import { typedList } from '../go/values.ts';
import { fail, fn } from './define.ts';
import { compileRegexp as compile, quoteMeta, RegexpSyntaxError } from './re2.ts';
import type { CompiledRegexp } from './re2.ts';
import { isDigit, isLetter } from './unicode.ts';

/** A match: start/end offsets of the whole match and of each group (-1 when a group did not take part). */
type Match = number[];

function execAt(re: CompiledRegexp, s: string, pos: number): Match | null {
  re.regexp.lastIndex = pos;
  const m = re.regexp.exec(s);
  if (!m) return null;
  const out: Match = [m.index, m.index + m[0].length];
  for (let g = 1; g < m.length; g++) {
    const span = m.indices?.[g];
    if (span) out.push(span[0], span[1]);
    else out.push(-1, -1);
  }
  return out;
}

const runeWidth = (s: string, i: number): number => {
  const cp = s.codePointAt(i);
  return cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
};

/** Go's allMatches: up to n matches (n < 0: all), skipping an empty match that abuts the previous one. */
export function findAll(re: CompiledRegexp, s: string, n: number): Match[] {
  const limit = n < 0 ? s.length + 1 : n;
  const out: Match[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < limit && pos <= s.length) {
    const m = execAt(re, s, pos);
    if (!m) break;
    let accept = true;
    if (m[1] === pos) {
      if (m[0] === prevEnd) accept = false;
      pos += Math.max(1, runeWidth(s, pos));
    } else pos = m[1]!;
    prevEnd = m[1]!;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a replacement template for one match. */
export function expand(template: string, s: string, m: Match, names: Array<string | null>): string {
  let out = '';
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const ref = extractName(t);
    if (!ref) {
      out += '$';
      continue;
    }
    t = ref.rest;
    const took = (g: number): boolean => g >= 0 && 2 * g + 1 < m.length && m[2 * g]! >= 0;
    // A name may be used by several groups: the first one that took part in the match counts.
    const group = ref.num >= 0 ? ref.num : names.findIndex((n, g) => n === ref.name && took(g));
    if (took(group)) out += s.slice(m[2 * group], m[2 * group + 1]);
  }
  return out + t;
}

/** A group reference after `$`: `name` or `{name}`; numeric names (no leading zero) are group numbers. */
function extractName(str: string): { name: string; num: number; rest: string } | null {
  if (str === '') return null;
  let s = str;
  const brace = s[0] === '{';
  if (brace) s = s.slice(1);
  let i = 0;
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (!isLetter(r) && !isDigit(r) && ch !== '_') break;
    i += ch.length;
  }
  if (i === 0) return null;
  const name = s.slice(0, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length < 9 ? Number(name) : -1;
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}

/** Go's ReplaceAllString (expand) or ReplaceAllLiteralString. */
export function replaceAll(re: CompiledRegexp, s: string, repl: string, literal: boolean): string {
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(re, s, searchPos);
    if (!m) break;
    out += s.slice(lastEnd, m[0]);
    if (m[1]! > lastEnd || m[0] === 0) out += literal ? repl : expand(repl, s, m, re.names);
    lastEnd = m[1]!;
    const width = runeWidth(s, searchPos);
    if (searchPos + width > m[1]!) searchPos += width;
    else if (searchPos + 1 > m[1]!) searchPos++;
    else searchPos = m[1]!;
  }
  return out + s.slice(lastEnd);
}

/** Go's Regexp.Split. */
export function split(re: CompiledRegexp, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const matches = findAll(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Compiles or stops the template with Go's error (what both the panicking and the `must` variants show). */
function compileOrFail(pattern: string): CompiledRegexp {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) fail(e.message);
    throw e;
  }
}

/** Regular-expression functions. */
export function regexFunctions(): FunctionMap {
  const findAllFn = fn(['string', 'string', 'int'], (p: string, s: string, n: bigint) => {
    const re = compileOrFail(p);
    return typedList(findAll(re, s, Number(n)).map((m) => s.slice(m[0], m[1])), 'string');
  });
  const findFn = fn(['string', 'string'], (p: string, s: string) => {
    const m = execAt(compileOrFail(p), s, 0);
    return m ? s.slice(m[0], m[1]) : '';
  });
  const replaceFn = fn(['string', 'string', 'string'], (p: string, s: string, r: string) => replaceAll(compileOrFail(p), s, r, false));
  const replaceLiteralFn = fn(['string', 'string', 'string'], (p: string, s: string, r: string) => replaceAll(compileOrFail(p), s, r, true));
  const splitFn = fn(['string', 'string', 'int'], (p: string, s: string, n: bigint) => typedList(split(compileOrFail(p), p, s, Number(n)), 'string'));
  return {
    regexMatch: fn(['string', 'string'], (p: string, s: string) => {
      try {
        return execAt(compile(p), s, 0) !== null;
      } catch (e) {
        if (e instanceof RegexpSyntaxError) return false;
        throw e;
      }
    }),
    mustRegexMatch: fn(['string', 'string'], (p: string, s: string) => execAt(compileOrFail(p), s, 0) !== null),
    regexFindAll: findAllFn,
    mustRegexFindAll: findAllFn,
    regexFind: findFn,
    mustRegexFind: findFn,
    regexReplaceAll: replaceFn,
    mustRegexReplaceAll: replaceFn,
    regexReplaceAllLiteral: replaceLiteralFn,
    mustRegexReplaceAllLiteral: replaceLiteralFn,
    regexSplit: splitFn,
    mustRegexSplit: splitFn,
    regexQuoteMeta: fn(['string'], quoteMeta),
  };
}
