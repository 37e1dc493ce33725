/**
 * Go literal syntax: string, raw string and character unquoting, and integer
 * and float parsing with Go's prefixes (0x, 0o, 0b, leading-0 octal),
 * underscores and hex floats.
 */

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** Thrown for malformed literals; the message is Go's strconv text. */
export class LiteralSyntaxError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

interface CharResult {
  /** A code point, or a raw byte when `isByte`. */
  value: number;
  isByte: boolean;
  /** Offset just after the character. */
  next: number;
}

/** Go's strconv.UnquoteChar on s starting at i, for a literal delimited by `quote`. */
function unquoteChar(s: string, i: number, quote: number): CharResult {
  const c = s.codePointAt(i);
  if (c === undefined) throw new LiteralSyntaxError();
  if (c === quote && (quote === 0x27 || quote === 0x22)) throw new LiteralSyntaxError();
  if (c !== 0x5c) return { value: c, isByte: false, next: i + (c > 0xffff ? 2 : 1) };
  const e = s.charCodeAt(i + 1);
  if (Number.isNaN(e)) throw new LiteralSyntaxError();
  let j = i + 2;
  switch (e) {
    case 0x61:
      return { value: 0x07, isByte: false, next: j };
    case 0x62:
      return { value: 0x08, isByte: false, next: j };
    case 0x66:
      return { value: 0x0c, isByte: false, next: j };
    case 0x6e:
      return { value: 0x0a, isByte: false, next: j };
    case 0x72:
      return { value: 0x0d, isByte: false, next: j };
    case 0x74:
      return { value: 0x09, isByte: false, next: j };
    case 0x76:
      return { value: 0x0b, isByte: false, next: j };
    case 0x78: // \xhh
    case 0x75: // \uhhhh
    case 0x55: {
      // \Uhhhhhhhh
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      let v = 0;
      for (let k = 0; k < n; k++, j++) {
        const h = hexVal(s.charCodeAt(j));
        if (h < 0) throw new LiteralSyntaxError();
        v = v * 16 + h;
      }
      if (e === 0x78) return { value: v, isByte: true, next: j };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new LiteralSyntaxError();
      return { value: v, isByte: false, next: j };
    }
    case 0x30:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37: {
      let v = e - 0x30;
      for (let k = 0; k < 2; k++, j++) {
        const d = s.charCodeAt(j) - 0x30;
        if (!(d >= 0 && d <= 7)) throw new LiteralSyntaxError();
        v = v * 8 + d;
      }
      if (v > 255) throw new LiteralSyntaxError();
      return { value: v, isByte: true, next: j };
    }
    case 0x5c:
      return { value: 0x5c, isByte: false, next: j };
    case 0x27:
    case 0x22:
      if (e !== quote) throw new LiteralSyntaxError();
      return { value: e, isByte: false, next: j };
    default:
      throw new LiteralSyntaxError();
  }
}

/** Go's strconv.Unquote for "…" and `…` literals. */
export function unquoteString(lit: string): string {
  if (lit.length < 2) throw new LiteralSyntaxError();
  const quote = lit.charCodeAt(0);
  if (quote !== lit.charCodeAt(lit.length - 1)) throw new LiteralSyntaxError();
  const body = lit.slice(1, -1);
  if (quote === 0x60) {
    if (body.includes('`')) throw new LiteralSyntaxError();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (quote !== 0x22) throw new LiteralSyntaxError();
  if (body.includes('\n')) throw new LiteralSyntaxError();
  if (!body.includes('\\') && !body.includes('"')) return body;
  // Escapes may produce raw bytes (\xhh, \ooo): collect UTF-8 bytes, then decode.
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const r = unquoteChar(body, i, quote);
    i = r.next;
    if (r.isByte || r.value < 0x80) bytes.push(r.value);
    else for (const b of utf8Encoder.encode(String.fromCodePoint(r.value))) bytes.push(b);
  }
  return utf8Decoder.decode(new Uint8Array(bytes));
}

/** A character literal `'x'`: its code point, or null when malformed (more than one character). */
export function unquoteCharLiteral(lit: string): number | null {
  const r = unquoteChar(lit, 1, 0x27);
  if (lit.slice(r.next) !== "'") return null;
  return r.value;
}

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'xXbBoO'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseUint(s, 0, 64); null on any error. */
export function parseGoUint(s: string): bigint | null {
  if (s.length === 0) return null;
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    if (s.length >= 3 && (s[1] === 'x' || s[1] === 'X')) {
      base = 16;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === 'o' || s[1] === 'O')) {
      base = 8;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === 'b' || s[1] === 'B')) {
      base = 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  let underscores = false;
  let n = 0n;
  const b = BigInt(base);
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = hexVal(c.charCodeAt(0));
    if (d < 0 || d >= base) return null;
    n = n * b + BigInt(d);
    if (n > UINT64_MAX) return null;
  }
  if (digits.replace(/_/g, '').length === 0 && base !== 8) return null;
  if (underscores && !underscoreOK(s)) return null;
  return n;
}

/** Go's strconv.ParseInt(s, 0, 64); null on any error (syntax or range). */
export function parseGoInt(s: string): bigint | null {
  if (s.length === 0) return null;
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseGoUint(body);
  if (u === null) return null;
  if (neg) {
    if (u > INT64_MAX + 1n) return null;
    return -u;
  }
  if (u > INT64_MAX) return null;
  return u;
}

const decimalFloat = /^[+-]?(?=[\d_]*\.?[\d_]*\d)[\d_]*(\.[\d_]*)?([eE][+-]?[\d_]+)?$/;
const hexFloat = /^([+-]?)0[xX]([\da-fA-F_]*)(?:\.([\da-fA-F_]*))?[pP]([+-]?[\d_]+)$/;

/** Go's strconv.ParseFloat(s, 64); null on a syntax or range error. */
export function parseGoFloat(s: string): number | null {
  if (s.includes('_') && !underscoreOK(s)) return null;
  const clean = s.replace(/_/g, '');
  let v: number;
  if (decimalFloat.test(s)) {
    if (!/\d/.test(clean)) return null;
    v = Number(clean.endsWith('.') ? clean + '0' : clean);
  } else {
    const m = hexFloat.exec(clean);
    if (m === null) return null;
    const intDigits = m[2] ?? '';
    const fracDigits = m[3] ?? '';
    if (intDigits.length + fracDigits.length === 0) return null;
    const mant = BigInt('0x' + (intDigits + fracDigits || '0'));
    const exp = Number(m[4]) - 4 * fracDigits.length;
    v = scaleByPowerOfTwo(mant, exp);
    if (m[1] === '-') v = -v;
  }
  if (!Number.isFinite(v)) return null;
  return v;
}

function scaleByPowerOfTwo(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  // Keep 64 significant bits so that the final rounding happens once.
  const bits = mant.toString(2).length;
  if (bits > 64) {
    const shift = bits - 64;
    const sticky = (mant & ((1n << BigInt(shift)) - 1n)) !== 0n ? 1n : 0n;
    mant = (mant >> BigInt(shift)) | sticky;
    exp += shift;
  }
  let v = Number(mant);
  while (exp > 0) {
    const step = Math.min(exp, 1000);
    v *= 2 ** step;
    exp -= step;
  }
  while (exp < 0) {
    const step = Math.min(-exp, 1000);
    v /= 2 ** step;
    exp += step;
  }
  return v;
}

/** Splits a complex literal `a+bi` into its real and imaginary texts. */
export function splitComplex(text: string): [string, string] | null {
  for (let i = text.length - 2; i > 0; i--) {
    const c = text[i];
    if ((c === '+' || c === '-') && !/[eEpP]/.test(text[i - 1]!)) {
      return [text.slice(0, i), text.slice(i, -1)];
    }
  }
  return null;
}
