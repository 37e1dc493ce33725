/**
 * INI files (`.ini`), for flexible-config settings.
 *
 * - `[section]` starts a section; `[section.sub]` a nested one (a name in
 *   double quotes may contain dots: `[extra_config."qos/ratelimit/router"]`).
 *   Sections become nested objects; a header repeated later adds to the same
 *   object. Keys before the first header belong to the top level.
 * - `key = value` or `key: value`; the key is everything before the first `=`
 *   or `:`, without surrounding blanks, and is used as written (dots included).
 * - Lines starting with `;` or `#` are comments; after an unquoted value, a `;`
 *   or `#` preceded by a blank starts a comment too.
 * - `"double quoted"` values keep their text exactly (with `\"`, `\\`, `\n`,
 *   `\t` escapes) and `'single quoted'` ones literally; both are always strings.
 * - Unquoted values are typed as in .properties files: `true`/`false` →
 *   boolean, decimal numbers → number (integers → bigint with `bigIntegers`),
 *   a one-line JSON array or object (`hosts = ["http://a", "http://b"]`) → its
 *   value, anything else → string.
 * - A key set twice in a section keeps the last value, with a `duplicate-key`
 *   warning; a name used both as a key and as a section is an error naming
 *   both lines.
 */
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { skipBlanks, splitLines, trimEnd, isBlank, type SourceLine } from './lines.ts';
import { typedScalar } from './scalars.ts';
import { SourceText, describeChar, stripByteOrderMark } from './source.ts';
import { childPointer, forgetDescendants, hasMember, isPlainObject, setMember, type PlainObject } from './tree.ts';
import { looksLikeJsonLiteral, parseJsonLiteral } from './json-literal.ts';

interface Section {
  obj: PlainObject;
  pointer: string;
  /** The header as written, e.g. `[a.b]` ("" for the top level). */
  header: string;
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

class IniParser {
  readonly root: PlainObject = {};
  readonly locations: LocationMap = new Map();
  readonly warnings: Diagnostic[] = [];
  private section: Section = { obj: this.root, pointer: '', header: '' };
  /** Objects made by section headers (values never are, even JSON objects). */
  private readonly sections = new Set<PlainObject>([this.root]);

  constructor(
    private readonly source: SourceText,
    private readonly bigIntegers: boolean,
  ) {
    this.locations.set('', { value: { file: source.file, line: 1, column: 1 } });
  }

  parse(): PlainObject {
    for (const line of splitLines(this.source.text)) {
      const i = skipBlanks(line.text, 0);
      if (i === line.text.length) continue;
      const first = line.text.charAt(i);
      if (first === ';' || first === '#') continue;
      if (first === '[') this.header(line, i);
      else this.entry(line, i);
    }
    return this.root;
  }

  private span(line: SourceLine, from: number, to: number): SourceSpan {
    return { file: this.source.file, line: line.number, column: from + 1, endLine: line.number, endColumn: to + 1 };
  }

  private fail(line: SourceLine, column0: number, message: string, hint?: string): Error {
    return this.source.syntaxError({ line: line.number, column: column0 + 1 }, message, hint === undefined ? {} : { hint });
  }

  /** `[a.b."c.d"]` */
  private header(line: SourceLine, open: number): void {
    const text = line.text;
    const segments: { name: string; from: number; to: number }[] = [];
    let i = open + 1;
    for (;;) {
      i = skipBlanks(text, i);
      let name: string;
      const from = i;
      if (text.charAt(i) === '"') {
        const close = text.indexOf('"', i + 1);
        if (close === -1) throw this.fail(line, i, 'unterminated quoted section name', 'add the closing "');
        name = text.slice(i + 1, close);
        i = close + 1;
      } else {
        while (i < text.length && text.charAt(i) !== '.' && text.charAt(i) !== ']') i++;
        const end = trimEnd(text, from, i);
        name = text.slice(from, end);
        if (name === '') {
          throw this.fail(line, from, 'empty section name', i < text.length && text.charAt(i) === '.' ? "remove the extra '.'" : undefined);
        }
      }
      segments.push({ name, from, to: trimEnd(text, from, i) });
      i = skipBlanks(text, i);
      if (text.charAt(i) === '.') {
        i++;
        continue;
      }
      if (text.charAt(i) === ']') break;
      if (i >= text.length) throw this.fail(line, open, "section header is not closed: missing ']'", "add ']' at the end of the header");
      throw this.fail(line, i, `unexpected ${describeChar(text.charAt(i))} in section header`);
    }
    const close = i;
    const rest = skipBlanks(text, close + 1);
    if (rest < text.length && text.charAt(rest) !== ';' && text.charAt(rest) !== '#') {
      throw this.fail(line, rest, `unexpected ${describeChar(text.charAt(rest))} after the section header`, 'put key = value pairs on their own lines');
    }
    const headerSpan = this.span(line, open, close + 1);
    const header = text.slice(open, close + 1);
    let obj = this.root;
    let pointer = '';
    for (const segment of segments) {
      const next = childPointer(pointer, segment.name);
      const keySpan = this.span(line, segment.from, segment.to);
      if (hasMember(obj, segment.name)) {
        const existing = obj[segment.name];
        if (!isPlainObject(existing) || !this.sections.has(existing)) {
          const at = this.locations.get(next)?.key;
          throw this.source.syntaxError({ line: line.number, column: segment.from + 1 },
            `section ${header} needs "${segment.name}" to be a section, but it is a value set at line ${at?.line ?? '?'}`, {
              notes: at ? [this.source.note(`"${segment.name}" is set here`, at)] : [],
              hint: 'rename the key or the section',
            });
        }
        obj = existing;
      } else {
        const created: PlainObject = {};
        this.sections.add(created);
        setMember(obj, segment.name, created);
        this.locations.set(next, { value: headerSpan, key: keySpan });
        obj = created;
      }
      pointer = next;
    }
    this.section = { obj, pointer, header };
  }

  /** `key = value` / `key: value` */
  private entry(line: SourceLine, start: number): void {
    const text = line.text;
    let sep = start;
    while (sep < text.length && text.charAt(sep) !== '=' && text.charAt(sep) !== ':') sep++;
    if (sep >= text.length) {
      throw this.fail(line, start, 'expected key = value (or a [section] header)', `write ${text.slice(start).trim()} = value`);
    }
    const keyEnd = trimEnd(text, start, sep);
    if (keyEnd === start) throw this.fail(line, sep, `missing key before '${text.charAt(sep)}'`);
    const key = text.slice(start, keyEnd);
    const keySpan = this.span(line, start, keyEnd);

    const { obj, pointer: sectionPointer, header } = this.section;
    const pointer = childPointer(sectionPointer, key);
    let nested: { locations: LocationMap; warnings: Diagnostic[] } | undefined;
    let i = skipBlanks(text, sep + 1);
    const valueStart = i;
    let valueEnd: number;
    let value: unknown;
    const quote = text.charAt(i);
    if (quote === '"' || quote === "'") {
      let close = -1;
      for (let j = i + 1; j < text.length; j++) {
        if (quote === '"' && text.charAt(j) === '\\') {
          j++;
          continue;
        }
        if (text.charAt(j) === quote) {
          close = j;
          break;
        }
      }
      if (close === -1) throw this.fail(line, i, 'unterminated quoted value', `add the closing ${quote}`);
      const inner = text.slice(i + 1, close);
      value = quote === '"' ? inner.replace(/\\([ntr"\\])/g, (_, c: string) => DOUBLE_QUOTE_ESCAPES[c]!) : inner;
      valueEnd = close + 1;
      i = skipBlanks(text, valueEnd);
      if (i < text.length && text.charAt(i) !== ';' && text.charAt(i) !== '#') {
        throw this.fail(line, i, `unexpected ${describeChar(text.charAt(i))} after the closing quote`, 'put the whole value inside the quotes');
      }
    } else {
      let stop = text.length;
      for (let j = i; j < text.length; j++) {
        const c = text.charAt(j);
        if ((c === ';' || c === '#') && isBlank(text.charCodeAt(j - 1))) {
          stop = j;
          break;
        }
      }
      valueEnd = trimEnd(text, valueStart, stop);
      const raw = text.slice(valueStart, valueEnd);
      if (looksLikeJsonLiteral(raw)) {
        const offsets = Array.from({ length: raw.length }, (_, k) => line.start + valueStart + k);
        const literal = parseJsonLiteral(this.source, raw, offsets, pointer, key, 'put the value in quotes to keep it as text');
        value = literal.value;
        nested = literal;
      } else {
        value = typedScalar(raw, this.bigIntegers);
      }
    }

    if (hasMember(obj, key)) {
      const previous = this.locations.get(pointer)?.key;
      const existing = obj[key];
      if (isPlainObject(existing) && this.sections.has(existing)) {
        const sectionName = header === '' ? key : `${header.slice(0, -1)}.${key}]`;
        throw this.source.syntaxError({ line: line.number, column: start + 1 },
          `key "${key}" clashes with section ${sectionName} from line ${previous?.line ?? '?'}`, {
            notes: previous ? [this.source.note('the section is declared here', previous)] : [],
            hint: 'rename the key or the section',
          });
      }
      const where = header === '' ? '' : ` in ${header}`;
      this.warnings.push(
        this.source.warning('duplicate-key', `key "${key}"${where} is set more than once: the last value is used`, keySpan,
          previous ? [this.source.note('first set here', previous)] : []),
      );
      forgetDescendants(this.locations, pointer);
    }
    setMember(obj, key, value);
    this.locations.set(pointer, { value: this.span(line, valueStart, valueEnd), key: keySpan });
    if (nested) {
      for (const [p, loc] of nested.locations) this.locations.set(p, loc);
      this.warnings.push(...nested.warnings);
    }
  }
}

/** Parses an INI file into nested objects. */
export const parseIni: FormatParser = (text: string, file: string, options?: ParseOptions): ParsedDocument => {
  const parser = new IniParser(new SourceText(stripByteOrderMark(text), file), options?.bigIntegers === true);
  const value = parser.parse();
  return { value, locations: parser.locations, warnings: parser.warnings };
};
