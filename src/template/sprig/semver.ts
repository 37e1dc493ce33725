/**
 * Semantic versions and constraints with the rules of the semver library
 * Sprig uses: lenient version parsing (`v` prefix, missing minor/patch),
 * constraint syntax `= != > < >= <= ~ ~> ^`, wildcards, hyphen ranges,
 * comma/space AND and `||` OR, and pre-releases that only satisfy
 * constraints that mention a pre-release.
 */

import { GoCallError } from '../go/function.ts';
import type { FunctionMap, GoFunction } from '../go/function.ts';
import { GoInt } from '../go/values.ts';
import { fail, fn } from './define.ts';
import { parseUint } from './strconv.ts';
import { goQuote } from '../go/print.ts';

const SEMVER = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** A parsed version; `*semver.Version` in templates (or `semver.Version` for Inc* results). */
export class Version {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
    private readonly pointer = true,
  ) {}

  /** Parses leniently; throws GoCallError with the library's message. */
  static parse(text: string): Version {
    const m = SEMVER.exec(text);
    if (!m) throw new GoCallError('Invalid Semantic Version');
    const segment = (s: string): bigint => {
      const r = parseUint(s, 10, 64);
      if (r.error) {
        const why = r.error === 'range' ? 'value out of range' : 'invalid syntax';
        throw new GoCallError(`Error parsing version segment: strconv.ParseUint: parsing ${goQuote(s)}: ${why}`);
      }
      return r.value;
    };
    const pre = m[5] ?? '';
    const meta = m[8] ?? '';
    const v = new Version(segment(m[1]!), m[2] ? segment(m[2].slice(1)) : 0n, m[3] ? segment(m[3].slice(1)) : 0n, pre, meta, text);
    if (pre !== '') {
      for (const part of pre.split('.')) {
        if (/^[0-9]+$/.test(part) && part.length > 1 && part[0] === '0') throw new GoCallError('Version segment starts with 0');
      }
    }
    return v;
  }

  toString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre !== '') s += '-' + this.pre;
    if (this.metadata !== '') s += '+' + this.metadata;
    return s;
  }

  compare(o: Version): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ] as const) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.pre === '' && o.pre === '') return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }

  private next(major: bigint, minor: bigint, patch: bigint): Version {
    const prefix = this.original.startsWith('v') ? 'v' : '';
    return new Version(major, minor, patch, '', '', `${prefix}${major}.${minor}.${patch}`, false);
  }

  incPatch(): Version {
    return this.pre !== '' ? this.next(this.major, this.minor, this.patch) : this.next(this.major, this.minor, this.patch + 1n);
  }

  incMinor(): Version {
    return this.next(this.major, this.minor + 1n, 0n);
  }

  incMajor(): Version {
    return this.next(this.major + 1n, 0n, 0n);
  }

  goType(): string {
    return this.pointer ? '*semver.Version' : 'semver.Version';
  }
  goString(): string {
    return this.toString();
  }
  goKind(): string {
    return this.pointer ? 'ptr' : 'struct';
  }
  goTruth(): boolean {
    return true;
  }
  goEqual(other: unknown): boolean {
    return other instanceof Version && other.toString() === this.toString() && other.original === this.original;
  }
  marshalGoJSON(): string {
    return JSON.stringify(this.toString());
  }

  goField(name: string): { value: unknown } | undefined {
    const u64 = (v: bigint): GoInt => new GoInt('uint64', v);
    switch (name) {
      case 'Major':
        return { value: u64(this.major) };
      case 'Minor':
        return { value: u64(this.minor) };
      case 'Patch':
        return { value: u64(this.patch) };
      case 'Prerelease':
        return { value: this.pre };
      case 'Metadata':
        return { value: this.metadata };
      case 'Original':
        return { value: this.original };
      case 'String':
        return { value: this.toString() };
      case 'IncMajor':
        return { value: this.incMajor() };
      case 'IncMinor':
        return { value: this.incMinor() };
      case 'IncPatch':
        return { value: this.incPatch() };
    }
    return undefined;
  }

  goMethod(name: string): GoFunction | undefined {
    const other = (v: unknown): Version => {
      if (!(v instanceof Version)) fail('wrong type for value; expected *semver.Version');
      return v as Version;
    };
    switch (name) {
      case 'Compare':
        return fn(['any'], (o: unknown) => BigInt(this.compare(other(o))));
      case 'LessThan':
        return fn(['any'], (o: unknown) => this.compare(other(o)) < 0);
      case 'GreaterThan':
        return fn(['any'], (o: unknown) => this.compare(other(o)) > 0);
      case 'Equal':
        return fn(['any'], (o: unknown) => this.compare(other(o)) === 0);
    }
    return undefined;
  }
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  const n = Math.max(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = parseUint(s, 10, 64);
  const on = parseUint(o, 10, 64);
  if (sn.error && on.error) return s > o ? 1 : -1;
  if (on.error) return -1;
  if (sn.error) return 1;
  return sn.value > on.value ? 1 : -1;
}

const WS = '[\\t\\n\\f\\r ]';
const CV = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT = new RegExp(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const RANGE = new RegExp(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`, 'g');
const FIND = new RegExp(`(${OPS})${WS}*(${CV})`, 'g');
const VALID = new RegExp(`^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`);

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT.exec(c);
  if (!m) throw new GoCallError(`improper constraint: ${c}`);
  const major = m[3] ?? '';
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = '0.0.0';
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: Version;
  try {
    con = Version.parse(ver);
  } catch {
    throw new GoCallError('constraint Parser Error');
  }
  return { con, orig: m[2]!, op: m[1]!, dirty, minorDirty, patchDirty };
}

/** The library's `NewConstraint`: OR groups of AND-ed constraints. */
export function parseConstraints(text: string): Constraint[][] {
  let c = text;
  for (const m of text.matchAll(RANGE)) c = c.replace(m[0], `>= ${m[1]}, <= ${m[11]}`);
  return c.split('||').map((part) => {
    if (!VALID.test(part)) throw new GoCallError(`improper constraint: ${part}`);
    const found = [...part.matchAll(FIND)].map((m) => m[0]);
    return (found.length > 0 ? found : [part]).map(parseConstraint);
  });
}

function check(v: Version, c: Constraint): boolean {
  // A pre-release version only satisfies constraints that carry a pre-release themselves.
  if (v.pre !== '' && c.con.pre === '' && !(c.op === '!=' && !c.dirty)) return false;
  const cmp = v.compare(c.con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : cmp === 0;
    case '!=':
      return notEqual(v, c);
    case '>':
      if (!c.dirty) return cmp === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp === 1;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  return false;
}

function notEqual(v: Version, c: Constraint): boolean {
  if (c.dirty) {
    if (v.pre !== '' && c.con.pre === '') return false;
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return v.compare(c.con) !== 0;
}

function tilde(v: Version, c: Constraint): boolean {
  if (v.compare(c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: Version, c: Constraint): boolean {
  if (v.compare(c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  return c.con.patch === v.patch;
}

/** True when `version` satisfies the constraint expression. */
export function satisfies(constraints: Constraint[][], version: Version): boolean {
  return constraints.some((group) => group.every((c) => check(version, c)));
}

/** Semantic version functions. */
export function semverFunctions(): FunctionMap {
  return {
    semver: fn(['string'], (s: string) => Version.parse(s)),
    semverCompare: fn(['string', 'string'], (constraint: string, version: string) => {
      const cs = parseConstraints(constraint);
      return satisfies(cs, Version.parse(version));
    }),
  };
}
