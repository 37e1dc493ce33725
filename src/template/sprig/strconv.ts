import { underscoreOK } from '../go/literals.ts';
/**
 * Go's strconv number parsing, with its exact acceptance rules: base
 * prefixes and `_` separators for base 0, overflow clamping with a range
 * error, `inf`/`nan` spellings and hexadecimal floats.
 */

export type NumError = 'syntax' | 'range';

/** A parsed integer; on a range error `value` is the clamped value Go returns. */
export interface IntResult {
  value: bigint;
  error?: NumError;
}

const lower = (c: string): string => c.toLowerCase();

/** Go's rule for where `_` may appear in a number literal (shared with the template lexer). */
export { underscoreOK };

/** `strconv.ParseUint(s, base, bitSize)`; base 0 reads Go prefixes. */
export function parseUint(text: string, base: number, bitSize: number): IntResult {
  if (text === '') return { value: 0n, error: 'syntax' };
  const base0 = base === 0;
  let s = text;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? lower(s[1]!) : '';
      if (p === 'b') (base = 2), (s = s.slice(2));
      else if (p === 'o') (base = 8), (s = s.slice(2));
      else if (p === 'x') (base = 16), (s = s.slice(2));
      else (base = 8), (s = s.slice(1));
    }
  }
  const size = bitSize === 0 ? 64 : bitSize;
  const maxVal = (1n << BigInt(size)) - 1n;
  const b = BigInt(base);
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    let d: number;
    if (c === '_' && base0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (lower(c) >= 'a' && lower(c) <= 'z' && c.length === 1) d = lower(c).charCodeAt(0) - 87;
    else return { value: 0n, error: 'syntax' };
    if (d >= base) return { value: 0n, error: 'syntax' };
    n = n * b + BigInt(d);
    if (n > maxVal) return { value: maxVal, error: 'range' };
  }
  if (underscores && !underscoreOK(text)) return { value: 0n, error: 'syntax' };
  return { value: n };
}

/** `strconv.ParseInt(s, base, bitSize)`. */
export function parseInt(text: string, base: number, bitSize: number): IntResult {
  if (text === '') return { value: 0n, error: 'syntax' };
  let s = text;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  const un = parseUint(s, base, bitSize);
  if (un.error === 'syntax') return { value: 0n, error: 'syntax' };
  const size = bitSize === 0 ? 64 : bitSize;
  const cutoff = 1n << BigInt(size - 1);
  if (!neg && un.value >= cutoff) return { value: cutoff - 1n, error: 'range' };
  if (neg && un.value > cutoff) return { value: -cutoff, error: 'range' };
  if (un.error) return { value: neg ? -un.value : un.value, error: un.error };
  return { value: neg ? -un.value : un.value };
}

/** `strconv.Atoi`: base 10, no prefixes or separators; out of range gives the clamped value with an error. */
export function atoi(text: string): IntResult {
  return parseInt(text, 10, 0);
}

/** A parsed float; on a range error `value` is ±Inf as Go returns. */
export interface FloatResult {
  value: number;
  error?: NumError;
}

const SPECIALS: Record<string, number> = { inf: Infinity, infinity: Infinity, nan: NaN };

/** `strconv.ParseFloat(s, 64)`. */
export function parseFloat(text: string): FloatResult {
  let s = text;
  let sign = 1;
  let signed = false;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    signed = true;
    s = s.slice(1);
  }
  const special = SPECIALS[s.toLowerCase()];
  if (special !== undefined) {
    if (Number.isNaN(special) && signed) return { value: 0, error: 'syntax' };
    return { value: sign * special };
  }
  if (s === '' || /[^0-9a-fA-FxXpP._+-]/.test(s)) return { value: 0, error: 'syntax' };
  if (s.includes('_') && !underscoreOK(text)) return { value: 0, error: 'syntax' };
  const clean = s.replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(clean)) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(clean);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { value: 0, error: 'syntax' };
    const digits = m[1]! + (m[2] ?? '');
    const mant = BigInt('0x' + (digits === '' ? '0' : digits));
    const exp = Number(m[3]) - 4 * (m[2] ?? '').length;
    value = hexToFloat(mant, exp);
  } else {
    if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(clean)) return { value: 0, error: 'syntax' };
    value = Number(clean);
  }
  value *= sign;
  if (!Number.isFinite(value)) return { value, error: 'range' };
  return { value };
}

/** mant × 2^exp rounded to the nearest float64. */
function hexToFloat(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  // Keep 64 significant bits, folding the rest into a sticky bit so one rounding happens.
  const bits = mant.toString(2).length;
  let m = mant;
  let e = exp;
  if (bits > 64) {
    const drop = BigInt(bits - 64);
    const sticky = (m & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    m = (m >> drop) | sticky;
    e += Number(drop);
  }
  if (e > 1100) return Infinity;
  if (e < -1200) return 0;
  return e < -900 ? Number(m) * 2 ** (e + 200) * 2 ** -200 : Number(m) * 2 ** e;
}
