/**
 * Base64 and base32 as Go's encoding packages do them: standard alphabets with
 * padding, CR/LF ignored when decoding, and a decoding failure reported as
 * Go's `illegal base64 data at input byte N` (Sprig returns that text as the
 * result instead of failing).
 */

import type { FunctionMap } from '../go/function.ts';
import { fromUtf8, utf8Bytes } from './bytes.ts';
import { fn } from './define.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}

const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);
const PAD = 0x3d;
const isNewline = (b: number | undefined): boolean => b === 0x0a || b === 0x0d;

type Decoded = { bytes: Uint8Array; error?: string };

/** Standard base64 decoding with Go's error positions. */
export function base64Decode(src: Uint8Array): Decoded {
  const out: number[] = [];
  let si = 0;
  const corrupt = (at: number): Decoded => ({ bytes: Uint8Array.from(out), error: `illegal base64 data at input byte ${at}` });
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: Uint8Array.from(out) };
        return corrupt(si - j);
      }
      const c = src[si++]!;
      const d = B64_MAP[c]!;
      if (d >= 0) {
        dbuf[j] = d;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== PAD) return corrupt(si - 1);
      // Padding: only allowed in the third or fourth position, and "==" must be complete.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailing !== undefined) return corrupt(trailing);
    if (dlen < 4) break;
  }
  return { bytes: Uint8Array.from(out) };
}

/** Standard base32 decoding with Go's error positions (newlines are removed first). */
export function base32Decode(input: Uint8Array): Decoded {
  const src = input.filter((b) => !isNewline(b));
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  const remaining = (): number => olen - p;
  const corrupt = (at: number): Decoded => ({ bytes: Uint8Array.from(out), error: `illegal base32 data at input byte ${at}` });
  let end = false;
  while (remaining() > 0 && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      if (remaining() === 0) return corrupt(olen - remaining() - j);
      const c = src[p++]!;
      if (c === PAD && j >= 2 && remaining() < 8) {
        if (remaining() + j < 7) return corrupt(olen);
        for (let k = 0; k < 7 - j; k++) {
          if (remaining() > k && src[p + k] !== PAD) return corrupt(olen - remaining() + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) return corrupt(olen - remaining() - 1);
        break;
      }
      const d = B32_MAP[c]!;
      if (d < 0) return corrupt(olen - remaining() - 1);
      dbuf[j] = d;
      j++;
    }
    const b = [
      ((dbuf[0]! << 3) | (dbuf[1]! >> 2)) & 0xff,
      ((dbuf[1]! << 6) | (dbuf[2]! << 1) | (dbuf[3]! >> 4)) & 0xff,
      ((dbuf[3]! << 4) | (dbuf[4]! >> 1)) & 0xff,
      ((dbuf[4]! << 7) | (dbuf[5]! << 2) | (dbuf[6]! >> 3)) & 0xff,
      ((dbuf[6]! << 5) | dbuf[7]!) & 0xff,
    ];
    const count = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    out.push(...b.slice(0, count));
    if (end) {
      // Go's decoder stops reading after the padded quantum.
      break;
    }
  }
  return { bytes: Uint8Array.from(out) };
}

/** Standard base32 encoding with padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [2, 4, 5, 7, 8][chunk.length - 1]!;
    for (let k = 0; k < 8; k++) out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
  }
  return out;
}

/** Encoding functions. */
export function encodingFunctions(): FunctionMap {
  return {
    b64enc: fn(['string'], (s: string) => Buffer.from(utf8Bytes(s)).toString('base64')),
    b64dec: fn(['string'], (s: string) => {
      const r = base64Decode(utf8Bytes(s));
      return r.error ?? fromUtf8(r.bytes);
    }),
    b32enc: fn(['string'], (s: string) => base32Encode(utf8Bytes(s))),
    b32dec: fn(['string'], (s: string) => {
      const r = base32Decode(utf8Bytes(s));
      return r.error ?? fromUtf8(r.bytes);
    }),
  };
}
