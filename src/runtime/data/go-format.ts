/**
 * Go's `%v` formatting of decoded values, as fmt prints an `interface{}`
 * tree: strings raw, numbers with their JSON text, `<nil>`, slices as
 * `[a b]`, maps as `map[k1:v1 k2:v2]` with keys in sorted order.
 */

import { BoxedLeaf, JsonNumber, OpaqueValue } from './types.ts';
import type { JsonValue } from './types.ts';
import { formatNumber } from './json-encode.ts';
import { sortKeys } from './utf8.ts';

/** `fmt.Sprintf("%v", value)`. */
export function formatGoValue(value: JsonValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatNumber(value);
    default:
      if (value === null) return '<nil>';
      if (Array.isArray(value)) return '[' + value.map(formatGoValue).join(' ') + ']';
      if (value instanceof BoxedLeaf) {
        if (value instanceof JsonNumber) return value.text;
        if (value instanceof OpaqueValue) return formatGoValue(value.value);
        return '';
      }
      return (
        'map[' +
        sortKeys(Object.keys(value))
          .map((k) => k + ':' + formatGoValue(value[k]!))
          .join(' ') +
        ']'
      );
  }
}
