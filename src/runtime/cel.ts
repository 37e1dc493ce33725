/**
 * CEL values and operations for the `validation/cel` checks, which the
 * build compiles into JavaScript calling these helpers. Values: int as
 * bigint (64-bit, overflow is an error), uint as CelUint, double as number,
 * string, bytes (Uint8Array), bool, null, list (array), map (Map, or a plain
 * object for the gateway's own maps), timestamp and duration. Any failure
 * throws CelError: the check then fails, as an evaluation error does in
 * KrakenD.
 */
import { parseGoDuration } from './duration.ts';

export class CelError extends Error {
  override name = 'CelError';
}

/** An unsigned 64-bit integer. */
export class CelUint {
  constructor(readonly value: bigint) {}
}

/** A point in time (milliseconds since the epoch, plus sub-millisecond nanoseconds). */
export class CelTimestamp {
  constructor(
    readonly ms: number,
    readonly nanos = 0,
  ) {}
}

/** A span of time in nanoseconds. */
export class CelDuration {
  constructor(readonly ns: bigint) {}
}

/** Variables of one evaluation. */
export type CelActivation = Record<string, unknown>;

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;
const UINT_MAX = 2n ** 64n - 1n;

function int(v: bigint): bigint {
  if (v < INT_MIN || v > INT_MAX) throw new CelError('return error for overflow');
  return v;
}

function uint(v: bigint): CelUint {
  if (v < 0n || v > UINT_MAX) throw new CelError('return error for overflow');
  return new CelUint(v);
}

function noOverload(op: string, ...args: unknown[]): never {
  throw new CelError(`no such overload: ${op}(${args.map(typeName).join(', ')})`);
}

/** CEL's name for a value's type. */
export function typeName(v: unknown): string {
  if (v === null) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (v instanceof CelUint) return 'uint';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof CelTimestamp) return 'google.protobuf.Timestamp';
  if (v instanceof CelDuration) return 'google.protobuf.Duration';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

/** Converts gateway data (JSON numbers, boxed leaves) to CEL values. */
export function celValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Uint8Array) && typeof (v as { text?: unknown }).text === 'string' && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
    // a JSON number kept as text
    return Number((v as { text: string }).text);
  }
  return v;
}

function isMap(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof CelUint) && !(v instanceof CelTimestamp) && !(v instanceof CelDuration));
}

function mapKeys(m: Map<unknown, unknown> | Record<string, unknown>): unknown[] {
  return m instanceof Map ? [...m.keys()] : Object.keys(m);
}

function mapLookup(m: Map<unknown, unknown> | Record<string, unknown>, key: unknown): { found: boolean; value?: unknown } {
  if (m instanceof Map) {
    for (const [k, v] of m) if (equals(k, key)) return { found: true, value: v };
    return { found: false };
  }
  if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(m, key)) return { found: false };
  return { found: true, value: celValue(m[key]) };
}

/** A variable of the activation (an error when the evaluation does not provide it). */
export function celVar(a: CelActivation, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(a, name)) throw new CelError(`no such attribute: ${name}`);
  return celValue(a[name]);
}

/** `x.field` on a map. */
export function celSelect(target: unknown, field: string): unknown {
  if (!isMap(target)) noOverload('select', target);
  const r = mapLookup(target, field);
  if (!r.found) throw new CelError(`no such key: ${field}`);
  return r.value;
}

/** `has(x.field)`. */
export function celHas(target: unknown, field: string): boolean {
  if (!isMap(target)) noOverload('has', target);
  return mapLookup(target, field).found;
}

/** `x[key]`. */
export function celIndex(target: unknown, key: unknown): unknown {
  if (Array.isArray(target)) {
    let i: bigint;
    if (typeof key === 'bigint') i = key;
    else if (key instanceof CelUint) i = key.value;
    else if (typeof key === 'number' && Number.isInteger(key)) i = BigInt(key);
    else noOverload('_[_]', target, key);
    if (i < 0n || i >= BigInt(target.length)) throw new CelError(`index out of bounds: ${i}`);
    return celValue(target[Number(i)]);
  }
  if (isMap(target)) {
    const r = mapLookup(target, key);
    if (!r.found) throw new CelError(`no such key: ${String(key)}`);
    return r.value;
  }
  return noOverload('_[_]', target, key);
}

function numeric(v: unknown): number | bigint | null {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (v instanceof CelUint) return v.value;
  return null;
}

/** Equality with CEL's heterogeneous numeric equality and deep list/map equality. */
export function equals(a: unknown, b: unknown): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) {
    if (typeof na === 'number' || typeof nb === 'number') return Number(na) === Number(nb);
    return na === nb;
  }
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a === 'string' || typeof a === 'boolean') return a === b;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return a.ms === b.ms && a.nanos === b.nanos;
  if (a instanceof CelDuration && b instanceof CelDuration) return a.ns === b.ns;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => equals(celValue(v), celValue(b[i])));
  if (isMap(a) && isMap(b)) {
    const ka = mapKeys(a);
    if (ka.length !== mapKeys(b).length) return false;
    return ka.every((k) => {
      const r = mapLookup(b, k);
      return r.found && equals(mapLookup(a, k).value, r.value);
    });
  }
  return false;
}

export const celEq = (a: unknown, b: unknown): boolean => equals(a, b);
export const celNe = (a: unknown, b: unknown): boolean => !equals(a, b);

function compare(a: unknown, b: unknown, op: string): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) {
    if (typeof na === 'number' || typeof nb === 'number') {
      const x = Number(na);
      const y = Number(nb);
      if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return a.ms - b.ms || a.nanos - b.nanos;
  if (a instanceof CelDuration && b instanceof CelDuration) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  return noOverload(op, a, b);
}

export const celLt = (a: unknown, b: unknown): boolean => compare(a, b, '_<_') < 0;
export const celLe = (a: unknown, b: unknown): boolean => compare(a, b, '_<=_') <= 0;
export const celGt = (a: unknown, b: unknown): boolean => compare(a, b, '_>_') > 0;
export const celGe = (a: unknown, b: unknown): boolean => compare(a, b, '_>=_') >= 0;

/** `a in b`: list membership or map key. */
export function celIn(a: unknown, container: unknown): boolean {
  if (Array.isArray(container)) return container.some((v) => equals(a, celValue(v)));
  if (isMap(container)) return mapLookup(container, a).found;
  return noOverload('@in', a, container);
}

export function celAdd(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') return int(a + b);
  if (a instanceof CelUint && b instanceof CelUint) return uint(a.value + b.value);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.concat([a, b]);
  if (a instanceof CelDuration && b instanceof CelDuration) return new CelDuration(int(a.ns + b.ns));
  if (a instanceof CelTimestamp && b instanceof CelDuration) return shift(a, b.ns);
  if (a instanceof CelDuration && b instanceof CelTimestamp) return shift(b, a.ns);
  return noOverload('_+_', a, b);
}

function shift(t: CelTimestamp, ns: bigint): CelTimestamp {
  const total = BigInt(t.ms) * 1_000_000n + BigInt(t.nanos) + ns;
  const ms = total / 1_000_000n;
  let nanos = Number(total % 1_000_000n);
  let wholeMs = Number(ms);
  if (nanos < 0) {
    nanos += 1_000_000;
    wholeMs -= 1;
  }
  return new CelTimestamp(wholeMs, nanos);
}

export function celSub(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') return int(a - b);
  if (a instanceof CelUint && b instanceof CelUint) return uint(a.value - b.value);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof CelDuration && b instanceof CelDuration) return new CelDuration(int(a.ns - b.ns));
  if (a instanceof CelTimestamp && b instanceof CelDuration) return shift(a, -b.ns);
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return new CelDuration(BigInt(a.ms - b.ms) * 1_000_000n + BigInt(a.nanos - b.nanos));
  return noOverload('_-_', a, b);
}

export function celMul(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') return int(a * b);
  if (a instanceof CelUint && b instanceof CelUint) return uint(a.value * b.value);
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  return noOverload('_*_', a, b);
}

export function celDiv(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new CelError('division by zero');
    return int(a / b);
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) throw new CelError('division by zero');
    return new CelUint(a.value / b.value);
  }
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  return noOverload('_/_', a, b);
}

export function celMod(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw new CelError('modulus by zero');
    return a % b;
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) throw new CelError('modulus by zero');
    return new CelUint(a.value % b.value);
  }
  return noOverload('_%_', a, b);
}

export function celNeg(a: unknown): unknown {
  if (typeof a === 'bigint') return int(-a);
  if (typeof a === 'number') return -a;
  if (a instanceof CelDuration) return new CelDuration(-a.ns);
  return noOverload('-_', a);
}

export function celNot(a: unknown): boolean {
  if (typeof a !== 'boolean') noOverload('!_', a);
  return !a;
}

function bool(v: unknown, op: string): boolean {
  if (typeof v !== 'boolean') noOverload(op, v);
  return v;
}

/** `a && b`: false wins over errors on either side. */
export function celAnd(a: () => unknown, b: () => unknown): boolean {
  let left: boolean | CelError;
  try {
    left = bool(a(), '_&&_');
  } catch (e) {
    left = e instanceof CelError ? e : new CelError(String(e));
  }
  if (left === false) return false;
  const right = bool(b(), '_&&_');
  if (left instanceof CelError) {
    if (right === false) return false;
    throw left;
  }
  return right;
}

/** `a || b`: true wins over errors on either side. */
export function celOr(a: () => unknown, b: () => unknown): boolean {
  let left: boolean | CelError;
  try {
    left = bool(a(), '_||_');
  } catch (e) {
    left = e instanceof CelError ? e : new CelError(String(e));
  }
  if (left === true) return true;
  const right = bool(b(), '_||_');
  if (left instanceof CelError) {
    if (right === true) return true;
    throw left;
  }
  return right;
}

/** `c ? a : b`. */
export function celCond(c: unknown): boolean {
  return bool(c, '_?_:_');
}

export function celSize(v: unknown): bigint {
  if (typeof v === 'string') return BigInt([...v].length);
  if (v instanceof Uint8Array || Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(mapKeys(v).length);
  return noOverload('size', v);
}

export function celInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof CelUint) return int(v.value);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= -9223372036854775808 || v >= 9223372036854775807) throw new CelError('double is out of range of int');
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    if (!/^[+-]?\d+$/.test(v)) throw new CelError(`cannot parse ${JSON.stringify(v)} as an int`);
    return int(BigInt(v));
  }
  if (v instanceof CelTimestamp) return BigInt(Math.floor(v.ms / 1000));
  return noOverload('int', v);
}

export function celUint(v: unknown): CelUint {
  if (v instanceof CelUint) return v;
  if (typeof v === 'bigint') return uint(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v >= 18446744073709551616) throw new CelError('double is out of range of uint');
    return new CelUint(BigInt(Math.trunc(v)));
  }
  if (typeof v === 'string') {
    if (!/^\+?\d+$/.test(v)) throw new CelError(`cannot parse ${JSON.stringify(v)} as a uint`);
    return uint(BigInt(v));
  }
  return noOverload('uint', v);
}

export function celDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  if (typeof v === 'string') {
    const n = Number(v.trim() === '' ? NaN : v);
    if (Number.isNaN(n) && v !== 'NaN') throw new CelError(`cannot parse ${JSON.stringify(v)} as a double`);
    return n;
  }
  return noOverload('double', v);
}

function formatDouble(d: number): string {
  if (Number.isInteger(d) && Math.abs(d) < 1e21) return String(d);
  return String(d).replace('e+', 'e+');
}

export function celString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof CelUint) return v.value.toString();
  if (typeof v === 'number') return formatDouble(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof CelTimestamp) return new Date(v.ms).toISOString().replace(/\.000Z$/, 'Z');
  if (v instanceof CelDuration) return `${Number(v.ns) / 1e9}s`;
  return noOverload('string', v);
}

export function celBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (['1', 't', 'true', 'TRUE', 'True'].includes(v)) return true;
    if (['0', 'f', 'false', 'FALSE', 'False'].includes(v)) return false;
    throw new CelError(`cannot parse ${JSON.stringify(v)} as a bool`);
  }
  return noOverload('bool', v);
}

export function celBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return noOverload('bytes', v);
}

const patterns = new Map<string, RegExp>();

/** `s.matches(re)`: an unanchored search, as RE2's MatchString. */
export function celMatches(s: unknown, re: unknown): boolean {
  if (typeof s !== 'string' || typeof re !== 'string') noOverload('matches', s, re);
  let compiled = patterns.get(re);
  if (compiled === undefined) {
    let source = re;
    let flags = 'u';
    const m = /^\(\?([ims]+)\)/.exec(source);
    if (m) {
      flags += m[1];
      source = source.slice(m[0].length);
    }
    try {
      compiled = new RegExp(source, flags);
    } catch (e) {
      throw new CelError(`invalid regular expression: ${(e as Error).message}`);
    }
    patterns.set(re, compiled);
  }
  return compiled.test(s);
}

function strings(a: unknown, b: unknown, op: string): [string, string] {
  if (typeof a !== 'string' || typeof b !== 'string') noOverload(op, a, b);
  return [a, b];
}

export const celContains = (a: unknown, b: unknown): boolean => {
  const [s, t] = strings(a, b, 'contains');
  return s.includes(t);
};
export const celStartsWith = (a: unknown, b: unknown): boolean => {
  const [s, t] = strings(a, b, 'startsWith');
  return s.startsWith(t);
};
export const celEndsWith = (a: unknown, b: unknown): boolean => {
  const [s, t] = strings(a, b, 'endsWith');
  return s.endsWith(t);
};

/** `timestamp(string)` (RFC 3339) or `timestamp(int)` (seconds). */
export function celTimestamp(v: unknown): CelTimestamp {
  if (v instanceof CelTimestamp) return v;
  if (typeof v === 'bigint') return new CelTimestamp(Number(v) * 1000);
  if (typeof v === 'string') {
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/i.exec(v);
    if (!m) throw new CelError(`invalid timestamp ${JSON.stringify(v)}`);
    const fraction = (m[2] ?? '.').slice(1).padEnd(9, '0');
    const ms = Date.parse(`${m[1]}${m[3]!.toUpperCase()}`);
    if (Number.isNaN(ms)) throw new CelError(`invalid timestamp ${JSON.stringify(v)}`);
    return new CelTimestamp(ms + Number(fraction.slice(0, 3)), Number(fraction.slice(3)));
  }
  return noOverload('timestamp', v);
}

/** `duration(string)` in Go's syntax (`1h30m`, `1.5s`). */
export function celDuration(v: unknown): CelDuration {
  if (v instanceof CelDuration) return v;
  if (typeof v === 'string') {
    const ns = parseGoDuration(v);
    if (typeof ns === 'object') throw new CelError(`invalid duration ${JSON.stringify(v)}: ${ns.error}`);
    return new CelDuration(BigInt(ns));
  }
  return noOverload('duration', v);
}

function zoned(t: CelTimestamp, tz: unknown): Date {
  if (tz === undefined) return new Date(t.ms);
  if (typeof tz !== 'string') noOverload('timezone', tz);
  const offset = /^([+-])(\d\d):(\d\d)$/.exec(tz);
  if (offset) {
    const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
    return new Date(t.ms + minutes * 60_000);
  }
  if (tz === 'UTC') return new Date(t.ms);
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(t.ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), t.ms % 1000));
  } catch {
    throw new CelError(`unknown time zone ${JSON.stringify(tz)}`);
  }
}

/** Timestamp and duration accessors (`t.getHours()`, `t.getDayOfWeek("Europe/Madrid")`, `d.getSeconds()`). */
export function celGetter(name: string, target: unknown, tz?: unknown): bigint {
  if (target instanceof CelDuration) {
    const ns = target.ns;
    switch (name) {
      case 'getHours':
        return ns / 3_600_000_000_000n;
      case 'getMinutes':
        return ns / 60_000_000_000n;
      case 'getSeconds':
        return ns / 1_000_000_000n;
      case 'getMilliseconds':
        return (ns / 1_000_000n) % 1000n;
    }
    return noOverload(name, target);
  }
  if (!(target instanceof CelTimestamp)) return noOverload(name, target);
  const d = zoned(target, tz);
  switch (name) {
    case 'getFullYear':
      return BigInt(d.getUTCFullYear());
    case 'getMonth':
      return BigInt(d.getUTCMonth());
    case 'getDate':
      return BigInt(d.getUTCDate());
    case 'getDayOfMonth':
      return BigInt(d.getUTCDate() - 1);
    case 'getDayOfWeek':
      return BigInt(d.getUTCDay());
    case 'getDayOfYear':
      return BigInt(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000));
    case 'getHours':
      return BigInt(d.getUTCHours());
    case 'getMinutes':
      return BigInt(d.getUTCMinutes());
    case 'getSeconds':
      return BigInt(d.getUTCSeconds());
    case 'getMilliseconds':
      return BigInt(d.getUTCMilliseconds());
  }
  return noOverload(name, target);
}

function iterable(v: unknown, macro: string): unknown[] {
  if (Array.isArray(v)) return v.map(celValue);
  if (isMap(v)) return mapKeys(v);
  return noOverload(macro, v);
}

/** `x.all(v, p)`. */
export function celAll(range: unknown, p: (v: unknown) => unknown): boolean {
  let failure: CelError | null = null;
  for (const item of iterable(range, 'all')) {
    try {
      if (!bool(p(item), 'all')) return false;
    } catch (e) {
      failure = e instanceof CelError ? e : new CelError(String(e));
    }
  }
  if (failure !== null) throw failure;
  return true;
}

/** `x.exists(v, p)`. */
export function celExists(range: unknown, p: (v: unknown) => unknown): boolean {
  let failure: CelError | null = null;
  for (const item of iterable(range, 'exists')) {
    try {
      if (bool(p(item), 'exists')) return true;
    } catch (e) {
      failure = e instanceof CelError ? e : new CelError(String(e));
    }
  }
  if (failure !== null) throw failure;
  return false;
}

/** `x.exists_one(v, p)`. */
export function celExistsOne(range: unknown, p: (v: unknown) => unknown): boolean {
  let n = 0;
  for (const item of iterable(range, 'exists_one')) if (bool(p(item), 'exists_one')) n++;
  return n === 1;
}

/** `x.map(v, e)` and `x.map(v, p, e)`. */
export function celMap(range: unknown, f: (v: unknown) => unknown, p?: (v: unknown) => unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of iterable(range, 'map')) if (p === undefined || bool(p(item), 'map')) out.push(f(item));
  return out;
}

/** `x.filter(v, p)`. */
export function celFilter(range: unknown, p: (v: unknown) => unknown): unknown[] {
  return iterable(range, 'filter').filter((item) => bool(p(item), 'filter'));
}

/** A map literal. */
export function celMapLiteral(entries: [unknown, unknown][]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (const [k, v] of entries) {
    if (!(typeof k === 'string' || typeof k === 'bigint' || typeof k === 'boolean' || k instanceof CelUint)) noOverload('map key', k);
    for (const existing of m.keys()) if (equals(existing, k)) throw new CelError(`repeated key: ${String(k)}`);
    m.set(k, v);
  }
  return m;
}

/** Runs compiled checks in order; the index of the first one that fails (false, not a bool, or an error), or -1. */
export function celFirstFailure(checks: readonly ((a: CelActivation) => unknown)[], activation: CelActivation): number {
  for (let i = 0; i < checks.length; i++) {
    try {
      if (checks[i]!(activation) !== true) return i;
    } catch {
      return i;
    }
  }
  return -1;
}

/** A compiled check. */
export type CelCheck = (a: CelActivation) => unknown;

/** The checks of one component level (endpoint or backend), split by phase as KrakenD splits them. */
export interface CelChecks {
  /** Checks mentioning `req`: run before the request goes on. */
  pre: readonly CelCheck[];
  /** Checks mentioning `resp`: run on the response. */
  post: readonly CelCheck[];
  /** Keys of the request params (`Id` for `{id}`), in the order of the route's params. */
  paramKeys: readonly string[];
  /** The endpoint's `input_query_strings` (`*` = all), for `req_querystring`. */
  query: readonly string[];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** `now` as KrakenD gives it: the local time in RFC 3339 (seconds, offset or Z). */
export function celNow(): string {
  const d = new Date();
  const offset = -d.getTimezoneOffset();
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

/** A flat `[name, value, …]` header list as a map of value lists. */
export function headerLists(headers: readonly string[]): Record<string, string[]> {
  const out = Object.create(null) as Record<string, string[]>;
  for (let i = 0; i < headers.length; i += 2) (out[headers[i]!] ??= []).push(headers[i + 1]!);
  return out;
}

/** The variables of a request-phase check. */
export function requestActivation(method: string, path: string, params: Record<string, string>, headers: Record<string, string[]>, query: Record<string, string[]>): CelActivation {
  return { req_method: method, req_path: path, req_params: params, req_headers: headers, req_querystring: query, now: celNow() };
}

/** The variables of a response-phase check. */
export function responseActivation(data: unknown, complete: boolean, status: number): CelActivation {
  return { resp_completed: complete, resp_metadata_status: BigInt(status), resp_metadata_headers: {}, resp_data: data ?? {}, now: celNow() };
}

/** The error message of a failed check (the check's index within its phase). */
export function celRejection(index: number): string {
  return `request aborted by evaluator #${index}`;
}
