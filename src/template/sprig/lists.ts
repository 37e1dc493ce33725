/**
 * Sprig's list functions. They accept any Go slice (generic lists, []string
 * results, bytes) and return new []interface{} lists; the input is never
 * modified. Plain variants panic where the `must` variants return an error —
 * both stop the template with the same message.
 */

import type { FunctionMap, GoFunction } from '../go/function.ts';
import { goListType, typedList } from '../go/values.ts';
import { toInt64 } from './cast.ts';
import { fail, fn, nilDereference } from './define.ts';
import { compareStrings } from './bytes.ts';
import { deepEqual, goKind, isEmpty, isList, listItems, strval } from './kinds.ts';
import { toStrings } from './strings.ts';

/** nil as an interface element (a "no value" argument arrives as nil). */
export const orNil = (v: unknown): unknown => (v === undefined ? null : v);

/** The elements of a list argument, or the Go error `Cannot <what> on type <kind>`; nil panics as Go's reflection does. */
function items(v: unknown, message: (kind: string) => string): unknown[] {
  if (v === null || v === undefined) return nilDereference();
  if (isList(v)) return listItems(v);
  return fail(message(goKind(v)));
}

/** Declares a list function and its `must` twin (same behaviour: both stop rendering on error). */
function both(impl: GoFunction): [GoFunction, GoFunction] {
  return [impl, impl];
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const xs = items(list, (k) => `Cannot chunk type ${k}`);
  const n = Number(size);
  const l = xs.length;
  const count = n === 0 ? NaN : Math.floor((l - 1) / n) + 1;
  if (!Number.isFinite(count) || count < 0) fail('runtime error: makeslice: len out of range');
  const out: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    let len = n;
    if (i === count - 1) {
      len = Math.floor(l % n);
      if (len === 0) len = n;
    }
    if (len < 0) fail('runtime error: makeslice: len out of range');
    out.push(xs.slice(i * n, i * n + len));
  }
  return typedList(out, '[]interface {}');
}

function sliceList(list: unknown, ...indices: unknown[]): unknown {
  if (list === null || list === undefined) return nilDereference();
  if (!isList(list)) return fail(`list should be type of slice or array but ${goKind(list)}`);
  const l = list.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? l : Number(toInt64(indices[1]));
  if (start < 0 || end < start || end > l) fail('reflect.Value.Slice: slice index out of bounds');
  if (list instanceof Uint8Array) return list.slice(start, end);
  const out = list.slice(start, end);
  const elem = (list as { [goListType]?: string })[goListType];
  return elem === undefined ? out : typedList(out, elem);
}

function concat(...lists: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const l of lists) {
    if (l === null || l === undefined) return nilDereference();
    if (!isList(l)) fail(`Cannot concat type ${goKind(l)} as list`);
    out.push(...listItems(l));
  }
  return out;
}

function sortAlpha(v: unknown): string[] {
  // A []string is sorted in place (Sprig sorts the very slice it was given); other lists are converted first.
  if (Array.isArray(v) && (v as { [goListType]?: string })[goListType] === 'string') return (v as string[]).sort(compareStrings);
  if (isList(v)) return typedList(toStrings(v).sort(compareStrings), 'string');
  return typedList([strval(v ?? null)], 'string');
}

function has(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || haystack === undefined) return false;
  const xs = items(haystack, (k) => `Cannot find has on type ${k}`);
  const n = orNil(needle);
  return xs.some((x) => deepEqual(n, x));
}

/** List construction and manipulation functions. */
export function listFunctions(): FunctionMap {
  const list = fn([], (...xs: unknown[]) => xs.map(orNil), 'any');
  const [push, mustPush] = both(
    fn(['any', 'any'], (l: unknown, v: unknown) => [...items(l, (k) => `Cannot push on type ${k}`), orNil(v)]),
  );
  const [prepend, mustPrepend] = both(
    fn(['any', 'any'], (l: unknown, v: unknown) => [orNil(v), ...items(l, (k) => `Cannot prepend on type ${k}`)]),
  );
  const [first, mustFirst] = both(
    fn(['any'], (l: unknown) => {
      const xs = items(l, (k) => `Cannot find first on type ${k}`);
      return xs.length === 0 ? null : xs[0];
    }),
  );
  const [last, mustLast] = both(
    fn(['any'], (l: unknown) => {
      const xs = items(l, (k) => `Cannot find last on type ${k}`);
      return xs.length === 0 ? null : xs[xs.length - 1];
    }),
  );
  const [rest, mustRest] = both(
    fn(['any'], (l: unknown) => {
      const xs = items(l, (k) => `Cannot find rest on type ${k}`);
      return xs.length === 0 ? [] : xs.slice(1);
    }),
  );
  const [initial, mustInitial] = both(
    fn(['any'], (l: unknown) => {
      const xs = items(l, (k) => `Cannot find initial on type ${k}`);
      return xs.length === 0 ? [] : xs.slice(0, -1);
    }),
  );
  const [reverse, mustReverse] = both(fn(['any'], (l: unknown) => [...items(l, (k) => `Cannot find reverse on type ${k}`)].reverse()));
  const [uniq, mustUniq] = both(
    fn(['any'], (l: unknown) => {
      const out: unknown[] = [];
      for (const x of items(l, (k) => `Cannot find uniq on type ${k}`)) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return out;
    }),
  );
  const [without, mustWithout] = both(
    fn(
      ['any'],
      (l: unknown, ...omit: unknown[]) => {
        const drop = omit.map(orNil);
        return items(l, (k) => `Cannot find without on type ${k}`).filter((x) => !drop.some((o) => deepEqual(x, o)));
      },
      'any',
    ),
  );
  const [compact, mustCompact] = both(fn(['any'], (l: unknown) => items(l, (k) => `Cannot compact on type ${k}`).filter((x) => !isEmpty(x))));
  const [slice, mustSlice] = both(fn(['any'], sliceList, 'any'));
  const [chunkFn, mustChunk] = both(fn(['int', 'any'], chunk));
  const [hasFn, mustHas] = both(fn(['any', 'any'], has));
  return {
    list,
    tuple: list,
    append: push,
    push,
    mustAppend: mustPush,
    mustPush,
    prepend,
    mustPrepend,
    first,
    mustFirst,
    last,
    mustLast,
    rest,
    mustRest,
    initial,
    mustInitial,
    reverse,
    mustReverse,
    uniq,
    mustUniq,
    without,
    mustWithout,
    has: hasFn,
    mustHas,
    compact,
    mustCompact,
    slice,
    mustSlice,
    chunk: chunkFn,
    mustChunk,
    concat: fn([], concat, 'any'),
    sortAlpha: fn(['any'], sortAlpha),
  };
}
