/**
 * Reflection over kd's Go value representation (see ../go/values.ts): kinds,
 * Sprig's notion of emptiness, Go's deep equality and Sprig's `strval`.
 */

import { GoComplex, GoInt, goListType, isGoValue, isMap } from '../go/values.ts';
import type { GoValue } from '../go/values.ts';
import { formatValue } from '../go/print.ts';
import { fromUtf8 } from './bytes.ts';

/** Element type of a map other than map[string]interface{} (e.g. 'string' for `split`'s map[string]string). */
import { goMapType } from '../go/values.ts';

export { goMapType };

/** Marks `m` as a Go map[string]ELEM and returns it. */
export function typedMap<T extends object>(m: T, elem: string): T {
  Object.defineProperty(m, goMapType, { value: elem, enumerable: false });
  return m;
}

/** Value types of this library that know their reflect kind (struct, ptr, int64, …). */
export interface GoKinded extends GoValue {
  goKind(): string;
  /** reflect.DeepEqual against another value of the same Go type. */
  goEqual?(other: unknown): boolean;
}

const hasKind = (v: unknown): v is GoKinded => isGoValue(v) && typeof (v as GoKinded).goKind === 'function';

/** A map value as Sprig's dict functions see it (plain object, not one of the special value classes). */
export const isDict = (v: unknown): v is Record<string, unknown> => isMap(v) && !(v instanceof GoComplex);

/** `reflect.ValueOf(v).Kind().String()`. */
export function goKind(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'function':
      return 'func';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return 'complex128';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (hasKind(v)) return v.goKind();
  if (isGoValue(v)) return 'struct';
  return 'map';
}

/** True for Go slices and arrays. */
export const isList = (v: unknown): v is unknown[] | Uint8Array => Array.isArray(v) || v instanceof Uint8Array;

/** Elements of a slice as interface values (bytes become uint8 values). */
export function listItems(v: unknown[] | Uint8Array): unknown[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt('uint8', BigInt(b)));
  return v;
}

/** Element type name of a slice value (`interface {}` for generic lists). */
export function listElemType(v: unknown[] | Uint8Array): string {
  if (v instanceof Uint8Array) return 'uint8';
  return (v as { [goListType]?: string })[goListType] ?? 'interface {}';
}

/** Element type name of a map value. */
export function mapElemType(v: object): string {
  return (v as { [goMapType]?: string })[goMapType] ?? 'interface {}';
}

/** Sprig's `strval` / `toString`: strings as is, bytes decoded, errors and Stringers by their text, else `%v`. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  if (isGoValue(v)) return v.goString();
  return formatValue(v);
}

/** Sprig's `empty`: nil, false, zero numbers, and empty strings, lists and maps; structs never. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    case 'function':
      return false;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoValue(v)) {
    const truth = (v as { goTruth?: () => boolean }).goTruth;
    return typeof truth === 'function' ? !truth.call(v) : false;
  }
  return Object.keys(v as object).length === 0;
}

/** The dynamic Go type of a value, enough to decide whether DeepEqual may compare two values. */
function typeKey(v: unknown): string {
  const kind = goKind(v);
  if (kind === 'slice') return '[]' + listElemType(v as unknown[]);
  if (kind === 'map') return 'map:' + mapElemType(v as object);
  if (isGoValue(v)) return v.goType();
  return kind;
}

/** `reflect.DeepEqual(a, b)` for interface values: same dynamic type and deeply equal contents. */
export function deepEqual(a: unknown, b: unknown): boolean {
  const aNil = a === null || a === undefined;
  const bNil = b === null || b === undefined;
  if (aNil || bNil) return aNil && bNil;
  if (typeKey(a) !== typeKey(b)) return false;
  if (typeof a !== 'object') return a === b;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof GoComplex) return a.re === (b as GoComplex).re && a.im === (b as GoComplex).im;
  if (a instanceof Uint8Array) {
    const bb = b as Uint8Array;
    return a.length === bb.length && a.every((x, i) => x === bb[i]);
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a === bb) return true;
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isGoValue(a)) {
    if (a === b) return true;
    return hasKind(a) && typeof a.goEqual === 'function' ? a.goEqual(b) : false;
  }
  if (a === b) return true;
  const ak = Object.keys(a);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  const ao = a as Record<string, unknown>;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/** A fresh Go map (map[string]interface{}); null-prototype so any key, even `__proto__`, is plain data. */
export function newMap(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** `m[key]` presence as Go sees it (own keys only). */
export const hasOwn = (m: object, key: string): boolean => Object.prototype.hasOwnProperty.call(m, key);
