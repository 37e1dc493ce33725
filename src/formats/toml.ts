/**
 * TOML configurations (`.toml`). smol-toml decodes the values and reports
 * syntax errors; a light scan of the same text then finds where each key and
 * value is written: tables `[a.b]`, arrays of tables `[[a]]`, dotted keys,
 * inline tables, arrays and strings over several lines.
 *
 * - Dates and times become ISO 8601 strings (`1979-05-27T07:32:00.000Z`,
 *   `1979-05-27`, `07:32:00.000`).
 * - Integers are numbers (beyond 2^53 they lose precision, as JSON numbers
 *   do), or bigints with `options.bigIntegers`. Floats are numbers.
 * - A table's location is its header; a table created implicitly (by
 *   `[a.b]` or `a.b = 1`) is located at its first mention.
 */
import { parse as parseTomlText, TomlDate, TomlError } from 'smol-toml';
import type { SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { SourceText, stripByteOrderMark } from './source.ts';
import { childPointer, fillMissingLocations, setMember, type PlainObject } from './tree.ts';

/**
 * The decoded value as plain data: tables become ordinary objects (smol-toml
 * makes them without a prototype), dates ISO strings, and big integers numbers
 * unless they are kept.
 */
function normalize(value: unknown, keepBigInts: boolean): unknown {
  if (value instanceof TomlDate || value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return keepBigInts ? value : Number(value);
  if (Array.isArray(value)) return value.map((item) => normalize(item, keepBigInts));
  if (typeof value === 'object' && value !== null) {
    const obj: PlainObject = {};
    for (const key of Object.keys(value)) setMember(obj, key, normalize((value as PlainObject)[key], keepBigInts));
    return obj;
  }
  return value;
}

/** smol-toml's message without its prefix and code excerpt, starting lower-case. */
function cleanMessage(message: string): string {
  let m = message.replace(/^Invalid TOML document:\s*/, '');
  const excerpt = m.indexOf('\n\n');
  if (excerpt !== -1) m = m.slice(0, excerpt);
  m = m.trim();
  return m.charAt(0).toLowerCase() + m.slice(1);
}

function hintOf(message: string): { hint?: string } {
  if (/control characters/.test(message)) return { hint: 'close the string on the same line, or use """ for a multi-line string' };
  if (/unterminated|unfinished/.test(message)) return { hint: 'add the closing quote' };
  return {};
}

/** "invalid value" with the offending text named, or the value found missing. */
function invalidValueError(source: SourceText, e: TomlError): Error | undefined {
  if (cleanMessage(e.message) !== 'invalid value') return undefined;
  const rest = source.lineText(e.line).slice(e.column - 1);
  const token = /^[^\s,\]}#]*/.exec(rest)![0];
  if (token === '') {
    return source.syntaxError({ line: e.line, column: e.column }, 'missing value', { hint: 'write a value after =, e.g. key = "text"' });
  }
  return source.syntaxError({ line: e.line, column: e.column }, `invalid value ${token}`, {
    end: { line: e.line, column: e.column + token.length },
    hint: `text must be quoted: "${token}"`,
  });
}

/**
 * A clearer error for a table or key defined twice: names it and, for a
 * table header, points at the first one.
 */
function redefinitionError(source: SourceText, e: TomlError): Error | undefined {
  if (!/redefine/.test(e.message)) return undefined;
  const lineText = source.lineText(e.line);
  const header = /^\s*(\[\[?[^\]]*\]\]?)/.exec(lineText);
  if (header) {
    const written = header[1]!;
    const column = lineText.indexOf(written) + 1;
    const normal = written.replace(/\s+/g, '');
    let first: number | undefined;
    for (let line = 1; line < e.line; line++) {
      if (source.lineText(line).trim().replace(/\s+/g, '').startsWith(normal)) {
        first = line;
        break;
      }
    }
    const notes = first === undefined ? [] : [source.note('first defined here', { file: source.file, line: first, column: source.lineText(first).indexOf('[') + 1 })];
    return source.syntaxError({ line: e.line, column }, `table ${written} is defined more than once`, {
      end: { line: e.line, column: column + written.length },
      notes,
      hint: 'put all its keys under one header',
    });
  }
  const key = /^\s*([^=]+?)\s*=/.exec(lineText);
  if (key) {
    return source.syntaxError({ line: e.line, column: e.column }, `${key[1]} is defined more than once`, {
      hint: 'each key may be set only once in a table',
    });
  }
  return undefined;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

interface Key {
  name: string;
  start: number;
  end: number;
}

/** Finds the location of every key and value in valid TOML text. */
class TomlLocator {
  readonly locations: LocationMap = new Map();
  private pos = 0;
  /** Number of `[[…]]` items seen so far, by the array's pointer. */
  private readonly tableArrays = new Map<string, number>();

  constructor(private readonly source: SourceText) {
    this.locations.set('', { value: { file: source.file, line: 1, column: 1 } });
  }

  private get text(): string {
    return this.source.text;
  }

  private span(start: number, end: number): SourceSpan {
    return this.source.span(start, end);
  }

  run(): void {
    let table = '';
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.text.length) return;
      const c = this.text.charAt(this.pos);
      if (c === '[') {
        table = this.header();
        continue;
      }
      const before = this.pos;
      this.keyValue(table);
      if (this.pos <= before) throw new Error(`no progress at offset ${before}`);
    }
  }

  /** Skips blanks and comments, and line breaks too when `newlines`. */
  private skipTrivia(newlines: boolean): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charAt(this.pos);
      if (c === ' ' || c === '\t') this.pos++;
      else if (newlines && (c === '\n' || c === '\r')) this.pos++;
      else if (c === '#') {
        while (this.pos < text.length && text.charAt(this.pos) !== '\n') this.pos++;
      } else return;
    }
  }

  /** The pointer under `base` for `name`, stepping into the current item of an array of tables. */
  private step(base: string, name: string): string {
    const p = childPointer(base, name);
    const count = this.tableArrays.get(p);
    return count === undefined ? p : `${p}/${count - 1}`;
  }

  /** `[a.b]` or `[[a.b]]`; returns the pointer of the table it opens. */
  private header(): string {
    const start = this.pos;
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const keys = this.dottedKey();
    this.skipTrivia(false);
    this.pos += isArray ? 2 : 1;
    const headerSpan = this.span(start, this.pos);
    let pointer = '';
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      pointer = this.step(pointer, key.name);
      if (!this.locations.has(pointer)) this.locations.set(pointer, { value: headerSpan, key: this.span(key.start, key.end) });
    }
    const last = keys[keys.length - 1]!;
    const lastSpan = this.span(last.start, last.end);
    const target = childPointer(pointer, last.name);
    if (isArray) {
      const count = (this.tableArrays.get(target) ?? 0) + 1;
      this.tableArrays.set(target, count);
      if (!this.locations.has(target)) this.locations.set(target, { value: headerSpan, key: lastSpan });
      const item = `${target}/${count - 1}`;
      this.locations.set(item, { value: headerSpan });
      return item;
    }
    this.locations.set(target, { value: headerSpan, key: lastSpan });
    return target;
  }

  /** `a."b.c".'d'` → its parts with their spans. */
  private dottedKey(): Key[] {
    const keys: Key[] = [];
    for (;;) {
      this.skipTrivia(false);
      keys.push(this.simpleKey());
      this.skipTrivia(false);
      if (this.text.charAt(this.pos) !== '.') return keys;
      this.pos++;
    }
  }

  private simpleKey(): Key {
    const text = this.text;
    const start = this.pos;
    const c = text.charAt(start);
    if (c === '"') {
      const end = this.basicStringEnd(start, false);
      this.pos = end;
      return { name: decodeBasicString(text.slice(start + 1, end - 1)), start, end };
    }
    if (c === "'") {
      const end = this.expect(text.indexOf("'", start + 1)) + 1;
      this.pos = end;
      return { name: text.slice(start + 1, end - 1), start, end };
    }
    let i = start;
    while (i < text.length && BARE_KEY.test(text.charAt(i))) i++;
    if (i === start) throw new Error(`unexpected character at offset ${start}`);
    this.pos = i;
    return { name: text.slice(start, i), start, end: i };
  }

  /** `a.b = value` under `base`. */
  private keyValue(base: string): void {
    const keys = this.dottedKey();
    let pointer = base;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]!;
      pointer = childPointer(pointer, key.name);
      if (!this.locations.has(pointer)) {
        this.locations.set(pointer, { value: this.span(key.start, key.end), key: this.span(key.start, key.end) });
      }
    }
    const last = keys[keys.length - 1]!;
    this.skipTrivia(false);
    this.pos++; // '='
    this.skipTrivia(false);
    this.value(childPointer(pointer, last.name), this.span(last.start, last.end));
  }

  /** A value at the current position, recorded under `pointer`. */
  private value(pointer: string, key: SourceSpan | undefined): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charAt(start);
    const record = (end: number) => {
      const value = this.span(start, end);
      this.locations.set(pointer, key === undefined ? { value } : { value, key });
    };
    if (c === '"') {
      const multi = text.startsWith('"""', start);
      this.pos = this.basicStringEnd(start, multi);
      record(this.pos);
      return;
    }
    if (c === "'") {
      if (text.startsWith("'''", start)) {
        const close = this.expect(text.indexOf("'''", start + 3));
        let end = close + 3;
        // Up to two quotes right before the closing delimiter belong to the string.
        while (text.charAt(end) === "'" && end - close < 5) end++;
        this.pos = end;
      } else {
        this.pos = this.expect(text.indexOf("'", start + 1)) + 1;
      }
      record(this.pos);
      return;
    }
    if (c === '[') {
      record(start + 1);
      const entry = this.locations.get(pointer)!;
      this.pos++;
      let index = 0;
      for (;;) {
        this.skipTrivia(true);
        if (text.charAt(this.pos) === ']') break;
        const before = this.pos;
        this.value(`${pointer}/${index++}`, undefined);
        if (this.pos <= before) throw new Error(`no progress at offset ${before}`);
        this.skipTrivia(true);
        if (text.charAt(this.pos) === ',') this.pos++;
      }
      this.pos++;
      entry.value = this.span(start, this.pos);
      return;
    }
    if (c === '{') {
      record(start + 1);
      const entry = this.locations.get(pointer)!;
      this.pos++;
      for (;;) {
        this.skipTrivia(true);
        if (text.charAt(this.pos) === '}') break;
        const before = this.pos;
        this.keyValue(pointer);
        if (this.pos <= before) throw new Error(`no progress at offset ${before}`);
        this.skipTrivia(true);
        if (text.charAt(this.pos) === ',') this.pos++;
      }
      this.pos++;
      entry.value = this.span(start, this.pos);
      return;
    }
    // Numbers, booleans, dates and times.
    let end = start;
    while (end < text.length && !' \t\r\n,]}#'.includes(text.charAt(end))) end++;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text.slice(start, end)) && text.charAt(end) === ' ' && /^\d{2}:/.test(text.slice(end + 1, end + 4))) {
      end++;
      while (end < text.length && !' \t\r\n,]}#'.includes(text.charAt(end))) end++;
    }
    if (end === start) throw new Error(`no value at offset ${start}`);
    this.pos = end;
    record(end);
  }

  /** `found`, unless a search came back empty (-1). */
  private expect(found: number): number {
    if (found < 0) throw new Error('unterminated string');
    return found;
  }

  /** Offset just past the basic string (`"…"` or `"""…"""`) starting at `start`. */
  private basicStringEnd(start: number, multi: boolean): number {
    const text = this.text;
    let i = start + (multi ? 3 : 1);
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '"') {
        if (!multi) return i + 1;
        if (text.startsWith('"""', i)) {
          let end = i + 3;
          // Up to two quotes right before the closing delimiter belong to the string.
          while (text.charAt(end) === '"' && end - i < 5) end++;
          return end;
        }
      }
      i++;
    }
    return text.length;
  }
}

const BASIC_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

/** The text of a basic string's body (escapes decoded). */
function decodeBasicString(body: string): string {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return BASIC_ESCAPES[e] ?? e;
  });
}

/** Parses TOML with a location for every node. */
export const parseToml: FormatParser = (text: string, file: string, options?: ParseOptions): ParsedDocument => {
  const source = new SourceText(stripByteOrderMark(text), file);
  const keepBigInts = options?.bigIntegers === true;
  let data: unknown;
  try {
    data = parseTomlText(source.text, { integersAsBigInt: keepBigInts ? true : 'asNeeded' });
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    throw redefinitionError(source, e) ?? invalidValueError(source, e) ??
      source.syntaxError({ line: e.line, column: e.column }, cleanMessage(e.message), hintOf(cleanMessage(e.message)));
  }
  const value = normalize(data, keepBigInts);
  const locator = new TomlLocator(source);
  try {
    locator.run();
  } catch {
    // The text is valid TOML (smol-toml read it); whatever the scan could not
    // place is located at its nearest placed ancestor below.
  }
  fillMissingLocations(value, locator.locations);
  return { value, locations: locator.locations, warnings: [] };
};
