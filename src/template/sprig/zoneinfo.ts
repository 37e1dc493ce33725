/**
 * Time zones the way Go's time package loads them: TZif files from the
 * system zoneinfo directories (with the POSIX TZ rule at their end for times
 * past the last transition), fixed offsets, UTC, and the Local zone chosen
 * by $TZ or /etc/localtime.
 */

import { readFileSync } from 'node:fs';
import { civilFromDays, DAYS_BEFORE, daysFromCivil, daysIn, isLeap } from './calendar.ts';

/** What a zone says about one instant. */
export interface ZoneInfo {
  abbr: string;
  offset: number;
  isDST: boolean;
  /** The instant range (Unix seconds) this answer holds for. */
  start: number;
  end: number;
}

const ALPHA = -Number.MAX_SAFE_INTEGER;
const OMEGA = Number.MAX_SAFE_INTEGER;

/** A Go *time.Location. */
export interface Zone {
  /** Location.String(): "UTC", "Local", "Europe/Berlin", or a fixed zone's name. */
  readonly name: string;
  lookup(unixSec: number): ZoneInfo;
  /** The offset of the zone abbreviation `abbr` in effect near `unixSec` (for parsing `MST` fields). */
  lookupName(abbr: string, unixSec: number): number | undefined;
}

/** A zone with one fixed offset (Go's FixedZone). */
export class FixedZone implements Zone {
  constructor(
    readonly name: string,
    readonly offset: number,
  ) {}
  lookup(): ZoneInfo {
    return { abbr: this.name, offset: this.offset, isDST: false, start: ALPHA, end: OMEGA };
  }
  lookupName(abbr: string): number | undefined {
    return abbr === this.name ? this.offset : undefined;
  }
}

/** Go's UTC location (it has no named zones to match when parsing). */
export const UTC: Zone = {
  name: 'UTC',
  lookup: () => ({ abbr: 'UTC', offset: 0, isDST: false, start: ALPHA, end: OMEGA }),
  lookupName: () => undefined,
};

interface ZoneType {
  offset: number;
  isDST: boolean;
  abbr: string;
}

interface Rule {
  kind: 'julian' | 'doy' | 'mwd';
  day: number;
  week: number;
  mon: number;
  time: number;
}

const SECONDS_PER_DAY = 86400;

/** A zone read from TZif data. */
class TzifZone implements Zone {
  constructor(
    readonly name: string,
    private readonly types: ZoneType[],
    private readonly transitions: Array<{ when: number; index: number }>,
    private readonly extend: string,
  ) {}

  /** The zone used before the first transition (the tz reference code's choice). */
  private firstZone(): number {
    const used = (i: number): boolean => this.transitions.some((t) => t.index === i);
    if (!used(0)) return 0;
    if (this.transitions.length > 0 && this.types[this.transitions[0]!.index]!.isDST) {
      for (let z = this.transitions[0]!.index - 1; z >= 0; z--) if (!this.types[z]!.isDST) return z;
    }
    for (let z = 0; z < this.types.length; z++) if (!this.types[z]!.isDST) return z;
    return 0;
  }

  lookup(sec: number): ZoneInfo {
    const tx = this.transitions;
    if (this.types.length === 0) return { abbr: 'UTC', offset: 0, isDST: false, start: ALPHA, end: OMEGA };
    if (tx.length === 0 || sec < tx[0]!.when) {
      const z = this.types[this.firstZone()]!;
      return { abbr: z.abbr, offset: z.offset, isDST: z.isDST, start: ALPHA, end: tx.length > 0 ? tx[0]!.when : OMEGA };
    }
    let lo = 0;
    let hi = tx.length;
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (sec < tx[m]!.when) hi = m;
      else lo = m;
    }
    const z = this.types[tx[lo]!.index]!;
    const start = tx[lo]!.when;
    const end = lo + 1 < tx.length ? tx[lo + 1]!.when : OMEGA;
    if (lo === tx.length - 1 && this.extend !== '') {
      const r = tzset(this.extend, start, sec);
      if (r) return r;
    }
    return { abbr: z.abbr, offset: z.offset, isDST: z.isDST, start, end };
  }

  lookupName(abbr: string, unixSec: number): number | undefined {
    // First try zones in effect at the time, then any zone with that name.
    for (const z of this.types) {
      if (z.abbr === abbr) {
        const info = this.lookup(unixSec - z.offset);
        if (info.abbr === z.abbr) return info.offset;
      }
    }
    for (const z of this.types) if (z.abbr === abbr) return z.offset;
    return undefined;
  }
}

/** Parses TZif data (versions 1–4), preferring the 64-bit section. Returns undefined when malformed. */
export function parseTzif(name: string, data: Uint8Array): Zone | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const version = buf[4]!;
  const readHeader = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((i) => buf.readUInt32BE(at + 20 + 4 * i));
  let pos = 0;
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = readHeader(0) as [number, number, number, number, number, number];
  let timeSize = 4;
  if (version >= 0x32) {
    // Skip the 32-bit section and read the 64-bit one.
    pos = 44 + timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    if (buf.length < pos + 44 || buf.toString('latin1', pos, pos + 4) !== 'TZif') return undefined;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = readHeader(pos) as [number, number, number, number, number, number];
    timeSize = 8;
  }
  let p = pos + 44;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++, p += timeSize) times.push(timeSize === 8 ? Number(buf.readBigInt64BE(p)) : buf.readInt32BE(p));
  const indices: number[] = [];
  for (let i = 0; i < timecnt; i++) indices.push(buf[p++]!);
  const raw: Array<{ offset: number; isDST: boolean; abbrIndex: number }> = [];
  for (let i = 0; i < typecnt; i++, p += 6) raw.push({ offset: buf.readInt32BE(p), isDST: buf[p + 4] !== 0, abbrIndex: buf[p + 5]! });
  const chars = buf.toString('latin1', p, p + charcnt);
  p += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const abbrAt = (i: number): string => {
    const end = chars.indexOf('\0', i);
    return chars.slice(i, end < 0 ? undefined : end);
  };
  const types = raw.map((t) => ({ offset: t.offset, isDST: t.isDST, abbr: abbrAt(t.abbrIndex) }));
  let extend = '';
  if (timeSize === 8 && buf[p] === 0x0a) {
    const end = buf.indexOf(0x0a, p + 1);
    if (end > p) extend = buf.toString('latin1', p + 1, end);
  }
  const transitions = times.map((when, i) => ({ when, index: indices[i]! })).filter((t) => t.index < types.length);
  return new TzifZone(name, types, transitions, extend);
}

/** Directories Go searches for zoneinfo files on Unix systems. */
const ZONE_DIRS = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];

function readZoneFile(name: string, dirs: readonly string[]): Zone | undefined {
  for (const dir of dirs) {
    try {
      const z = parseTzif(name, readFileSync(dir + name));
      if (z) return z;
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

const loaded = new Map<string, Zone | null>();

/** Go's time.LoadLocation: UTC, Local, or an IANA name from the zoneinfo directories; undefined when unknown. */
export function loadLocation(name: string): Zone | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return localZone();
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return undefined;
  const hit = loaded.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const dirs = process.env.ZONEINFO ? [process.env.ZONEINFO.replace(/\/?$/, '/'), ...ZONE_DIRS] : ZONE_DIRS;
  const zone = readZoneFile(name, dirs) ?? intlZone(name);
  loaded.set(name, zone ?? null);
  return zone;
}

/** A zone computed from the JS runtime's time zone data, for systems without zoneinfo files. */
function intlZone(name: string): Zone | undefined {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'shortOffset', hourCycle: 'h23', year: 'numeric' });
  } catch {
    return undefined;
  }
  const offsetAt = (sec: number): number => {
    const part = fmt.formatToParts(new Date(sec * 1000)).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d+)(?::(\d+))?/.exec(part);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
  };
  const abbrFor = (offset: number): string => {
    const sign = offset < 0 ? '-' : '+';
    const a = Math.abs(offset);
    const h = String(Math.floor(a / 3600)).padStart(2, '0');
    const m = Math.floor((a % 3600) / 60);
    return sign + h + (m ? String(m).padStart(2, '0') : '');
  };
  return {
    name,
    lookup(sec: number): ZoneInfo {
      const offset = offsetAt(sec);
      return { abbr: offset === 0 ? 'UTC' : abbrFor(offset), offset, isDST: false, start: sec - 3600, end: sec + 3600 };
    },
    lookupName(abbr: string, sec: number): number | undefined {
      const offset = offsetAt(sec);
      return abbrFor(offset) === abbr ? offset : undefined;
    },
  };
}

let local: { tz: string | undefined; zone: Zone } | undefined;

/** Go's Local: $TZ (unset → /etc/localtime, empty → UTC, a name or absolute path → that zone, else UTC). */
export function localZone(): Zone {
  const tz = process.env.TZ;
  if (local && local.tz === tz) return local.zone;
  let zone: Zone | undefined;
  if (tz === undefined) {
    const z = readZoneFile('localtime', ['/etc/']);
    zone = z ? rename(z, 'Local') : undefined;
  } else if (tz !== '') {
    const name = tz.startsWith(':') ? tz.slice(1) : tz;
    if (name.startsWith('/')) {
      const z = readZoneFile(name, ['']);
      zone = z ? rename(z, name === '/etc/localtime' ? 'Local' : name) : undefined;
    } else if (name !== '' && name !== 'UTC') zone = loadLocation(name);
  }
  zone ??= UTC;
  local = { tz, zone };
  return zone;
}

function rename(z: Zone, name: string): Zone {
  return { name, lookup: (s) => z.lookup(s), lookupName: (a, s) => z.lookupName(a, s) };
}

// ---- POSIX TZ rules (the footer of TZif files) -----------------------------------------

function tzsetName(s: string): { name: string; rest: string } | undefined {
  if (s === '') return undefined;
  if (s[0] !== '<') {
    for (let i = 0; i < s.length; i++) {
      if ('0123456789,-+'.includes(s[i]!)) return i < 3 ? undefined : { name: s.slice(0, i), rest: s.slice(i) };
    }
    return s.length < 3 ? undefined : { name: s, rest: '' };
  }
  const end = s.indexOf('>');
  return end < 0 ? undefined : { name: s.slice(1, end), rest: s.slice(end + 1) };
}

function tzsetNum(s: string, min: number, max: number): { n: number; rest: string } | undefined {
  const m = /^[0-9]+/.exec(s);
  if (!m) return undefined;
  const n = Number(m[0]);
  if (n < min || n > max) return undefined;
  return { n, rest: s.slice(m[0].length) };
}

function tzsetOffset(text: string): { off: number; rest: string } | undefined {
  let s = text;
  if (s === '') return undefined;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  const h = tzsetNum(s, 0, 24 * 7);
  if (!h) return undefined;
  let off = h.n * 3600;
  s = h.rest;
  if (s[0] === ':') {
    const m = tzsetNum(s.slice(1), 0, 59);
    if (!m) return undefined;
    off += m.n * 60;
    s = m.rest;
    if (s[0] === ':') {
      const sec = tzsetNum(s.slice(1), 0, 59);
      if (!sec) return undefined;
      off += sec.n;
      s = sec.rest;
    }
  }
  return { off: neg ? -off : off, rest: s };
}

function tzsetRule(text: string): { rule: Rule; rest: string } | undefined {
  let s = text;
  const rule: Rule = { kind: 'doy', day: 0, week: 0, mon: 0, time: 2 * 3600 };
  if (s === '') return undefined;
  if (s[0] === 'J') {
    const d = tzsetNum(s.slice(1), 1, 365);
    if (!d) return undefined;
    rule.kind = 'julian';
    rule.day = d.n;
    s = d.rest;
  } else if (s[0] === 'M') {
    const mon = tzsetNum(s.slice(1), 1, 12);
    if (!mon || mon.rest[0] !== '.') return undefined;
    const week = tzsetNum(mon.rest.slice(1), 1, 5);
    if (!week || week.rest[0] !== '.') return undefined;
    const day = tzsetNum(week.rest.slice(1), 0, 6);
    if (!day) return undefined;
    Object.assign(rule, { kind: 'mwd', mon: mon.n, week: week.n, day: day.n });
    s = day.rest;
  } else {
    const d = tzsetNum(s, 0, 365);
    if (!d) return undefined;
    rule.day = d.n;
    s = d.rest;
  }
  if (s[0] !== '/') return { rule, rest: s };
  const t = tzsetOffset(s.slice(1));
  if (!t) return undefined;
  rule.time = t.off;
  return { rule, rest: t.rest };
}


/** Seconds after the start of `year` (UTC) at which `rule` takes effect in a zone at offset `off`. */
function ruleTime(year: number, r: Rule, off: number): number {
  let s = 0;
  if (r.kind === 'julian') {
    s = (r.day - 1) * SECONDS_PER_DAY;
    if (isLeap(year) && r.day >= 60) s += SECONDS_PER_DAY;
  } else if (r.kind === 'doy') s = r.day * SECONDS_PER_DAY;
  else {
    // Weekday of the first day of the month, then the requested week's day.
    const dow = (((daysFromCivil(year, r.mon, 1) + 4) % 7) + 7) % 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += DAYS_BEFORE[r.mon - 1]!;
    if (isLeap(year) && r.mon > 2) d++;
    s = d * SECONDS_PER_DAY;
  }
  return s + r.time - off;
}

/** Evaluates a POSIX TZ string for `sec` (Go's tzset). */
function tzset(text: string, lastTx: number, sec: number): ZoneInfo | undefined {
  const std = tzsetName(text);
  if (!std) return undefined;
  const stdOff = tzsetOffset(std.rest);
  if (!stdOff) return undefined;
  let stdName = std.name;
  let stdOffset = -stdOff.off;
  let s = stdOff.rest;
  if (s === '' || s[0] === ',') return { abbr: stdName, offset: stdOffset, isDST: false, start: lastTx, end: OMEGA };
  const dst = tzsetName(s);
  if (!dst) return undefined;
  let dstName = dst.name;
  let dstOffset: number;
  s = dst.rest;
  if (s === '' || s[0] === ',') dstOffset = stdOffset + 3600;
  else {
    const o = tzsetOffset(s);
    if (!o) return undefined;
    dstOffset = -o.off;
    s = o.rest;
  }
  if (s === '') s = ',M3.2.0,M11.1.0';
  if (s[0] !== ',' && s[0] !== ';') return undefined;
  const startRule = tzsetRule(s.slice(1));
  if (!startRule || startRule.rest[0] !== ',') return undefined;
  const endRule = tzsetRule(startRule.rest.slice(1));
  if (!endRule || endRule.rest !== '') return undefined;

  const days = Math.floor(sec / SECONDS_PER_DAY);
  const [year] = civilFromDays(days);
  const yearStart = daysFromCivil(year, 1, 1) * SECONDS_PER_DAY;
  const ysec = sec - yearStart;
  let startSec = ruleTime(year, startRule.rule, stdOffset);
  let endSec = ruleTime(year, endRule.rule, dstOffset);
  let dstIsDST = true;
  let stdIsDST = false;
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDST, dstIsDST] = [dstIsDST, stdIsDST];
  }
  if (ysec < startSec) return { abbr: stdName, offset: stdOffset, isDST: stdIsDST, start: yearStart, end: startSec + yearStart };
  if (ysec >= endSec) return { abbr: stdName, offset: stdOffset, isDST: stdIsDST, start: endSec + yearStart, end: yearStart + 365 * SECONDS_PER_DAY };
  return { abbr: dstName, offset: dstOffset, isDST: dstIsDST, start: startSec + yearStart, end: endSec + yearStart };
}
