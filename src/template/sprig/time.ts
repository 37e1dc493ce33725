/**
 * Go's time.Time, time.Duration, time.Month and time.Weekday for templates:
 * an instant (seconds + nanoseconds) in a zone, formatted and parsed with
 * Go layouts (reference time `Mon Jan 2 15:04:05 MST 2006`), printed like
 * Go's String() (with the ` m=+…` monotonic reading of `now`), and usable
 * through the methods templates call most (`.Unix`, `.Format`, `.UTC`, …).
 */

import type { GoFunction } from '../go/function.ts';
import { GoCallError } from '../go/function.ts';
import { GoInt } from '../go/values.ts';
import { civilFromDays, DAY_NAMES, daysFromCivil, MONTH_NAMES, weekday, yearDay } from './calendar.ts';
import { fn } from './define.ts';
import { encodeString } from './json.ts';
import { formatTime } from './layout.ts';
import { localZone, UTC } from './zoneinfo.ts';
import type { Zone } from './zoneinfo.ts';


const NS = 1_000_000_000n;
const ZERO_SECONDS = -62135596800; // 0001-01-01T00:00:00Z

/** Monotonic nanoseconds since this process started (the origin of Go's `m=` readings). */
function monotonicNow(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

/** time.Duration: int64 nanoseconds. */
export class GoDuration {
  constructor(readonly ns: bigint) {}
  goType(): string {
    return 'time.Duration';
  }
  toString(): string {
    return this.goString();
  }
  goString(): string {
    return formatDurationNs(this.ns);
  }
  goKind(): string {
    return 'int64';
  }
  goTruth(): boolean {
    return this.ns !== 0n;
  }
  goEqual(other: unknown): boolean {
    return other instanceof GoDuration && other.ns === this.ns;
  }
  marshalGoJSON(): string {
    return this.ns.toString();
  }
  goField(name: string): { value: unknown } | undefined {
    const n = this.ns;
    switch (name) {
      case 'String':
        return { value: this.goString() };
      case 'Nanoseconds':
        return { value: new GoInt('int64', n) };
      case 'Microseconds':
        return { value: new GoInt('int64', n / 1000n) };
      case 'Milliseconds':
        return { value: new GoInt('int64', n / 1_000_000n) };
      case 'Seconds':
        return { value: Number(n / NS) + Number(n % NS) / 1e9 };
      case 'Minutes':
        return { value: Number(n / 60_000_000_000n) + Number(n % 60_000_000_000n) / 6e10 };
      case 'Hours':
        return { value: Number(n / 3_600_000_000_000n) + Number(n % 3_600_000_000_000n) / 3.6e12 };
      case 'Abs':
        return { value: new GoDuration(n < 0n ? -n : n) };
    }
    return undefined;
  }
  goMethod(): GoFunction | undefined {
    return undefined;
  }
}

/** Go's Duration.String(): `1h0m0s`, `1.5s`, `500ms`, `3µs`, `0s`. */
export function formatDurationNs(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  const frac = (v: bigint, prec: number): { text: string; rest: bigint } => {
    let digits = '';
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print ||= digit !== 0n;
      if (print) digits = digit.toString() + digits;
      v /= 10n;
    }
    return { text: print ? '.' + digits : '', rest: v };
  };
  let out: string;
  if (u < NS) {
    if (u < 1000n) out = `${u}ns`;
    else if (u < 1_000_000n) {
      const f = frac(u, 3);
      out = `${f.rest}${f.text}µs`;
    } else {
      const f = frac(u, 6);
      out = `${f.rest}${f.text}ms`;
    }
  } else {
    const f = frac(u, 9);
    u = f.rest;
    out = `${u % 60n}${f.text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m` + out;
      u /= 60n;
      if (u > 0n) out = `${u}h` + out;
    }
  }
  return (neg ? '-' : '') + out;
}

/** A named integer type with a String method (time.Month, time.Weekday). */
class NamedInt {
  constructor(
    private readonly type: string,
    readonly n: number,
    private readonly text: string,
  ) {}
  goType(): string {
    return this.type;
  }
  toString(): string {
    return this.text;
  }
  goString(): string {
    return this.text;
  }
  goKind(): string {
    return 'int';
  }
  goInt(): bigint {
    return BigInt(this.n);
  }
  goTruth(): boolean {
    return this.n !== 0;
  }
  goEqual(other: unknown): boolean {
    return other instanceof NamedInt && other.type === this.type && other.n === this.n;
  }
  marshalGoJSON(): string {
    return String(this.n);
  }
  goField(name: string): { value: unknown } | undefined {
    return name === 'String' ? { value: this.text } : undefined;
  }
  goMethod(): GoFunction | undefined {
    return undefined;
  }
}

const month = (m: number): NamedInt => new NamedInt('time.Month', m, MONTH_NAMES[m - 1] ?? `%!Month(${m})`);
const weekdayValue = (d: number): NamedInt => new NamedInt('time.Weekday', d, DAY_NAMES[d] ?? `%!Weekday(${d})`);

/** A *time.Location value. */
export class GoLocation {
  constructor(readonly zone: Zone) {}
  goType(): string {
    return '*time.Location';
  }
  toString(): string {
    return this.zone.name;
  }
  goString(): string {
    return this.zone.name;
  }
  goKind(): string {
    return 'ptr';
  }
  goTruth(): boolean {
    return true;
  }
  goField(name: string): { value: unknown } | undefined {
    return name === 'String' ? { value: this.zone.name } : undefined;
  }
  goMethod(): GoFunction | undefined {
    return undefined;
  }
}

/** Broken-down wall clock fields of an instant in its zone. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  yday: number;
  abbr: string;
  offset: number;
}

/** time.Time. */
export class GoTime {
  constructor(
    /** Unix seconds (integer). */
    readonly sec: number,
    /** Nanoseconds within the second, 0–999999999. */
    readonly nsec: number,
    readonly zone: Zone,
    /** Monotonic clock reading in nanoseconds, when the time came from `now`. */
    readonly mono?: bigint,
  ) {}

  /** The current time in the Local zone, with a monotonic reading. */
  static now(): GoTime {
    // Wall clock to the millisecond; the sub-millisecond digits come from the high-resolution clock.
    const ms = Date.now();
    const sec = Math.floor(ms / 1000);
    const micros = Math.floor((performance.now() % 1) * 1000);
    const nsec = (ms - sec * 1000) * 1_000_000 + micros * 1000;
    return new GoTime(sec, nsec, localZone(), monotonicNow());
  }

  /** time.Unix(sec, 0) in Local. */
  static unix(sec: bigint): GoTime {
    return new GoTime(Number(sec), 0, localZone());
  }

  /** The zero Time (January 1, year 1, 00:00:00 UTC). */
  static zero(): GoTime {
    return new GoTime(ZERO_SECONDS, 0, UTC);
  }

  /** Go's time.Date: normalises overflowing fields, then resolves the zone offset. */
  static date(year: number, monthNum: number, day: number, hour: number, min: number, sec: number, nsec: number, zone: Zone): GoTime {
    let m = monthNum - 1;
    year += Math.floor(m / 12);
    m = ((m % 12) + 12) % 12;
    sec += Math.floor(nsec / 1e9);
    nsec = ((nsec % 1e9) + 1e9) % 1e9;
    const days = daysFromCivil(year, m + 1, 1) + (day - 1);
    let unix = days * 86400 + hour * 3600 + min * 60 + sec;
    const info = zone.lookup(unix);
    if (info.offset !== 0) {
      const utc = unix - info.offset;
      const offset = utc < info.start || utc >= info.end ? zone.lookup(utc).offset : info.offset;
      unix -= offset;
    }
    return new GoTime(unix, nsec, zone);
  }

  in(zone: Zone): GoTime {
    return new GoTime(this.sec, this.nsec, zone);
  }

  /** Adds nanoseconds (Go's Time.Add; the monotonic reading moves too). */
  add(ns: bigint): GoTime {
    const total = BigInt(this.sec) * NS + BigInt(this.nsec) + ns;
    const sec = total >= 0n ? total / NS : -((-total + NS - 1n) / NS);
    return new GoTime(Number(sec), Number(total - sec * NS), this.zone, this.mono === undefined ? undefined : this.mono + ns);
  }

  /** Nanoseconds from `other` to this time (Go's Sub), using monotonic readings when both have one. */
  sub(other: GoTime): bigint {
    if (this.mono !== undefined && other.mono !== undefined) return this.mono - other.mono;
    return (BigInt(this.sec) - BigInt(other.sec)) * NS + BigInt(this.nsec - other.nsec);
  }

  unixNano(): bigint {
    return BigInt(this.sec) * NS + BigInt(this.nsec);
  }

  isZero(): boolean {
    return this.sec === ZERO_SECONDS && this.nsec === 0;
  }

  fields(): Fields {
    const info = this.zone.lookup(this.sec);
    const local = this.sec + info.offset;
    const days = Math.floor(local / 86400);
    const rem = local - days * 86400;
    const [year, m, d] = civilFromDays(days);
    return {
      year,
      month: m,
      day: d,
      hour: Math.floor(rem / 3600),
      minute: Math.floor((rem % 3600) / 60),
      second: rem % 60,
      weekday: weekday(days),
      yday: yearDay(year, m, d),
      abbr: info.abbr,
      offset: info.offset,
    };
  }

  format(layout: string): string {
    return formatTime(this, layout);
  }

  goType(): string {
    return 'time.Time';
  }

  toString(): string {
    return this.goString();
  }

  /** Go's Time.String(). */
  goString(): string {
    let s = this.format('2006-01-02 15:04:05.999999999 -0700 MST');
    if (this.mono !== undefined) {
      const neg = this.mono < 0n;
      const m = neg ? -this.mono : this.mono;
      s += ` m=${neg ? '-' : '+'}${m / NS}.${(m % NS).toString().padStart(9, '0')}`;
    }
    return s;
  }

  goKind(): string {
    return 'struct';
  }

  goTruth(): boolean {
    return true;
  }

  goEqual(other: unknown): boolean {
    return other instanceof GoTime && other.sec === this.sec && other.nsec === this.nsec && other.zone === this.zone && other.mono === this.mono;
  }

  /** MarshalJSON: RFC 3339 with nanoseconds, or Go's error for years outside 0–9999. */
  marshalGoJSON(): string {
    const y = this.fields().year;
    if (y < 0 || y > 9999) throw new GoCallError('json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]');
    return encodeString(this.format('2006-01-02T15:04:05.999999999Z07:00'), true);
  }

  goField(name: string): { value: unknown } | undefined {
    const f = (): Fields => this.fields();
    const i64 = (v: bigint): GoInt => new GoInt('int64', v);
    switch (name) {
      case 'String':
        return { value: this.goString() };
      case 'Year':
        return { value: BigInt(f().year) };
      case 'Month':
        return { value: month(f().month) };
      case 'Day':
        return { value: BigInt(f().day) };
      case 'Hour':
        return { value: BigInt(f().hour) };
      case 'Minute':
        return { value: BigInt(f().minute) };
      case 'Second':
        return { value: BigInt(f().second) };
      case 'Nanosecond':
        return { value: BigInt(this.nsec) };
      case 'YearDay':
        return { value: BigInt(f().yday) };
      case 'Weekday':
        return { value: weekdayValue(f().weekday) };
      case 'Unix':
        return { value: i64(BigInt(this.sec)) };
      case 'UnixMilli':
        return { value: i64(BigInt(this.sec) * 1000n + BigInt(Math.floor(this.nsec / 1e6))) };
      case 'UnixMicro':
        return { value: i64(BigInt(this.sec) * 1_000_000n + BigInt(Math.floor(this.nsec / 1e3))) };
      case 'UnixNano':
        return { value: i64(this.unixNano()) };
      case 'UTC':
        return { value: this.in(UTC) };
      case 'Local':
        return { value: this.in(localZone()) };
      case 'Location':
        return { value: new GoLocation(this.zone) };
      case 'IsZero':
        return { value: this.isZero() };
      case 'IsDST':
        return { value: this.zone.lookup(this.sec).isDST };
    }
    return undefined;
  }

  goMethod(name: string): GoFunction | undefined {
    const time = (v: unknown): GoTime => {
      if (!(v instanceof GoTime)) throw new GoCallError('wrong type for value; expected time.Time');
      return v;
    };
    const duration = (v: unknown): bigint => {
      if (v instanceof GoDuration) return v.ns;
      if (v instanceof GoInt && v.kind === 'int64') return v.value;
      if (typeof v === 'bigint') return v;
      throw new GoCallError('wrong type for value; expected time.Duration');
    };
    switch (name) {
      case 'Format':
        return fn(['string'], (layout: string) => this.format(layout));
      case 'AppendFormat':
        return undefined;
      case 'AddDate':
        return fn(['int', 'int', 'int'], (y: bigint, m: bigint, d: bigint) => {
          const t = this.fields();
          return GoTime.date(t.year + Number(y), t.month + Number(m), t.day + Number(d), t.hour, t.minute, t.second, this.nsec, this.zone);
        });
      case 'Add':
        return fn(['any'], (d: unknown) => this.add(duration(d)));
      case 'Sub':
        return fn(['any'], (o: unknown) => new GoDuration(this.sub(time(o))));
      case 'After':
        return fn(['any'], (o: unknown) => this.sub(time(o)) > 0n);
      case 'Before':
        return fn(['any'], (o: unknown) => this.sub(time(o)) < 0n);
      case 'Equal':
        return fn(['any'], (o: unknown) => this.sub(time(o)) === 0n);
      case 'In':
        return fn(['any'], (loc: unknown) => {
          if (!(loc instanceof GoLocation)) throw new GoCallError('wrong type for value; expected *time.Location');
          return this.in(loc.zone);
        });
    }
    return undefined;
  }
}
