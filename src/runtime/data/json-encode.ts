/**
 * JSON output byte-for-byte as Go's encoding/json prints the same value:
 * map keys sorted in byte order, no spaces, `<` `>` `&` written as
 * \u003c \u003e \u0026, U+2028/U+2029 escaped, \b \f \n \r \t short escapes,
 * other control characters as \u00XX, numbers with their original text,
 * and bytes that are not UTF-8 (escaped by `bytesToText`) as \ufffd.
 */

import { BoxedLeaf, JsonNumber, OpaqueValue } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { sortKeys } from './utf8.ts';

const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
const HAS_SURROGATE = /[\ud800-\udfff]/;
const HTML_OR_SEPARATOR = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Encodes a value as Go's json.Marshal does for the same `interface{}` tree. */
export function encodeJson(value: JsonValue | undefined): string {
  try {
    return encodeValue(value);
  } catch (error) {
    // nesting deeper than the call stack allows: same output, without recursion
    if (error instanceof RangeError && !String(error.message).startsWith('json:')) return encodeIteratively(value);
    throw error;
  }
}

/** Encodes a string as a JSON string literal, Go style. */
export function encodeJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  if (!HAS_SURROGATE.test(s)) {
    const quoted = JSON.stringify(s);
    HTML_OR_SEPARATOR.lastIndex = 0;
    return HTML_OR_SEPARATOR.test(quoted) ? quoted.replace(HTML_OR_SEPARATOR, (c) => HTML_ESCAPES[c]!) : quoted;
  }
  return escapeWithSurrogates(s);
}

function escapeWithSurrogates(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let replacement: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      replacement = c >= 0xdc80 && c <= 0xdcff ? '\\ufffd' : '\ufffd';
    } else if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      replacement = escapeUnit(c);
    }
    if (replacement !== undefined) {
      out += s.slice(start, i) + replacement;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

function escapeUnit(c: number): string {
  switch (c) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    default:
      return '\\u' + c.toString(16).padStart(4, '0');
  }
}

/** Go's text for a float64 or an exact JSON number held as a JavaScript number. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  return n === 0 && 1 / n < 0 ? '-0' : String(n);
}

function encodeValue(value: JsonValue | undefined): string {
  switch (typeof value) {
    case 'string':
      return encodeJsonString(value);
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return encodeArray(value);
      if (value instanceof BoxedLeaf) return encodeLeaf(value);
      return encodeObject(value);
    default:
      return 'null';
  }
}

function encodeLeaf(value: BoxedLeaf): string {
  if (value instanceof JsonNumber) return value.text;
  if (value instanceof OpaqueValue) return value.json;
  return 'null';
}

function encodeArray(items: JsonValue[]): string {
  const n = items.length;
  if (n === 0) return '[]';
  let out = '[' + encodeValue(items[0]);
  for (let i = 1; i < n; i++) out += ',' + encodeValue(items[i]);
  return out + ']';
}

/**
 * Objects decoded from the same backend share their key lists, so the sorted
 * order and the encoded keys are computed once per key list: a plan is
 * [key, '"key":', key, '"key":', …] in output order. The cache is bounded.
 */
const PLAN_CACHE_LIMIT = 2000;
const plans = new Map<string, string[]>();

function planFor(keys: string[]): string[] {
  const signature = keys.join('\u0000');
  let plan = plans.get(signature);
  if (plan === undefined) {
    const sorted = sortKeys(keys.slice());
    plan = [];
    for (let i = 0; i < sorted.length; i++) plan.push(sorted[i]!, encodeJsonString(sorted[i]!) + ':');
    if (plans.size < PLAN_CACHE_LIMIT) plans.set(signature, plan);
  }
  return plan;
}

function encodeObject(object: Data): string {
  const keys = Object.keys(object);
  const n = keys.length;
  if (n === 0) return '{}';
  if (n === 1) return '{' + encodeJsonString(keys[0]!) + ':' + encodeValue(object[keys[0]!]) + '}';
  const plan = planFor(keys);
  let out = '{' + plan[1]! + encodeValue(object[plan[0]!]);
  for (let i = 2; i < plan.length; i += 2) out += ',' + plan[i + 1]! + encodeValue(object[plan[i]!]);
  return out + '}';
}

type EncodeFrame =
  | { array: JsonValue[]; index: number }
  | { object: Data; keys: string[]; index: number };

function encodeIteratively(root: JsonValue | undefined): string {
  let out = '';
  const stack: EncodeFrame[] = [];
  let value: JsonValue | undefined = root;
  for (;;) {
    // open or write the current value
    if (typeof value === 'object' && value !== null && !(value instanceof BoxedLeaf)) {
      if (Array.isArray(value)) {
        if (value.length === 0) out += '[]';
        else {
          out += '[';
          stack.push({ array: value, index: 0 });
        }
      } else {
        const keys = Object.keys(value);
        if (keys.length === 0) out += '{}';
        else {
          sortKeys(keys);
          out += '{';
          stack.push({ object: value, keys, index: 0 });
        }
      }
    } else out += encodeValue(value);
    // find the next value to write, closing finished containers
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) return out;
      if ('array' in frame) {
        if (frame.index < frame.array.length) {
          if (frame.index > 0) out += ',';
          value = frame.array[frame.index++];
          break;
        }
        out += ']';
      } else {
        if (frame.index < frame.keys.length) {
          const key = frame.keys[frame.index++]!;
          out += (frame.index > 1 ? ',' : '') + encodeJsonString(key) + ':';
          value = frame.object[key];
          break;
        }
        out += '}';
      }
      stack.pop();
    }
  }
}
