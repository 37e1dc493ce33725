/**
 * Tokens of HCL's native syntax, as far as configuration files need them:
 * identifiers, numbers, quoted strings, heredocs, punctuation and the line
 * breaks that end attributes. Comments (`#`, `//`, `/* … *\/`) are dropped.
 *
 * Template sequences inside strings and heredocs (`${…}`, `%{…}`) are kept as
 * literal text; only their escaped forms `$${` and `%%{` are turned into
 * `${` and `%{`.
 */
import type { SourceText } from './source.ts';
import { describeChar } from './source.ts';

export type TokenKind =
  | 'ident'
  | 'number'
  | 'string'
  | 'heredoc'
  | 'newline'
  | 'eof'
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | '='
  | ':'
  | ','
  | '.'
  | '-';

export interface Token {
  kind: TokenKind;
  /** Offsets of the token in the text (end exclusive). */
  start: number;
  end: number;
  /** Identifier or number text, or the decoded string / heredoc content. */
  text: string;
}

const PUNCTUATION = new Set(['{', '}', '[', ']', '(', ')', '=', ':', ',', '.', '-']);

function isIdentStart(c: string): boolean {
  return /[A-Za-z_]/.test(c) || c > '\x7f';
}

function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_-]/.test(c) || c > '\x7f';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Turns HCL text into tokens; throws a `syntax` DiagnosticError on bad input. */
export function tokenizeHcl(source: SourceText): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value = text.slice(start, end)) => {
    tokens.push({ kind, start, end, text: value });
  };

  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      push('newline', i, i + 1);
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text.charAt(i + 1) === '/')) {
      while (i < text.length && text.charAt(i) !== '\n') i++;
      continue;
    }
    if (c === '/' && text.charAt(i + 1) === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) throw source.syntaxError(i, 'unterminated comment: /* is never closed', { hint: 'add */' });
      // A comment spanning lines still ends the line it started on.
      if (text.slice(i, close).includes('\n')) push('newline', i, close + 2);
      i = close + 2;
      continue;
    }
    if (c === '"') {
      i = readString(source, i, tokens);
      continue;
    }
    if (c === '<' && text.charAt(i + 1) === '<') {
      i = readHeredoc(source, i, tokens);
      continue;
    }
    if (isDigit(c)) {
      const start = i;
      while (isDigit(text.charAt(i))) i++;
      if (text.charAt(i) === '.' && isDigit(text.charAt(i + 1))) {
        i++;
        while (isDigit(text.charAt(i))) i++;
      }
      if (/[eE]/.test(text.charAt(i))) {
        let j = i + 1;
        if (text.charAt(j) === '+' || text.charAt(j) === '-') j++;
        if (!isDigit(text.charAt(j))) {
          throw source.syntaxError(start, `invalid number ${text.slice(start, j)}: a digit must follow the exponent`);
        }
        i = j;
        while (isDigit(text.charAt(i))) i++;
      }
      if (isIdentPart(text.charAt(i))) {
        let end = i;
        while (isIdentPart(text.charAt(end))) end++;
        throw source.syntaxError(start, `invalid number ${text.slice(start, end)}`, {
          end: source.position(end),
          hint: 'if this is text, put it in double quotes',
        });
      }
      push('number', start, i);
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < text.length && isIdentPart(text.charAt(i))) i++;
      push('ident', start, i);
      continue;
    }
    if (PUNCTUATION.has(c)) {
      push(c as TokenKind, i, i + 1);
      i++;
      continue;
    }
    const hint = c === "'" ? 'HCL strings use double quotes' : undefined;
    throw source.syntaxError(i, `unexpected ${describeChar(c)}`, hint === undefined ? {} : { hint });
  }
  push('eof', text.length, text.length, '');
  return tokens;
}

/** Copies a `${…}` / `%{…}` sequence starting at `i` as is; returns the index after it. */
function skipTemplateSequence(source: SourceText, i: number): number {
  const text = source.text;
  let depth = 0;
  let j = i + 1;
  for (; j < text.length; j++) {
    const c = text.charAt(j);
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === '"') {
      // A quoted string inside the sequence, e.g. ${lookup(x, "k")}.
      j++;
      while (j < text.length && text.charAt(j) !== '"' && text.charAt(j) !== '\n') {
        if (text.charAt(j) === '\\') j++;
        j++;
      }
    } else if (c === '\n' && depth > 0) {
      break;
    }
  }
  throw source.syntaxError(i, `unterminated template sequence ${text.slice(i, i + 2)}`, { hint: "add the closing '}'" });
}

function readString(source: SourceText, open: number, tokens: Token[]): number {
  const text = source.text;
  let value = '';
  let i = open + 1;
  for (;;) {
    if (i >= text.length || text.charAt(i) === '\n') {
      throw source.syntaxError(open, 'unterminated string', {
        hint: i >= text.length ? 'add the closing "' : 'close the string on the same line, or use a heredoc (<<EOF) for text over several lines',
      });
    }
    const c = text.charAt(i);
    if (c === '"') break;
    if (c === '\\') {
      const e = text.charAt(i + 1);
      if (e in STRING_ESCAPES) {
        value += STRING_ESCAPES[e];
        i += 2;
        continue;
      }
      if (e === 'u' || e === 'U') {
        const digits = e === 'u' ? 4 : 8;
        const hex = text.slice(i + 2, i + 2 + digits);
        if (hex.length !== digits || !/^[0-9A-Fa-f]+$/.test(hex)) {
          throw source.syntaxError(i, `invalid \\${e} escape: expected ${digits} hexadecimal digits`);
        }
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw source.syntaxError(i, `invalid \\${e} escape: ${hex} is not a Unicode character`);
        value += String.fromCodePoint(code);
        i += 2 + digits;
        continue;
      }
      throw source.syntaxError(i, `invalid escape '\\${e}' in a string`, {
        end: source.position(i + 2),
        hint: 'valid escapes are \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN; write \\\\ for a backslash',
      });
    }
    if ((c === '$' || c === '%') && text.charAt(i + 1) === c && text.charAt(i + 2) === '{') {
      value += c + '{';
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && text.charAt(i + 1) === '{') {
      const end = skipTemplateSequence(source, i);
      value += text.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  tokens.push({ kind: 'string', start: open, end: i + 1, text: value });
  return i + 1;
}

function readHeredoc(source: SourceText, start: number, tokens: Token[]): number {
  const text = source.text;
  let i = start + 2;
  const indented = text.charAt(i) === '-';
  if (indented) i++;
  const markerStart = i;
  while (i < text.length && isIdentPart(text.charAt(i))) i++;
  const marker = text.slice(markerStart, i);
  if (marker === '' || !isIdentStart(marker.charAt(0))) {
    throw source.syntaxError(start, 'a heredoc needs a marker name right after <<', { hint: 'write <<EOF, then the text, then EOF on its own line' });
  }
  let lineEnd = i;
  if (text.charAt(lineEnd) === '\r') lineEnd++;
  if (text.charAt(lineEnd) !== '\n') {
    throw source.syntaxError(i, `the heredoc marker ${marker} must end the line`, { hint: 'start the text on the next line' });
  }
  const lines: string[] = [];
  let pos = lineEnd + 1;
  for (;;) {
    if (pos >= text.length) {
      throw source.syntaxError(start, `unterminated heredoc: no line with the closing marker ${marker}`, { hint: `end the text with ${marker} on its own line` });
    }
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end).replace(/\r$/, '');
    if (raw.trim() === marker) {
      const closeStart = pos + raw.indexOf(marker);
      const content = indented ? removeCommonIndent(lines) : lines;
      const value = content.map((line) => line + '\n').join('').replace(/([$%])\1\{/g, '$1{');
      tokens.push({ kind: 'heredoc', start, end: closeStart + marker.length, text: value });
      return closeStart + marker.length;
    }
    lines.push(raw);
    pos = end + 1;
  }
}

function removeCommonIndent(lines: string[]): string[] {
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    common = Math.min(common, indent);
  }
  if (common === Infinity) common = 0;
  return lines.map((line) => line.slice(Math.min(common, line.length - line.trimStart().length)));
}
