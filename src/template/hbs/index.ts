/**
 * Handlebars rendering for base templates ending in `.hbs`: the same
 * function library as the Go templates (Sprig, `marshal`, `include`), each
 * function registered as a helper taking its arguments in the same order.
 * Output is not HTML-escaped (configurations are not HTML) and missing
 * values render as nothing. Errors name the file, line and column.
 */

import Handlebars from 'handlebars';
import type { FunctionMap, GoFunction, GoParamType } from '../go/function.ts';
import { goParamTypeName } from '../go/function.ts';
import { goTypeName } from '../go/print.ts';
import { GoInt, isGoValue } from '../go/values.ts';

/** A Handlebars parse or render failure, located in the template (or partial) where it happened. */
export class HandlebarsError extends Error {
  override name = 'HandlebarsError';
  constructor(
    readonly detail: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}: ${detail}`);
  }
}

/** Options for renderHandlebars. */
export interface RenderHandlebarsOptions {
  /** Name used in error messages (the template's path). */
  file?: string;
  /** Partials by name, for `{{> name}}`. */
  partials?: Record<string, string>;
  /** Functions available as helpers. */
  funcs: FunctionMap;
}

/** Hash key carrying a helper call's source position into the helper (added to the parsed template). */
const LOCATION_KEY = 'kdSourceLocation';

interface Position {
  line: number;
  column: number;
}

interface AstNode {
  type: string;
  loc?: { start: Position; end: Position };
  [key: string]: unknown;
}

/** An int64 (or other sized integer) that prints as its number when Handlebars writes it out. */
class PrintableInt extends GoInt {
  override toString(): string {
    return this.value.toString();
  }
}

function describeArity(f: GoFunction): string {
  return f.variadic !== undefined ? `at least ${f.params.length}` : String(f.params.length);
}

/** Converts a Handlebars argument for a Go parameter, with Go's messages when it does not fit. */
function convertArg(v: unknown, type: GoParamType): unknown {
  const wrong = (): never => {
    throw new Error(`wrong type for value; expected ${goParamTypeName(type)}; got ${goTypeName(v)}`);
  };
  const absent = v === undefined || v === null;
  switch (type) {
    case 'any':
      return v === undefined ? null : v;
    case 'string':
      return typeof v === 'string' ? v : wrong();
    case 'bool':
      return typeof v === 'boolean' ? v : wrong();
    case 'int':
    case 'int64': {
      // Handlebars numbers have no int/float distinction: an integral number fits an int parameter.
      let n: bigint | undefined;
      if (typeof v === 'bigint') n = v;
      else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
      else if (v instanceof GoInt) n = v.value;
      if (n === undefined) return wrong();
      return type === 'int' ? n : new GoInt('int64', n);
    }
    case 'float64':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof GoInt) return Number(v.value);
      return wrong();
    case 'list':
      return absent ? null : Array.isArray(v) ? v : wrong();
    case 'strings':
      return absent ? null : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : wrong();
    case 'map':
      return absent ? null : typeof v === 'object' && !Array.isArray(v) && !isGoValue(v) && !(v instanceof GoInt) ? v : wrong();
    case 'time':
      return isGoValue(v) && v.goType() === 'time.Time' ? v : wrong();
  }
  return v;
}

/** Makes a Go function callable as a Handlebars helper. */
function helperFor(name: string, f: GoFunction): Handlebars.HelperDelegate {
  return function (this: unknown, ...all: unknown[]) {
    const options = all.pop() as Handlebars.HelperOptions & { hash: Record<string, unknown> };
    const where = options.hash?.[LOCATION_KEY] as string | undefined;
    const args = all;
    // `{{title}}` with no arguments is also how Handlebars reads a field named like a function.
    if (args.length === 0 && f.params.length > 0) {
      const ctx = this as Record<string, unknown> | null | undefined;
      return ctx !== null && typeof ctx === 'object' && Object.prototype.hasOwnProperty.call(ctx, name) ? ctx[name] : undefined;
    }
    try {
      const fixed = f.params.length;
      if (args.length < fixed || (f.variadic === undefined && args.length !== fixed)) {
        throw new Error(`wrong number of args for ${name}: want ${describeArity(f)} got ${args.length}`);
      }
      const converted = args.map((a, i) => convertArg(a, i < fixed ? f.params[i]! : f.variadic!));
      const result = f.fn(...converted);
      if (result instanceof GoInt && !(result instanceof PrintableInt)) return new PrintableInt(result.kind, result.value);
      return result;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new HelperFailure(`error calling ${name}: ${message}`, where);
    }
  };
}

/** A helper's error together with the encoded position of its call. */
class HelperFailure extends Error {
  constructor(
    message: string,
    readonly where: string | undefined,
  ) {
    super(message);
  }
}

/** Adds each function call's source position as a hash argument, so a failing helper can say where it was called. */
function annotate(node: unknown, funcs: FunctionMap, file: string): void {
  if (Array.isArray(node)) {
    for (const n of node) annotate(n, funcs, file);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AstNode;
  const path = n.path as AstNode | undefined;
  const isCall = n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement';
  if (isCall && path?.type === 'PathExpression' && !path.data && (path.parts as string[]).length === 1) {
    const name = path.original as string;
    if (Object.prototype.hasOwnProperty.call(funcs, name) && n.loc) {
      const text = JSON.stringify([file, n.loc.start.line, n.loc.start.column + 1]);
      const value = { type: 'StringLiteral', value: text, original: text, loc: n.loc };
      const pair = { type: 'HashPair', key: LOCATION_KEY, value, loc: n.loc };
      const hash = (n.hash as AstNode | undefined) ?? { type: 'Hash', pairs: [], loc: n.loc };
      (hash.pairs as unknown[]).push(pair);
      n.hash = hash;
    }
  }
  for (const key of ['body', 'program', 'inverse', 'params', 'hash', 'pairs', 'value', 'path']) {
    if (key in n) annotate(n[key], funcs, file);
  }
}

/** Where a Handlebars parser or runtime error points, when it says. */
function errorPosition(e: unknown): { line?: number; column?: number } {
  const err = e as { lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  if (err.hash?.loc) return { line: err.hash.loc.first_line, column: err.hash.loc.first_column + 1 };
  if (typeof err.lineNumber === 'number') return { line: err.lineNumber, column: typeof err.column === 'number' ? err.column + 1 : undefined };
  const m = /on line (\d+)/.exec(err instanceof Error ? err.message : '');
  return m ? { line: Number(m[1]) } : {};
}

function located(e: unknown, file: string): Error {
  if (e instanceof HandlebarsError) return e;
  if (e instanceof HelperFailure) {
    if (e.where) {
      const [where, line, column] = JSON.parse(e.where) as [string, number, number];
      return new HandlebarsError(e.message, where, line, column);
    }
    return new HandlebarsError(e.message, file);
  }
  const message = (e instanceof Error ? e.message : String(e)).replace(/ - \d+:\d+$/, '');
  const { line, column } = errorPosition(e);
  return new HandlebarsError(message, file, line, column);
}

/** Parses and annotates a template or partial; parse errors are located in `file`. */
function prepare(env: typeof Handlebars, text: string, file: string, funcs: FunctionMap): hbs.AST.Program {
  let ast: hbs.AST.Program;
  try {
    ast = env.parseWithoutProcessing(text, { srcName: file });
  } catch (e) {
    throw located(e, file);
  }
  annotate(ast, funcs, file);
  return ast;
}

const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;

/** Renders a Handlebars template with `funcs` as helpers. Throws HandlebarsError. */
export function renderHandlebars(text: string, data: unknown, options: RenderHandlebarsOptions): string {
  const file = options.file ?? 'template';
  const env = Handlebars.create();
  for (const [name, f] of Object.entries(options.funcs)) env.registerHelper(name, helperFor(name, f));
  for (const [name, partial] of Object.entries(options.partials ?? {})) {
    env.registerPartial(name, env.compile(prepare(env, partial, name, options.funcs), COMPILE_OPTIONS));
  }
  const template = env.compile(prepare(env, text, file, options.funcs), COMPILE_OPTIONS);
  try {
    return template(data);
  } catch (e) {
    throw located(e, file);
  }
}
