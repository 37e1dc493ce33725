/**
 * The value tree every response travels through: what the decoders produce,
 * what the generated transforms read and write, and what the renders print.
 *
 * Objects are ordinary JavaScript objects (decoded with JSON.parse on the fast
 * path), so code that touches them by a key taken from data or configuration
 * must go through `own()` / `setKey()`: a key such as `__proto__` or
 * `constructor` must read and write an own property, never the prototype.
 */

/** Base of the boxed leaves below: values that look like objects to JavaScript but are leaves to the data layer. */
export abstract class BoxedLeaf {}

/**
 * A JSON number whose decimal text must be kept exactly as the backend sent
 * it (`4.20`, `1e3`, `12345678901234567890`): only numbers that would not
 * survive a round trip through a JavaScript number are boxed; every other
 * number stays a plain `number`.
 */
export class JsonNumber extends BoxedLeaf {
  constructor(readonly text: string) {
    super();
  }
  override toString(): string {
    return this.text;
  }
}

/**
 * A leaf whose JSON form is fixed text, for values that are records rather
 * than maps (decoded feed items): filters and flatmap cannot walk into them,
 * the JSON encoder writes `json` verbatim, and the other renders use `value`.
 */
export class OpaqueValue extends BoxedLeaf {
  constructor(
    readonly json: string,
    readonly value: JsonValue,
  ) {
    super();
  }
}

/** Any value inside a response. */
export type JsonValue = null | boolean | number | string | BoxedLeaf | JsonValue[] | Data;

/** A response body: a map from keys to values (Go's `map[string]interface{}`). */
export interface Data {
  [key: string]: JsonValue;
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** True for a map value (not an array, not null, not a boxed leaf). */
export function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof BoxedLeaf);
}

/** The own value under `key`, or undefined when the key is absent (never a prototype member). */
export function own(object: Data, key: string): JsonValue | undefined {
  return hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** True when `object` has its own `key`. */
export function hasKey(object: Data, key: string): boolean {
  return hasOwnProperty.call(object, key);
}

/** Stores `value` under `key` as an own property, `__proto__` included. */
export function setKey(object: Data, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** True when the map has at least one key (Go's `len(m) > 0`). */
export function hasKeys(object: Data | null): object is Data {
  if (object === null) return false;
  for (const key in object) if (hasOwnProperty.call(object, key)) return true;
  return false;
}

/** True when the map has no keys. */
export function isEmpty(object: Data): boolean {
  for (const key in object) if (hasOwnProperty.call(object, key)) return false;
  return true;
}

/** A new map holding a single entry (the `group` wrapper). */
export function wrap(key: string, value: JsonValue): Data {
  const out: Data = {};
  setKey(out, key, value);
  return out;
}

/** A new empty map. */
export function emptyData(): Data {
  return {};
}
