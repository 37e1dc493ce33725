/**
 * dotenv files (`.env`), for flexible-config settings. The result is a flat
 * object of strings.
 *
 * - `KEY=value`, optionally preceded by `export `; blanks around `=` are ignored.
 *   Names use letters, digits, `_`, `.` and `-`.
 * - Unquoted values run to the end of the line, without surrounding blanks; a
 *   `#` preceded by a blank starts a comment (`URL=http://x/#top` keeps its `#`).
 * - `"double quotes"` process `\n`, `\r`, `\t`, `\"` and `\\` (any other
 *   backslash is kept as written) and may span lines; `'single quotes'` and
 *   `` `backticks` `` keep the text exactly, also across lines.
 * - Lines starting with `#` and blank lines are ignored.
 * - `${VAR}` and `$VAR` are not expanded: they stay in the value as written.
 * - A name set twice keeps the last value, with a `duplicate-key` warning.
 */
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { isBlank, skipBlanks, trimEnd } from './lines.ts';
import { SourceText, describeChar, stripByteOrderMark } from './source.ts';
import { childPointer, hasMember, setMember, type PlainObject } from './tree.ts';

function isNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 46 || code === 45
  );
}

function isLineEnd(text: string, i: number): boolean {
  return i >= text.length || text.charCodeAt(i) === 10 || (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10);
}

/** Index just past the line break at or after `i` (or the end of the text). */
function nextLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl + 1;
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Parses a dotenv file into a flat object of strings. */
export const parseEnv: FormatParser = (input: string, file: string, _options?: ParseOptions): ParsedDocument => {
  const source = new SourceText(stripByteOrderMark(input), file);
  const text = source.text;
  const obj: PlainObject = {};
  const locations: LocationMap = new Map();
  const warnings: Diagnostic[] = [];
  locations.set('', { value: { file, line: 1, column: 1 } });

  let pos = 0;
  while (pos < text.length) {
    let i = skipBlanks(text, pos);
    if (isLineEnd(text, i) || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 35 /* # */) {
      pos = nextLine(text, i);
      continue;
    }
    if (text.startsWith('export', i) && isBlank(text.charCodeAt(i + 6))) i = skipBlanks(text, i + 6);

    const keyStart = i;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    if (i === keyStart) {
      throw source.syntaxError(i, `expected a variable name, found ${describeChar(text.charAt(i))}`, {
        hint: 'each line is NAME=value; names use letters, digits, _, . and -',
      });
    }
    const name = text.slice(keyStart, i);
    const keySpan = source.span(keyStart, i);
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) !== 61 /* = */) {
      const found = isLineEnd(text, i) ? 'the end of the line' : describeChar(text.charAt(i));
      throw source.syntaxError(i, `expected '=' after ${name}, found ${found}`, { hint: `write ${name}=value` });
    }
    i = skipBlanks(text, i + 1);

    let value: string;
    const valueStart = i;
    let valueEnd: number;
    const quote = text.charAt(i);
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = findClosingQuote(text, i, quote);
      if (close === -1) {
        throw source.syntaxError(i, 'unterminated string', { hint: `add the closing ${quote}` });
      }
      const inner = text.slice(i + 1, close);
      value = quote === '"' ? inner.replace(/\\([nrt"\\])/g, (_, c: string) => DOUBLE_QUOTE_ESCAPES[c]!) : inner;
      valueEnd = close + 1;
      i = skipBlanks(text, valueEnd);
      if (text.charCodeAt(i) === 35) i = lineEndOf(text, i);
      if (!isLineEnd(text, i)) {
        throw source.syntaxError(i, `unexpected ${describeChar(text.charAt(i))} after the closing quote`, {
          hint: 'put the whole value inside the quotes, or start a comment with #',
        });
      }
    } else {
      const end = lineEndOf(text, i);
      let stop = end;
      for (let j = i; j < end; j++) {
        if (text.charCodeAt(j) === 35 && isBlank(text.charCodeAt(j - 1))) {
          stop = j;
          break;
        }
      }
      valueEnd = trimEnd(text, valueStart, stop);
      value = text.slice(valueStart, valueEnd);
      i = end;
    }

    const pointer = childPointer('', name);
    if (hasMember(obj, name)) {
      const first = locations.get(pointer)?.key;
      warnings.push(
        source.warning('duplicate-key', `${name} is set more than once: the last value is used`, keySpan, first ? [source.note('first set here', first)] : []),
      );
    }
    setMember(obj, name, value);
    const valueSpan: SourceSpan = source.span(valueStart, valueEnd);
    locations.set(pointer, { value: valueSpan, key: keySpan });
    pos = nextLine(text, i);
  }
  return { value: obj, locations, warnings };
};

/** Index of the line break that ends the line containing `i` ('\r\n' counts from its '\r'). */
function lineEndOf(text: string, i: number): number {
  let end = text.indexOf('\n', i);
  if (end === -1) end = text.length;
  if (end > i && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Index of the quote closing the one at `open`, or -1. */
function findClosingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (ch === quote) return i;
  }
  return -1;
}
