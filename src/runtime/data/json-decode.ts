/**
 * JSON decoding with Go's encoding/json semantics (a json.Decoder with
 * UseNumber reading the first value of the body):
 * - numbers keep their exact text (a plain number when it round-trips, else
 *   a JsonNumber);
 * - anything after the first value is ignored;
 * - invalid UTF-8 and unpaired \u surrogate escapes inside strings become
 *   U+FFFD;
 * - failures throw an Error whose message is Go's (`EOF`, `unexpected EOF`,
 *   `invalid character 'x' looking for beginning of value`, …).
 *
 * The common case takes JSON.parse: it is used when the text cannot hold a
 * number that would lose its text, a surrogate escape or invalid UTF-8, and
 * when it parses without error; everything else goes through the exact
 * parser below.
 */

import { JsonNumber, setKey } from './types.ts';
import type { Data, JsonValue } from './types.ts';
import { decodeUtf8, firstByteAt } from './utf8.ts';

/** Nesting limit of Go's scanner. */
const MAX_DEPTH = 10000;

/**
 * Text that may hold a number whose JavaScript value would print differently
 * (trailing fraction zeros, exponents, 16+ significant digits, tiny
 * fractions) or a surrogate escape. False positives only cost speed.
 */
const NEEDS_EXACT_PARSER = /[:,[]\s*-?\d(?:[\d.]{15}|[\d.]*(?:\.\d*0(?![\d.])|[eE])|\.00000)|\\u[dD][89a-fA-F]/;

/** Parses the first JSON value of `text` (Go's Decoder.Decode into an `interface{}`). */
export function parseJson(text: string, exactOnly = false): JsonValue {
  if (!exactOnly && canUseNativeParser(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // fall through: the exact parser reports Go's error or handles trailing text
    }
  }
  return new ExactParser(text).parseDocument();
}

function canUseNativeParser(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  const first = text.charCodeAt(i);
  // a top-level number keeps its text only through the exact parser
  if (first === 0x2d || (first >= 0x30 && first <= 0x39)) return false;
  if (text.length > 2 * MAX_DEPTH && maxDepth(text) > MAX_DEPTH) return false;
  return !NEEDS_EXACT_PARSER.test(text);
}

function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Go's name for the JSON type of a decoded value (as in its type-mismatch errors). */
function jsonTypeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'number';
    default:
      return value instanceof JsonNumber ? 'number' : 'object';
  }
}

function bodyText(body: Uint8Array): { text: string; exactOnly: boolean } {
  const { text, valid } = decodeUtf8(body);
  return { text, exactOnly: !valid };
}

/** The `json` decoder: the body must hold an object (or null → null data). */
export function decodeJson(body: Uint8Array): Data | null {
  const { text, exactOnly } = bodyText(body);
  const value = parseJson(text, exactOnly);
  if (value === null) return null;
  const type = jsonTypeName(value);
  if (type !== 'object') throw new Error(`json: cannot unmarshal ${type} into Go value of type map[string]interface {}`);
  return value as Data;
}

/** The `json` decoder with `is_collection`: the body must hold an array, returned as `{collection: [...]}`. */
export function decodeJsonCollection(body: Uint8Array): Data {
  const { text, exactOnly } = bodyText(body);
  const value = parseJson(text, exactOnly);
  if (value !== null && !Array.isArray(value)) {
    throw new Error(`json: cannot unmarshal ${jsonTypeName(value)} into Go value of type []interface {}`);
  }
  return { collection: value };
}

/** The `safejson` decoder: objects as they are, arrays under `collection`, anything else under `content`. */
export function decodeSafeJson(body: Uint8Array): Data {
  const { text, exactOnly } = bodyText(body);
  const value = parseJson(text, exactOnly);
  if (Array.isArray(value)) return { collection: value };
  if (jsonTypeName(value) === 'object') return value as Data;
  return { content: value };
}

/** Go's quoting of a byte in scanner errors (`'x'`, `'\n'`, `'\x01'`, `'Ã'`). */
export function quoteByte(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return `'"'`;
  if (b === 0x5c) return "'\\\\'";
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
  if (named[b] !== undefined) return `'${named[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  if (b < 0x7f) return `'${String.fromCharCode(b)}'`;
  if (b < 0xa0 || b === 0xad) return `'\\u${b.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(b)}'`;
}

/** An open container: an object waiting for the value of `key`, or an array. */
interface Frame {
  isArray: boolean;
  object: Data;
  key: string;
  array: JsonValue[];
}

const NO_OBJECT: Data = {};
const NO_ARRAY: JsonValue[] = [];

/** A string body that needs the careful path: escapes, control characters, surrogates (pairs or escaped bytes). */
const STRING_NEEDS_CARE = /[\\\u0000-\u001f\ud800-\udfff]/;

const WS = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** A parser that follows Go's scanner state by state, for exact numbers and exact errors. */
class ExactParser {
  private pos = 0;
  private readonly stack: Frame[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new Error('EOF');
    let value = this.parseValue();
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return value;
      if (frame.isArray) {
        frame.array.push(value);
        this.skipSpace();
        const c = this.next();
        if (c === 0x2c) {
          this.skipSpace();
          value = this.parseValue();
        } else if (c === 0x5d) {
          this.stack.pop();
          value = frame.array;
        } else this.fail(this.pos - 1, 'after array element');
      } else {
        if (frame.key === '__proto__') setKey(frame.object, frame.key, value);
        else frame.object[frame.key] = value;
        this.skipSpace();
        const c = this.next();
        if (c === 0x2c) {
          this.skipSpace();
          frame.key = this.parseKey();
          value = this.parseValue();
        } else if (c === 0x7d) {
          this.stack.pop();
          value = frame.object;
        } else this.fail(this.pos - 1, 'after object key:value pair');
      }
    }
  }

  /** Parses a scalar, or opens containers down to their first member (returning a completed value either way). */
  private parseValue(): JsonValue {
    for (;;) {
      const start = this.pos;
      const c = this.next();
      switch (c) {
        case 0x7b: {
          this.checkDepth(start);
          this.skipSpace();
          if (this.peek() === 0x7d) {
            this.pos++;
            return {};
          }
          const frame: Frame = { isArray: false, object: {}, key: '', array: NO_ARRAY };
          this.stack.push(frame);
          frame.key = this.parseKeyAfterBrace();
          continue;
        }
        case 0x5b: {
          this.checkDepth(start);
          this.skipSpace();
          if (this.peek() === 0x5d) {
            this.pos++;
            return [];
          }
          this.stack.push({ isArray: true, object: NO_OBJECT, key: '', array: [] });
          continue;
        }
        case 0x22:
          return this.parseStringBody();
        case 0x74:
          return this.literal('true', true);
        case 0x66:
          return this.literal('false', false);
        case 0x6e:
          return this.literal('null', null);
        default:
          if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber(start);
          return this.fail(start, 'looking for beginning of value');
      }
    }
  }

  private checkDepth(at: number): void {
    if (this.stack.length >= MAX_DEPTH) this.fail(at, 'exceeded max depth');
  }

  private parseKeyAfterBrace(): string {
    if (this.peek() !== 0x22) {
      if (this.pos >= this.text.length) throw new Error('unexpected EOF');
      this.fail(this.pos, 'looking for beginning of object key string');
    }
    return this.parseKey();
  }

  private parseKey(): string {
    const c = this.next();
    if (c !== 0x22) this.fail(this.pos - 1, 'looking for beginning of object key string');
    const key = this.parseStringBody();
    this.skipSpace();
    const colon = this.next();
    if (colon !== 0x3a) this.fail(this.pos - 1, 'after object key');
    this.skipSpace();
    return key;
  }

  private parseStringBody(): string {
    const text = this.text;
    // common case: no escape, control character or lone surrogate before the closing quote
    const close = text.indexOf('"', this.pos);
    if (close >= 0) {
      const raw = text.slice(this.pos, close);
      if (!STRING_NEEDS_CARE.test(raw)) {
        this.pos = close + 1;
        return raw;
      }
    }
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= text.length) throw new Error('unexpected EOF');
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += text.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail(this.pos, 'in string literal');
      if (c === 0x5c) {
        out += text.slice(start, this.pos);
        out += this.parseEscape();
        start = this.pos;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        // a surrogate pair is a character; a lone escaped byte is invalid UTF-8
        const next = text.charCodeAt(this.pos + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          this.pos += 2;
          continue;
        }
        out += text.slice(start, this.pos) + '\ufffd';
        this.pos++;
        start = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private parseEscape(): string {
    this.pos++; // the backslash
    if (this.pos >= this.text.length) throw new Error('unexpected EOF');
    const c = this.text.charCodeAt(this.pos++);
    switch (c) {
      case 0x22:
        return '"';
      case 0x5c:
        return '\\';
      case 0x2f:
        return '/';
      case 0x62:
        return '\b';
      case 0x66:
        return '\f';
      case 0x6e:
        return '\n';
      case 0x72:
        return '\r';
      case 0x74:
        return '\t';
      case 0x75: {
        const unit = this.hex4();
        if (unit >= 0xd800 && unit <= 0xdbff) {
          // a pair only when a low surrogate escape follows immediately
          const t = this.text;
          if (t.charCodeAt(this.pos) === 0x5c && t.charCodeAt(this.pos + 1) === 0x75) {
            const low = hexValue(t, this.pos + 2);
            if (low >= 0xdc00 && low <= 0xdfff) {
              this.pos += 6;
              return String.fromCharCode(unit, low);
            }
          }
          return '\ufffd';
        }
        if (unit >= 0xdc00 && unit <= 0xdfff) return '\ufffd';
        return String.fromCharCode(unit);
      }
      default:
        return this.fail(this.pos - 1, 'in string escape code');
    }
  }

  private hex4(): number {
    for (let k = 0; k < 4; k++) {
      if (this.pos + k >= this.text.length) throw new Error('unexpected EOF');
      if (hexDigit(this.text.charCodeAt(this.pos + k)) < 0) this.fail(this.pos + k, 'in \\u hexadecimal character escape');
    }
    const value = hexValue(this.text, this.pos);
    this.pos += 4;
    return value;
  }

  private parseNumber(start: number): JsonValue {
    const text = this.text;
    let i = start;
    const negative = text.charCodeAt(i) === 0x2d;
    if (negative) {
      i++;
      if (i >= text.length) throw new Error('unexpected EOF');
      const d = text.charCodeAt(i);
      if (d < 0x30 || d > 0x39) this.fail(i, 'in numeric literal');
    }
    const intStart = i;
    if (text.charCodeAt(i) === 0x30) i++;
    else while (isDigit(text.charCodeAt(i))) i++;
    const intDigits = i - intStart;
    let fracDigits = 0;
    let fracLeadingZeros = 0;
    let lastDigitZero = false;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (i >= text.length) throw new Error('unexpected EOF');
      if (!isDigit(text.charCodeAt(i))) this.fail(i, 'after decimal point in numeric literal');
      const fracStart = i;
      while (isDigit(text.charCodeAt(i))) i++;
      fracDigits = i - fracStart;
      while (fracLeadingZeros < fracDigits && text.charCodeAt(fracStart + fracLeadingZeros) === 0x30) fracLeadingZeros++;
      lastDigitZero = text.charCodeAt(i - 1) === 0x30;
    }
    let exponent = false;
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      exponent = true;
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (i >= text.length) throw new Error('unexpected EOF');
      if (!isDigit(text.charCodeAt(i))) this.fail(i, 'in exponent of numeric literal');
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.pos = i;
    const token = text.slice(start, i);
    if (!exponent) {
      // decimals of up to 15 significant digits, no trailing fraction zero and not tiny print back as written
      const zeroInt = intDigits === 1 && text.charCodeAt(intStart) === 0x30;
      const significant = zeroInt ? fracDigits - fracLeadingZeros : intDigits + fracDigits;
      if (fracDigits === 0) {
        if (intDigits <= 15 && !(zeroInt && negative)) return Number(token);
      } else if (!lastDigitZero && significant <= 15 && !(zeroInt && fracLeadingZeros >= 6)) {
        return Number(token);
      }
    }
    return numberFromText(token);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    for (let k = 1; k < word.length; k++) {
      if (this.pos >= this.text.length) throw new Error('unexpected EOF');
      if (this.text.charCodeAt(this.pos) !== word.charCodeAt(k)) {
        this.fail(this.pos, `in literal ${word} (expecting '${word[k]}')`);
      }
      this.pos++;
    }
    return value;
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length && WS(text.charCodeAt(this.pos))) this.pos++;
  }

  private peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** The next code unit; running out of input mid-value is Go's `unexpected EOF`. */
  private next(): number {
    if (this.pos >= this.text.length) throw new Error('unexpected EOF');
    return this.text.charCodeAt(this.pos++);
  }

  private fail(at: number, context: string): never {
    throw new Error(`invalid character ${quoteByte(firstByteAt(this.text, at))} ${context}`);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function hexValue(text: string, at: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const d = hexDigit(text.charCodeAt(at + k));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** A number as a plain JavaScript number when it prints back to the same text, else a JsonNumber. */
export function numberFromText(text: string): number | JsonNumber {
  const n = Number(text);
  // short plain integers always print back the same (except -0)
  if (text.length < 16 && Number.isInteger(n) && n !== 0 && !/[.eE]/.test(text)) return n;
  return String(n) === text ? n : new JsonNumber(text);
}
