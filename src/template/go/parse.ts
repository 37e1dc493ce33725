/**
 * The parser: turns the lexer's tokens into a Tree per template (the
 * file-level template and each `define` / `block` inside it). It checks at
 * parse time what Go checks: undefined variables, unknown functions,
 * `break`/`continue` outside `range`, misplaced `else`/`end`, duplicate
 * definitions.
 */
import { Lexer, Tok, describeToken, type Token, type TokenType } from './lex.ts';
import {
  ActionNode,
  BoolNode,
  BreakNode,
  ChainNode,
  CommandNode,
  ContinueNode,
  DotNode,
  ElseNode,
  EndNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  NilNode,
  NodeKind,
  NumberNode,
  PipeNode,
  RangeNode,
  StringNode,
  TemplateNode,
  TextNode,
  Tree,
  VariableNode,
  WithNode,
  isEmptyTree,
  type Node,
} from './nodes.ts';
import { TemplateError } from './error.ts';
import { LiteralSyntaxError, parseGoFloat, parseGoInt, parseGoUint, splitComplex, unquoteCharLiteral, unquoteString } from './literals.ts';
import { GoComplex } from './values.ts';
import { goQuote } from './quote.ts';

const maxStackDepth = 10000;

/** Signals a parse error inside the parser; converted to TemplateError at the top. */
class ParseFailure {
  constructor(
    readonly message: string,
    readonly line: number,
    readonly pos: number,
  ) {}
}

/** The result of parsing one source text. */
export interface ParseResult {
  /** Every template the text defines, the file-level one included, by name. */
  trees: Map<string, Tree>;
}

class Parser {
  readonly tree: Tree;
  private lex: Lexer;
  private readonly token: Token[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    tree: Tree,
    lex: Lexer,
    private readonly hasFunction: (name: string) => boolean,
    private readonly treeSet: Map<string, Tree>,
  ) {
    this.tree = tree;
    this.lex = lex;
    const eof: Token = { type: Tok.EOF, pos: 0, val: '', line: 1 };
    this.token.push(eof, eof, eof);
  }

  // -- token stream

  private next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === Tok.Space);
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // -- errors

  errorf(message: string): never {
    this.tree.root = null;
    const t = this.token[0]!;
    throw new ParseFailure(message, t.line, t.pos);
  }

  private expect(expected: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== expected) this.unexpected(t, context);
    return t;
  }

  private expectOneOf(a: TokenType, b: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== a && t.type !== b) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === Tok.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.tree.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${describeToken(t)}${extra}`);
    }
    this.errorf(`unexpected ${describeToken(t)} in ${context}`);
  }

  // -- structure

  /** Parses the whole input as the file-level template (with its defines). */
  parseTop(): void {
    this.tree.root = new ListNode(this.tree, this.peek().pos);
    while (this.peek().type !== Tok.EOF) {
      if (this.peek().type === Tok.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().type === Tok.Define) {
          const sub = new Parser(new Tree('definition', this.tree.parseName, this.tree.text, this.tree.file), this.lex, this.hasFunction, this.treeSet);
          sub.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === NodeKind.End || n.kind === NodeKind.Else) this.errorf(`unexpected ${n}`);
      else this.tree.root.append(n);
    }
  }

  /** Adds the tree to the set, refusing a second non-empty definition of one name. */
  add(): void {
    const existing = this.treeSet.get(this.tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root)) this.errorf(`template: multiple definition of template ${goQuote(this.tree.name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(Tok.String, Tok.RawString, context);
    this.tree.name = this.unquote(name.val);
    this.expect(Tok.RightDelim, context);
    const { list, next } = this.itemList();
    this.tree.root = list;
    if (next.kind !== NodeKind.End) this.errorf(`unexpected ${next} in ${context}`);
    this.add();
  }

  private itemList(): { list: ListNode; next: Node } {
    const list = new ListNode(this.tree, this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== Tok.EOF) {
      const n = this.textOrAction();
      if (n.kind === NodeKind.End || n.kind === NodeKind.Else) return { list, next: n };
      list.append(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Tok.Text:
        return new TextNode(this.tree, t.pos, t.val, t.line);
      case Tok.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Tok.Block:
        return this.blockControl();
      case Tok.Break:
        return this.breakControl(t.pos, t.line);
      case Tok.Continue:
        return this.continueControl(t.pos, t.line);
      case Tok.Else:
        return this.elseControl();
      case Tok.End:
        return this.endControl();
      case Tok.If:
        return this.branchControl('if');
      case Tok.Range:
        return this.branchControl('range');
      case Tok.Template:
        return this.templateControl();
      case Tok.With:
        return this.branchControl('with');
    }
    this.backup();
    const first = this.peek();
    return new ActionNode(this.tree, first.pos, first.line, this.pipeline('command', Tok.RightDelim));
  }

  private breakControl(pos: number, line: number): Node {
    const t = this.nextNonSpace();
    if (t.type !== Tok.RightDelim) this.unexpected(t, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(this.tree, pos, line);
  }

  private continueControl(pos: number, line: number): Node {
    const t = this.nextNonSpace();
    if (t.type !== Tok.RightDelim) this.unexpected(t, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(this.tree, pos, line);
  }

  private pipeline(context: string, end: TokenType): PipeNode {
    const first = this.peekNonSpace();
    const pipe = new PipeNode(this.tree, first.pos, first.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== Tok.Variable) break;
      this.next();
      // "$x foo" needs three tokens of lookahead to tell a declaration from an argument.
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === Tok.Assign || next.type === Tok.Declare) {
        pipe.isAssign = next.type === Tok.Assign;
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(this.tree, v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.type === Tok.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(this.tree, v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === Tok.Variable || after === Tok.RightDelim || after === Tok.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.type === Tok.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case Tok.Bool:
        case Tok.CharConstant:
        case Tok.Complex:
        case Tok.Dot:
        case Tok.Field:
        case Tok.Identifier:
        case Tok.Number:
        case Tok.Nil:
        case Tok.RawString:
        case Tok.String:
        case Tok.Variable:
        case Tok.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i]!.args[0]!.kind) {
        case NodeKind.Bool:
        case NodeKind.Dot:
        case NodeKind.Nil:
        case NodeKind.Number:
        case NodeKind.String:
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private branchControl(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, Tok.RightDelim);
      if (context === 'range') this.rangeDepth++;
      let { list, next } = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === NodeKind.Else) {
        // "else if" / "else with" nest a new branch inside the else list; its {{end}} closes both.
        const peek = this.peek().type;
        if (context === 'if' && peek === Tok.If) {
          this.next();
          elseList = new ListNode(this.tree, next.pos);
          elseList.append(this.branchControl('if'));
        } else if (context === 'with' && peek === Tok.With) {
          this.next();
          elseList = new ListNode(this.tree, next.pos);
          elseList.append(this.branchControl('with'));
        } else {
          ({ list: elseList, next } = this.itemList());
          if (next.kind !== NodeKind.End) this.errorf(`expected end; found ${next}`);
        }
      }
      switch (context) {
        case 'if':
          return new IfNode(this.tree, pipe.pos, pipe.line, pipe, list, elseList);
        case 'range':
          return new RangeNode(this.tree, pipe.pos, pipe.line, pipe, list, elseList);
        default:
          return new WithNode(this.tree, pipe.pos, pipe.line, pipe, list, elseList);
      }
    } finally {
      this.vars.length = mark;
    }
  }

  private endControl(): Node {
    return new EndNode(this.tree, this.expect(Tok.RightDelim, 'end').pos);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.type === Tok.If || peek.type === Tok.With) return new ElseNode(this.tree, peek.pos, peek.line);
    const t = this.expect(Tok.RightDelim, 'else');
    return new ElseNode(this.tree, t.pos, t.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.parseTemplateName(t, context);
    const pipe = this.pipeline(context, Tok.RightDelim);
    const block = new Parser(new Tree(name, this.tree.parseName, this.tree.text, this.tree.file), this.lex, this.hasFunction, this.treeSet);
    const { list, next } = block.itemList();
    block.tree.root = list;
    if (next.kind !== NodeKind.End) this.errorf(`unexpected ${next} in ${context}`);
    block.add();
    return new TemplateNode(this.tree, t.pos, t.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.parseTemplateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== Tok.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Tok.RightDelim);
    }
    return new TemplateNode(this.tree, t.pos, t.line, name, pipe);
  }

  private parseTemplateName(t: Token, context: string): string {
    if (t.type === Tok.String || t.type === Tok.RawString) return this.unquote(t.val);
    this.unexpected(t, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.tree, this.peekNonSpace().pos);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const t = this.next();
      if (t.type === Tok.Space) continue;
      if (t.type === Tok.RightDelim || t.type === Tok.RightParen) this.backup();
      else if (t.type !== Tok.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().type === Tok.Field) {
      const chain = new ChainNode(this.tree, this.peek().pos, node);
      while (this.peek().type === Tok.Field) chain.add(this.next().val);
      switch (node.kind) {
        case NodeKind.Field:
          node = new FieldNode(this.tree, chain.pos, String(chain));
          break;
        case NodeKind.Variable:
          node = new VariableNode(this.tree, chain.pos, String(chain));
          break;
        case NodeKind.Bool:
        case NodeKind.String:
        case NodeKind.Number:
        case NodeKind.Nil:
        case NodeKind.Dot:
          this.errorf(`unexpected . after term ${goQuote(String(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case Tok.Identifier:
        if (!this.hasFunction(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return new IdentifierNode(this.tree, t.pos, t.val);
      case Tok.Dot:
        return new DotNode(this.tree, t.pos);
      case Tok.Nil:
        return new NilNode(this.tree, t.pos);
      case Tok.Variable:
        return this.useVar(t.pos, t.val);
      case Tok.Field:
        return new FieldNode(this.tree, t.pos, t.val);
      case Tok.Bool:
        return new BoolNode(this.tree, t.pos, t.val === 'true');
      case Tok.CharConstant:
      case Tok.Complex:
      case Tok.Number:
        return this.newNumber(t);
      case Tok.LeftParen: {
        if (this.stackDepth >= maxStackDepth) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', Tok.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case Tok.String:
      case Tok.RawString:
        return new StringNode(this.tree, t.pos, t.val, this.unquote(t.val));
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = new VariableNode(this.tree, pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
    return v;
  }

  private unquote(lit: string): string {
    try {
      return unquoteString(lit);
    } catch (e) {
      if (e instanceof LiteralSyntaxError) this.errorf(e.message);
      throw e;
    }
  }

  private newNumber(t: Token): NumberNode {
    const text = t.val;
    const n = new NumberNode(this.tree, t.pos, text);
    if (t.type === Tok.CharConstant) {
      let r: number | null;
      try {
        r = unquoteCharLiteral(text);
      } catch (e) {
        if (e instanceof LiteralSyntaxError) this.errorf(e.message);
        throw e;
      }
      if (r === null) this.errorf(`malformed character constant: ${text}`);
      n.int64 = BigInt(r);
      n.uint64 = BigInt(r);
      n.float64 = r;
      n.isInt = n.isUint = n.isFloat = true;
      return n;
    }
    if (t.type === Tok.Complex) {
      const parts = splitComplex(text);
      const re = parts === null ? null : parseGoFloat(parts[0]);
      const im = parts === null ? null : parseGoFloat(parts[1]);
      if (re === null || im === null) this.errorf('expected integer');
      setComplex(n, re, im);
      return n;
    }
    if (text.endsWith('i')) {
      const f = parseGoFloat(text.slice(0, -1));
      if (f !== null) {
        setComplex(n, 0, f);
        return n;
      }
    }
    const u = parseGoUint(text);
    if (u !== null) {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseGoInt(text);
    if (i !== null) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = u ?? 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseGoFloat(text);
      if (f !== null) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return n;
  }
}

function setComplex(n: NumberNode, re: number, im: number): void {
  n.isComplex = true;
  n.complex = new GoComplex(re, im);
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float64 = re;
    n.isInt = Number.isInteger(re) && re >= -(2 ** 63) && re < 2 ** 63;
    if (n.isInt) n.int64 = BigInt(re);
    n.isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
    if (n.isUint) n.uint64 = BigInt(re);
  }
}

/**
 * Parses `text` as the template `name` (with any `define`/`block` inside).
 * Returns the trees it defines, keyed by name. Throws TemplateError.
 */
export function parseTemplate(name: string, text: string, file: string | undefined, hasFunction: (name: string) => boolean): ParseResult {
  const trees = new Map<string, Tree>();
  const lex = new Lexer(name, text, { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') });
  const tree = new Tree(name, name, text, file);
  const parser = new Parser(tree, lex, hasFunction, trees);
  try {
    parser.parseTop();
    parser.add();
  } catch (e) {
    if (e instanceof ParseFailure) {
      const loc = tree.location(Math.min(e.pos, text.length));
      const column = loc.line === e.line ? loc.column : 0;
      throw new TemplateError('parse', `template: ${name}:${e.line}: ${e.message}`, name, e.line, column, file);
    }
    throw e;
  }
  return { trees };
}
