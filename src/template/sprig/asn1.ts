/**
 * The small part of ASN.1 DER needed to build X.509 certificates and DSA key
 * files, plus a reader for walking existing DER structures.
 */

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

/** A DER element: tag, length, contents. */
export function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Uint8Array.from([tag, ...lengthBytes(body.length)]), body]);
}

/** SEQUENCE of the given elements. */
export const sequence = (...items: Uint8Array[]): Uint8Array => der(TAG.sequence, ...items);
/** SET of the given elements. */
export const set = (...items: Uint8Array[]): Uint8Array => der(TAG.set, ...items);
/** Context-specific constructed tag `[n]` (EXPLICIT). */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => der(0xa0 | n, inner);
/** Context-specific primitive tag `[n]` (IMPLICIT) around raw contents. */
export const implicit = (n: number, contents: Uint8Array): Uint8Array => der(0x80 | n, contents);
/** NULL. */
export const nullValue = (): Uint8Array => Uint8Array.from([TAG.null, 0]);
/** BOOLEAN. */
export const boolean = (v: boolean): Uint8Array => Uint8Array.from([TAG.boolean, 1, v ? 0xff : 0]);
/** OCTET STRING around raw bytes. */
export const octetString = (b: Uint8Array): Uint8Array => der(TAG.octetString, b);

/** A BIT STRING with `unused` padding bits in its last byte. */
export const bitString = (b: Uint8Array, unused = 0): Uint8Array => der(TAG.bitString, Uint8Array.from([unused]), b);

/** Minimal two's-complement INTEGER. */
export function integer(v: bigint): Uint8Array {
  let hex = (v < 0n ? -v : v).toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
  if (v < 0n) {
    // two's complement of the magnitude, sized so the sign bit is set
    let width = bytes.length;
    const mod = (n: number): bigint => 1n << BigInt(8 * n);
    if (-v > mod(width) / 2n) width++;
    const tc = (mod(width) + v).toString(16).padStart(width * 2, '0');
    bytes = Uint8Array.from(Buffer.from(tc, 'hex'));
  } else if (bytes[0]! & 0x80) bytes = Uint8Array.from([0, ...bytes]);
  return der(TAG.integer, bytes);
}

/** An OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    let n = p;
    do {
      chunk.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return der(TAG.oid, Uint8Array.from(out));
}

/** Characters of an ASN.1 PrintableString (Go uses one when every character fits, else UTF8String). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** A Go-style string field: PrintableString when possible, else UTF8String. */
export function goString(s: string): Uint8Array {
  return der(PRINTABLE.test(s) ? TAG.printableString : TAG.utf8String, Buffer.from(s, 'utf8'));
}

/** UTCTime for years 1950–2049, GeneralizedTime otherwise (as Go encodes certificate validity). */
export function time(date: Date): Uint8Array {
  const y = date.getUTCFullYear();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const rest = p2(date.getUTCMonth() + 1) + p2(date.getUTCDate()) + p2(date.getUTCHours()) + p2(date.getUTCMinutes()) + p2(date.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return der(TAG.utcTime, Buffer.from(p2(y % 100) + rest, 'latin1'));
  return der(TAG.generalizedTime, Buffer.from(String(y).padStart(4, '0') + rest, 'latin1'));
}

/** One parsed DER element. */
export interface Element {
  tag: number;
  /** The whole element, header included. */
  raw: Uint8Array;
  /** The contents. */
  body: Uint8Array;
}

/** Reads the element at `offset`; throws on malformed input. */
export function readElement(buf: Uint8Array, offset = 0): { element: Element; next: number } {
  if (offset + 2 > buf.length) throw new Error('asn1: syntax error: data truncated');
  const tag = buf[offset]!;
  let len = buf[offset + 1]!;
  let pos = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || pos + n > buf.length) throw new Error('asn1: syntax error: invalid length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  if (pos + len > buf.length) throw new Error('asn1: syntax error: data truncated');
  return { element: { tag, raw: buf.subarray(offset, pos + len), body: buf.subarray(pos, pos + len) }, next: pos + len };
}

/** The elements inside a constructed element's contents. */
export function children(body: Uint8Array): Element[] {
  const out: Element[] = [];
  let pos = 0;
  while (pos < body.length) {
    const { element, next } = readElement(body, pos);
    out.push(element);
    pos = next;
  }
  return out;
}

/** The value of an INTEGER element. */
export function readInteger(e: Element): bigint {
  if (e.tag !== TAG.integer || e.body.length === 0) throw new Error('asn1: structure error: tags don\'t match');
  let v = BigInt('0x' + Buffer.from(e.body).toString('hex'));
  if (e.body[0]! & 0x80) v -= 1n << BigInt(8 * e.body.length);
  return v;
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function readOid(e: Element): string {
  const b = e.body;
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let n = 0;
  for (let i = 1; i < b.length; i++) {
    n = n * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}
