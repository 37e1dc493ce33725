/**
 * The `yaml` render (also what `negotiate` serves for text/plain and
 * application/x-yaml), in the style of Go's YAML encoders: map keys sorted,
 * two-space indentation for nested maps, list items at the indentation of
 * their key, `{}` / `[]` for empty collections, numbers with their JSON
 * text, strings plain unless they would read as another type or break the
 * syntax (then double-quoted), multi-line strings as literal blocks. Nil
 * data (and a missing response) renders as `{}`.
 */

import { BoxedLeaf, JsonNumber, OpaqueValue, isObject } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { formatNumber } from './json-encode.ts';
import { sortKeys } from './utf8.ts';

/** The YAML document for a response (with a trailing newline). */
export function renderYaml(data: Data | null): string {
  if (data === null || Object.keys(data).length === 0) return '{}\n';
  return mapping(data, '');
}

function unwrap(value: JsonValue): JsonValue {
  return value instanceof OpaqueValue ? value.value : value;
}

function mapping(map: Data, indent: string): string {
  let out = '';
  for (const key of sortKeys(Object.keys(map))) {
    out += indent + quoteIfNeeded(key) + ':' + afterKey(unwrap(map[key]!), indent);
  }
  return out;
}

function afterKey(value: JsonValue, indent: string): string {
  if (isObject(value)) return Object.keys(value).length === 0 ? ' {}\n' : '\n' + mapping(value, indent + '  ');
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : '\n' + sequence(value, indent);
  return ' ' + scalar(value, indent + '  ') + '\n';
}

function sequence(items: JsonValue[], indent: string): string {
  let out = '';
  for (const raw of items) {
    const item = unwrap(raw);
    if (isObject(item) && Object.keys(item).length > 0) {
      // the first key shares the dash's line, the others align under it
      const body = mapping(item, indent + '  ');
      out += indent + '- ' + body.slice(indent.length + 2);
    } else if (Array.isArray(item) && item.length > 0) {
      const body = sequence(item, indent + '  ');
      out += indent + '- ' + body.slice(indent.length + 2);
    } else if (isObject(item)) out += indent + '- {}\n';
    else if (Array.isArray(item)) out += indent + '- []\n';
    else out += indent + '- ' + scalar(item, indent + '  ') + '\n';
  }
  return out;
}

function scalar(value: JsonValue, blockIndent: string): string {
  switch (typeof value) {
    case 'string':
      return stringScalar(value, blockIndent);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return formatNumber(value);
    default:
      if (value === null) return 'null';
      if (value instanceof JsonNumber) return value.text;
      if (value instanceof BoxedLeaf) return 'null';
      return 'null';
  }
}

function stringScalar(s: string, blockIndent: string): string {
  if (s.includes('\n') && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s) && !/^\s|[ \t]\n/.test(s)) {
    const trailing = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = trailing === '-' ? s : s.replace(/\n+$/, (m) => (trailing === '+' ? m.slice(1) : ''));
    const lines = body.split('\n').map((line) => (line === '' ? '' : blockIndent + line));
    return '|' + trailing + '\n' + lines.join('\n');
  }
  return quoteIfNeeded(s);
}

const RESERVED = new Set([
  'null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N',
  '.inf', '.Inf', '.INF', '-.inf', '-.Inf', '-.INF', '+.inf', '.nan', '.NaN', '.NAN', '<<', '=',
]);

const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d+(?::[0-5]?\d)+(?:\.\d*)?)$/;

function quoteIfNeeded(s: string): string {
  if (!needsQuotes(s)) return s;
  return '"' + s.replace(/[\\"\u0000-\u001f\u007f\u0085\u2028\u2029]/g, quoteChar) + '"';
}

function quoteChar(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    default: {
      const code = c.charCodeAt(0);
      return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
    }
  }
}

function needsQuotes(s: string): boolean {
  if (s === '' || RESERVED.has(s) || NUMBER_LIKE.test(s)) return true;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) return true;
  if (/^-$/.test(s) || /^(?:---|\.\.\.)/.test(s)) return true;
  if (/\s$/.test(s) || /: |:$| #|[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(s)) return true;
  return false;
}
