/**
 * The parse tree: the contract between the parser and the executor. Every
 * node knows its tree, its offset in the source and its line, and prints
 * itself back as template text (the text Go shows in `executing … at <…>`).
 */
import type { GoComplex } from './values.ts';
import { goQuote } from './quote.ts';

export const NodeKind = {
  Text: 0,
  Action: 1,
  Bool: 2,
  Chain: 3,
  Command: 4,
  Dot: 5,
  Else: 6,
  End: 7,
  Field: 8,
  Identifier: 9,
  If: 10,
  List: 11,
  Nil: 12,
  Number: 13,
  Pipe: 14,
  Range: 15,
  String: 16,
  Template: 17,
  Variable: 18,
  With: 19,
  Break: 20,
  Continue: 21,
} as const;

export type NodeKindValue = (typeof NodeKind)[keyof typeof NodeKind];

/** One parsed template: its name, the name of the file-level template it came from, and its body. */
export class Tree {
  /** Name of the template (a `define` gives its own name). */
  name: string;
  /** Name of the top-level template being parsed, used in error messages. */
  parseName: string;
  /** The source text the offsets refer to (the whole file for a `define`). */
  text: string;
  /** File the source came from, when known. */
  file: string | undefined;
  root: ListNode | null = null;
  private lineStarts: number[] | null = null;

  constructor(name: string, parseName: string, text: string, file: string | undefined) {
    this.name = name;
    this.parseName = parseName;
    this.text = text;
    this.file = file;
  }

  /** Offsets at which each line starts. */
  private starts(): number[] {
    if (this.lineStarts === null) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /**
   * Where an offset is: 1-based line, 1-based column in UTF-16 units, and
   * Go's column (0-based, in bytes) as it appears in Go's messages.
   */
  location(pos: number): { line: number; column: number; goColumn: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    const prefix = this.text.slice(lineStart, pos);
    return { line: lo + 1, column: pos - lineStart + 1, goColumn: Buffer.byteLength(prefix, 'utf8') };
  }
}

abstract class BaseNode {
  abstract readonly kind: NodeKindValue;
  constructor(
    readonly tree: Tree,
    readonly pos: number,
  ) {}
  /** The node as template text. */
  abstract toString(): string;
}

export class ListNode extends BaseNode {
  readonly kind = NodeKind.List;
  readonly nodes: Node[] = [];
  append(n: Node): void {
    this.nodes.push(n);
  }
  toString(): string {
    return this.nodes.map(String).join('');
  }
}

export class TextNode extends BaseNode {
  readonly kind = NodeKind.Text;
  constructor(
    tree: Tree,
    pos: number,
    readonly text: string,
    /** Line of the first character. */
    readonly line: number,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.text;
  }
}

export class PipeNode extends BaseNode {
  readonly kind = NodeKind.Pipe;
  isAssign = false;
  readonly decl: VariableNode[] = [];
  readonly cmds: CommandNode[] = [];
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
  ) {
    super(tree, pos);
  }
  toString(): string {
    let s = '';
    if (this.decl.length > 0) s = this.decl.map(String).join(', ') + ' := ';
    return s + this.cmds.map(String).join(' | ');
  }
}

export class ActionNode extends BaseNode {
  readonly kind = NodeKind.Action;
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
    readonly pipe: PipeNode,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return `{{${this.pipe}}}`;
  }
}

export class CommandNode extends BaseNode {
  readonly kind = NodeKind.Command;
  readonly args: Node[] = [];
  toString(): string {
    return this.args.map((a) => (a.kind === NodeKind.Pipe ? `(${a})` : String(a))).join(' ');
  }
}

export class IdentifierNode extends BaseNode {
  readonly kind = NodeKind.Identifier;
  constructor(
    tree: Tree,
    pos: number,
    readonly ident: string,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.ident;
  }
}

export class VariableNode extends BaseNode {
  readonly kind = NodeKind.Variable;
  /** Variable name (with `$`) followed by field names. */
  readonly ident: string[];
  constructor(tree: Tree, pos: number, ident: string) {
    super(tree, pos);
    this.ident = ident.split('.');
  }
  toString(): string {
    return this.ident.join('.');
  }
}

export class DotNode extends BaseNode {
  readonly kind = NodeKind.Dot;
  toString(): string {
    return '.';
  }
}

export class NilNode extends BaseNode {
  readonly kind = NodeKind.Nil;
  toString(): string {
    return 'nil';
  }
}

export class FieldNode extends BaseNode {
  readonly kind = NodeKind.Field;
  /** Field names without dots. */
  readonly ident: string[];
  constructor(tree: Tree, pos: number, ident: string) {
    super(tree, pos);
    this.ident = ident.slice(1).split('.');
  }
  toString(): string {
    return '.' + this.ident.join('.');
  }
}

export class ChainNode extends BaseNode {
  readonly kind = NodeKind.Chain;
  readonly field: string[] = [];
  constructor(
    tree: Tree,
    pos: number,
    readonly node: Node,
  ) {
    super(tree, pos);
  }
  /** Adds a field (given with its leading dot). */
  add(field: string): void {
    this.field.push(field.slice(1));
  }
  toString(): string {
    const head = this.node.kind === NodeKind.Pipe ? `(${this.node})` : String(this.node);
    return head + this.field.map((f) => '.' + f).join('');
  }
}

export class BoolNode extends BaseNode {
  readonly kind = NodeKind.Bool;
  constructor(
    tree: Tree,
    pos: number,
    readonly value: boolean,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.value ? 'true' : 'false';
  }
}

/** A number constant, held in every representation its value fits (Go's untyped constants). */
export class NumberNode extends BaseNode {
  readonly kind = NodeKind.Number;
  isInt = false;
  isUint = false;
  isFloat = false;
  isComplex = false;
  int64 = 0n;
  uint64 = 0n;
  float64 = 0;
  complex: GoComplex | null = null;
  constructor(
    tree: Tree,
    pos: number,
    readonly text: string,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.text;
  }
}

export class StringNode extends BaseNode {
  readonly kind = NodeKind.String;
  constructor(
    tree: Tree,
    pos: number,
    /** The literal as written, with quotes. */
    readonly quoted: string,
    /** The value after unquoting. */
    readonly text: string,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.quoted;
  }
}

/** `{{end}}`: only seen while parsing. */
export class EndNode extends BaseNode {
  readonly kind = NodeKind.End;
  toString(): string {
    return '{{end}}';
  }
}

/** `{{else}}`: only seen while parsing. */
export class ElseNode extends BaseNode {
  readonly kind = NodeKind.Else;
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return '{{else}}';
  }
}

abstract class BranchNode extends BaseNode {
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
    readonly pipe: PipeNode,
    readonly list: ListNode,
    readonly elseList: ListNode | null,
  ) {
    super(tree, pos);
  }
  protected abstract keyword(): string;
  toString(): string {
    let s = `{{${this.keyword()} ${this.pipe}}}${this.list}`;
    if (this.elseList !== null) s += `{{else}}${this.elseList}`;
    return s + '{{end}}';
  }
}

export class IfNode extends BranchNode {
  readonly kind = NodeKind.If;
  protected keyword(): string {
    return 'if';
  }
}

export class RangeNode extends BranchNode {
  readonly kind = NodeKind.Range;
  protected keyword(): string {
    return 'range';
  }
}

export class WithNode extends BranchNode {
  readonly kind = NodeKind.With;
  protected keyword(): string {
    return 'with';
  }
}

export class BreakNode extends BaseNode {
  readonly kind = NodeKind.Break;
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return '{{break}}';
  }
}

export class ContinueNode extends BaseNode {
  readonly kind = NodeKind.Continue;
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return '{{continue}}';
  }
}

export class TemplateNode extends BaseNode {
  readonly kind = NodeKind.Template;
  constructor(
    tree: Tree,
    pos: number,
    readonly line: number,
    readonly name: string,
    readonly pipe: PipeNode | null,
  ) {
    super(tree, pos);
  }
  toString(): string {
    return this.pipe === null ? `{{template ${goQuote(this.name)}}}` : `{{template ${goQuote(this.name)} ${this.pipe}}}`;
  }
}

export type Node =
  | ListNode
  | TextNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

/** Go's unicode.IsSpace characters. */
const goSpaceOnly = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** True when the tree holds nothing but whitespace text (Go's IsEmptyTree). */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.kind) {
    case NodeKind.List:
      return n.nodes.every(isEmptyTree);
    case NodeKind.Text:
      return goSpaceOnly.test(n.text);
    default:
      return false;
  }
}
