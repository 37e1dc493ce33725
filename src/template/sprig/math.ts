/**
 * Sprig's integer math (int64 results, operands converted like `int64`),
 * float math (decimal arithmetic for the four operations), ranges and `seq`.
 */

import { randomInt } from 'node:crypto';
import type { FunctionMap } from '../go/function.ts';
import { typedList } from '../go/values.ts';
import { int64, toFloat64, toInt64, wrapInt64 } from './cast.ts';
import { Decimal } from './decimal.ts';
import { fail, fn, runtimePanic } from './define.ts';

function divide(a: unknown, b: unknown): bigint {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) runtimePanic('integer divide by zero');
  return wrapInt64(x / y);
}

function modulo(a: unknown, b: unknown): bigint {
  const x = toInt64(a);
  const y = toInt64(b);
  if (y === 0n) runtimePanic('integer divide by zero');
  return x % y;
}

/** `untilStep`: like Python's range; a step pointing away from stop gives an empty list. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  const guard = (): void => {
    if (out.length > 10_000_000) fail('untilStep: too many elements');
  };
  if (stop < start) {
    if (step >= 0n) return typedList(out, 'int');
    for (let i = start; i > stop; i += step) {
      out.push(i);
      guard();
    }
    return typedList(out, 'int');
  }
  if (step <= 0n) return typedList(out, 'int');
  for (let i = start; i < stop; i += step) {
    out.push(i);
    guard();
  }
  return typedList(out, 'int');
}

/** Bash-like `seq`: `seq END`, `seq START END`, `seq START STEP END`, as a space-separated string. */
function seq(...params: bigint[]): string {
  const join = (xs: bigint[]): string => xs.join(' ');
  switch (params.length) {
    case 1: {
      const start = 1n;
      const end = params[0]!;
      const inc = end < start ? -1n : 1n;
      return join(untilStep(start, end + inc, inc));
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      const step = end < start ? -1n : 1n;
      return join(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      return join(untilStep(start, end + inc, step));
    }
    default:
      return '';
  }
}

function decimalOp(first: unknown, rest: readonly unknown[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = Decimal.fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, Decimal.fromFloat(toFloat64(x)));
  return acc.toFloat();
}

/** Go's `math.Max` / `math.Min` (NaN wins; signed zeros ordered). */
function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

/** Go's `math.Modf` fractional part (sign follows the argument). */
const fractional = (x: number): number => x - Math.trunc(x);

function round(a: unknown, places: bigint, ...opt: number[]): number {
  const roundOn = opt.length > 0 ? opt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(places));
  const digit = pow * val;
  const r = fractional(digit) >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** Integer and float math functions. */
export function mathFunctions(): FunctionMap {
  const max = fn(
    ['any'],
    (a: unknown, ...xs: unknown[]) => int64(xs.reduce<bigint>((m, x) => (toInt64(x) > m ? toInt64(x) : m), toInt64(a))),
    'any',
  );
  return {
    add1: fn(['any'], (a: unknown) => int64(toInt64(a) + 1n)),
    add: fn([], (...xs: unknown[]) => int64(xs.reduce<bigint>((s, x) => wrapInt64(s + toInt64(x)), 0n)), 'any'),
    sub: fn(['any', 'any'], (a: unknown, b: unknown) => int64(toInt64(a) - toInt64(b))),
    div: fn(['any', 'any'], (a: unknown, b: unknown) => int64(divide(a, b))),
    mod: fn(['any', 'any'], (a: unknown, b: unknown) => int64(modulo(a, b))),
    mul: fn(['any'], (a: unknown, ...xs: unknown[]) => int64(xs.reduce<bigint>((p, x) => wrapInt64(p * toInt64(x)), toInt64(a))), 'any'),
    randInt: fn(['int', 'int'], (min: bigint, max: bigint) => {
      const n = max - min;
      if (n <= 0n) fail('invalid argument to Intn');
      return min + BigInt(randomInt(Number(n > 281474976710655n ? 281474976710655n : n)));
    }),
    max,
    biggest: max,
    min: fn(
      ['any'],
      (a: unknown, ...xs: unknown[]) => int64(xs.reduce<bigint>((m, x) => (toInt64(x) < m ? toInt64(x) : m), toInt64(a))),
      'any',
    ),
    maxf: fn(['any'], (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => goMax(m, toFloat64(x)), toFloat64(a)), 'any'),
    minf: fn(['any'], (a: unknown, ...xs: unknown[]) => xs.reduce<number>((m, x) => goMin(m, toFloat64(x)), toFloat64(a)), 'any'),
    add1f: fn(['any'], (a: unknown) => decimalOp(a, [1], (x, y) => x.add(y))),
    addf: fn([], (...xs: unknown[]) => decimalOp(0, xs, (x, y) => x.add(y)), 'any'),
    subf: fn(['any'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, (x, y) => x.sub(y)), 'any'),
    mulf: fn(['any'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, (x, y) => x.mul(y)), 'any'),
    divf: fn(['any'], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, (x, y) => x.div(y)), 'any'),
    floor: fn(['any'], (a: unknown) => Math.floor(toFloat64(a))),
    ceil: fn(['any'], (a: unknown) => Math.ceil(toFloat64(a))),
    round: fn(['any', 'int'], round, 'float64'),
    until: fn(['int'], (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
    untilStep: fn(['int', 'int', 'int'], untilStep),
    seq: fn([], seq, 'int'),
  };
}
