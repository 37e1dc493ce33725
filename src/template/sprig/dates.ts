/**
 * Sprig's date functions: `now`, formatting in a zone, parsing, shifting by
 * a duration, and the human-readable durations `ago`, `duration`,
 * `durationRound`.
 */

import type { FunctionMap } from '../go/function.ts';
import { GoInt } from '../go/values.ts';
import { fail, fn } from './define.ts';
import { parseInt } from './strconv.ts';
import { parseTime, TimeParseError } from './layout.ts';
import { formatDurationNs, GoTime } from './time.ts';
import { loadLocation, localZone, UTC } from './zoneinfo.ts';

const NS_PER_SECOND = 1_000_000_000n;
const MAX_INT64 = (1n << 63n) - 1n;

/** Go's quoting of a duration string in error messages. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += ch === '"' || ch === '\\' ? '\\' + ch : ch;
  }
  return out + '"';
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1_000_000n,
  s: NS_PER_SECOND,
  m: 60n * NS_PER_SECOND,
  h: 3600n * NS_PER_SECOND,
};

/** Go's time.ParseDuration, exact to the nanosecond; throws Error with Go's message. */
export function parseGoDuration(orig: string): bigint {
  let s = orig;
  let neg = false;
  const invalid = (): never => {
    throw new Error(`time: invalid duration ${quote(orig)}`);
  };
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) invalid();
    const intDigits = /^[0-9]*/.exec(s)![0];
    s = s.slice(intDigits.length);
    let v = intDigits === '' ? 0n : BigInt(intDigits);
    if (v > 1n << 63n) invalid();
    let fracDigits = '';
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      fracDigits = /^[0-9]*/.exec(s)![0];
      s = s.slice(fracDigits.length);
      post = fracDigits.length > 0;
    }
    if (intDigits === '' && !post) invalid();
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
    if (i === 0) throw new Error(`time: missing unit in duration ${quote(orig)}`);
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS[u];
    if (unit === undefined) throw new Error(`time: unknown unit ${quote(u)} in duration ${quote(orig)}`);
    if (v > (1n << 63n) / unit) invalid();
    v *= unit;
    if (fracDigits !== '') {
      // Go accumulates at most ~18 fraction digits and scales in float64.
      let f = 0n;
      let scale = 1;
      let overflow = false;
      for (const c of fracDigits) {
        if (overflow || f > MAX_INT64 / 10n) {
          overflow = true;
          continue;
        }
        const next = f * 10n + BigInt(c);
        if (next > MAX_INT64) {
          overflow = true;
          continue;
        }
        f = next;
        scale *= 10;
      }
      if (f > 0n) {
        v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
        if (v > 1n << 63n) invalid();
      }
    }
    d += v;
    if (d > 1n << 63n) invalid();
  }
  if (neg) return -d;
  if (d > MAX_INT64) invalid();
  return d;
}

/** Go's Duration.Round(m): to the nearest multiple, halves away from zero. */
function roundDuration(d: bigint, m: bigint): bigint {
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : d - m + r;
  }
  return r + r < m ? d - r : d + m - r;
}

/** The time Sprig's date functions take: a time.Time, or Unix seconds as int/int32/int64; anything else means now. */
function asTime(v: unknown, allowInt32 = true): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint') return GoTime.unix(v);
  if (v instanceof GoInt && (v.kind === 'int64' || (allowInt32 && v.kind === 'int32'))) return GoTime.unix(v.value);
  return GoTime.now();
}

function dateInZone(layout: string, date: unknown, zone: string): string {
  const loc = loadLocation(zone) ?? UTC;
  return asTime(date).in(loc).format(layout);
}

function dateModify(spec: string, t: GoTime): GoTime {
  let d: bigint;
  try {
    d = parseGoDuration(spec);
  } catch {
    return t;
  }
  return t.add(d);
}

function mustDateModify(spec: string, t: GoTime): GoTime {
  let d: bigint;
  try {
    d = parseGoDuration(spec);
  } catch (e) {
    return fail((e as Error).message);
  }
  return t.add(d);
}

function durationRound(v: unknown): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseGoDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === 'int64') d = v.value;
  else if (v instanceof GoTime) d = GoTime.now().sub(v);
  const u = d < 0n ? BigInt.asUintN(64, -d) : d;
  const hour = 3600n * NS_PER_SECOND;
  const units: Array<[bigint, string]> = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60n * NS_PER_SECOND, 'm'],
    [NS_PER_SECOND, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return `${u / size}${suffix}`;
  return '0s';
}

/** Date and time functions. */
export function dateFunctions(): FunctionMap {
  const inZone = fn(['string', 'any', 'string'], dateInZone);
  const modify = fn(['string', 'time'], dateModify);
  const mustModify = fn(['string', 'time'], mustDateModify);
  return {
    now: fn([], () => GoTime.now()),
    date: fn(['string', 'any'], (layout: string, t: unknown) => dateInZone(layout, t, 'Local')),
    dateInZone: inZone,
    date_in_zone: inZone,
    htmlDate: fn(['any'], (t: unknown) => dateInZone('2006-01-02', t, 'Local')),
    htmlDateInZone: fn(['any', 'string'], (t: unknown, zone: string) => dateInZone('2006-01-02', t, zone)),
    dateModify: modify,
    date_modify: modify,
    mustDateModify: mustModify,
    must_date_modify: mustModify,
    ago: fn(['any'], (t: unknown) => formatDurationNs(roundDuration(GoTime.now().sub(asTime(t, false)), NS_PER_SECOND))),
    duration: fn(['any'], (v: unknown) => {
      let n = 0n;
      if (typeof v === 'string') n = parseInt(v, 10, 64).value;
      else if (v instanceof GoInt && v.kind === 'int64') n = v.value;
      return formatDurationNs(BigInt.asIntN(64, n * NS_PER_SECOND));
    }),
    durationRound: fn(['any'], durationRound),
    toDate: fn(['string', 'string'], (layout: string, s: string) => {
      try {
        return parseTime(layout, s, localZone());
      } catch (e) {
        if (e instanceof TimeParseError) return GoTime.zero();
        throw e;
      }
    }),
    mustToDate: fn(['string', 'string'], (layout: string, s: string) => {
      try {
        return parseTime(layout, s, localZone());
      } catch (e) {
        if (e instanceof TimeParseError) fail(e.message);
        throw e;
      }
    }),
    unixEpoch: fn(['time'], (t: GoTime) => String(t.sec)),
  };
}
