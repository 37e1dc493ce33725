/**
 * Expressions that read and write data keys in generated code. Keys that
 * name something on Object.prototype (`__proto__`, `constructor`, …) go
 * through the runtime's own-property helpers; every other key is a plain
 * property access, which is safe for them and fastest.
 */

import { code } from '../emit.ts';
import type { Code } from '../emit.ts';

/** True for keys that a plain property access would resolve on Object.prototype. */
export function isPrototypeKey(key: string): boolean {
  return key in Object.prototype;
}

/** `object[key]` as an own-property read (undefined when absent). */
export function readKey(object: Code, key: string): Code {
  return isPrototypeKey(key) ? code`rt.own(${object}, ${key})` : code`${object}[${key}]`;
}

/** A statement storing `value` under `key` as an own property. */
export function writeKey(object: Code, key: string, value: Code): Code {
  return key === '__proto__' ? code`rt.setKey(${object}, ${key}, ${value});` : code`${object}[${key}] = ${value};`;
}

/** A boolean expression: the object has its own `key`. */
export function hasKeyExpr(object: Code, key: string): Code {
  return isPrototypeKey(key) ? code`rt.hasKey(${object}, ${key})` : code`${object}[${key}] !== undefined`;
}

/** A statement removing `key` from the object. */
export function deleteKey(object: Code, key: string): Code {
  return code`delete ${object}[${key}];`;
}

/** The array index a path segment can label (`0`, `1`, … without leading zeros), or -1. */
export function indexLabel(segment: string): number {
  return /^(?:0|[1-9][0-9]{0,14})$/.test(segment) ? Number(segment) : -1;
}

/**
 * The child under a path segment of a value that may be anything: object
 * key, or array element when the segment is an index label.
 */
export function childExpr(value: Code, segment: string, valueIsObject: boolean): Code {
  if (valueIsObject) return readKey(value, segment);
  if (indexLabel(segment) >= 0) return code`rt.childOf(${value}, ${segment})`;
  return code`(rt.isObject(${value}) ? ${readKey(value, segment)} : undefined)`;
}
