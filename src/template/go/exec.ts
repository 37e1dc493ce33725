/**
 * The executor: walks a parsed tree with a data value ("dot") and writes the
 * output. Parse once, execute many: nothing here re-reads source text.
 *
 * Go distinguishes "no value" (an invalid reflect.Value: a missing map key,
 * nil data) from a nil interface (a JSON null inside a map or list). Here
 * the first is `undefined`, the second `null`. A pipeline's result drops
 * the interface, so a null result becomes "no value", as in Go.
 */
import type { Callable, ParamType } from './function.ts';
import { goParamTypeName, isGoFunction } from './function.ts';
import { TemplateError } from './error.ts';
import {
  NodeKind,
  type ActionNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type IfNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type RangeNode,
  type TemplateNode,
  type TextNode,
  type Tree,
  type VariableNode,
  type WithNode,
} from './nodes.ts';
import { formatValue, goQuote, goTypeName, isTrue, sortedKeys } from './print.ts';
import { GoInt, goListType, goMapType, isGoValue, isMap, type GoList, type GoValue, type GoValueExtras } from './values.ts';

/** Where a run of output came from. */
export interface SourceMapEntry {
  /** Offset in the output (UTF-16 units) where the run starts. */
  outputOffset: number;
  /** The file-level template the producing node belongs to. */
  template: string;
  /** File of that template, when it was registered with one. */
  file?: string;
  /** 1-based line of the node (for text, of the output line's source line). */
  line: number;
  /** 1-based column (UTF-16 units). */
  column: number;
  /** Text copied from the template, or the printed value of an action. */
  kind: 'text' | 'value';
  /** For printed values: the data the value was read from, when known (see ValueOrigin). */
  origin?: ValueOrigin;
}

/**
 * Where a printed value came from in the template's data: a map member read
 * by a field chain (`.service.port` → the `service` map and key `port`), or a
 * map or list handed to the function that produced the text (`marshal .x`).
 * Lets a caller that knows where its data was loaded from point a problem in
 * the output back at the data file.
 */
export type ValueOrigin = { receiver: Record<string, unknown>; key: string } | { value: object };

/** What the executor needs from the template set. */
export interface ExecEnvironment {
  templates: ReadonlyMap<string, Tree>;
  lookupFunction(name: string): { fn: Callable; builtin: boolean } | undefined;
  missingKey: 'default' | 'zero' | 'error';
}

const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

const SIGNAL_NONE = 0;
const SIGNAL_BREAK = 1;
const SIGNAL_CONTINUE = 2;
type Signal = 0 | 1 | 2;

/** Go's limit on nested template calls, as its error message states it. */
const maxExecDepth = 100000;

class ExecState {
  out = '';
  tmpl: Tree;
  node: Node | null = null;
  depth = 0;
  /** Variable stack: names, values, and whether each value sits in an interface (came from a generic list or map). */
  varNames: string[];
  varValues: unknown[];
  varBoxed: boolean[];
  /** Whether the last field lookup produced an interface-held value. */
  lastBoxed = false;
  /** The innermost `{{template}}` call and the template making it, for the recursion-depth error. */
  lastCall: TemplateNode | null = null;
  lastCaller: Tree | null = null;
  readonly sourceMap: SourceMapEntry[] | null;
  /** Data origin of the action being evaluated (only tracked with a source map). */
  origin: ValueOrigin | null = null;

  constructor(
    readonly env: ExecEnvironment,
    tmpl: Tree,
    dot: unknown,
    sourceMap: boolean,
  ) {
    this.tmpl = tmpl;
    this.varNames = ['$'];
    this.varValues = [dot];
    this.varBoxed = [false];
    this.sourceMap = sourceMap ? [] : null;
  }

  // -- errors

  errorf(message: string): never {
    const node = this.node;
    if (node === null) {
      throw new TemplateError('exec', `template: ${this.tmpl.name}: ${message}`, this.tmpl.parseName, 0, 0, this.tmpl.file);
    }
    const tree = node.tree;
    const loc = tree.location(node.pos);
    throw new TemplateError(
      'exec',
      `template: ${tree.parseName}:${loc.line}:${loc.goColumn}: executing ${goQuote(this.tmpl.name)} at <${node}>: ${message}`,
      tree.parseName,
      loc.line,
      loc.column,
      tree.file,
    );
  }

  // -- variables

  push(name: string, value: unknown, boxed: boolean): void {
    this.varNames.push(name);
    this.varValues.push(value);
    this.varBoxed.push(boxed);
  }

  pop(mark: number): void {
    if (this.varNames.length === mark) return;
    this.varNames.length = mark;
    this.varValues.length = mark;
    this.varBoxed.length = mark;
  }

  setVar(name: string, value: unknown, boxed: boolean): void {
    for (let i = this.varNames.length - 1; i >= 0; i--) {
      if (this.varNames[i] === name) {
        this.varValues[i] = value;
        this.varBoxed[i] = boxed;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: unknown, boxed: boolean): void {
    const i = this.varNames.length - n;
    this.varValues[i] = value;
    this.varBoxed[i] = boxed;
  }

  varValue(name: string): unknown {
    for (let i = this.varNames.length - 1; i >= 0; i--) {
      if (this.varNames[i] === name) {
        this.lastBoxed = this.varBoxed[i]!;
        return this.varValues[i];
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // -- output

  writeText(node: TextNode): void {
    if (this.sourceMap !== null) {
      const tree = node.tree;
      const loc = tree.location(node.pos);
      const base = this.out.length;
      this.sourceMap.push({ outputOffset: base, template: tree.parseName, ...(tree.file !== undefined ? { file: tree.file } : {}), line: loc.line, column: loc.column, kind: 'text' });
      const text = node.text;
      let line = loc.line;
      for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
        line++;
        this.sourceMap.push({ outputOffset: base + i + 1, template: tree.parseName, ...(tree.file !== undefined ? { file: tree.file } : {}), line, column: 1, kind: 'text' });
      }
    }
    this.out += node.text;
  }

  writeValue(node: ActionNode, text: string): void {
    if (text.length === 0) return;
    if (this.sourceMap !== null) {
      const tree = node.tree;
      const loc = tree.location(node.pos);
      this.sourceMap.push({
        outputOffset: this.out.length,
        template: tree.parseName,
        ...(tree.file !== undefined ? { file: tree.file } : {}),
        line: loc.line,
        column: loc.column,
        kind: 'value',
        ...(this.origin !== null ? { origin: this.origin } : {}),
      });
    }
    this.out += text;
  }

  // -- walking

  walk(dot: unknown, boxed: boolean, node: Node): Signal {
    this.node = node;
    switch (node.kind) {
      case NodeKind.Action: {
        if (this.sourceMap !== null) this.origin = null;
        const val = this.evalPipeline(dot, boxed, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return SIGNAL_NONE;
      }
      case NodeKind.Break:
        return SIGNAL_BREAK;
      case NodeKind.Continue:
        return SIGNAL_CONTINUE;
      case NodeKind.If:
        return this.walkIfOrWith(false, dot, boxed, node);
      case NodeKind.List: {
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) {
          const signal = this.walk(dot, boxed, nodes[i]!);
          if (signal !== SIGNAL_NONE) return signal;
        }
        return SIGNAL_NONE;
      }
      case NodeKind.Range:
        this.walkRange(dot, boxed, node);
        return SIGNAL_NONE;
      case NodeKind.Template:
        this.walkTemplate(dot, boxed, node);
        return SIGNAL_NONE;
      case NodeKind.Text:
        this.writeText(node);
        return SIGNAL_NONE;
      case NodeKind.With:
        return this.walkIfOrWith(true, dot, boxed, node);
      default:
        this.errorf(`unknown node: ${node}`);
    }
  }

  walkIfOrWith(isWith: boolean, dot: unknown, boxed: boolean, node: IfNode | WithNode): Signal {
    const mark = this.varNames.length;
    const val = this.evalPipeline(dot, boxed, node.pipe);
    let signal: Signal = SIGNAL_NONE;
    if (isTrue(val)) {
      signal = isWith ? this.walk(val, false, node.list) : this.walk(dot, boxed, node.list);
    } else if (node.elseList !== null) {
      signal = this.walk(dot, boxed, node.elseList);
    }
    this.pop(mark);
    return signal;
  }

  walkRange(dot: unknown, boxed: boolean, r: RangeNode): void {
    this.node = r;
    const outerMark = this.varNames.length;
    const val = this.evalPipeline(dot, boxed, r.pipe);
    const mark = this.varNames.length;
    const decl = r.pipe.decl;
    const list = r.list;
    let ran = false;

    const iterate = (index: unknown, elem: unknown, elemBoxed: boolean): boolean => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) {
          if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index, false);
          else this.setVar(decl[0]!.ident[0]!, elem, elemBoxed);
        } else {
          this.setTopVar(1, elem, elemBoxed);
        }
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, elemBoxed);
        else this.setTopVar(2, index, false);
      }
      const signal = this.walk(elem, elemBoxed, list);
      this.pop(mark);
      return signal === SIGNAL_BREAK;
    };

    if (typeof val === 'bigint' || val instanceof GoInt) {
      if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
      const n = typeof val === 'bigint' ? val : val.value;
      const make = typeof val === 'bigint' ? (i: bigint) => i : (i: bigint) => new GoInt((val as GoInt).kind, i);
      for (let i = 0n; i < n; i++) {
        ran = true;
        if (iterate(undefined, make(i), false)) break;
      }
    } else if (Array.isArray(val)) {
      const elemBoxed = (val as GoList)[goListType] === undefined;
      for (let i = 0; i < val.length; i++) {
        ran = true;
        const elem = val[i];
        if (iterate(BigInt(i), elem === undefined ? null : elem, elemBoxed)) break;
      }
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (iterate(BigInt(i), new GoInt('uint8', BigInt(val[i]!)), false)) break;
      }
    } else if (val === undefined || val === null) {
      // Nothing to iterate: like an empty map.
    } else if (isMap(val)) {
      const keys = sortedKeys(val);
      for (let i = 0; i < keys.length; i++) {
        ran = true;
        const k = keys[i]!;
        const elem = val[k];
        if (iterate(k, elem === undefined ? null : elem, true)) break;
      }
    } else {
      this.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && r.elseList !== null) this.walk(dot, boxed, r.elseList);
    this.pop(outerMark);
  }

  walkTemplate(dot: unknown, boxed: boolean, t: TemplateNode): void {
    this.node = t;
    this.lastCall = t;
    this.lastCaller = this.tmpl;
    const tmpl = this.env.templates.get(t.name);
    if (tmpl === undefined || tmpl.root === null) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === maxExecDepth) this.errorf(`exceeded maximum template depth (${maxExecDepth})`);
    const newDot = t.pipe === null ? undefined : this.evalPipeline(dot, boxed, t.pipe);
    const savedTmpl = this.tmpl;
    const savedNames = this.varNames;
    const savedValues = this.varValues;
    const savedBoxed = this.varBoxed;
    this.tmpl = tmpl;
    this.varNames = ['$'];
    this.varValues = [newDot];
    this.varBoxed = [false];
    this.depth++;
    this.walk(newDot, false, tmpl.root);
    this.depth--;
    this.tmpl = savedTmpl;
    this.varNames = savedNames;
    this.varValues = savedValues;
    this.varBoxed = savedBoxed;
  }

  // -- evaluation

  evalPipeline(dot: unknown, boxed: boolean, pipe: PipeNode): unknown {
    this.node = pipe;
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, boxed, cmds[i]!, value);
      // An interface-held nil leaves the pipeline as "no value".
      if (value === null) value = undefined;
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i]!.ident[0]!, value, false);
      else this.push(decl[i]!.ident[0]!, value, false);
    }
    return value;
  }

  notAFunction(args: readonly Node[] | null, final: Final): void {
    if ((args !== null && args.length > 1) || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${args === null ? '' : String(args[0])}`);
    }
  }

  evalCommand(dot: unknown, boxed: boolean, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case NodeKind.Field:
        return this.evalFieldNode(dot, boxed, first, cmd.args, final);
      case NodeKind.Chain:
        return this.evalChainNode(dot, boxed, first, cmd.args, final);
      case NodeKind.Identifier:
        return this.evalFunction(dot, boxed, first, cmd, cmd.args, final);
      case NodeKind.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, boxed, first);
      case NodeKind.Variable:
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case NodeKind.Bool:
        return first.value;
      case NodeKind.Dot:
        return dot;
      case NodeKind.Nil:
        this.errorf('nil is not a command');
        break;
      case NodeKind.Number:
        return this.idealConstant(first);
      case NodeKind.String:
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(String(first))}`);
  }

  idealConstant(n: NumberNode): unknown {
    this.node = n;
    if (n.isComplex) return n.complex;
    const text = n.text;
    if (n.isFloat && !isHexInt(text) && text[0] !== "'" && /[.eEpP]/.test(text)) return n.float64;
    if (n.isInt) return n.int64;
    if (n.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: unknown, boxed: boolean, field: FieldNode, args: readonly Node[] | null, final: Final): unknown {
    this.node = field;
    return this.evalFieldChain(dot, dot, boxed, field, field.ident, 0, args, final);
  }

  evalChainNode(dot: unknown, boxed: boolean, chain: ChainNode, args: readonly Node[] | null, final: Final): unknown {
    this.node = chain;
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.kind === NodeKind.Nil) this.errorf(`indirection through explicit nil in ${chain}`);
    const receiver = this.evalArg(dot, boxed, null, chain.node);
    return this.evalFieldChain(dot, receiver, receiver === null, chain, chain.field, 0, args, final);
  }

  evalVariableNode(dot: unknown, variable: VariableNode, args: readonly Node[] | null, final: Final): unknown {
    this.node = variable;
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, this.lastBoxed, variable, variable.ident, 1, args, final);
  }

  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    boxed: boolean,
    node: Node,
    ident: readonly string[],
    start: number,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = start; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver, boxed);
      boxed = this.lastBoxed;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, boxed);
  }

  evalField(dot: unknown, fieldName: string, node: Node, args: readonly Node[] | null, final: Final, receiver: unknown, boxed: boolean): unknown {
    this.lastBoxed = false;
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.hasOwn(receiver, fieldName)) {
        const v = receiver[fieldName];
        this.lastBoxed = true;
        if (this.sourceMap !== null) this.origin = { receiver, key: fieldName };
        return v === undefined ? null : v;
      }
      switch (this.env.missingKey) {
        case 'zero':
          this.lastBoxed = true;
          return null;
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
      return undefined;
    }
    if (isGoValue(receiver)) {
      const extras = receiver as GoValue & GoValueExtras;
      const method = typeof extras.goMethod === 'function' ? extras.goMethod(fieldName) : undefined;
      if (method !== undefined) return this.evalCall(dot, false, method, false, node, fieldName, args, final);
      const field = typeof extras.goField === 'function' ? extras.goField(fieldName) : undefined;
      if (field !== undefined) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return field.value;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${boxed ? 'interface {}' : goTypeName(receiver)}`);
  }

  evalFunction(dot: unknown, boxed: boolean, node: IdentifierNode, cmd: Node, args: readonly Node[] | null, final: Final): unknown {
    this.node = node;
    const name = node.ident;
    const found = this.env.lookupFunction(name);
    if (found === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, boxed, found.fn, found.builtin, cmd, name, args, final);
  }

  /** Calls a function or method; args[0] is the function's own node (skipped). */
  evalCall(
    dot: unknown,
    boxed: boolean,
    fun: Callable,
    isBuiltin: boolean,
    node: Node,
    name: string,
    args: readonly Node[] | null,
    final: Final,
  ): unknown {
    const nargs = args === null ? 0 : args.length - 1;
    const hasFinal = final !== MISSING;
    const numIn = nargs + (hasFinal ? 1 : 0);
    const params = fun.params;
    const variadic = fun.variadic;
    let numFixed = nargs;
    if (variadic !== undefined) {
      numFixed = params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${nargs}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      const wantTrue = name === 'or';
      let v: unknown = undefined;
      for (let i = 1; i <= nargs; i++) {
        v = this.evalArg(dot, boxed, 'value', args![i]!);
        if (isTrue(v) === wantTrue) return v;
      }
      if (hasFinal) v = final;
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < nargs; i++) argv.push(this.evalArg(dot, boxed, params[i]!, args![i + 1]!));
    if (variadic !== undefined) for (; i < nargs; i++) argv.push(this.evalArg(dot, boxed, variadic, args![i + 1]!));
    if (hasFinal) {
      let t: ParamType;
      if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1]! : variadic;
      else t = params[params.length - 1]!;
      argv.push(this.validateType(final, t));
    }

    if (isBuiltin && name === 'call') {
      const calleeName = nargs === 0 ? String(final) : String(args![1]);
      try {
        return callFunctionValue(calleeName, argv[0], argv.slice(1));
      } catch (e) {
        this.node = node;
        this.errorf(`error calling ${name}: ${errorText(e)}`);
      }
    }

    if (this.sourceMap !== null) {
      for (let j = argv.length - 1; j >= 0; j--) {
        const a = argv[j];
        if (typeof a === 'object' && a !== null) {
          this.origin = { value: a };
          break;
        }
      }
    }
    try {
      return fun.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      this.node = node;
      this.errorf(`error calling ${name}: ${errorText(e)}`);
    }
  }

  /** Checks a computed value against a parameter type, converting as Go's reflection-based call does. */
  validateType(value: unknown, typ: ParamType | null): unknown {
    if (value === undefined) {
      if (typ === null || typ === 'value') return undefined;
      switch (typ) {
        case 'any':
        case 'list':
        case 'strings':
        case 'map':
          return null;
      }
      this.errorf(`invalid value; expected ${goParamTypeName(typ)}`);
    }
    if (typ === null || typ === 'value' || typ === 'any') return value;
    if (value !== null) {
      switch (typ) {
        case 'string':
          if (typeof value === 'string') return value;
          break;
        case 'bool':
          if (typeof value === 'boolean') return value;
          break;
        case 'float64':
          if (typeof value === 'number') return value;
          break;
        case 'int':
          if (typeof value === 'bigint') return value;
          break;
        case 'int64':
          if (value instanceof GoInt && value.kind === 'int64') return value;
          break;
        case 'list':
          if (Array.isArray(value) && (value as GoList)[goListType] === undefined) return value;
          break;
        case 'strings':
          if (Array.isArray(value) && (value as GoList)[goListType] === 'string') return value;
          break;
        case 'map':
          if (isMap(value) && (value as { [goMapType]?: string })[goMapType] === undefined) return value;
          break;
        case 'time':
          if (isGoValue(value) && value.goType() === 'time.Time') return value;
          break;
      }
    }
    this.errorf(`wrong type for value; expected ${goParamTypeName(typ)}; got ${value === null ? 'interface {}' : goTypeName(value)}`);
  }

  evalArg(dot: unknown, boxed: boolean, typ: ParamType | null, n: Node): unknown {
    this.node = n;
    switch (n.kind) {
      case NodeKind.Dot:
        return this.validateType(dot, typ);
      case NodeKind.Nil:
        switch (typ) {
          case 'value':
            return undefined;
          case 'any':
          case 'list':
          case 'strings':
          case 'map':
            return null;
        }
        this.errorf(`cannot assign nil to ${typ === null ? 'interface {}' : goParamTypeName(typ)}`);
        break;
      case NodeKind.Field:
        return this.validateType(this.evalFieldNode(dot, boxed, n, null, MISSING), typ);
      case NodeKind.Variable:
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case NodeKind.Pipe:
        return this.validateType(this.evalPipeline(dot, boxed, n), typ);
      case NodeKind.Identifier:
        return this.validateType(this.evalFunction(dot, boxed, n, n, null, MISSING), typ);
      case NodeKind.Chain:
        return this.validateType(this.evalChainNode(dot, boxed, n, null, MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.kind === NodeKind.Bool) return n.value;
        this.errorf(`expected bool; found ${n}`);
        break;
      case 'float64':
        if (n.kind === NodeKind.Number && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${n}`);
        break;
      case 'int':
        if (n.kind === NodeKind.Number && n.isInt) return n.int64;
        this.errorf(`expected integer; found ${n}`);
        break;
      case 'int64':
        if (n.kind === NodeKind.Number && n.isInt) return new GoInt('int64', n.int64);
        this.errorf(`expected integer; found ${n}`);
        break;
      case 'string':
        if (n.kind === NodeKind.String) return n.text;
        this.errorf(`expected string; found ${n}`);
        break;
      case 'any':
      case 'value':
        switch (n.kind) {
          case NodeKind.Bool:
            return n.value;
          case NodeKind.Number:
            return this.idealConstant(n);
          case NodeKind.String:
            return n.text;
        }
        this.errorf(`can't handle assignment of ${n} to empty interface argument`);
        break;
    }
    this.errorf(`can't handle ${n} for arg of type ${typ === null ? 'interface {}' : goParamTypeName(typ)}`);
  }

  printValue(node: ActionNode, v: unknown): void {
    this.node = node;
    if (v === undefined) {
      this.writeValue(node, '<no value>');
      return;
    }
    if (typeof v === 'function' || isGoFunction(v)) this.errorf(`can't print ${node} of type ${goTypeName(v)}`);
    this.writeValue(node, formatValue(v));
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return formatValue(e);
}

/** The `call` built-in: calls a function value found in the data. */
function callFunctionValue(name: string, fn: unknown, args: unknown[]): unknown {
  if (fn === null || fn === undefined) throw new Error('call of nil');
  if (typeof fn === 'function') return fn(...args.map((a) => (a === undefined ? null : a)));
  if (!isGoFunction(fn)) throw new Error(`non-function ${name} of type ${goTypeName(fn)}`);
  const numIn = fn.params.length;
  if (fn.variadic !== undefined) {
    if (args.length < numIn) throw new Error(`wrong number of args for ${name}: got ${args.length} want at least ${numIn}`);
  } else if (args.length !== numIn) {
    throw new Error(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  }
  const argv = args.map((arg, i) => {
    const t = i < numIn ? fn.params[i]! : fn.variadic!;
    if (arg === undefined || arg === null) {
      if (t === 'any' || t === 'list' || t === 'strings' || t === 'map') return null;
      throw new Error(`arg ${i}: value is nil; should be of type ${goParamTypeName(t)}`);
    }
    if (!fitsParam(arg, t)) throw new Error(`arg ${i}: value has type ${goTypeName(arg)}; should be ${goParamTypeName(t)}`);
    // Integers of any kind convert to the parameter's integer kind.
    if (t === 'int' && arg instanceof GoInt) return BigInt.asIntN(64, arg.value);
    if (t === 'int64' && typeof arg === 'bigint') return new GoInt('int64', arg);
    return arg;
  });
  return fn.fn(...argv);
}

function fitsParam(v: unknown, t: ParamType): boolean {
  switch (t) {
    case 'any':
    case 'value':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return typeof v === 'number';
    case 'int':
      return typeof v === 'bigint' || v instanceof GoInt;
    case 'int64':
      return typeof v === 'bigint' || v instanceof GoInt;
    case 'list':
      return Array.isArray(v) && (v as GoList)[goListType] === undefined;
    case 'strings':
      return Array.isArray(v) && (v as GoList)[goListType] === 'string';
    case 'map':
      return isMap(v);
    case 'time':
      return isGoValue(v) && v.goType() === 'time.Time';
  }
}

/** Runs template `tree` with dot = data. Returns the output (and source map when asked). */
export function executeTree(env: ExecEnvironment, tree: Tree, data: unknown, sourceMap: boolean): { text: string; sourceMap?: SourceMapEntry[] } {
  const dot = data === null ? undefined : data;
  const state: ExecState = new ExecState(env, tree, dot, sourceMap);
  const root = tree.root;
  if (root === null) state.errorf(`${goQuote(tree.name)} is an incomplete or empty template`);
  try {
    state.walk(dot, false, root);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      // JavaScript's stack ends before Go's depth limit would; report it as Go does.
      if (state.lastCall !== null && state.lastCaller !== null) {
        state.node = state.lastCall;
        state.tmpl = state.lastCaller;
      }
      state.errorf(`exceeded maximum template depth (${maxExecDepth})`);
    }
    throw e;
  }
  return state.sourceMap === null ? { text: state.out } : { text: state.out, sourceMap: state.sourceMap };
}

