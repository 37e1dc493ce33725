/**
 * Small helpers for declaring template functions with Go signatures and for
 * raising the errors Go code would return or panic with.
 */

import { GoCallError } from '../go/function.ts';
import type { GoFunction, GoParamType } from '../go/function.ts';

/** Declares a function with fixed Go parameter types and an optional variadic tail. */
export function fn(params: readonly GoParamType[], impl: GoFunction['fn'], variadic?: GoParamType): GoFunction {
  return variadic === undefined ? { params, fn: impl } : { params, variadic, fn: impl };
}

/** An error a Go function returns, or the value it panics with. */
export function fail(message: string): never {
  throw new GoCallError(message);
}

/** A Go runtime panic (`runtime error: …`). */
export function runtimePanic(message: string): never {
  throw new GoCallError('runtime error: ' + message);
}

/** Calling a method on a nil interface value (`reflect.TypeOf(nil).Kind()`), as several Sprig list functions do. */
export function nilDereference(): never {
  return runtimePanic('invalid memory address or nil pointer dereference');
}

/**
 * Checks `s[start:end]` as Go's runtime does (end first, then start) and
 * panics with Go's message when out of range. `what` is `length` for strings
 * and `capacity` for slices.
 */
export function checkSliceBounds(start: number, end: number, len: number, what: 'length' | 'capacity' = 'length'): void {
  if (end < 0) runtimePanic(`slice bounds out of range [:${end}]`);
  if (end > len) runtimePanic(`slice bounds out of range [:${end}] with ${what} ${len}`);
  if (start < 0) runtimePanic(`slice bounds out of range [${start}:]`);
  if (start > end) runtimePanic(`slice bounds out of range [${start}:${end}]`);
}
