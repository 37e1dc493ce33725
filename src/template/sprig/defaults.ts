/**
 * Sprig's default/emptiness functions, JSON conversion, `ternary`, and the
 * reflection functions (`typeOf`, `kindOf`, `deepEqual`, …).
 */

import type { FunctionMap } from '../go/function.ts';
import { goTypeName } from '../go/print.ts';
import { fail, fn } from './define.ts';
import { decodeJSON, encodeJSON, JSONError } from './json.ts';
import { deepEqual, goKind, isDict, isEmpty, mapElemType } from './kinds.ts';
import { orNil } from './lists.ts';

/** `%T` of a value, including this library's typed maps. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (isDict(v) && mapElemType(v) !== 'interface {}') return `map[string]${mapElemType(v)}`;
  return goTypeName(v);
}

function encodeOrEmpty(v: unknown, escapeHTML: boolean, indent?: string): string {
  try {
    return encodeJSON(v, { escapeHTML, indent });
  } catch (e) {
    if (e instanceof JSONError) return '';
    throw e;
  }
}

function encodeOrFail(v: unknown, escapeHTML: boolean, indent?: string): string {
  try {
    return encodeJSON(v, { escapeHTML, indent });
  } catch (e) {
    if (e instanceof JSONError) fail(e.message);
    throw e;
  }
}

/** Defaults, JSON and reflection functions. */
export function defaultFunctions(): FunctionMap {
  return {
    default: fn(['any'], (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? orNil(d) : given[0]), 'any'),
    empty: fn(['any'], isEmpty),
    coalesce: fn([], (...xs: unknown[]) => xs.find((x) => !isEmpty(x)) ?? null, 'any'),
    all: fn([], (...xs: unknown[]) => xs.every((x) => !isEmpty(x)), 'any'),
    any: fn([], (...xs: unknown[]) => xs.some((x) => !isEmpty(x)), 'any'),
    ternary: fn(['any', 'any', 'bool'], (t: unknown, f: unknown, cond: boolean) => orNil(cond ? t : f)),
    fromJson: fn(['string'], (s: string) => decodeJSON(s).value),
    mustFromJson: fn(['string'], (s: string) => {
      const r = decodeJSON(s);
      if (r.error) fail(r.error.message);
      return r.value;
    }),
    toJson: fn(['any'], (v: unknown) => encodeOrEmpty(v, true)),
    mustToJson: fn(['any'], (v: unknown) => encodeOrFail(v, true)),
    toPrettyJson: fn(['any'], (v: unknown) => encodeOrEmpty(v, true, '  ')),
    mustToPrettyJson: fn(['any'], (v: unknown) => encodeOrFail(v, true, '  ')),
    toRawJson: fn(['any'], (v: unknown) => encodeOrFail(v, false)),
    mustToRawJson: fn(['any'], (v: unknown) => encodeOrFail(v, false)),
    typeOf: fn(['any'], typeName),
    typeIs: fn(['string', 'any'], (target: string, v: unknown) => target === typeName(v)),
    typeIsLike: fn(['string', 'any'], (target: string, v: unknown) => {
      const t = typeName(v);
      return target === t || '*' + target === t;
    }),
    kindOf: fn(['any'], goKind),
    kindIs: fn(['string', 'any'], (target: string, v: unknown) => target === goKind(v)),
    deepEqual: fn(['any', 'any'], deepEqual),
  };
}
