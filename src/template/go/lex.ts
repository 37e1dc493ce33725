/**
 * The template lexer: a small state machine. Each state is a function that
 * consumes input and returns the next state; a state that produces a token
 * stores it and returns null, which hands the token to the parser. Tokens
 * carry their offset (UTF-16 index into the source) and starting line.
 */
import { goQuote as goQuoteForToken, isPrintRune } from './quote.ts';

/** Token types. Keywords come after `Keyword`. */
export const Tok = {
  Error: 0,
  Bool: 1,
  Char: 2,
  CharConstant: 3,
  Comment: 4,
  Complex: 5,
  Assign: 6,
  Declare: 7,
  EOF: 8,
  Field: 9,
  Identifier: 10,
  LeftDelim: 11,
  LeftParen: 12,
  Number: 13,
  Pipe: 14,
  RawString: 15,
  RightDelim: 16,
  RightParen: 17,
  Space: 18,
  String: 19,
  Text: 20,
  Variable: 21,
  Keyword: 22,
  Block: 23,
  Break: 24,
  Continue: 25,
  Dot: 26,
  Define: 27,
  Else: 28,
  End: 29,
  If: 30,
  Nil: 31,
  Range: 32,
  Template: 33,
  With: 34,
} as const;

export type TokenType = (typeof Tok)[keyof typeof Tok];

const keywords: Record<string, TokenType> = {
  '.': Tok.Dot,
  block: Tok.Block,
  break: Tok.Break,
  continue: Tok.Continue,
  define: Tok.Define,
  else: Tok.Else,
  end: Tok.End,
  if: Tok.If,
  range: Tok.Range,
  nil: Tok.Nil,
  template: Tok.Template,
  with: Tok.With,
};

/** A token: its type, offset in the source, text and starting line (1-based). */
export interface Token {
  type: TokenType;
  pos: number;
  val: string;
  line: number;
}

/** How a token reads in an error message (`EOF`, `<end>`, `"abc"`). */
export function describeToken(t: Token): string {
  if (t.type === Tok.EOF) return 'EOF';
  if (t.type === Tok.Error) return t.val;
  if (t.type > Tok.Keyword) return `<${t.val}>`;
  const runes = Array.from(t.val);
  if (runes.length > 10) return goQuoteForToken(runes.slice(0, 10).join('')) + '...';
  return goQuoteForToken(t.val);
}

const EOF = -1;
const leftDelim = '{{';
const rightDelim = '}}';
const leftComment = '/*';
const rightComment = '*/';
const trimMarkerLen = 2;

type StateFn = (l: Lexer) => StateFn | null;

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const letterOrDigit = /^[\p{L}\p{Nd}]$/u;

function isAlphaNumeric(r: number): boolean {
  if (r === 0x5f) return true;
  if (r < 0x80) return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  if (r === EOF) return false;
  return letterOrDigit.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 0x0a) n++;
  return n;
}

/** Go's %#U: `U+0041 'A'` (the quoted character only when printable). */
function unicodeDescription(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isPrintRune(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** Options that change how words are classified. */
export interface LexOptions {
  /** `break` is a keyword (false when a function of that name exists). */
  breakOK: boolean;
  /** `continue` is a keyword (false when a function of that name exists). */
  continueOK: boolean;
}

export class Lexer {
  readonly name: string;
  input: string;
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  insideAction = false;
  options: LexOptions;
  item: Token;

  constructor(name: string, input: string, options: LexOptions) {
    this.name = name;
    this.input = input;
    this.options = options;
    this.item = { type: Tok.EOF, pos: 0, val: 'EOF', line: 1 };
  }

  /** Returns the next token. */
  nextItem(): Token {
    this.item = { type: Tok.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn | null = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const c = this.input.charCodeAt(this.pos - 1);
      if (c >= 0xdc00 && c <= 0xdfff && this.pos > 1) {
        const h = this.input.charCodeAt(this.pos - 2);
        this.pos -= h >= 0xd800 && h <= 0xdbff ? 2 : 1;
      } else {
        this.pos--;
      }
      if (c === 0x0a) this.line--;
    }
  }

  thisItem(type: TokenType): Token {
    const t: Token = { type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return t;
  }

  emit(type: TokenType): StateFn | null {
    this.item = this.thisItem(type);
    return null;
  }

  emitItem(t: Token): StateFn | null {
    this.item = t;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn | null {
    this.item = { type: Tok.Error, pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(rightDelim, this.pos + trimMarkerLen)) {
      return { delim: true, trimSpaces: true };
    }
    if (this.input.startsWith(rightDelim, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(rightDelim, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - from;
}

// ---------------------------------------------------------------------------
// States

function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = l.pos + leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) trimLength = rightTrimLength(l.input, l.start, l.pos);
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const t = l.thisItem(Tok.Text);
      l.pos += trimLength;
      l.ignore();
      if (t.val.length > 0) return l.emitItem(t);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(Tok.Text);
  }
  return l.emit(Tok.EOF);
}

function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? trimMarkerLen : 0;
  if (l.input.startsWith(leftComment, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const t = l.thisItem(Tok.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(t);
}

function lexComment(l: Lexer): StateFn | null {
  l.pos += leftComment.length;
  const x = l.input.indexOf(rightComment, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + rightComment.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.input, l.start, l.pos);
  l.thisItem(Tok.Comment);
  if (trimSpaces) l.pos += trimMarkerLen;
  l.pos += rightDelim.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn | null {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += trimMarkerLen;
    l.ignore();
  }
  l.pos += rightDelim.length;
  const t = l.thisItem(Tok.RightDelim);
  if (trimSpaces) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(t);
}

function lexInsideAction(l: Lexer): StateFn | null {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit(Tok.Assign);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(Tok.Declare);
    case 0x7c: // |
      return l.emit(Tok.Pipe);
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x2e: {
      // '.' starts a field unless a digit follows (then it is a number like .5).
      if (l.pos < l.input.length) {
        const c = l.input.charCodeAt(l.pos);
        if (c < 0x30 || c > 0x39) return lexField;
      }
      l.backup();
      return lexNumber;
    }
    case 0x28: // (
      l.parenDepth++;
      return l.emit(Tok.LeftParen);
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(Tok.RightParen);
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r < 0x80 && r >= 0x20 && r < 0x7f) return l.emit(Tok.Char);
  return l.errorf(`unrecognized character in action: ${unicodeDescription(r)}`);
}

function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // A trim-marked right delimiter starts with a space: leave it for lexRightDelim.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(rightDelim, l.pos - 1 + trimMarkerLen)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(Tok.Space);
}

function lexIdentifier(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${unicodeDescription(r)}`);
    const key = keywords[word];
    if (key !== undefined && key > Tok.Keyword) {
      if ((key === Tok.Break && !l.options.breakOK) || (key === Tok.Continue && !l.options.continueOK)) {
        return l.emit(Tok.Identifier);
      }
      return l.emit(key);
    }
    if (word[0] === '.') return l.emit(Tok.Field);
    if (word === 'true' || word === 'false') return l.emit(Tok.Bool);
    return l.emit(Tok.Identifier);
  }
}

function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, Tok.Field);
}

function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) return l.emit(Tok.Variable);
  return lexFieldOrVariable(l, Tok.Variable);
}

function lexFieldOrVariable(l: Lexer, type: TokenType): StateFn | null {
  if (l.atTerminator()) return l.emit(type === Tok.Variable ? Tok.Variable : Tok.Dot);
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${unicodeDescription(r)}`);
  return l.emit(type);
}

function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit(Tok.CharConstant);
}

function lexNumber(l: Lexer): StateFn | null {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${goQuoteForToken(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input.charCodeAt(l.pos - 1) !== 0x69) {
      return l.errorf(`bad number syntax: ${goQuoteForToken(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit(Tok.Complex);
  }
  return l.emit(Tok.Number);
}

function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit(Tok.String);
}

function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(Tok.RawString);
}
