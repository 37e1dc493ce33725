/**
 * Go's slash-separated path functions (package path). The `os*` variants use
 * the platform's rules, which on Linux and macOS are the same.
 */

import type { FunctionMap } from '../go/function.ts';
import { fn } from './define.ts';

/** `path.Clean`: the shortest equivalent path, purely lexically. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const n = p.length;
  let out = rooted ? '/' : '';
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    if (p[r] === '/') r++;
    else if (p[r] === '.' && (r + 1 === n || p[r + 1] === '/')) r++;
    else if (p[r] === '.' && p[r + 1] === '.' && (r + 2 === n || p[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        let w = out.length - 1;
        while (w > dotdot && out[w] !== '/') w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        if (out.length > 0) out += '/';
        out += '..';
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += '/';
      while (r < n && p[r] !== '/') out += p[r++];
    }
  }
  return out === '' ? '.' : out;
}

/** `path.Base`: the last element; `.` for empty, `/` for only slashes. */
export function basePath(p: string): string {
  if (p === '') return '.';
  let s = p.replace(/\/+$/, '');
  const i = s.lastIndexOf('/');
  if (i >= 0) s = s.slice(i + 1);
  return s === '' ? '/' : s;
}

/** `path.Dir`: all but the last element, cleaned. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** `path.Ext`: the suffix from the last dot of the last element. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

/** Path functions. */
export function pathFunctions(): FunctionMap {
  const base = fn(['string'], basePath);
  const dir = fn(['string'], dirPath);
  const clean = fn(['string'], cleanPath);
  const ext = fn(['string'], extPath);
  const isAbs = fn(['string'], (p: string) => p.startsWith('/'));
  return { base, dir, clean, ext, isAbs, osBase: base, osDir: dir, osClean: clean, osExt: ext, osIsAbs: isAbs };
}
