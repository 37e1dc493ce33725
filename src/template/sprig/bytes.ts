/**
 * Go strings are byte sequences; JS strings are UTF-16. Functions that Go
 * defines on bytes (substr, trunc, abbrev, wrap, …) convert through UTF-8 so
 * offsets mean what they mean in Go. A cut inside a multi-byte character
 * cannot be held in a JS string; such bytes decode to U+FFFD.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes of `s` (lone surrogates become U+FFFD, as Go's conversion of invalid runes does). */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** `len(s)` in Go: the number of UTF-8 bytes. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** True when every UTF-16 unit of `s` is ASCII, so byte offsets equal string offsets. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** `s[start:end]` with byte offsets (callers check bounds as Go would). */
export function sliceBytes(s: string, start: number, end?: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return fromUtf8(utf8Bytes(s).subarray(start, end));
}

/** A byte string: each byte becomes the code point of the same value (how Go's `string(rune(b))` widens a byte). */
export function bytesAsLatin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** Code points of `s` (Go's `[]rune(s)`). */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Builds a string from code points. */
export function fromRunes(rs: readonly number[]): string {
  let out = '';
  for (const r of rs) out += String.fromCodePoint(r);
  return out;
}

/** Compares two strings the way Go does (byte-wise UTF-8 order = code point order). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
