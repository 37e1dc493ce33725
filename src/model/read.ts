/**
 * Reading config fields the way KrakenD's decoder does at start-up: key names
 * match case-insensitively when there is no exact match, and values are
 * converted weakly (`"8080"` is a port, `"true"` a boolean, a single string
 * where a list is expected a one-element list). What cannot be converted
 * becomes an error Diagnostic at the value's location.
 */
import { error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { joinPointer, locate, type LocationMap } from '../formats/types.ts';
import { lowerCaseKeyTrees } from '../formats/json-deferred.ts';
import { parseDuration } from './duration.ts';

export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects diagnostics while reading, with access to locations. */
export class Reader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly locations: LocationMap) {}

  span(pointer: string, which: 'value' | 'key' = 'value') {
    return locate(this.locations, pointer, which);
  }

  fail(code: string, message: string, pointer: string, hint?: string, which: 'value' | 'key' = 'value'): void {
    this.diagnostics.push(error(code, message, this.span(pointer, which), hint !== undefined ? { hint } : {}));
  }

  push(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
}

/** Per object: its keys by lower-case name, or null when every key is already lower-case. */
const foldedKeys = new WeakMap<Obj, Map<string, string> | null>();

function folded(obj: Obj): Map<string, string> | null {
  let map = foldedKeys.get(obj);
  if (map === undefined) {
    map = null;
    for (const k of Object.keys(obj)) {
      const lower = k.toLowerCase();
      if (lower !== k) {
        map ??= new Map();
        if (!map.has(lower)) map.set(lower, k);
      }
    }
    foldedKeys.set(obj, map);
  }
  return map;
}

let foldingNeeded = true;

/**
 * Tells the readers whether any key of the tree being read has an upper-case
 * letter; when none has, case-insensitive lookups can be skipped.
 */
export function prepareKeyLookup(tree: unknown): void {
  foldingNeeded = !(typeof tree === 'object' && tree !== null && lowerCaseKeyTrees.has(tree)) && hasUpperCaseKey(tree);
}

const UPPER = /[A-Z]/;

function hasUpperCaseKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasUpperCaseKey(value[i])) return true;
    return false;
  }
  for (const k in value) {
    if (UPPER.test(k)) return true;
    if (hasUpperCaseKey((value as Obj)[k])) return true;
  }
  return false;
}

/** The actual key used for `name` (a lower-case field name) in `obj`: exact match first, then case-insensitive. */
export function keyOf(obj: Obj, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  return foldingNeeded ? folded(obj)?.get(name.toLowerCase()) : undefined;
}

/** A value read from the config, with its JSON pointer built only when a message needs it. */
export class Field {
  constructor(
    readonly value: unknown,
    readonly present: boolean,
    private readonly base: string,
    private readonly token?: string | number,
  ) {}
  get pointer(): string {
    return this.token === undefined ? this.base : joinPointer(this.base, this.token);
  }
}

export function field(obj: Obj, name: string, base: string): Field {
  const k = keyOf(obj, name);
  if (k === undefined) return new Field(undefined, false, base, name);
  return new Field(obj[k], true, base, k);
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;

/** Go's strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b/0 prefixes, underscores only with a prefix. */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let body = m[2]!;
  const hasBase = /^0[xXoObB]/.test(body) || (body.length > 1 && body[0] === '0');
  if (body.includes('_')) {
    if (!hasBase || /__|_$/.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8);
  else n = parseInt(body, 10);
  return Number.isNaN(n) ? undefined : sign * n;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function readInt(r: Reader, f: Field, fallback = 0): number {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return fallback;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (v === '') return 0;
    const n = parseGoInt(v);
    if (n !== undefined) return n;
    r.fail('decode', `expected an integer, got ${describe(v)}`, f.pointer, 'write a number, e.g. 8080');
    return fallback;
  }
  r.fail('decode', `expected an integer, got ${describe(v)}`, f.pointer);
  return fallback;
}

export function readBool(r: Reader, f: Field, fallback = false): boolean {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  if (typeof v === 'string') {
    if (v === '') return false;
    const b = parseGoBool(v);
    if (b !== undefined) return b;
    r.fail('decode', `expected a boolean, got ${describe(v)}`, f.pointer, 'write true or false');
    return fallback;
  }
  r.fail('decode', `expected a boolean, got ${describe(v)}`, f.pointer);
  return fallback;
}

/** A number converted to text as Go's weak decoding does (`123` → "123", `1.5` → "1.5"). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

export function readString(r: Reader, f: Field, fallback = ''): string {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  r.fail('decode', `expected a string, got ${describe(v)}`, f.pointer);
  return fallback;
}

/** A list of strings; a single scalar becomes a one-element list (weak decoding). */
export function readStringList(r: Reader, f: Field): string[] {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.slice() as string[];
  const items = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  items.forEach((item, i) => {
    const s = readString(r, Array.isArray(v) ? new Field(item, true, f.pointer, i) : f, '\u0000');
    if (s !== '\u0000') out.push(s);
  });
  return out;
}

/** A duration: Go syntax when a string (runtime rules, so `1m30s` is fine), nanoseconds when a number. */
export function readDuration(r: Reader, f: Field, fallback = 0): number {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return fallback;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const d = parseDuration(v);
    if (typeof d === 'number') return d;
    r.fail(
      'bad-duration',
      `${JSON.stringify(v)} is not a duration (${d.error})`,
      f.pointer,
      'write a number followed by a unit (ns, us, ms, s, m, h), e.g. "1500ms", "3s" or "1m30s"',
    );
    return fallback;
  }
  r.fail('decode', `expected a duration string, got ${describe(v)}`, f.pointer, 'write a duration such as "3s"');
  return fallback;
}

export function readObject(r: Reader, f: Field): Obj | undefined {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return undefined;
  if (isObject(v)) return v;
  r.fail('decode', `expected an object, got ${describe(v)}`, f.pointer);
  return undefined;
}

/** A list of objects (weakly: a single object becomes a one-element list). */
export function readObjectList(r: Reader, f: Field): { value: Obj; pointer: string }[] {
  const v = f.value;
  if (!f.present || v === null || v === undefined) return [];
  if (isObject(v)) return [{ value: v, pointer: f.pointer }];
  if (!Array.isArray(v)) {
    r.fail('decode', `expected a list of objects, got ${describe(v)}`, f.pointer);
    return [];
  }
  const out: { value: Obj; pointer: string }[] = [];
  v.forEach((item, i) => {
    const p = joinPointer(f.pointer, i);
    if (isObject(item)) out.push({ value: item, pointer: p });
    else r.fail('decode', `expected an object, got ${describe(item)}`, p);
  });
  return out;
}

/** A map of string to string (weak: values converted to text). */
export function readStringMap(r: Reader, f: Field): Record<string, string> {
  const o = readObject(r, f);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) {
    const s = readString(r, new Field(v, true, f.pointer, k), '\u0000');
    if (s !== '\u0000') out[k] = s;
  }
  return out;
}
