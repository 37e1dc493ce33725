/**
 * Go durations inside the gateway: parsing the `KRAKEND_TIMEOUT=3s` style
 * overrides read at start-up and printing latencies the way Go prints a
 * `time.Duration`. Values are nanoseconds in a JS number.
 */

const UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Nanoseconds for a Go duration string, or an error text as Go words it. */
export function parseGoDuration(text: string): number | { error: string } {
  let i = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    i = 1;
  }
  const rest = text.slice(i);
  if (rest === '0') return 0;
  if (rest === '') return { error: 'time: invalid duration' };
  let total = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const whole = text.slice(start, i);
    let fraction = '';
    if (text[i] === '.') {
      i++;
      const fractionStart = i;
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      fraction = text.slice(fractionStart, i);
    }
    if (whole === '' && fraction === '') return { error: 'time: invalid duration' };
    const unitStart = i;
    while (i < text.length && text[i] !== '.' && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)) i++;
    const unit = text.slice(unitStart, i);
    if (unit === '') return { error: 'time: missing unit' };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: 'time: unknown unit' };
    total += Number(whole || '0') * scale + (fraction ? Number('0.' + fraction) * scale : 0);
  }
  total = Math.round(total);
  return negative ? -total : total;
}

function fractionDigits(value: number, precision: number): { text: string; rest: number } {
  let digits = '';
  let print = false;
  let v = value;
  for (let i = 0; i < precision; i++) {
    const digit = v % 10;
    print = print || digit !== 0;
    if (print) digits = String(digit) + digits;
    v = Math.floor(v / 10);
  }
  return { text: print ? '.' + digits : '', rest: v };
}

/** Go's `Duration.String()`: `1h0m0s`, `1.5s`, `500ms`, `3µs`, `0s`. */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const negative = ns < 0;
  let u = Math.abs(Math.trunc(ns));
  let out: string;
  if (u < 1e9) {
    if (u < 1e3) return (negative ? '-' : '') + u + 'ns';
    const micro = u < 1e6;
    const { text, rest } = fractionDigits(u, micro ? 3 : 6);
    out = String(rest) + text + (micro ? 'µs' : 'ms');
  } else {
    const { text, rest } = fractionDigits(u, 9);
    u = rest;
    out = String(u % 60) + text + 's';
    u = Math.floor(u / 60);
    if (u > 0) {
      out = String(u % 60) + 'm' + out;
      u = Math.floor(u / 60);
      if (u > 0) out = String(u) + 'h' + out;
    }
  }
  return (negative ? '-' : '') + out;
}
