/**
 * Go durations: parsing the string form KrakenD accepts (`1m30s`, `1.5s`,
 * `500ms`, `3µs`, `0`) and printing them the way Go prints `time.Duration`.
 * Values are nanoseconds held in a JS number (exact up to ~104 days).
 */

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek small letter mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

export type DurationError = 'time: invalid duration' | 'time: unknown unit' | 'time: missing unit';

/** Parses a Go duration string; returns nanoseconds or an error text as Go words it. */
export function parseDuration(s: string): number | { error: DurationError } {
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i = 1;
  }
  const rest = s.slice(i);
  if (rest === '0') return 0;
  if (rest === '') return { error: 'time: invalid duration' };
  let total = 0;
  while (i < s.length) {
    const numStart = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    const intPart = s.slice(numStart, i);
    let fracPart = '';
    if (s[i] === '.') {
      i++;
      const fracStart = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      fracPart = s.slice(fracStart, i);
    }
    if (intPart === '' && fracPart === '') return { error: 'time: invalid duration' };
    const unitStart = i;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === '.' || (ch >= '0' && ch <= '9')) break;
      i++;
    }
    const unit = s.slice(unitStart, i);
    if (unit === '') return { error: 'time: missing unit' };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: 'time: unknown unit' };
    const value = Number(intPart || '0') * scale + (fracPart ? Number('0.' + fracPart) * scale : 0);
    total += value;
  }
  total = Math.round(total);
  if (total > 9223372036854775807) return { error: 'time: invalid duration' };
  return neg ? -total : total;
}

/** Parses or throws an Error with Go's message. */
export function mustParseDuration(s: string): number {
  const r = parseDuration(s);
  if (typeof r === 'object') throw new Error(r.error);
  return r;
}

function fmtFrac(v: number, prec: number): { buf: string; v: number } {
  // Prints v/10^prec with trailing zeros (and the dot) omitted, as Go's fmtFrac.
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10;
    print = print || digit !== 0;
    if (print) digits = String(digit) + digits;
    v = Math.floor(v / 10);
  }
  return { buf: print ? '.' + digits : '', v };
}

/** Go's `time.Duration.String()`: `1h0m0s`, `1.5s`, `500ms`, `3µs`, `0s`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(Math.trunc(ns));
  let out: string;
  if (u < 1e9) {
    let prec: number;
    let unit: string;
    if (u < 1e3) return (neg ? '-' : '') + u + 'ns';
    else if (u < 1e6) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { buf, v } = fmtFrac(u, prec);
    out = String(v) + buf + unit;
  } else {
    const { buf, v } = fmtFrac(u, 9);
    u = v;
    let s = String(u % 60) + buf + 's';
    u = Math.floor(u / 60);
    if (u > 0) {
      s = String(u % 60) + 'm' + s;
      u = Math.floor(u / 60);
      if (u > 0) s = String(u) + 'h' + s;
    }
    out = s;
  }
  return (neg ? '-' : '') + out;
}

export const MILLISECOND = 1e6;
export const SECOND = 1e9;
