/**
 * Sprig's dictionary functions over map[string]interface{} values (settings
 * objects and `dict` results). `merge`/`mergeOverwrite` reproduce the merge
 * library Sprig uses, quirks included, because users see the result.
 */

import type { FunctionMap } from '../go/function.ts';
import { goTypeName } from '../go/print.ts';
import { goListType, isGoValue, typedList } from '../go/values.ts';
import { fail, fn } from './define.ts';
import { goKind, goMapType, hasOwn, isDict, isEmpty, mapElemType, newMap, strval } from './kinds.ts';
import { orNil } from './lists.ts';

type Dict = Record<string, unknown>;

/** A map argument as map[string]interface{} (nil stays nil). */
function dictArg(v: unknown): Dict | null {
  if (v === null || v === undefined) return null;
  if (isDict(v) && mapElemType(v) !== 'interface {}') fail(`wrong type for value; expected map[string]interface {}; got map[string]${mapElemType(v)}`);
  return v as Dict;
}

/** Go's message for a failed `x.(T)` type assertion on an interface{} value. */
function assertionError(v: unknown, want: string): never {
  const got = v === null || v === undefined ? 'nil' : goTypeName(v);
  return fail(`interface conversion: interface {} is ${got}, not ${want}`);
}

function asStringKey(v: unknown): string {
  if (typeof v !== 'string') assertionError(v, 'string');
  return v as string;
}

function asPlainDict(v: unknown): Dict {
  if (!isDict(v) || mapElemType(v) !== 'interface {}') assertionError(v, 'map[string]interface {}');
  return v as Dict;
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) fail('dig needs at least three arguments');
  let dict = asPlainDict(ps[ps.length - 1]);
  const dflt = orNil(ps[ps.length - 2]);
  const keys = ps.slice(0, -2).map(asStringKey);
  for (let i = 0; ; i++) {
    const k = keys[i]!;
    if (!hasOwn(dict, k)) return dflt;
    const step = dict[k];
    if (i === keys.length - 1) return step;
    dict = asPlainDict(step);
  }
}

/**
 * Merges `src` into `dst` in place. Without `overwrite`, only missing or
 * empty destination values are filled; nested maps merge recursively. With
 * `overwrite`, source values win, except that a non-empty destination value
 * is never replaced by a map, and nested maps still merge key by key.
 */
export function mergeMaps(dst: Dict, src: Dict, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const sv = src[key];
    const present = hasOwn(dst, key);
    if (sv === null || sv === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    const kind = goKind(sv);
    if (kind === 'map') {
      const dv = dst[key];
      if (present && isDict(dv)) mergeMaps(dv, sv as Dict, overwrite);
    } else if (kind === 'slice') {
      const dv = dst[key];
      let merged: unknown = !present || dv === null || dv === undefined ? emptyLike(sv as unknown[]) : dv;
      if (overwrite || Object.keys(dst).length === 0) merged = sv;
      dst[key] = merged;
    }
    const dv = present ? dst[key] : undefined;
    if (present && !isEmpty(dv) && (kind === 'map' || kind === 'slice')) continue;
    if (overwrite || !present || isEmpty(dv)) dst[key] = sv;
  }
}

function emptyLike(list: unknown[] | Uint8Array): unknown {
  if (list instanceof Uint8Array) return new Uint8Array(0);
  const elem = (list as { [goListType]?: string })[goListType];
  return elem === undefined ? [] : typedList([], elem);
}

function merge(overwrite: boolean) {
  return (dstArg: unknown, ...srcs: unknown[]): Dict => {
    let dst = dictArg(dstArg);
    for (const s of srcs) {
      const src = dictArg(s);
      if (dst === null) {
        if (src === null) continue;
        dst = newMap();
      }
      if (src !== null) mergeMaps(dst, src, overwrite);
    }
    return dst ?? newMap();
  };
}

/** Deep copy of maps, lists and byte slices; scalars and immutable values are shared. */
export function deepCopy(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const elem = (v as { [goListType]?: string })[goListType];
    return elem === undefined ? out : typedList(out, elem);
  }
  if (isDict(v) && !isGoValue(v)) {
    const out = newMap();
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    const elem = (v as { [goMapType]?: string })[goMapType];
    if (elem !== undefined) Object.defineProperty(out, goMapType, { value: elem, enumerable: false });
    return out;
  }
  return v;
}

function dict(...kv: unknown[]): Dict {
  const out = newMap();
  for (let i = 0; i < kv.length; i += 2) {
    const key = strval(orNil(kv[i]));
    out[key] = i + 1 < kv.length ? orNil(kv[i + 1]) : '';
  }
  return out;
}

/** Dictionary functions. */
export function dictFunctions(): FunctionMap {
  const mergeFn = fn(['map'], merge(false), 'map');
  const mergeOverwriteFn = fn(['map'], merge(true), 'map');
  const deepCopyFn = fn(['any'], (v: unknown) => deepCopy(orNil(v)));
  return {
    dict: fn([], dict, 'any'),
    get: fn(['map', 'string'], (d: unknown, key: string) => {
      const m = dictArg(d);
      return m !== null && hasOwn(m, key) ? m[key] : '';
    }),
    set: fn(['map', 'string', 'any'], (d: unknown, key: string, value: unknown) => {
      const m = dictArg(d);
      if (m === null) fail('assignment to entry in nil map');
      m[key] = orNil(value);
      return m;
    }),
    unset: fn(['map', 'string'], (d: unknown, key: string) => {
      const m = dictArg(d);
      if (m !== null) delete m[key];
      return m;
    }),
    hasKey: fn(['map', 'string'], (d: unknown, key: string) => {
      const m = dictArg(d);
      return m !== null && hasOwn(m, key);
    }),
    pluck: fn(
      ['string'],
      (key: string, ...ds: unknown[]) => {
        const out: unknown[] = [];
        for (const d of ds) {
          const m = dictArg(d);
          if (m !== null && hasOwn(m, key)) out.push(m[key]);
        }
        return out;
      },
      'map',
    ),
    keys: fn(
      [],
      (...ds: unknown[]) => {
        const out: string[] = [];
        for (const d of ds) {
          const m = dictArg(d);
          if (m !== null) out.push(...Object.keys(m));
        }
        return typedList(out, 'string');
      },
      'map',
    ),
    values: fn(['map'], (d: unknown) => {
      const m = dictArg(d);
      return m === null ? [] : Object.keys(m).map((k) => m[k]);
    }),
    pick: fn(
      ['map'],
      (d: unknown, ...keys: string[]) => {
        const m = dictArg(d);
        const out = newMap();
        if (m !== null) for (const k of keys) if (hasOwn(m, k)) out[k] = m[k];
        return out;
      },
      'string',
    ),
    omit: fn(
      ['map'],
      (d: unknown, ...keys: string[]) => {
        const m = dictArg(d);
        const out = newMap();
        const drop = new Set(keys);
        if (m !== null) for (const k of Object.keys(m)) if (!drop.has(k)) out[k] = m[k];
        return out;
      },
      'string',
    ),
    merge: mergeFn,
    mustMerge: mergeFn,
    mergeOverwrite: mergeOverwriteFn,
    mustMergeOverwrite: mergeOverwriteFn,
    deepCopy: deepCopyFn,
    mustDeepCopy: deepCopyFn,
    dig: fn([], dig, 'any'),
  };
}
