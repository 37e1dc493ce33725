/**
 * Values taken from an earlier backend's response for `{respN_field}`
 * placeholders of the sequential proxy.
 */

import { isObject, own } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { formatGoValue } from './go-format.ts';

/**
 * The value at a dot path of a response, with KrakenD's walk: each segment
 * but the last descends into an object; when a segment is missing or not an
 * object the walk stops there, and the last segment is looked up in the
 * deepest object reached. Arrays are never indexed. Undefined when absent.
 */
export function respValue(data: Data | null, path: string): JsonValue | undefined {
  if (data === null) return undefined;
  const keys = path.split('.');
  let current: Data = data;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = own(current, keys[i]!);
    if (!isObject(next)) break;
    current = next;
  }
  return own(current, keys[keys.length - 1]!);
}

/**
 * The text a value contributes to a URL placeholder: strings as they are,
 * booleans, numbers with their original text, arrays as their elements'
 * `%v` joined with `,` (empty array: empty text), null as `<nil>`, objects in
 * Go's map syntax. Undefined for a missing value (the placeholder stays).
 */
export function stringifyParam(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(formatGoValue).join(',');
  return formatGoValue(value);
}
