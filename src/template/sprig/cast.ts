/**
 * Number conversions with spf13/cast semantics (what Sprig's `int`, `int64`,
 * `float64` and its math functions use): unparsable input quietly becomes 0.
 */

import { GoInt, isGoValue } from '../go/values.ts';
import { parseFloat, parseInt } from './strconv.ts';

const MIN_INT64 = -(1n << 63n);
const TWO_63 = 2 ** 63;

/** Go's `int64(f)` for a float64 on amd64: truncation; NaN and out-of-range give the minimum int64. */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_63 || f < -TWO_63) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** Wraps to the int64 range (Go's two's-complement overflow). */
export const wrapInt64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Named integer types among this library's values (time.Month, time.Weekday) expose their number. */
interface IntegerLike {
  goInt(): bigint;
}
const integerLike = (v: unknown): v is IntegerLike => isGoValue(v) && typeof (v as Partial<IntegerLike>).goInt === 'function';

/** Drops a trailing `.000` (only zeros after the dot), as cast does before parsing an integer. */
export function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** `cast.ToInt64` (and `cast.ToInt`, identical on 64-bit platforms). */
export function toInt64(v: unknown): bigint {
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const r = parseInt(trimZeroDecimal(v), 0, 0);
      return r.error ? 0n : r.value;
    }
  }
  if (v instanceof GoInt) return wrapInt64(v.value);
  if (integerLike(v)) return v.goInt();
  return 0n;
}

/** `cast.ToFloat64`. */
export function toFloat64(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const r = parseFloat(v);
      return r.error ? 0 : r.value;
    }
  }
  if (v instanceof GoInt) return Number(v.value);
  if (integerLike(v)) return Number(v.goInt());
  return 0;
}

/** An int64 result value. */
export const int64 = (v: bigint): GoInt => new GoInt('int64', wrapInt64(v));
