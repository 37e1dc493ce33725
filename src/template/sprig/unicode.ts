/**
 * Go's `unicode` predicates and simple case mappings on single code points.
 * JS case conversion applies full (multi-character) mappings; Go maps one
 * rune to one rune, so a mapping that would change the length keeps the rune.
 */

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const TITLE = /\p{Lt}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const NUMBER = /\p{N}/u;
const PUNCT = /\p{P}/u;

/** `unicode.IsSpace`: Latin-1 spaces plus the White_Space property. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

const test = (re: RegExp, r: number): boolean => re.test(String.fromCodePoint(r));

/** `unicode.IsUpper` (category Lu). */
export const isUpper = (r: number): boolean => (r < 0x80 ? r >= 0x41 && r <= 0x5a : test(UPPER, r));
/** `unicode.IsLower` (category Ll). */
export const isLower = (r: number): boolean => (r < 0x80 ? r >= 0x61 && r <= 0x7a : test(LOWER, r));
/** `unicode.IsTitle` (category Lt). */
export const isTitle = (r: number): boolean => r >= 0x80 && test(TITLE, r);
/** `unicode.IsLetter` (category L). */
export const isLetter = (r: number): boolean =>
  r < 0x80 ? (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) : test(LETTER, r);
/** `unicode.IsDigit` (category Nd). */
export const isDigit = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : test(DIGIT, r));
/** `unicode.IsNumber` (category N). */
export const isNumber = (r: number): boolean => (r < 0x80 ? r >= 0x30 && r <= 0x39 : test(NUMBER, r));
/** `unicode.IsPunct` (category P). */
export const isPunct = (r: number): boolean => test(PUNCT, r);

function single(mapped: string, r: number): number {
  const cp = mapped.codePointAt(0)!;
  return mapped.length === (cp > 0xffff ? 2 : 1) ? cp : r;
}

/** `unicode.ToUpper`. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return single(String.fromCodePoint(r).toUpperCase(), r);
}

/** `unicode.ToLower`. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ lower-cases to a plain i in Go's simple mapping
  return single(String.fromCodePoint(r).toLowerCase(), r);
}

/** `unicode.ToTitle`: upper case except for the Latin digraphs, which have their own title forms. */
export function toTitle(r: number): number {
  if (r >= 0x1c4 && r <= 0x1cc) return 0x1c5 + 3 * Math.floor((r - 0x1c4) / 3);
  if (r >= 0x1f1 && r <= 0x1f3) return 0x1f2;
  return toUpper(r);
}

/** Maps every code point of `s` through `f` (Go's `strings.Map` without deletions). */
export function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const ch of s) out += String.fromCodePoint(f(ch.codePointAt(0)!));
  return out;
}
