/**
 * Go's encoding/json for template values: the encoder behind `toJson`,
 * `toPrettyJson`, `toRawJson` and KrakenD's `marshal` (sorted keys, HTML
 * escaping, Go's float formatting), and the decoder behind `fromJson`
 * (numbers are float64; errors carry Go's messages).
 */

import { GoComplex, GoInt, isGoValue } from '../go/values.ts';
import { goQuote } from '../go/print.ts';
import { compareStrings, utf8Bytes } from './bytes.ts';
import { isDict, newMap } from './kinds.ts';

/** Values that encode themselves (Go types with a MarshalJSON method, or structs). */
export interface JSONMarshaler {
  /** The JSON text of this value, or throws an Error with the Go message. */
  marshalGoJSON(): string;
}

const isMarshaler = (v: unknown): v is JSONMarshaler =>
  typeof v === 'object' && v !== null && typeof (v as Partial<JSONMarshaler>).marshalGoJSON === 'function';

/** An encoding or decoding failure, with Go's message. */
export class JSONError extends Error {
  override name = 'JSONError';
}

/** How to encode: json.Marshal escapes HTML characters; an indent unit gives MarshalIndent output. */
export interface EncodeOptions {
  /** Escape `<`, `>`, `&` as \u003c, \u003e, \u0026 (json.Marshal does; toRawJson does not). */
  escapeHTML: boolean;
  /** Indentation unit for pretty output (json.MarshalIndent); none for compact output. */
  indent?: string;
}

const HEX = '0123456789abcdef';

/** A JSON string literal as Go writes it. */
export function encodeString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c < 0x7f && !(escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) {
      out += s[i];
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case 0x22:
          out += '\\"';
          continue;
        case 0x5c:
          out += '\\\\';
          continue;
        case 0x08:
          out += '\\b';
          continue;
        case 0x0c:
          out += '\\f';
          continue;
        case 0x0a:
          out += '\\n';
          continue;
        case 0x0d:
          out += '\\r';
          continue;
        case 0x09:
          out += '\\t';
          continue;
        case 0x7f:
          out += s[i];
          continue;
      }
      out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += '\\u202' + HEX[c & 0xf];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** A float64 as Go's JSON encoder prints it (ES6 number formatting; `-0` kept). */
export function encodeFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JSONError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (Object.is(f, -0)) return '-0';
  return String(f);
}

/** Encodes a template value as Go's json.Marshal / MarshalIndent would. Throws JSONError. */
export function encodeJSON(v: unknown, options: EncodeOptions): string {
  const parts: string[] = [];
  write(v, options, parts, '\n', new Set());
  return parts.join('');
}

function write(v: unknown, opts: EncodeOptions, out: string[], newline: string, seen: Set<object>): void {
  if (v === null || v === undefined) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'string':
      out.push(encodeString(v, opts.escapeHTML));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'number':
      out.push(encodeFloat(v));
      return;
    case 'bigint':
      out.push(v.toString());
      return;
    case 'function':
      throw new JSONError('json: unsupported type: func()');
  }
  if (v instanceof GoInt) {
    out.push(v.value.toString());
    return;
  }
  if (v instanceof GoComplex) throw new JSONError('json: unsupported type: complex128');
  if (v instanceof Uint8Array) {
    out.push('"' + Buffer.from(v).toString('base64') + '"');
    return;
  }
  if (isMarshaler(v)) {
    const text = v.marshalGoJSON();
    out.push(opts.indent !== undefined ? reindent(text, opts.indent, newline) : text);
    return;
  }
  const obj = v as object;
  if (seen.has(obj)) throw new JSONError('json: unsupported value: encountered a cycle');
  seen.add(obj);
  const inner = newline + (opts.indent ?? '');
  if (Array.isArray(v)) {
    if (v.length === 0) out.push('[]');
    else {
      out.push('[');
      v.forEach((x, i) => {
        if (i > 0) out.push(',');
        if (opts.indent !== undefined) out.push(inner);
        write(x, opts, out, inner, seen);
      });
      if (opts.indent !== undefined) out.push(newline);
      out.push(']');
    }
  } else if (isDict(v) || !isGoValue(v)) {
    const m = v as Record<string, unknown>;
    const keys = Object.keys(m).sort(compareStrings);
    if (keys.length === 0) out.push('{}');
    else {
      out.push('{');
      keys.forEach((k, i) => {
        if (i > 0) out.push(',');
        if (opts.indent !== undefined) out.push(inner);
        out.push(encodeString(k, opts.escapeHTML), opts.indent !== undefined ? ': ' : ':');
        write(m[k], opts, out, inner, seen);
      });
      if (opts.indent !== undefined) out.push(newline);
      out.push('}');
    }
  } else out.push('{}');
  seen.delete(obj);
}

/** Indents compact JSON produced by a MarshalJSON method, as json.MarshalIndent does. */
function reindent(text: string, indent: string, newline: string): string {
  if (!/^[[{]/.test(text)) return text;
  let out = '';
  let depth = 0;
  let inString = false;
  const nl = (d: number): string => newline + indent.repeat(d);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (text[i + 1] === close) {
        out += c + close;
        i++;
      } else out += c + nl(++depth);
    } else if (c === '}' || c === ']') out += nl(--depth) + c;
    else if (c === ',') out += ',' + nl(depth);
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

/** Go's rendering of a byte in a syntax error: `'x'`. */
function quoteChar(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  // The scanner reports the first UTF-8 byte of the character, widened to a rune.
  const byte = c < 0x80 ? c : utf8Bytes(String.fromCodePoint(text.codePointAt(i)!))[0]!;
  const q = goQuote(String.fromCharCode(byte));
  return "'" + q.slice(1, -1) + "'";
}

const isSpaceJSON = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

class Decoder {
  private pos = 0;
  /** The first conversion error; Go keeps decoding and reports it at the end. */
  typeError: JSONError | undefined;
  constructor(private readonly text: string) {}

  decode(): unknown {
    const v = this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('after top-level value');
    return v;
  }

  private eof(): never {
    throw new JSONError('unexpected end of JSON input');
  }

  /**
   * A syntax error at the current character. At the end of the input Go's
   * scanner feeds one more space: inside a number or a literal that space is
   * the offending character; elsewhere the input simply ended too soon.
   */
  private fail(context: string): never {
    if (this.pos >= this.text.length) {
      if (/numeric literal|in literal/.test(context)) throw new JSONError(`invalid character ' ' ${context}`);
      this.eof();
    }
    throw new JSONError(`invalid character ${quoteChar(this.text, this.pos)} ${context}`);
  }

  private skipSpace(): void {
    while (isSpaceJSON(this.text[this.pos])) this.pos++;
  }

  private value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) this.eof();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, value: unknown): unknown {
    this.pos++;
    for (let i = 1; i < word.length; i++) {
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
      this.pos++;
    }
    return value;
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out = newMap();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      out[key] = this.value();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return out;
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.eof();
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c < ' ') this.fail('in string literal');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      this.pos++;
      const e = this.text[this.pos];
      if (e === undefined) this.eof();
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) {
        out += simple[e];
        this.pos++;
        continue;
      }
      if (e !== 'u') this.fail('in string escape code');
      this.pos++;
      let code = this.hex4();
      if (code >= 0xd800 && code <= 0xdbff && this.text.startsWith('\\u', this.pos)) {
        const save = this.pos;
        this.pos += 2;
        const low = this.hex4();
        if (low >= 0xdc00 && low <= 0xdfff) code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        else this.pos = save;
      }
      out += code >= 0xd800 && code <= 0xdfff ? '\ufffd' : String.fromCodePoint(code);
    }
  }

  private hex4(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.text[this.pos];
      if (c === undefined) this.eof();
      if (!/^[0-9a-fA-F]$/.test(c)) this.fail('in \\u hexadecimal character escape');
      v = v * 16 + Number.parseInt(c, 16);
      this.pos++;
    }
    return v;
  }

  private number(): number | null {
    const start = this.pos;
    const digit = (): boolean => {
      const c = this.text[this.pos];
      return c !== undefined && c >= '0' && c <= '9';
    };
    if (this.text[this.pos] === '-') {
      this.pos++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.text[this.pos] === '0') this.pos++;
    else while (digit()) this.pos++;
    if (this.text[this.pos] === '.') {
      this.pos++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.pos++;
    }
    const e = this.text[this.pos];
    if (e === 'e' || e === 'E') {
      this.pos++;
      const s = this.text[this.pos];
      if (s === '+' || s === '-') this.pos++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.pos++;
    }
    const literal = this.text.slice(start, this.pos);
    const value = Number(literal);
    if (!Number.isFinite(value)) {
      this.typeError ??= new JSONError(`json: cannot unmarshal number ${literal} into Go value of type float64`);
      return null;
    }
    return value;
  }
}

/** The decoded value and Go's error, if any. */
export interface DecodeResult {
  value: unknown;
  /** Go's error: a syntax error (value is nil) or a conversion error (value decoded without the offending number). */
  error?: JSONError;
}

/** Decodes JSON text into template values (objects → maps, numbers → float64), as json.Unmarshal into interface{}. */
export function decodeJSON(text: string): DecodeResult {
  const decoder = new Decoder(text);
  try {
    const value = decoder.decode();
    return decoder.typeError ? { value, error: decoder.typeError } : { value };
  } catch (e) {
    if (e instanceof JSONError) return { value: null, error: e };
    throw e;
  }
}
