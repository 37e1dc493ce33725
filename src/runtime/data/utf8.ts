/**
 * Bytes ↔ text the way Go sees them. Go strings are byte strings: a body that
 * is not valid UTF-8 keeps its bytes, and each invalid byte counts as one
 * replacement character. To keep those bytes through a JavaScript string,
 * each invalid byte is decoded to a lone low surrogate U+DC80+byte (no valid
 * UTF-8 decodes to a lone surrogate), and `textToBytes` turns them back.
 */

import { Buffer, isUtf8 } from 'node:buffer';

const REPLACEMENT = '\uFFFD';

/** A Buffer view of any byte array (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes `bytes` as UTF-8; invalid bytes become U+DC80+byte. */
export function bytesToText(bytes: Uint8Array): string {
  return decodeUtf8(bytes).text;
}

/** Decodes `bytes` as UTF-8 and tells whether they were valid UTF-8 (invalid bytes become U+DC80+byte). */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  const buffer = asBuffer(bytes);
  const text = buffer.toString('utf8');
  if (!text.includes(REPLACEMENT) || isUtf8(buffer)) return { text, valid: true };
  return { text: decodeKeepingInvalidBytes(buffer), valid: false };
}

/** True when `text` holds bytes that were not valid UTF-8 (see `bytesToText`). */
export function hasInvalidBytes(text: string): boolean {
  return /[\uDC80-\uDCFF]/.test(text) && containsLoneEscapedByte(text);
}

function containsLoneEscapedByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (previous < 0xd800 || previous > 0xdbff) return true;
    }
  }
  return false;
}

/** The raw byte an escaped invalid byte stands for, or -1 for any other code unit. */
export function escapedByte(codeUnit: number): number {
  return codeUnit >= 0xdc80 && codeUnit <= 0xdcff ? codeUnit - 0xdc00 : -1;
}

function decodeKeepingInvalidBytes(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    const size = validSequenceLength(bytes, i);
    if (size > 0) {
      i += size;
      continue;
    }
    out += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
    out += String.fromCharCode(0xdc00 + b0);
    i++;
    start = i;
  }
  return out + Buffer.from(bytes.buffer, bytes.byteOffset + start, n - start).toString('utf8');
}

/** Length of the valid UTF-8 sequence starting at `i` (Go's rules: shortest form, no surrogates, ≤ U+10FFFF), or 0. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  const b0 = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < n && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The bytes of `text`, with escaped invalid bytes restored (the inverse of `bytesToText`). */
export function textToBytes(text: string): Buffer {
  if (!hasInvalidBytes(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    const raw = escapedByte(c);
    if (raw >= 0) {
      parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([raw]));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** The first UTF-8 byte of the character starting at `index` (what Go's byte-wise scanners report). */
export function firstByteAt(text: string, index: number): number {
  const c = text.codePointAt(index)!;
  const raw = escapedByte(text.charCodeAt(index));
  if (raw >= 0) return raw;
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  if (c < 0x10000) return 0xe0 | (c >> 12);
  return 0xf0 | (c >> 18);
}

/** Rank of a UTF-16 code unit in UTF-8 byte order (surrogates stand for code points above U+FFFF). */
function rank(c: number): number {
  if (c < 0xd800) return c;
  if (c <= 0xdfff) return c + 0x2000;
  return c - 0x800;
}

/** Compares strings in UTF-8 byte order (Go's string order). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return ca < 0xd800 && cb < 0xd800 ? ca - cb : rank(ca) - rank(cb);
  }
  return a.length - b.length;
}

/** Sorts keys in Go's order; plain code-unit order is the same unless a key holds a character at or above U+D800. */
export function sortKeys(keys: string[]): string[] {
  keys.sort();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) >= 0xd800) return keys.sort(compareUtf8);
  }
  return keys;
}
