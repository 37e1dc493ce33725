/**
 * Go's layout-based time formatting and parsing: the reference time
 * `Mon Jan 2 15:04:05 MST 2006` names each element, and values are written or
 * read element by element with Go's rules and error messages.
 */

import { DAY_NAMES, DAYS_BEFORE, daysIn, isLeap, MONTH_NAMES } from './calendar.ts';
import { GoTime } from './time.ts';
import { FixedZone, localZone, UTC } from './zoneinfo.ts';
import type { Zone } from './zoneinfo.ts';

const shortName = (s: string): string => s.slice(0, 3);

type Std =
  | { kind: 'literal' }
  | { kind: 'LongMonth' | 'Month' | 'NumMonth' | 'ZeroMonth' | 'LongWeekDay' | 'WeekDay' | 'Day' | 'UnderDay' | 'ZeroDay' }
  | { kind: 'UnderYearDay' | 'ZeroYearDay' | 'Hour' | 'Hour12' | 'ZeroHour12' | 'Minute' | 'ZeroMinute' | 'Second' | 'ZeroSecond' }
  | { kind: 'LongYear' | 'Year' | 'PM' | 'pm' | 'TZ' }
  | { kind: 'ISO8601TZ' | 'ISO8601SecondsTZ' | 'ISO8601ShortTZ' | 'ISO8601ColonTZ' | 'ISO8601ColonSecondsTZ' }
  | { kind: 'NumTZ' | 'NumSecondsTz' | 'NumShortTZ' | 'NumColonTZ' | 'NumColonSecondsTZ' }
  | { kind: 'FracSecond0' | 'FracSecond9'; digits: number; separator: string };

type StdKind = Std['kind'];

interface Chunk {
  prefix: string;
  std: Std | null;
  /** The layout text of the element. */
  text: string;
  suffix: string;
}

const ZERO_X: StdKind[] = ['ZeroMonth', 'ZeroDay', 'ZeroHour12', 'ZeroMinute', 'ZeroSecond', 'Year'];

const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk: the text before the first layout element, the element, and the rest. */
function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number): Chunk => ({ prefix: layout.slice(0, i), std, text: layout.slice(i, i + len), suffix: layout.slice(i + len) });
  const k = (kind: StdKind): Std => ({ kind }) as Std;
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const has = (s: string): boolean => layout.startsWith(s, i);
    switch (c) {
      case 'J':
        if (has('Jan')) {
          if (has('January')) return at(i, k('LongMonth'), 7);
          if (!startsWithLower(layout.slice(i + 3))) return at(i, k('Month'), 3);
        }
        break;
      case 'M':
        if (has('Mon')) {
          if (has('Monday')) return at(i, k('LongWeekDay'), 6);
          if (!startsWithLower(layout.slice(i + 3))) return at(i, k('WeekDay'), 3);
        }
        if (has('MST')) return at(i, k('TZ'), 3);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6') return at(i, k(ZERO_X[Number(layout[i + 1]) - 1]!), 2);
        if (has('002')) return at(i, k('ZeroYearDay'), 3);
        break;
      case '1':
        if (has('15')) return at(i, k('Hour'), 2);
        return at(i, k('NumMonth'), 1);
      case '2':
        if (has('2006')) return at(i, k('LongYear'), 4);
        return at(i, k('Day'), 1);
      case '_':
        if (has('_2')) {
          if (has('_2006')) return { prefix: layout.slice(0, i + 1), std: k('LongYear'), text: '2006', suffix: layout.slice(i + 5) };
          return at(i, k('UnderDay'), 2);
        }
        if (has('__2')) return at(i, k('UnderYearDay'), 3);
        break;
      case '3':
        return at(i, k('Hour12'), 1);
      case '4':
        return at(i, k('Minute'), 1);
      case '5':
        return at(i, k('Second'), 1);
      case 'P':
        if (has('PM')) return at(i, k('PM'), 2);
        break;
      case 'p':
        if (has('pm')) return at(i, k('pm'), 2);
        break;
      case '-':
        if (has('-070000')) return at(i, k('NumSecondsTz'), 7);
        if (has('-07:00:00')) return at(i, k('NumColonSecondsTZ'), 9);
        if (has('-0700')) return at(i, k('NumTZ'), 5);
        if (has('-07:00')) return at(i, k('NumColonTZ'), 6);
        if (has('-07')) return at(i, k('NumShortTZ'), 3);
        break;
      case 'Z':
        if (has('Z070000')) return at(i, k('ISO8601SecondsTZ'), 7);
        if (has('Z07:00:00')) return at(i, k('ISO8601ColonSecondsTZ'), 9);
        if (has('Z0700')) return at(i, k('ISO8601TZ'), 5);
        if (has('Z07:00')) return at(i, k('ISO8601ColonTZ'), 6);
        if (has('Z07')) return at(i, k('ISO8601ShortTZ'), 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const d = layout[i + 1]!;
          let j = i + 1;
          while (j < layout.length && layout[j] === d) j++;
          if (!isDigitAt(layout, j)) {
            const std: Std = { kind: d === '0' ? 'FracSecond0' : 'FracSecond9', digits: j - (i + 1), separator: c };
            return at(i, std, j - i);
          }
        }
        break;
    }
  }
  return { prefix: layout, std: null, text: '', suffix: '' };
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
};

/** Formats `t` with a Go layout. */
export function formatTime(t: GoTime, layoutIn: string): string {
  const f = t.fields();
  let layout = layoutIn;
  let out = '';
  for (;;) {
    const { prefix, std, suffix } = nextStdChunk(layout);
    out += prefix;
    if (!std) break;
    layout = suffix;
    switch (std.kind) {
      case 'Year':
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case 'LongYear':
        out += pad(f.year, 4);
        break;
      case 'Month':
        out += shortName(MONTH_NAMES[f.month - 1]!);
        break;
      case 'LongMonth':
        out += MONTH_NAMES[f.month - 1]!;
        break;
      case 'NumMonth':
        out += f.month;
        break;
      case 'ZeroMonth':
        out += pad(f.month, 2);
        break;
      case 'WeekDay':
        out += shortName(DAY_NAMES[f.weekday]!);
        break;
      case 'LongWeekDay':
        out += DAY_NAMES[f.weekday]!;
        break;
      case 'Day':
        out += f.day;
        break;
      case 'UnderDay':
        out += (f.day < 10 ? ' ' : '') + f.day;
        break;
      case 'ZeroDay':
        out += pad(f.day, 2);
        break;
      case 'UnderYearDay':
        out += String(f.yday).padStart(3, ' ');
        break;
      case 'ZeroYearDay':
        out += pad(f.yday, 3);
        break;
      case 'Hour':
        out += pad(f.hour, 2);
        break;
      case 'Hour12':
        out += f.hour % 12 === 0 ? 12 : f.hour % 12;
        break;
      case 'ZeroHour12':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case 'Minute':
        out += f.minute;
        break;
      case 'ZeroMinute':
        out += pad(f.minute, 2);
        break;
      case 'Second':
        out += f.second;
        break;
      case 'ZeroSecond':
        out += pad(f.second, 2);
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case 'TZ':
        if (f.abbr !== '') out += f.abbr;
        else {
          const zone = Math.trunc(f.offset / 60);
          out += (zone < 0 ? '-' : '+') + pad(Math.floor(Math.abs(zone) / 60), 2) + pad(Math.abs(zone) % 60, 2);
        }
        break;
      case 'FracSecond0':
      case 'FracSecond9': {
        const trim = std.kind === 'FracSecond9';
        const n = Math.min(std.digits, 9);
        if (trim && (n === 0 || t.nsec === 0)) break;
        let digits = pad(t.nsec, 9).slice(0, n);
        if (trim) digits = digits.replace(/0+$/, '');
        if (digits !== '' || !trim) out += std.separator + digits;
        break;
      }
      default:
        out += formatOffset(std.kind, f.offset);
    }
  }
  return out;
}

function formatOffset(kind: StdKind, offset: number): string {
  const iso = kind.startsWith('ISO8601');
  if (offset === 0 && iso) return 'Z';
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = '+';
  if (zone < 0) {
    out = '-';
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  const colon = kind === 'ISO8601ColonTZ' || kind === 'NumColonTZ' || kind === 'ISO8601ColonSecondsTZ' || kind === 'NumColonSecondsTZ';
  if (colon) out += ':';
  if (kind !== 'NumShortTZ' && kind !== 'ISO8601ShortTZ') out += pad(zone % 60, 2);
  if (kind === 'ISO8601SecondsTZ' || kind === 'NumSecondsTz' || kind === 'NumColonSecondsTZ' || kind === 'ISO8601ColonSecondsTZ') {
    if (kind === 'NumColonSecondsTZ' || kind === 'ISO8601ColonSecondsTZ') out += ':';
    out += pad(abs % 60, 2);
  }
  return out;
}

/** Go's quoting in time parse errors: non-ASCII and control bytes as \xNN, `"` and `\` escaped. */
function quoteForTime(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

/** A time.Parse failure, with Go's message. */
export class TimeParseError extends Error {
  override name = 'TimeParseError';
}

function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message = ''): TimeParseError {
  if (message !== '') return new TimeParseError(`parsing time ${quoteForTime(value)}${message}`);
  return new TimeParseError(
    `parsing time ${quoteForTime(value)} as ${quoteForTime(layout)}: cannot parse ${quoteForTime(valueElem)} as ${quoteForTime(layoutElem)}`,
  );
}

const BAD = Symbol('bad');

function getnum(s: string, fixed: boolean): [number, string] | typeof BAD {
  if (!isDigitAt(s, 0)) return BAD;
  if (!isDigitAt(s, 1)) return fixed ? BAD : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] | typeof BAD {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) return BAD;
  return [n, s.slice(i)];
}

function cutSpace(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  return s.slice(i);
}

/** Removes `prefix` from `value`, a run of spaces matching a run of spaces. */
function skip(valueIn: string, prefixIn: string): string | typeof BAD {
  let value = valueIn;
  let prefix = prefixIn;
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return BAD;
      prefix = cutSpace(prefix);
      value = cutSpace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function lookupName(tab: readonly string[], val: string): [number, string] | typeof BAD {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) return [i, val.slice(v.length)];
  }
  return BAD;
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m || m[0].length > 2 || Number(m[0]) > 24) return 0;
  return 1 + m[0].length;
}

function parseGMT(value: string): number {
  const rest = value.slice(3);
  if (rest.length === 0) return 3;
  return 3 + parseSignedOffset(rest);
}

function parseTimeZone(value: string): number | undefined {
  if (value.length < 3) return undefined;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return parseGMT(value);
  if (value[0] === '+' || value[0] === '-') {
    const n = parseSignedOffset(value);
    return n > 0 ? n : undefined;
  }
  let upper = 0;
  while (upper < 6 && upper < value.length && value[upper]! >= 'A' && value[upper]! <= 'Z') upper++;
  switch (upper) {
    case 5:
      return value[4] === 'T' ? 5 : undefined;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : undefined;
    case 3:
      return 3;
  }
  return undefined;
}

const commaOrPeriod = (c: string | undefined): boolean => c === '.' || c === ',';

function parseNanoseconds(value: string, nbytes: number): number | typeof BAD {
  if (!commaOrPeriod(value[0])) return BAD;
  const n = Math.min(nbytes, 10);
  const digits = value.slice(1, n);
  if (!/^[0-9]+$/.test(digits)) return BAD;
  return Number(digits) * 10 ** (10 - n);
}


/** Go's time.ParseInLocation(layout, value, loc). Throws TimeParseError. */
export function parseTime(layoutIn: string, valueIn: string, defaultZone: Zone, local: Zone = localZone()): GoTime {
  let layout = layoutIn;
  let value = valueIn;
  let rangeErr = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let mon = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Zone | undefined;
  let zoneOffset = -1;
  let zoneName = '';
  for (;;) {
    const { prefix, std, text, suffix } = nextStdChunk(layout);
    const skipped = skip(value, prefix);
    if (skipped === BAD) throw parseError(layoutIn, valueIn, prefix, value);
    value = skipped;
    if (!std) {
      if (value.length !== 0) throw parseError(layoutIn, valueIn, '', value, `: extra text: ${quoteForTime(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let bad = false;
    const take = <T>(r: [T, string] | typeof BAD): T | undefined => {
      if (r === BAD) {
        bad = true;
        return undefined;
      }
      value = r[1];
      return r[0];
    };
    switch (std.kind) {
      case 'Year': {
        if (value.length < 2 || !/^[0-9]{2}/.test(value)) {
          bad = true;
          break;
        }
        year = Number(value.slice(0, 2));
        value = value.slice(2);
        year += year >= 69 ? 1900 : 2000;
        break;
      }
      case 'LongYear':
        if (value.length < 4 || !/^[0-9]{4}/.test(value)) {
          bad = true;
          break;
        }
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case 'Month':
      case 'LongMonth': {
        const names = std.kind === 'Month' ? MONTH_NAMES.map(shortName) : MONTH_NAMES;
        const m = take(lookupName(names, value));
        if (m !== undefined) mon = m + 1;
        break;
      }
      case 'NumMonth':
      case 'ZeroMonth': {
        const m = take(getnum(value, std.kind === 'ZeroMonth'));
        if (m !== undefined) {
          mon = m;
          if (m <= 0 || m > 12) rangeErr = 'month';
        }
        break;
      }
      case 'WeekDay':
        take(lookupName(DAY_NAMES.map(shortName), value));
        break;
      case 'LongWeekDay':
        take(lookupName(DAY_NAMES, value));
        break;
      case 'Day':
      case 'UnderDay':
      case 'ZeroDay': {
        if (std.kind === 'UnderDay' && value[0] === ' ') value = value.slice(1);
        const d = take(getnum(value, std.kind === 'ZeroDay'));
        if (d !== undefined) day = d;
        break;
      }
      case 'UnderYearDay':
      case 'ZeroYearDay': {
        for (let i = 0; i < 2; i++) if (std.kind === 'UnderYearDay' && value[0] === ' ') value = value.slice(1);
        const d = take(getnum3(value, std.kind === 'ZeroYearDay'));
        if (d !== undefined) yday = d;
        break;
      }
      case 'Hour': {
        const h = take(getnum(value, false));
        if (h !== undefined) {
          hour = h;
          if (h < 0 || h >= 24) rangeErr = 'hour';
        }
        break;
      }
      case 'Hour12':
      case 'ZeroHour12': {
        const h = take(getnum(value, std.kind === 'ZeroHour12'));
        if (h !== undefined) {
          hour = h;
          if (h < 0 || h > 12) rangeErr = 'hour';
        }
        break;
      }
      case 'Minute':
      case 'ZeroMinute': {
        const m = take(getnum(value, std.kind === 'ZeroMinute'));
        if (m !== undefined) {
          min = m;
          if (m < 0 || m >= 60) rangeErr = 'minute';
        }
        break;
      }
      case 'Second':
      case 'ZeroSecond': {
        const s = take(getnum(value, std.kind === 'ZeroSecond'));
        if (s === undefined) break;
        sec = s;
        if (s < 0 || s >= 60) {
          rangeErr = 'second';
          break;
        }
        // A fractional second in the value with none in the layout.
        if (value.length >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
          const next = nextStdChunk(layout).std;
          if (next && (next.kind === 'FracSecond0' || next.kind === 'FracSecond9')) break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          const ns = parseNanoseconds(value, n);
          if (ns === BAD) bad = true;
          else nsec = ns;
          value = value.slice(n);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        if (value.length < 2) {
          bad = true;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [am, pm] = std.kind === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
        if (p === pm) pmSet = true;
        else if (p === am) amSet = true;
        else bad = true;
        break;
      }
      case 'TZ': {
        if (value.startsWith('UTC')) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === undefined) {
          bad = true;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case 'FracSecond0': {
        const ndigit = 1 + std.digits;
        if (value.length < ndigit) {
          bad = true;
          break;
        }
        const ns = parseNanoseconds(value, ndigit);
        if (ns === BAD) bad = true;
        else nsec = ns;
        value = value.slice(ndigit);
        break;
      }
      case 'FracSecond9': {
        if (value.length < 2 || !commaOrPeriod(value[0]) || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        const ns = parseNanoseconds(value, 1 + i);
        if (ns === BAD) bad = true;
        else nsec = ns;
        value = value.slice(1 + i);
        break;
      }
      default: {
        if (std.kind.startsWith('ISO8601') && value[0] === 'Z') {
          value = value.slice(1);
          z = UTC;
          break;
        }
        const r = parseOffset(std.kind, value);
        if (r === BAD) {
          bad = true;
          break;
        }
        value = r.rest;
        if (r.rangeErr) rangeErr = r.rangeErr;
        zoneOffset = r.offset;
      }
    }
    if (rangeErr !== '') throw parseError(layoutIn, valueIn, text, value, `: ${rangeErr} out of range`);
    if (bad) throw parseError(layoutIn, valueIn, text, hold);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw parseError(layoutIn, valueIn, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yday) m++;
      d = yday - DAYS_BEFORE[m - 1]!;
    }
    if (mon >= 0 && mon !== m) throw parseError(layoutIn, valueIn, '', value, ': day-of-year does not match month');
    mon = m;
    if (day >= 0 && day !== d) throw parseError(layoutIn, valueIn, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (mon < 0) mon = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(mon, year)) throw parseError(layoutIn, valueIn, '', value, ': day out of range');

  if (z) return GoTime.date(year, mon, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const utc = GoTime.date(year, mon, day, hour, min, sec, nsec, UTC);
    const unix = utc.sec - zoneOffset;
    const info = local.lookup(unix);
    if (info.offset === zoneOffset && (zoneName === '' || info.abbr === zoneName)) return new GoTime(unix, nsec, local);
    return new GoTime(unix, nsec, new FixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== '') {
    const utc = GoTime.date(year, mon, day, hour, min, sec, nsec, UTC);
    const offset = local.lookupName(zoneName, utc.sec);
    if (offset !== undefined) return new GoTime(utc.sec - offset, nsec, local);
    let fake = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) fake = Number(zoneName.slice(3)) * 3600;
    return new GoTime(utc.sec, nsec, new FixedZone(zoneName, fake));
  }
  return GoTime.date(year, mon, day, hour, min, sec, nsec, defaultZone);
}

function parseOffset(kind: StdKind, value: string): { offset: number; rest: string; rangeErr?: string } | typeof BAD {
  let sign: string;
  let hh: string;
  let mm: string;
  let ss = '00';
  let rest: string;
  if (kind === 'ISO8601ColonTZ' || kind === 'NumColonTZ') {
    if (value.length < 6 || value[3] !== ':') return BAD;
    [sign, hh, mm, rest] = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else if (kind === 'NumShortTZ' || kind === 'ISO8601ShortTZ') {
    if (value.length < 3) return BAD;
    [sign, hh, mm, rest] = [value[0]!, value.slice(1, 3), '00', value.slice(3)];
  } else if (kind === 'ISO8601ColonSecondsTZ' || kind === 'NumColonSecondsTZ') {
    if (value.length < 9 || value[3] !== ':' || value[6] !== ':') return BAD;
    [sign, hh, mm, ss, rest] = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
  } else if (kind === 'ISO8601SecondsTZ' || kind === 'NumSecondsTz') {
    if (value.length < 7) return BAD;
    [sign, hh, mm, ss, rest] = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
  } else {
    if (value.length < 5) return BAD;
    [sign, hh, mm, rest] = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const num = (s: string): number | undefined => (/^[0-9]{2}$/.test(s) ? Number(s) : undefined);
  const h = num(hh);
  const m = num(mm);
  const s = num(ss);
  if (h === undefined || m === undefined || s === undefined) return BAD;
  let rangeErr: string | undefined;
  if (h > 24) rangeErr = 'time zone offset hour';
  if (m > 60) rangeErr = 'time zone offset minute';
  if (s > 60) rangeErr = 'time zone offset second';
  let offset = (h * 60 + m) * 60 + s;
  if (sign === '-') offset = -offset;
  else if (sign !== '+') return BAD;
  return { offset, rest, rangeErr };
}
