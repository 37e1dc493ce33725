/**
 * Strict JSON, as KrakenD reads `.json` files: no comments, no trailing
 * commas, no single quotes, no NaN/Infinity, no leading zeros. Numbers become
 * JS numbers (like Go's float64: integers beyond 2^53 lose precision). A key
 * written twice keeps its last value and produces a `duplicate-key` warning.
 *
 * jsonc-parser's scanner reads strings, numbers and words; whitespace and
 * punctuation are handled here, counting lines on the way, so every position
 * is known without a second pass. The grammar is checked here too, so each
 * mistake gets a message in plain words at its exact line and column. Numbers
 * ignore `bigIntegers`: JSON has one number type.
 */
import type { JSONScanner } from 'jsonc-parser';
import { createScanner } from 'jsonc-parser/lib/esm/impl/scanner.js';
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { SourceText, describeChar, stripByteOrderMark, type Position } from './source.ts';
import { childPointer, forgetDescendants, hasMember, setMember, type PlainObject } from './tree.ts';

// Token kinds reported by the scanner (jsonc-parser's SyntaxKind values).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL_KEYWORD = 7;
const TRUE_KEYWORD = 8;
const FALSE_KEYWORD = 9;
const STRING = 10;
const NUMBER = 11;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const UNKNOWN = 16;
const EOF = 17;

/** Token kind of each punctuation character, by character code. */
const PUNCTUATION: (number | undefined)[] = [];
PUNCTUATION[123] = OPEN_BRACE;
PUNCTUATION[125] = CLOSE_BRACE;
PUNCTUATION[91] = OPEN_BRACKET;
PUNCTUATION[93] = CLOSE_BRACKET;
PUNCTUATION[44] = COMMA;
PUNCTUATION[58] = COLON;

// Scanner error codes (jsonc-parser's ScanError values).
const SCAN_OK = 0;
const SCAN_END_OF_NUMBER = 3;

/** Deeper nesting than this is refused instead of exhausting the stack. */
const MAX_DEPTH = 1000;

const LOWERCASE_LITERALS: Record<string, string> = {
  True: 'true',
  TRUE: 'true',
  False: 'false',
  FALSE: 'false',
  Null: 'null',
  NULL: 'null',
  None: 'null',
  nil: 'null',
  undefined: 'null',
};

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters that may end a number token. */
function endsNumber(code: number): boolean {
  return (
    Number.isNaN(code) || // end of text
    code === 32 || code === 9 || code === 10 || code === 13 ||
    code === 44 || code === 93 || code === 125 || code === 58 || code === 47
  );
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

class JsonParser {
  private readonly scanner: JSONScanner;
  private readonly text: string;
  private readonly file: string;
  readonly locations: LocationMap = new Map();
  readonly warnings: Diagnostic[] = [];
  /** Start offsets of the objects and arrays being read, outermost first. */
  private readonly open: number[] = [];

  // The current token.
  private token = EOF;
  private offset = 0;
  private length = 0;
  private line = 1;
  private column = 1;
  /** Line number and start offset of the line the scan has reached. */
  private lineNumber = 1;
  private lineStart = 0;
  /** End offset of the previous significant token (where a missing character belongs). */
  private previousEnd = 0;

  constructor(private readonly source: SourceText) {
    this.text = source.text;
    this.file = source.file;
    this.scanner = createScanner(source.text, false);
  }

  parse(): unknown {
    this.next();
    if (this.token === EOF) {
      throw this.source.syntaxError({ line: 1, column: 1 }, 'the file is empty: expected a JSON value', {
        hint: 'a JSON configuration starts with "{"',
      });
    }
    const value = this.parseValue('', undefined, 0);
    if (this.token !== EOF) {
      const what = this.describeToken();
      const hint =
        this.token === CLOSE_BRACE || this.token === CLOSE_BRACKET
          ? 'there are more closing brackets than opening ones; remove this one'
          : 'a JSON file holds exactly one value; remove the extra text';
      throw this.source.syntaxError(this.here(), `unexpected ${what} after the end of the JSON document`, { hint });
    }
    return value;
  }

  // --- tokens -------------------------------------------------------------

  /** Moves to the next significant token and returns its kind. */
  private next(): number {
    this.previousEnd = this.offset + this.length;
    // Whitespace is skipped here rather than by the scanner, which would build
    // a string of it; lines are counted on the way (only '\n' ends a line).
    const text = this.text;
    let pos = this.offset + this.length;
    let code = text.charCodeAt(pos);
    while (code === 32 || code === 10 || code === 13 || code === 9) {
      if (code === 10) {
        this.lineNumber++;
        this.lineStart = pos + 1;
      }
      code = text.charCodeAt(++pos);
    }
    this.offset = pos;
    this.line = this.lineNumber;
    this.column = pos - this.lineStart + 1;
    // Punctuation is recognised here; strings, numbers and words go to the scanner.
    const punctuation = PUNCTUATION[code];
    if (punctuation !== undefined) {
      this.token = punctuation;
      this.length = 1;
      return punctuation;
    }
    const scanner = this.scanner;
    scanner.setPosition(pos);
    const kind = scanner.scan();
    this.token = kind;
    this.length = scanner.getPosition() - pos;
    if (kind === STRING) {
      if (scanner.getTokenError() !== SCAN_OK) this.stringError();
    } else if (kind === NUMBER) {
      this.checkNumber();
    } else if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      this.commentError();
    }
    return kind;
  }

  /** True when the current token is of `kind` (a method, so each call reads the token afresh). */
  private at(kind: number): boolean {
    return this.token === kind;
  }

  private here(): Position {
    return { line: this.line, column: this.column };
  }

  /** The span of the current single-line token. */
  private tokenSpan(): SourceSpan {
    return { file: this.file, line: this.line, column: this.column, endLine: this.line, endColumn: this.column + this.length };
  }

  private describeToken(): string {
    switch (this.token) {
      case OPEN_BRACE: return "'{'";
      case CLOSE_BRACE: return "'}'";
      case OPEN_BRACKET: return "'['";
      case CLOSE_BRACKET: return "']'";
      case COMMA: return "','";
      case COLON: return "':'";
      case NULL_KEYWORD: return 'null';
      case TRUE_KEYWORD: return 'true';
      case FALSE_KEYWORD: return 'false';
      case STRING: return `string ${shorten(this.text.slice(this.offset, this.offset + this.length))}`;
      case NUMBER: return `number ${this.text.slice(this.offset, this.offset + this.length)}`;
      case EOF: return 'end of file';
      default: {
        const word = this.text.slice(this.offset, this.offset + this.length);
        return word.length === 1 ? describeChar(word) : `'${shorten(word)}'`;
      }
    }
  }

  // --- values -------------------------------------------------------------

  private parseValue(pointer: string, key: SourceSpan | undefined, depth: number): unknown {
    let value: unknown;
    switch (this.token) {
      case OPEN_BRACE:
        return this.parseObject(pointer, key, depth);
      case OPEN_BRACKET:
        return this.parseArray(pointer, key, depth);
      case STRING:
        value = this.scanner.getTokenValue();
        break;
      case NUMBER:
        value = this.numberValue();
        break;
      case TRUE_KEYWORD:
        value = true;
        break;
      case FALSE_KEYWORD:
        value = false;
        break;
      case NULL_KEYWORD:
        value = null;
        break;
      default:
        throw this.valueExpected(pointer);
    }
    const span = this.tokenSpan();
    this.locations.set(pointer, key === undefined ? { value: span } : { value: span, key });
    this.next();
    return value;
  }

  private numberValue(): number {
    const literal = this.scanner.getTokenValue();
    const n = Number(literal);
    if (!Number.isFinite(n)) {
      throw this.source.syntaxError(this.here(), `number ${literal} is too large`, {
        hint: 'numbers must fit in a 64-bit float (about ±1.8e308)',
      });
    }
    return n;
  }

  private openContainer(pointer: string, key: SourceSpan | undefined, depth: number): SourceSpan {
    if (depth >= MAX_DEPTH) {
      throw this.source.syntaxError(this.here(), `nesting is too deep (more than ${MAX_DEPTH} levels of objects and arrays)`);
    }
    this.open.push(this.offset);
    // The end is filled in when the container closes.
    const span: SourceSpan = { file: this.file, line: this.line, column: this.column, endLine: this.line, endColumn: this.column + 1 };
    this.locations.set(pointer, key === undefined ? { value: span } : { value: span, key });
    return span;
  }

  private closeContainer(span: SourceSpan): void {
    span.endLine = this.line;
    span.endColumn = this.column + 1;
    this.open.pop();
    this.next();
  }

  private parseObject(pointer: string, keySpan: SourceSpan | undefined, depth: number): PlainObject {
    const span = this.openContainer(pointer, keySpan, depth);
    const obj: PlainObject = {};
    this.next();
    if (this.at(CLOSE_BRACE)) {
      this.closeContainer(span);
      return obj;
    }
    for (;;) {
      if (!this.at(STRING)) throw this.memberNameExpected();
      const name = this.scanner.getTokenValue();
      const nameSpan = this.tokenSpan();
      if (this.next() !== COLON) throw this.colonExpected(name);
      this.next();
      const member = childPointer(pointer, name);
      if (obj[name] !== undefined && hasMember(obj, name)) this.duplicateKey(name, member, nameSpan);
      setMember(obj, name, this.parseValue(member, nameSpan, depth + 1));
      if (this.at(COMMA)) {
        const comma = this.here();
        if (this.next() === CLOSE_BRACE) {
          throw this.source.syntaxError(comma, 'trailing comma is not allowed', {
            hint: "remove the ',' after the last member",
          });
        }
        continue;
      }
      if (this.at(CLOSE_BRACE)) break;
      throw this.separatorExpected('object');
    }
    this.closeContainer(span);
    return obj;
  }

  private parseArray(pointer: string, keySpan: SourceSpan | undefined, depth: number): unknown[] {
    const span = this.openContainer(pointer, keySpan, depth);
    const arr: unknown[] = [];
    this.next();
    if (this.at(CLOSE_BRACKET)) {
      this.closeContainer(span);
      return arr;
    }
    for (;;) {
      arr.push(this.parseValue(childPointer(pointer, arr.length), undefined, depth + 1));
      if (this.at(COMMA)) {
        const comma = this.here();
        if (this.next() === CLOSE_BRACKET) {
          throw this.source.syntaxError(comma, 'trailing comma is not allowed', {
            hint: "remove the ',' after the last item",
          });
        }
        continue;
      }
      if (this.at(CLOSE_BRACKET)) break;
      throw this.separatorExpected('array');
    }
    this.closeContainer(span);
    return arr;
  }

  private duplicateKey(name: string, member: string, second: SourceSpan): void {
    const first = this.locations.get(member)?.key;
    const notes = first ? [this.source.note('first set here', first)] : [];
    this.warnings.push(
      this.source.warning('duplicate-key', `duplicate key "${name}": the last value is used`, second, notes),
    );
    forgetDescendants(this.locations, member);
  }

  // --- errors -------------------------------------------------------------

  /** The innermost open object or array. */
  private innermost(): { kind: 'object' | 'array'; line: number; column: number } {
    const offset = this.open[this.open.length - 1]!;
    const kind = this.text.charCodeAt(offset) === 123 ? 'object' : 'array';
    return { kind, ...this.source.position(offset) };
  }

  /** Error for the end of the text inside an open object or array. */
  private unclosed(): Error {
    const inner = this.innermost();
    const what = inner.kind === 'object' ? 'an object' : 'an array';
    const closer = inner.kind === 'object' ? '}' : ']';
    const at = this.source.position(this.previousEnd);
    return this.source.syntaxError(
      at,
      `unexpected end of file: ${what} opened at ${inner.line}:${inner.column} is not closed`,
      {
        hint: `add the missing '${closer}'`,
        notes: [this.source.note(`${what} starts here`, { file: this.file, line: inner.line, column: inner.column })],
      },
    );
  }

  private separatorExpected(kind: 'object' | 'array'): Error {
    if (this.token === EOF) return this.unclosed();
    const closer = kind === 'object' ? '}' : ']';
    const after = kind === 'object' ? 'a member' : 'an item';
    const prev = this.source.position(this.previousEnd);
    const startsValue =
      this.token === STRING || this.token === NUMBER || this.token === OPEN_BRACE || this.token === OPEN_BRACKET ||
      this.token === TRUE_KEYWORD || this.token === FALSE_KEYWORD || this.token === NULL_KEYWORD;
    let hint: string | undefined;
    if (startsValue) hint = `add a ',' after the value that ends at ${prev.line}:${prev.column}`;
    else if (this.token === CLOSE_BRACE || this.token === CLOSE_BRACKET) {
      const inner = this.innermost();
      hint = `this '${this.token === CLOSE_BRACE ? '}' : ']'}' does not match the '${kind === 'object' ? '{' : '['}' opened at ${inner.line}:${inner.column}`;
    }
    else if (this.token === UNKNOWN && this.isHashComment()) return this.commentError();
    return this.source.syntaxError(this.here(), `expected ',' or '${closer}' after ${after}, found ${this.describeToken()}`, hint === undefined ? {} : { hint });
  }

  private memberNameExpected(): Error {
    if (this.token === EOF) return this.unclosed();
    const word = this.text.slice(this.offset, this.offset + this.length);
    if (this.token === UNKNOWN) {
      if (word.startsWith("'")) {
        return this.source.syntaxError(this.here(), 'strings must use double quotes in JSON', {
          hint: 'write the member name in double quotes',
        });
      }
      if (this.isHashComment()) return this.commentError();
      if (/^[A-Za-z_$][\w$-]*$/.test(word)) {
        return this.source.syntaxError(this.here(), `member names must be in double quotes: found ${word}`, {
          hint: `write "${word}"`,
        });
      }
    }
    return this.source.syntaxError(this.here(), `expected a member name in double quotes, found ${this.describeToken()}`);
  }

  private colonExpected(name: string): Error {
    if (this.token === EOF) return this.unclosed();
    const word = this.text.slice(this.offset, this.offset + this.length);
    const hint = this.token === UNKNOWN && word.startsWith('=') ? "JSON separates a name from its value with ':'" : `write ':' after "${name}"`;
    return this.source.syntaxError(this.here(), `expected ':' after the member name "${name}", found ${this.describeToken()}`, { hint });
  }

  private valueExpected(pointer: string): Error {
    if (this.token === EOF) {
      if (this.open.length === 0) {
        return this.source.syntaxError(this.here(), 'unexpected end of file: expected a JSON value');
      }
      return this.unclosed();
    }
    const at = this.here();
    if (this.token !== UNKNOWN) {
      const inObject = this.open.length > 0 && this.innermost().kind === 'object';
      const name = pointer.slice(pointer.lastIndexOf('/') + 1);
      const where = inObject ? ` for "${name.replace(/~1/g, '/').replace(/~0/g, '~')}"` : '';
      return this.source.syntaxError(at, `expected a value${where}, found ${this.describeToken()}`);
    }
    // The whole run of text up to the next separator, e.g. `-Infinity` (scanned as '-' and a word).
    let stop = this.offset + this.length;
    while (stop < this.text.length && !' \t\r\n,:[]{}"/'.includes(this.text.charAt(stop))) stop++;
    const word = this.text.slice(this.offset, stop);
    const end = { line: this.line, column: this.column + (stop - this.offset) };
    if (word.startsWith("'")) {
      return this.source.syntaxError(at, 'strings must use double quotes in JSON', {
        hint: "replace the single quotes (') with double quotes (\")",
        end,
      });
    }
    if (this.isHashComment()) return this.commentError();
    if (word === 'NaN' || word === 'Infinity' || word === '-Infinity' || word === '+Infinity') {
      return this.source.syntaxError(at, `${word} is not a valid JSON number`, { end, hint: 'use a finite number, a string or null' });
    }
    const lower = LOWERCASE_LITERALS[word];
    if (lower !== undefined) {
      return this.source.syntaxError(at, `${word} is not a JSON value`, { end, hint: `write ${lower}` });
    }
    if (word.startsWith('-')) {
      return this.source.syntaxError(at, "expected a digit after '-'", { end });
    }
    if (word.startsWith('+') && word.length > 1 && isDigit(word.charCodeAt(1))) {
      return this.source.syntaxError(at, "numbers cannot start with '+' in JSON", { end, hint: `write ${word.slice(1)}` });
    }
    if (word.startsWith('.') && word.length > 1 && isDigit(word.charCodeAt(1))) {
      return this.source.syntaxError(at, 'numbers must start with a digit', { end, hint: `write 0${word}` });
    }
    if (word.length > 1 && /^[\w$.-]+$/.test(word)) {
      // The text the author probably meant, up to the next separator (a URL keeps its ':' and '/').
      let until = this.offset;
      while (until < this.text.length && !' \t\r\n,]}"'.includes(this.text.charAt(until))) until++;
      const meant = shorten(this.text.slice(this.offset, until));
      return this.source.syntaxError(at, `unexpected '${shorten(word)}': expected a value`, {
        end,
        hint: `text must be in double quotes: "${meant}"`,
      });
    }
    return this.source.syntaxError(at, `unexpected ${this.describeToken()}: expected a value`, { end });
  }

  private isHashComment(): boolean {
    return this.text.charCodeAt(this.offset) === 35; // '#'
  }

  private commentError(): never {
    throw this.source.syntaxError(this.here(), 'comments are not allowed in JSON', {
      hint: 'remove the comment; KrakenD reads .json files as strict JSON',
    });
  }

  /** Finds what is wrong with the current string token and throws. */
  private stringError(): never {
    const text = this.text;
    const start = this.offset;
    let i = start + 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 34) break;
      if (code === 92) {
        const escape = text.charAt(i + 1);
        if (escape === '') break;
        if (escape === 'u') {
          let digits = 0;
          while (digits < 4 && isHexDigit(text.charCodeAt(i + 2 + digits))) digits++;
          if (digits < 4) {
            throw this.source.syntaxError(this.source.position(i), 'invalid \\u escape: expected 4 hexadecimal digits', {
              end: this.source.position(i + 2 + digits),
            });
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape)) {
          const shown = escape === '\n' || escape === '\r' ? '\\ at the end of a line' : `'\\${escape}'`;
          throw this.source.syntaxError(this.source.position(i), `invalid escape ${shown} in a string`, {
            end: this.source.position(i + 2),
            hint: 'valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write \\\\ for a backslash',
          });
        }
        i += 2;
        continue;
      }
      if (code === 10 || code === 13) break;
      if (code < 0x20) {
        const hint = code === 9 ? 'write \\t instead of a tab' : `write \\u${code.toString(16).padStart(4, '0')}`;
        throw this.source.syntaxError(this.source.position(i), `${describeChar(text.charAt(i))} is not allowed inside a string`, { hint });
      }
      i++;
    }
    const atLineEnd = i < text.length;
    throw this.source.syntaxError(this.here(), 'unterminated string', {
      hint: atLineEnd
        ? "close the string with '\"' before the end of the line (write \\n for a line break inside it)"
        : "close the string with '\"'",
    });
  }

  /** Rejects numbers JSON does not allow that the scanner splits or flags. */
  private checkNumber(): void {
    const text = this.text;
    const literal = text.slice(this.offset, this.offset + this.length);
    if (this.scanner.getTokenError() === SCAN_END_OF_NUMBER) {
      const what = /[eE][+-]?$/.test(literal) ? 'the exponent' : 'the decimal point';
      throw this.source.syntaxError(this.here(), `invalid number ${literal}: a digit must follow ${what}`, {
        end: { line: this.line, column: this.column + this.length },
      });
    }
    const after = this.offset + this.length;
    const next = text.charCodeAt(after);
    if (endsNumber(next)) return;
    let end = after;
    while (end < text.length && !endsNumber(text.charCodeAt(end)) && text.charCodeAt(end) !== 34) end++;
    const word = text.slice(this.offset, end);
    const span = { end: { line: this.line, column: this.column + (end - this.offset) } };
    const unsigned = literal.startsWith('-') ? literal.slice(1) : literal;
    if (unsigned === '0' && (next === 120 || next === 88)) {
      throw this.source.syntaxError(this.here(), `hexadecimal numbers are not allowed in JSON: ${word}`, {
        ...span,
        hint: 'write the number in decimal',
      });
    }
    if (unsigned === '0' && isDigit(next)) {
      throw this.source.syntaxError(this.here(), `numbers cannot have leading zeros: ${word}`, {
        ...span,
        hint: 'remove the leading zeros, or quote the value if it is text',
      });
    }
    throw this.source.syntaxError(this.here(), `invalid number ${shorten(word)}`, {
      ...span,
      hint: 'if this is text, put it in double quotes',
    });
  }
}

function shorten(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** Parses strict JSON with a location for every node. */
export const parseJson: FormatParser = (text: string, file: string, _options?: ParseOptions): ParsedDocument => {
  const source = new SourceText(stripByteOrderMark(text), file);
  const parser = new JsonParser(source);
  const value = parser.parse();
  return { value, locations: parser.locations, warnings: parser.warnings };
};
