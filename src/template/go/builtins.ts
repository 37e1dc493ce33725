/**
 * Go's built-in template functions. Each is declared with Go's signature so
 * the executor converts and checks arguments as Go does; operands Go takes
 * as reflect.Value are declared 'value' and arrive unconverted (undefined =
 * no value, null = a nil interface). `and`, `or` and `call` are evaluated
 * by the executor itself (short-circuit, callee name) but are listed here so
 * a user function of the same name can replace them.
 */
import type { Callable } from './function.ts';
import { compareGoStrings, goSprint, goSprintf, goSprintln, goTypeName, isPrintRune, isTrue, utf8Length } from './print.ts';
import { GoComplex, GoInt, goListType, isGoValue, isMap, typedList, type GoList } from './values.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Message of Go's panic when reflect is asked for the type of an invalid value. */
const zeroValueType = 'reflect: call of reflect.Value.Type on zero Value';

type BasicKind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.kind[0] === 'u' ? 'uint' : 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

function intValue(v: unknown): bigint {
  return typeof v === 'bigint' ? v : (v as GoInt).value;
}

/** The reflect kind family of a value, for the comparisons of non-basic values. */
function reflectKind(v: unknown): string {
  if (v === undefined || v === null) return 'invalid';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (typeof v === 'function') return 'func';
  if (isGoValue(v)) return 'struct';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

function isComparable(v: unknown): boolean {
  const k = reflectKind(v);
  return k !== 'slice' && k !== 'map' && k !== 'func';
}

function incompatible(a: unknown, b: unknown): Error {
  return new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
}

function eq(arg1: unknown, ...rest: unknown[]): boolean {
  if (arg1 === null) arg1 = undefined;
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of rest) {
    if (arg === null) arg = undefined;
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = intValue(arg1) >= 0n && intValue(arg1) === intValue(arg);
      else if (k1 === 'uint' && k2 === 'int') truth = intValue(arg) >= 0n && intValue(arg1) === intValue(arg);
      else if (arg1 !== undefined && arg !== undefined) throw incompatible(arg1, arg);
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'int':
        case 'uint':
          truth = intValue(arg1) === intValue(arg);
          break;
        case 'complex':
          truth = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        default: {
          const ka = reflectKind(arg1);
          const kb = reflectKind(arg);
          if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
            throw new Error(goSprintf(`non-comparable types %s: ${goTypeName(arg1)}, ${goTypeName(arg)}: %v`, arg1, arg));
          }
          if (arg1 === undefined || arg === undefined) {
            truth = arg1 === arg;
          } else {
            if (!isComparable(arg)) throw new Error(goSprintf(`non-comparable type %s: ${goTypeName(arg)}`, arg));
            truth = arg1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: unknown, arg2: unknown): boolean {
  if (arg1 === null) arg1 = undefined;
  if (arg2 === null) arg2 = undefined;
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new Error('invalid type for comparison');
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intValue(arg1) < 0n || intValue(arg1) < intValue(arg2);
    if (k1 === 'uint' && k2 === 'int') return intValue(arg2) >= 0n && intValue(arg1) < intValue(arg2);
    throw incompatible(arg1, arg2);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new Error('invalid type for comparison');
    case 'float':
      return (arg1 as number) < (arg2 as number);
    case 'string':
      return compareGoStrings(arg1 as string, arg2 as string) < 0;
    default:
      return intValue(arg1) < intValue(arg2);
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

/** Go's indexArg: an integer index within [0, cap]. */
function indexArg(index: unknown, cap: number): number {
  let x: bigint;
  if (typeof index === 'bigint') x = index;
  else if (index instanceof GoInt) x = index.value;
  else if (index === undefined || index === null) throw new Error('cannot index slice/array with nil');
  else throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  for (let idx of indexes) {
    if (idx === null) idx = undefined;
    if (item === null) throw new Error('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = encoder.encode(item);
      const x = indexArg(idx, bytes.length);
      if (x === bytes.length) throw new Error('reflect: string index out of range');
      item = new GoInt('uint8', BigInt(bytes[x]!));
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new Error('reflect: slice index out of range');
      const v = item[x];
      item = v === undefined ? null : v;
    } else if (item instanceof Uint8Array) {
      const x = indexArg(idx, item.length);
      if (x === item.length) throw new Error('reflect: slice index out of range');
      item = new GoInt('uint8', BigInt(item[x]!));
    } else if (isMap(item)) {
      if (idx === undefined) throw new Error('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new Error(`value has type ${goTypeName(idx)}; should be string`);
      if (Object.hasOwn(item, idx)) {
        const v = item[idx];
        item = v === undefined ? null : v;
      } else {
        item = null;
      }
    } else {
      throw new Error(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  let bytes: Uint8Array | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    bytes = encoder.encode(item);
    cap = len = bytes.length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    cap = len = item.length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const idx = [0, len, 0];
  for (let i = 0; i < indexes.length; i++) idx[i] = indexArg(indexes[i], cap);
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes !== null) return decoder.decode(bytes.subarray(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const list = item as GoList;
  const out = list.slice(idx[0], idx[1]);
  const elem = list[goListType];
  return elem === undefined ? out : typedList(out, elem);
}

function length(item: unknown): bigint {
  if (item === null) throw new Error('len of nil pointer');
  if (item === undefined) throw new Error(zeroValueType);
  if (typeof item === 'string') return BigInt(utf8Length(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isMap(item)) return BigInt(Object.keys(item).length);
  throw new Error(`len of type ${goTypeName(item)}`);
}

/** Text of the operands of html/js/urlquery: one string as is, else fmt.Sprint with nil shown as `<no value>`. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return goSprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

/** Go's template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\0':
        out += '\uFFFD';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Go's template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r < 0x80) {
      switch (ch) {
        case '\\':
          out += '\\\\';
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case '<':
          out += '\\u003C';
          continue;
        case '>':
          out += '\\u003E';
          continue;
        case '&':
          out += '\\u0026';
          continue;
        case '=':
          out += '\\u003D';
          continue;
      }
      if (r < 0x20) out += '\\u00' + r.toString(16).toUpperCase().padStart(2, '0');
      else out += ch;
    } else if (isPrintRune(r)) {
      out += ch;
    } else {
      out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) {
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += '+';
    } else {
      out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

function special(): never {
  throw new Error('evaluated by the executor');
}

/** Go's built-in template functions, by name. */
export const builtinFunctions: Readonly<Record<string, Callable>> = Object.freeze({
  and: { params: ['value'], variadic: 'value', fn: special },
  or: { params: ['value'], variadic: 'value', fn: special },
  call: { params: ['value'], variadic: 'value', fn: special },
  not: { params: ['value'], fn: (a: unknown) => !isTrue(a) },
  len: { params: ['value'], fn: length },
  index: { params: ['value'], variadic: 'value', fn: index },
  slice: { params: ['value'], variadic: 'value', fn: slice },
  print: { params: [], variadic: 'any', fn: goSprint },
  printf: { params: ['string'], variadic: 'any', fn: goSprintf },
  println: { params: [], variadic: 'any', fn: goSprintln },
  html: { params: [], variadic: 'any', fn: (...a: unknown[]) => htmlEscape(evalArgs(a)) },
  js: { params: [], variadic: 'any', fn: (...a: unknown[]) => jsEscape(evalArgs(a)) },
  urlquery: { params: [], variadic: 'any', fn: (...a: unknown[]) => queryEscape(evalArgs(a)) },
  eq: { params: ['value'], variadic: 'value', fn: eq },
  ne: { params: ['value', 'value'], fn: (a: unknown, b: unknown) => !eq(a, b) },
  lt: { params: ['value', 'value'], fn: lt },
  le: { params: ['value', 'value'], fn: le },
  gt: { params: ['value', 'value'], fn: (a: unknown, b: unknown) => !le(a, b) },
  ge: { params: ['value', 'value'], fn: (a: unknown, b: unknown) => !lt(a, b) },
});
