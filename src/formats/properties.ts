/**
 * Java-style `.properties` files (also `.props`, `.prop`) as KrakenD
 * configurations.
 *
 * Syntax (as Java reads it):
 * - One entry per line: `key=value`, `key: value` or `key value`. Blanks
 *   (space, tab, form feed) before the key and around the separator are
 *   ignored; the first unescaped `=`, `:` or blank ends the key.
 * - Lines whose first non-blank character is `#` or `!` are comments; blank
 *   lines are ignored.
 * - A line ending in an odd number of backslashes continues on the next line;
 *   the next line's leading blanks are dropped.
 * - Escapes: `\t`, `\n`, `\r`, `\f`, `\uXXXX` (exactly four hex digits); any
 *   other escaped character stands for itself (`\=`, `\:`, `\ `, `\#`, `\\`).
 * - Unlike Java, blanks at the end of a value are dropped; write `\ ` to keep one.
 *
 * Structure:
 * - Keys are split on `.` into nested objects: `extra_config.telemetry/logging.level=DEBUG`.
 *   Write `\.` for a dot that belongs to a name.
 * - A segment that is a non-negative integer (after the first) is an array
 *   index: `endpoints.0.backend.0.host.0=http://x`. Items may come in any
 *   order, but every index from 0 up must be set: a gap is an error naming the key.
 * - A key set twice keeps its last value, with a `duplicate-key` warning.
 * - A key that is both a value and a parent (`a=1` and `a.b=2`) is an error
 *   naming both lines.
 *
 * Values are typed the way a config author means them:
 * - `true` / `false` → boolean;
 * - a decimal integer (`8080`, `-1`; no leading zeros) → number, or bigint
 *   with `bigIntegers`; an integer too large for an exact number stays text
 *   unless `bigIntegers` is on; a decimal number (`1.5`, `2e3`) → number;
 * - a value written as a JSON array or object on one line
 *   (`host=["http://a","http://b"]`, `mapping={"a":"b"}`) is parsed as JSON;
 *   an invalid one is an error. Start it with `\[` or `\{` to keep it as text;
 * - everything else, `null` included, is a string (an empty value is "").
 */
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { looksLikeJsonLiteral, parseJsonLiteral } from './json-literal.ts';
import { isBlank } from './lines.ts';
import { typedScalar } from './scalars.ts';
import { SourceText, stripByteOrderMark } from './source.ts';
import { childPointer, forgetDescendants, hasMember, setMember, type PlainObject } from './tree.ts';

/** A logical line: its characters and, for each, the offset it came from. */
interface LogicalLine {
  chars: string;
  offsets: number[];
  /** Offset just past the line's last character. */
  end: number;
}

/** One piece of decoded text with the source range it was written in. */
interface Decoded {
  text: string;
  start: number;
  end: number;
}

interface KeySegment extends Decoded {
  /** An array index (only after the first segment), else undefined. */
  index?: number;
}

interface DecodedValue extends Decoded {
  /** Where each character of `text` is written. */
  offsets: number[];
  /** The value starts with an escaped character (`\\[` keeps a bracket as text). */
  escapedStart: boolean;
}

interface Entry {
  key: string;
  segments: KeySegment[];
  value: DecodedValue;
  keySpan: SourceSpan;
}

const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

class PropertiesParser {
  readonly root: PlainObject = {};
  readonly locations: LocationMap = new Map();
  readonly warnings: Diagnostic[] = [];
  /** Objects and arrays created by key paths (as opposed to JSON values). */
  private readonly structural = new Set<object>();
  /** For each array made by key paths: how many of its items are set. */
  private readonly arrayCounts = new Map<unknown[], { key: string; set: number; indexSpans: Map<number, SourceSpan> }>();

  constructor(
    private readonly source: SourceText,
    private readonly bigIntegers: boolean,
  ) {
    this.structural.add(this.root);
    this.locations.set('', { value: { file: source.file, line: 1, column: 1 } });
  }

  parse(): PlainObject {
    for (const line of this.logicalLines()) this.add(this.entry(line));
    this.checkArraysAreDense();
    return this.root;
  }

  // --- lines --------------------------------------------------------------

  private *logicalLines(): Generator<LogicalLine> {
    const text = this.source.text;
    let pos = 0;
    while (pos < text.length) {
      let i = pos;
      while (i < text.length && isBlank(text.charCodeAt(i))) i++;
      const c = text.charAt(i);
      if (i >= text.length || c === '\n' || c === '\r' || c === '#' || c === '!') {
        pos = skipLine(text, i);
        continue;
      }
      let chars = '';
      const offsets: number[] = [];
      for (;;) {
        const end = lineEnd(text, i);
        let backslashes = 0;
        while (end - backslashes - 1 >= i && text.charCodeAt(end - backslashes - 1) === 92) backslashes++;
        const continues = backslashes % 2 === 1;
        const stop = continues ? end - 1 : end;
        for (let j = i; j < stop; j++) {
          chars += text.charAt(j);
          offsets.push(j);
        }
        pos = skipLine(text, end);
        if (!continues || pos >= text.length) {
          yield { chars, offsets, end: stop };
          break;
        }
        i = pos;
        while (i < text.length && isBlank(text.charCodeAt(i))) i++;
      }
    }
  }

  // --- entries ------------------------------------------------------------

  private offsetOf(line: LogicalLine, index: number): number {
    return index < line.offsets.length ? line.offsets[index]! : line.end;
  }

  /** End offset (exclusive) of the character at `index`. */
  private endOf(line: LogicalLine, index: number): number {
    return this.offsetOf(line, index) + 1;
  }

  private entry(line: LogicalLine): Entry {
    const s = line.chars;
    // The key runs to the first unescaped '=', ':' or blank.
    let k = 0;
    while (k < s.length) {
      const c = s.charAt(k);
      if (c === '\\') {
        k += 2;
        continue;
      }
      if (c === '=' || c === ':' || isBlank(s.charCodeAt(k))) break;
      k++;
    }
    const keyEnd = Math.min(k, s.length);
    let v = keyEnd;
    while (v < s.length && isBlank(s.charCodeAt(v))) v++;
    if (v < s.length && (s.charAt(v) === '=' || s.charAt(v) === ':')) {
      v++;
      while (v < s.length && isBlank(s.charCodeAt(v))) v++;
    }
    if (keyEnd === 0) {
      throw this.source.syntaxError(this.offsetOf(line, 0), `missing key before '${s.charAt(0)}'`, {
        hint: 'each line is key=value',
      });
    }
    const segments = this.keySegments(line, 0, keyEnd);
    const key = s.slice(0, keyEnd);
    const keySpan = this.source.span(this.offsetOf(line, 0), this.endOf(line, keyEnd - 1));
    const value = this.decodeValue(line, v);
    return { key, segments, value, keySpan };
  }

  /** Reads `\uXXXX` at `i` (the backslash) and returns the character. */
  private unicodeEscape(line: LogicalLine, i: number): string {
    const s = line.chars;
    let digits = 0;
    while (digits < 4 && i + 2 + digits < s.length && isHex(s.charCodeAt(i + 2 + digits))) digits++;
    if (digits < 4) {
      throw this.source.syntaxError(this.offsetOf(line, i), 'malformed \\uXXXX escape: expected 4 hexadecimal digits', {
        end: this.source.position(this.endOf(line, i + 1 + digits)),
        hint: 'write \\\\u for a literal backslash followed by u',
      });
    }
    return String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
  }

  private keySegments(line: LogicalLine, from: number, to: number): KeySegment[] {
    const s = line.chars;
    const segments: KeySegment[] = [];
    let text = '';
    let start = from;
    /** Whether the current segment was written without escapes (only then can it be an index). */
    let rawIsPlain = true;
    const close = (end: number) => {
      const startOffset = this.offsetOf(line, start);
      if (text === '') {
        const where = segments.length === 0 && end === from ? 'at the start of' : end >= to ? 'at the end of' : 'between two dots in';
        throw this.source.syntaxError(startOffset, `empty name ${where} key ${s.slice(from, to)}`, {
          hint: "remove the extra '.', or write \\. for a dot inside a name",
        });
      }
      const segment: KeySegment = { text, start: startOffset, end: end > start ? this.endOf(line, end - 1) : startOffset };
      if (segments.length > 0 && /^[0-9]+$/.test(text) && rawIsPlain) segment.index = Number(text);
      segments.push(segment);
    };
    for (let i = from; i < to; i++) {
      const c = s.charAt(i);
      if (c === '\\') {
        rawIsPlain = false;
        const e = s.charAt(i + 1);
        if (e === 'u') {
          text += this.unicodeEscape(line, i);
          i += 5;
        } else {
          text += SIMPLE_ESCAPES[e] ?? e;
          i += 1;
        }
        continue;
      }
      if (c === '.') {
        close(i);
        text = '';
        start = i + 1;
        rawIsPlain = true;
        continue;
      }
      text += c;
    }
    close(to);
    return segments;
  }

  private decodeValue(line: LogicalLine, from: number): DecodedValue {
    const s = line.chars;
    let text = '';
    const offsets: number[] = [];
    /** Length of `text` up to its last character that is not an unescaped blank. */
    let kept = 0;
    let keptEnd = from;
    for (let i = from; i < s.length; i++) {
      const c = s.charAt(i);
      const at = this.offsetOf(line, i);
      if (c === '\\') {
        const e = s.charAt(i + 1);
        if (e === 'u') {
          text += this.unicodeEscape(line, i);
          i += 5;
        } else {
          text += SIMPLE_ESCAPES[e] ?? e;
          i += 1;
        }
        offsets.push(at);
        kept = text.length;
        keptEnd = Math.min(i + 1, s.length);
        continue;
      }
      text += c;
      offsets.push(at);
      if (!isBlank(s.charCodeAt(i))) {
        kept = text.length;
        keptEnd = i + 1;
      }
    }
    const start = this.offsetOf(line, from);
    const end = keptEnd > from ? this.endOf(line, keptEnd - 1) : start;
    return { text: text.slice(0, kept), offsets: offsets.slice(0, kept), start, end, escapedStart: s.charAt(from) === '\\' };
  }

  // --- tree ---------------------------------------------------------------

  private typedValue(entry: Entry, pointer: string): { value: unknown; locations?: LocationMap; warnings?: Diagnostic[] } {
    const { text, offsets, escapedStart } = entry.value;
    if (!escapedStart && looksLikeJsonLiteral(text)) {
      return parseJsonLiteral(this.source, text, offsets, pointer, entry.key, `start the value with \\${text.charAt(0)} to keep it as text`);
    }
    return { value: typedScalar(text, this.bigIntegers) };
  }

  private segmentSpan(segment: KeySegment): SourceSpan {
    return this.source.span(segment.start, segment.end);
  }

  /** The dotted key up to and including segment `i`, as written. */
  private keyPrefix(entry: Entry, i: number): string {
    return this.source.text.slice(entry.segments[0]!.start, entry.segments[i]!.end);
  }

  private add(entry: Entry): void {
    let container: PlainObject | unknown[] = this.root;
    let pointer = '';
    const segments = entry.segments;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const isLast = i === segments.length - 1;
      const next = segments[i + 1];
      const token = segment.index ?? segment.text;
      const childPtr = childPointer(pointer, token);
      const existing = this.get(container, token);
      const span = this.segmentSpan(segment);
      const keySpan = Array.isArray(container) ? undefined : span;

      if (isLast) {
        if (existing !== undefined) this.replaceLeaf(entry, i, childPtr, existing);
        else this.countItem(container, token, span);
        const { value, locations, warnings } = this.typedValue(entry, childPtr);
        if (warnings) this.warnings.push(...warnings);
        this.put(container, token, value);
        const valueSpan = this.source.span(entry.value.start, entry.value.end);
        this.locations.set(childPtr, keySpan ? { value: valueSpan, key: keySpan } : { value: valueSpan });
        if (locations) for (const [p, loc] of locations) this.locations.set(p, loc);
        return;
      }

      const wantArray = next!.index !== undefined;
      if (existing === undefined) {
        const created: PlainObject | unknown[] = wantArray ? [] : {};
        this.structural.add(created);
        if (Array.isArray(created)) this.arrayCounts.set(created, { key: this.keyPrefix(entry, i), set: 0, indexSpans: new Map() });
        this.countItem(container, token, span);
        this.put(container, token, created);
        this.locations.set(childPtr, keySpan ? { value: span, key: keySpan } : { value: span });
        container = created;
      } else if (typeof existing === 'object' && existing !== null && this.structural.has(existing)) {
        if (Array.isArray(existing) !== wantArray) this.shapeClash(entry, i, childPtr, Array.isArray(existing));
        container = existing as PlainObject | unknown[];
      } else {
        this.valueAndParent(entry, i, childPtr);
      }
      pointer = childPtr;
    }
  }

  private get(container: PlainObject | unknown[], token: string | number): unknown {
    if (Array.isArray(container)) return container[token as number];
    return hasMember(container, token as string) ? container[token as string] : undefined;
  }

  private put(container: PlainObject | unknown[], token: string | number, value: unknown): void {
    if (Array.isArray(container)) container[token as number] = value;
    else setMember(container, token as string, value);
  }

  /** Notes a new item of an array made by key paths, and where its index is written. */
  private countItem(container: PlainObject | unknown[], token: string | number, span: SourceSpan): void {
    if (!Array.isArray(container)) return;
    const info = this.arrayCounts.get(container)!;
    info.set++;
    info.indexSpans.set(token as number, span);
  }

  private firstLine(pointer: string): SourceSpan | undefined {
    const loc = this.locations.get(pointer);
    return loc?.key ?? loc?.value;
  }

  /** The final segment names something already set. */
  private replaceLeaf(entry: Entry, i: number, pointer: string, existing: unknown): void {
    const previous = this.firstLine(pointer);
    if (typeof existing === 'object' && existing !== null && this.structural.has(existing)) {
      const span = this.segmentSpan(entry.segments[i]!);
      throw this.source.syntaxError({ line: span.line, column: span.column },
        `${this.keyPrefix(entry, i)} is given a value here but is a parent of other keys from line ${previous?.line ?? '?'}`, {
          notes: previous ? [this.source.note('used as a parent here', previous)] : [],
          hint: 'a key holds either a value or nested keys, not both',
        });
    }
    this.warnings.push(
      this.source.warning('duplicate-key', `${entry.key} is set more than once: the last value is used`, entry.keySpan,
        previous ? [this.source.note('first set here', previous)] : []),
    );
    forgetDescendants(this.locations, pointer);
  }

  private valueAndParent(entry: Entry, i: number, pointer: string): never {
    const previous = this.locations.get(pointer)?.value;
    const span = this.segmentSpan(entry.segments[i]!);
    const name = this.keyPrefix(entry, i);
    throw this.source.syntaxError({ line: span.line, column: span.column },
      `${name} is used as a parent here but is set to a value at line ${previous?.line ?? '?'}`, {
        notes: previous ? [this.source.note(`${name} is set here`, previous)] : [],
        hint: 'a key holds either a value or nested keys, not both',
      });
  }

  private shapeClash(entry: Entry, i: number, pointer: string, isArray: boolean): never {
    const previous = this.firstLine(pointer);
    const span = this.segmentSpan(entry.segments[i + 1]!);
    const name = this.keyPrefix(entry, i);
    const was = isArray ? 'a list (numbered items)' : 'an object (named keys)';
    const now = isArray ? 'a named key' : 'a numbered item';
    throw this.source.syntaxError({ line: span.line, column: span.column },
      `${name} is ${was} from line ${previous?.line ?? '?'}, but ${entry.key} gives it ${now}`, {
        notes: previous ? [this.source.note(`${name} starts here`, previous)] : [],
      });
  }

  private checkArraysAreDense(): void {
    for (const [arr, info] of this.arrayCounts) {
      if (info.set === arr.length) continue;
      let missing = 0;
      while (missing in arr) missing++;
      // Report at the first item after the gap.
      let after = missing + 1;
      while (!(after in arr)) after++;
      const at = info.indexSpans.get(after)!;
      throw this.source.syntaxError({ line: at.line, column: at.column },
        `${info.key}.${missing} is missing: ${info.key}.${after} is set, but list items must be numbered 0, 1, 2… without gaps`, {
          hint: `add ${info.key}.${missing} or renumber the items`,
        });
    }
  }
}

/** Index just past the line break that ends the line containing `i`. */
function skipLine(text: string, i: number): number {
  while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
  if (text.charAt(i) === '\r' && text.charAt(i + 1) === '\n') return i + 2;
  return Math.min(i + 1, text.length);
}

/** Index of the line break (or end of text) that ends the line containing `i`. */
function lineEnd(text: string, i: number): number {
  while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
  return i;
}

/** Parses a .properties file into nested objects and arrays. */
export const parseProperties: FormatParser = (text: string, file: string, options?: ParseOptions): ParsedDocument => {
  const parser = new PropertiesParser(new SourceText(stripByteOrderMark(text), file), options?.bigIntegers === true);
  const value = parser.parse();
  return { value, locations: parser.locations, warnings: parser.warnings };
};
