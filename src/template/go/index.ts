/**
 * kd's Go text/template engine: parse once, execute many, byte for byte what
 * Go's text/template produces, errors included.
 *
 *   const set = new TemplateSet({ funcs });
 *   set.parse('krakend.tmpl', source, 'config/krakend.tmpl');
 *   const { text } = set.execute('krakend.tmpl', data);
 */
import { builtinFunctions } from './builtins.ts';
import { TemplateError } from './error.ts';
import { executeTree, type ExecEnvironment, type SourceMapEntry } from './exec.ts';
import type { Callable, FunctionMap } from './function.ts';
import { isEmptyTree, type Tree } from './nodes.ts';
import { parseTemplate } from './parse.ts';
import { goQuote } from './print.ts';

export { TemplateError } from './error.ts';
export { builtinFunctions } from './builtins.ts';
export type { SourceMapEntry, ValueOrigin } from './exec.ts';
export * from './print.ts';

/** What `execute` returns: the text and, when asked for, where each run of it came from. */
export interface RenderResult {
  text: string;
  sourceMap?: SourceMapEntry[];
}

/** Options of a template set. */
export interface TemplateSetOptions {
  /** Functions available to templates; they replace built-ins of the same name. */
  funcs?: FunctionMap;
  /** What a missing map key yields: "no value" (default), the zero value (nil), or an error. */
  missingKey?: 'default' | 'zero' | 'error';
}

/** A set of named templates that can call each other with `{{ template "name" }}`. */
export class TemplateSet {
  private readonly templates = new Map<string, Tree>();
  private readonly funcs: Readonly<Record<string, Callable>>;
  private readonly env: ExecEnvironment;

  constructor(options: TemplateSetOptions = {}) {
    this.funcs = options.funcs ?? {};
    const funcs = this.funcs;
    this.env = {
      templates: this.templates,
      missingKey: options.missingKey ?? 'default',
      lookupFunction(name: string) {
        const user = Object.hasOwn(funcs, name) ? funcs[name] : undefined;
        if (user !== undefined) return { fn: user, builtin: false };
        const builtin = Object.hasOwn(builtinFunctions, name) ? builtinFunctions[name] : undefined;
        return builtin === undefined ? undefined : { fn: builtin, builtin: true };
      },
    };
  }

  /** Parses `text` as template `name` (defines inside it are registered too). Throws TemplateError. */
  parse(name: string, text: string, file?: string): void {
    const funcs = this.funcs;
    const hasFunction = (fn: string) => Object.hasOwn(funcs, fn) || Object.hasOwn(builtinFunctions, fn);
    const { trees } = parseTemplate(name, text, file, hasFunction);
    for (const [treeName, tree] of trees) {
      const existing = this.templates.get(treeName);
      // An empty definition never replaces an existing template of the same name.
      if (existing !== undefined && existing.root !== null && isEmptyTree(tree.root)) continue;
      this.templates.set(treeName, tree);
    }
  }

  /** Whether a template of this name is defined. */
  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** Names of the defined templates, sorted. */
  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  /** Executes template `name` with dot = data. Throws TemplateError. */
  execute(name: string, data: unknown, options: { sourceMap?: boolean } = {}): RenderResult {
    const tree = this.templates.get(name);
    if (tree === undefined) {
      throw new TemplateError('exec', `template: no template ${goQuote(name)} associated with template ${goQuote(name)}`, name, 0, 0);
    }
    return executeTree(this.env, tree, data, options.sourceMap === true);
  }
}

/**
 * The source map entry covering output offset `offset` (the last entry
 * starting at or before it), or undefined before the first entry.
 */
export function sourceAt(sourceMap: readonly SourceMapEntry[], offset: number): SourceMapEntry | undefined {
  let lo = 0;
  let hi = sourceMap.length - 1;
  let found: SourceMapEntry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = sourceMap[mid]!;
    if (entry.outputOffset <= offset) {
      found = entry;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Parses and executes one template text (named `name`, default "template"). Throws TemplateError. */
export function renderString(text: string, data?: unknown, funcs?: FunctionMap, name = 'template'): string {
  const set = new TemplateSet(funcs === undefined ? {} : { funcs });
  set.parse(name, text);
  return set.execute(name, data).text;
}
