/**
 * The XML renders.
 *
 * `renderXml` is the `xml` output encoding (KrakenD CE's xml render): a map
 * with a single key becomes that element (unless the key holds a list with
 * a non-map element), anything else is wrapped in `<doc>`; `-name` keys are
 * attributes (sorted), `#text` is the element's text, other keys are child
 * elements in sorted order, a list repeats its element, empty values and
 * attribute-only elements self-close; text and attribute values are escaped
 * (& < > " '). A value that cannot be an attribute (a map, list or null
 * under a `-name` key) makes the whole render fail: the body is then empty.
 *
 * `renderNegotiatedXml` is what `negotiate` serves for application/xml:
 * Go's encoding/xml applied to the response's `content` value only.
 */

import { BoxedLeaf, JsonNumber, OpaqueValue, isObject } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { formatGoValue } from './go-format.ts';
import { sortKeys } from './utf8.ts';

class RenderError extends Error {}

/** The `xml` output encoding's body (empty when the data cannot be rendered). */
export function renderXml(data: Data | null): string {
  const map: Data = data ?? {};
  const keys = Object.keys(map);
  try {
    if (keys.length === 1) {
      const key = keys[0]!;
      const value = map[key]!;
      if (Array.isArray(value) && value.some((item) => !isObject(item))) return element('doc', map);
      return element(key, value);
    }
    return element('doc', map);
  } catch (error) {
    if (error instanceof RenderError) return '';
    throw error;
  }
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_XML_ESCAPE = /[&<>"']/g;

function escapeXml(s: string): string {
  NEEDS_XML_ESCAPE.lastIndex = 0;
  return NEEDS_XML_ESCAPE.test(s) ? s.replace(NEEDS_XML_ESCAPE, (c) => XML_ESCAPES[c]!) : s;
}

/** Go's type name of a value, as printed in the attribute error. */
function goTypeName(value: JsonValue): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  if (isObject(value)) return 'map[string]interface {}';
  return typeof value;
}

function scalarText(value: JsonValue): string | undefined {
  switch (typeof value) {
    case 'string':
      return escapeXml(value);
    case 'number':
    case 'boolean':
      return formatGoValue(value);
    default:
      if (value instanceof JsonNumber) return value.text;
      return undefined;
  }
}

function element(key: string, input: JsonValue): string {
  const value = input instanceof OpaqueValue ? input.value : input;
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${key}/>`;
    let out = '';
    for (const item of value) out += element(key, item);
    return out;
  }
  if (value === null) return `<${key}/>`;
  if (isObject(value)) return mapElement(key, value);
  if (typeof value === 'string') return value === '' ? `<${key}/>` : `<${key}>${escapeXml(value)}</${key}>`;
  if (value instanceof BoxedLeaf && !(value instanceof JsonNumber)) return `<${key}/>`;
  return `<${key}>${scalarText(value)}</${key}>`;
}

function mapElement(key: string, map: Data): string {
  const keys = Object.keys(map);
  const attributes: Array<[string, string]> = [];
  const children: string[] = [];
  let hasText = false;
  for (const k of keys) {
    if (k.length > 1 && k.charCodeAt(0) === 0x2d) {
      const v = map[k]!;
      const text = scalarText(v);
      if (text === undefined) throw new RenderError(`invalid attribute value for: ${k}:<${goTypeName(v)}>`);
      attributes.push([k.slice(1), text]);
    } else if (k === '#text') hasText = true;
    else children.push(k);
  }
  let out = '<' + key;
  if (attributes.length > 0) {
    attributes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [name, text] of attributes) out += ` ${name}="${text}"`;
  }
  if (attributes.length === keys.length) return out + '/>';
  if (hasText) out += '>' + textValue(map['#text']!);
  else out += '>';
  if (hasText && children.length === 0) return out + `</${key}>`;
  for (const child of sortKeys(children)) out += element(child, map[child]!);
  return out + `</${key}>`;
}

function textValue(value: JsonValue): string {
  if (typeof value === 'string') return escapeXml(value);
  if (value instanceof OpaqueValue) return formatGoValue(value.value);
  return formatGoValue(value);
}

/** Body of the negotiated XML render: Go's encoding/xml of `data.content` (empty when absent or not encodable). */
export function renderNegotiatedXml(data: Data | null): string {
  if (data === null || !Object.hasOwn(data, 'content')) return '';
  try {
    return goXml(data.content!);
  } catch (error) {
    if (error instanceof RenderError) return '';
    throw error;
  }
}

function goXml(value: JsonValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(goXml).join('');
  switch (typeof value) {
    case 'string':
      return `<string>${escapeGoXmlText(value)}</string>`;
    case 'boolean':
      return `<bool>${value}</bool>`;
    case 'number':
      return `<Number>${formatGoValue(value)}</Number>`;
    default:
      if (value instanceof JsonNumber) return `<Number>${value.text}</Number>`;
      throw new RenderError(`xml: unsupported type: ${goTypeName(value)}`);
  }
}

const GO_XML_ESCAPES: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/** Go's xml.EscapeText (with newlines escaped); characters outside XML's range become U+FFFD. */
function escapeGoXmlText(s: string): string {
  return s.replace(/["'&<>\t\n\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => GO_XML_ESCAPES[c] ?? '\ufffd');
}
