/**
 * XML → map, in the layout KrakenD's xml decoder produces:
 * - the root element becomes the single top-level key;
 * - attributes become `-name` keys, all values are strings;
 * - an element with only text becomes that text; with attributes or
 *   children its text goes under `#text`; an empty element becomes "";
 * - repeated child elements become an array in document order;
 * - namespace prefixes are dropped from names; comments, processing
 *   instructions and directives are ignored; text is trimmed of
 *   spaces, tabs, CR, LF and backspace;
 * - reading stops after the root element (anything after it is ignored).
 * Tokenizing follows Go's encoding/xml in strict mode, with its error texts
 * (`xml.Decoder.Token() - XML syntax error on line 3: unexpected EOF`). An
 * encoding declared in the prolog other than UTF-8 is decoded by label.
 */

import { TextDecoder } from 'node:util';
import { asBuffer, decodeUtf8, escapedByte } from './utf8.ts';
import { setKey } from './types.ts';
import type { Data, JsonValue } from './types.ts';

/** The `xml` decoder. */
export function decodeXml(body: Uint8Array): Data {
  return parseXmlDocument(body);
}

/** The `xml` decoder with `is_collection`: the decoded map under `collection`. */
export function decodeXmlCollection(body: Uint8Array): Data {
  return { collection: parseXmlDocument(body) };
}

/** Parses the first element of an XML document into KrakenD's map form. */
export function parseXmlDocument(body: Uint8Array): Data {
  return new MapBuilder(new XmlTokenizer(body)).build();
}

/** A token; names keep their namespace prefix (`dc:creator`). */
export type XmlToken =
  | { kind: 'start'; name: string; attrs: Array<[string, string]> }
  | { kind: 'end'; name: string }
  | { kind: 'text'; data: string }
  | { kind: 'other' };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** A failure of the XML tokenizer (its message is Go's, without the decoder's prefix). */
export class XmlError extends Error {}

/** A strict tokenizer with Go's encoding/xml behaviour and messages. */
export class XmlTokenizer {
  private text: string;
  private readonly bytes: Uint8Array;
  private pos = 0;
  private readonly open: string[] = [];
  private pendingEnd: string | null = null;

  constructor(body: Uint8Array) {
    this.bytes = body;
    this.text = decodeUtf8(body).text;
  }

  /** The next token, or null at the end of input with no element open. */
  next(): XmlToken | null {
    if (this.pendingEnd !== null) {
      const name = this.pendingEnd;
      this.pendingEnd = null;
      this.open.pop();
      return { kind: 'end', name };
    }
    if (this.pos >= this.text.length) {
      if (this.open.length > 0) this.syntax('unexpected EOF');
      return null;
    }
    if (this.text.charCodeAt(this.pos) !== 0x3c) return { kind: 'text', data: this.readText(-1, false) };
    this.pos++;
    const c = this.getc();
    if (c === '/') return this.endElement();
    if (c === '?') return this.procInst();
    if (c === '!') return this.bang();
    this.pos--;
    return this.startElement();
  }

  private endElement(): XmlToken {
    const name = this.nsname();
    if (name === null) this.syntax('expected element name after </');
    this.skipSpace();
    if (this.getc() !== '>') this.syntax(`invalid characters between </${name} and >`);
    const top = this.open[this.open.length - 1];
    if (top === undefined) this.syntax(`unexpected end element </${name}>`);
    if (localName(top) !== localName(name)) this.syntax(`element <${localName(top)}> closed by </${localName(name)}>`);
    if (top !== name) {
      this.syntax(`element <${localName(top)}> in space ${prefix(top)} closed by </${localName(name)}> in space ${prefix(name)}`);
    }
    this.open.pop();
    return { kind: 'end', name };
  }

  private procInst(): XmlToken {
    const target = this.name();
    if (target === null) this.syntax('expected target name after <?');
    const start = this.pos;
    const end = this.text.indexOf('?>', start);
    if (end < 0) {
      this.pos = this.text.length;
      this.syntax('unexpected EOF');
    }
    this.pos = end + 2;
    if (target === 'xml') {
      const content = this.text.slice(start, end);
      const version = procInstParam('version', content);
      if (version !== '' && version !== '1.0') {
        throw new XmlError(`xml: unsupported version "${version}"; only version 1.0 is supported`);
      }
      const encoding = procInstParam('encoding', content);
      if (encoding !== '' && encoding.toLowerCase() !== 'utf-8') this.switchCharset(encoding);
    }
    return { kind: 'other' };
  }

  /** Re-reads everything after the declaration in the declared charset. */
  private switchCharset(label: string): void {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label.trim());
    } catch {
      throw new XmlError(`xml: opening charset "${label}": unsupported charset: "${label}"`);
    }
    const consumed = Buffer.byteLength(this.text.slice(0, this.pos), 'utf8');
    const rest = asBuffer(this.bytes).subarray(consumed);
    this.text = this.text.slice(0, this.pos) + decoder.decode(rest);
  }

  private bang(): XmlToken {
    const c = this.getc();
    if (c === '-') {
      if (this.getc() !== '-') this.syntax('invalid sequence <!- not part of <!--');
      let b0 = '';
      let b1 = '';
      for (;;) {
        const b = this.getc();
        if (b0 === '-' && b1 === '-') {
          if (b !== '>') this.syntax('invalid sequence "--" not allowed in comments');
          return { kind: 'other' };
        }
        b0 = b1;
        b1 = b;
      }
    }
    if (c === '[') {
      for (const expected of 'CDATA[') {
        if (this.getc() !== expected) this.syntax('invalid <![ sequence');
      }
      return { kind: 'text', data: this.readText(-1, true) };
    }
    // a directive (<!DOCTYPE …>): up to the matching '>', minding quotes and nesting
    this.pos--;
    let depth = 0;
    let quote = '';
    for (;;) {
      const b = this.getc();
      if (quote !== '') {
        if (b === quote) quote = '';
        continue;
      }
      if (b === '"' || b === "'") quote = b;
      else if (b === '<') depth++;
      else if (b === '>') {
        if (depth === 0) return { kind: 'other' };
        depth--;
      }
    }
  }

  private startElement(): XmlToken {
    const name = this.nsname();
    if (name === null) this.syntax('expected element name after <');
    const attrs: Array<[string, string]> = [];
    for (;;) {
      this.skipSpace();
      const b = this.getc();
      if (b === '/') {
        if (this.getc() !== '>') this.syntax('expected /> in element');
        this.open.push(name);
        this.pendingEnd = name;
        return { kind: 'start', name, attrs };
      }
      if (b === '>') {
        this.open.push(name);
        return { kind: 'start', name, attrs };
      }
      this.pos--;
      const attr = this.nsname();
      if (attr === null) this.syntax('expected attribute name in element');
      this.skipSpace();
      if (this.getc() !== '=') this.syntax('attribute name without = in element');
      this.skipSpace();
      const quote = this.getc();
      if (quote !== '"' && quote !== "'") this.syntax('unquoted or missing attribute value in element');
      attrs.push([attr, this.readText(quote.charCodeAt(0), false)]);
    }
  }

  /**
   * Character data up to '<' (quote < 0), up to the closing quote of an
   * attribute, or up to ']]>' in a CDATA section; entities resolved,
   * CR LF and lone CR read as LF, characters checked against XML's range.
   */
  private readText(quote: number, cdata: boolean): string {
    const text = this.text;
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= text.length) {
        if (quote < 0 && !cdata) break;
        this.syntax('unexpected EOF');
      }
      const c = text.charCodeAt(this.pos);
      if (cdata) {
        if (c === 0x5d && text.startsWith(']]>', this.pos)) {
          out += text.slice(start, this.pos);
          this.pos += 3;
          break;
        }
      } else if (quote >= 0 && c === quote) {
        out += text.slice(start, this.pos);
        this.pos++;
        break;
      } else if (c === 0x3c) {
        if (quote >= 0) this.syntax('unescaped < inside quoted string');
        out += text.slice(start, this.pos);
        break;
      } else if (quote < 0 && c === 0x3e && text.charCodeAt(this.pos - 1) === 0x5d && text.charCodeAt(this.pos - 2) === 0x5d && this.pos - 2 >= start) {
        this.pos++;
        this.syntax('unescaped ]]> not in CDATA section');
      } else if (c === 0x26) {
        out += text.slice(start, this.pos);
        out += this.entity();
        start = this.pos;
        continue;
      }
      if (c === 0x0d) {
        out += text.slice(start, this.pos) + '\n';
        this.pos++;
        if (text.charCodeAt(this.pos) === 0x0a) this.pos++;
        start = this.pos;
        continue;
      }
      this.pos++;
    }
    this.checkCharacters(out);
    return out;
  }

  private entity(): string {
    const text = this.text;
    const before = this.pos;
    this.pos++; // '&'
    let b = this.getc();
    if (b === '#') {
      b = this.getc();
      let base = 10;
      if (b === 'x') {
        base = 16;
        b = this.getc();
      }
      const digitsStart = this.pos - 1;
      while ((b >= '0' && b <= '9') || (base === 16 && ((b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')))) b = this.getc();
      if (b === ';') {
        const digits = text.slice(digitsStart, this.pos - 1);
        const n = digits === '' ? NaN : parseInt(digits, base);
        if (Number.isFinite(n) && n <= 0x10ffff) return n >= 0xd800 && n <= 0xdfff ? '\ufffd' : String.fromCodePoint(n);
      } else this.pos--;
    } else {
      this.pos--;
      const nameStart = this.pos;
      while (this.pos < text.length && isNameCode(text.charCodeAt(this.pos))) this.pos++;
      if (this.pos >= text.length) this.syntax('unexpected EOF');
      const name = text.slice(nameStart, this.pos);
      if (text.charCodeAt(this.pos) === 0x3b) {
        this.pos++;
        const value = ENTITIES[name];
        if (value !== undefined && Object.hasOwn(ENTITIES, name)) return value;
      }
    }
    let ent = text.slice(before, this.pos);
    if (!ent.endsWith(';')) ent += ' (no semicolon)';
    return this.syntax(`invalid character entity ${ent}`);
  }

  private checkCharacters(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0xd800) continue;
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const low = s.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          i++;
          continue;
        }
      }
      if (escapedByte(c) >= 0) this.syntax('invalid UTF-8');
      if (c >= 0xe000 && c <= 0xfffd) continue;
      this.syntax(`illegal character code U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }

  /** A name split at its single colon (prefix dropped later), or null when there is none. */
  private nsname(): string | null {
    const name = this.name();
    if (name === null) return null;
    const colons = name.split(':').length - 1;
    if (colons > 1) return null;
    return name;
  }

  private name(): string | null {
    const start = this.pos;
    while (this.pos < this.text.length && isNameCode(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos >= this.text.length && this.pos > start) this.syntax('unexpected EOF');
    if (this.pos === start) {
      if (this.pos >= this.text.length) this.syntax('unexpected EOF');
      return null;
    }
    const name = this.text.slice(start, this.pos);
    if (!isXmlName(name)) this.syntax(`invalid XML name: ${name}`);
    return name;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.getc();
      if (c !== ' ' && c !== '\r' && c !== '\n' && c !== '\t') {
        this.pos--;
        return;
      }
    }
  }

  private getc(): string {
    if (this.pos >= this.text.length) this.syntax('unexpected EOF');
    return this.text[this.pos++]!;
  }

  private syntax(message: string): never {
    let line = 1;
    const end = Math.min(this.pos, this.text.length);
    for (let i = this.text.indexOf('\n'); i >= 0 && i < end; i = this.text.indexOf('\n', i + 1)) line++;
    throw new XmlError(`XML syntax error on line ${line}: ${message}`);
  }
}

/** The namespace prefix of a name (`dc` of `dc:creator`), or ''. */
export function prefix(name: string): string {
  return localName(name) === name ? '' : name.slice(0, name.indexOf(':'));
}

/** A name without its namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  if (colon <= 0 || colon === name.length - 1) return name;
  return name.slice(colon + 1);
}

function isNameCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x3a ||
    c === 0x2e ||
    c === 0x2d ||
    c >= 0x80
  );
}

/** XML's name rule (first character a letter, `_` or `:`; then letters, digits, `.`, `-`, `_`, `:`). */
function isXmlName(name: string): boolean {
  const first = name.charCodeAt(0);
  if (!(isLetter(first) || first === 0x5f || first === 0x3a)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (escapedByte(c) >= 0) return false;
    if (!(isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x3a || c === 0xb7)) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && escapedByte(c) < 0);
}

/** A `param="value"` of the XML declaration (Go's lenient reading). */
function procInstParam(param: string, s: string): string {
  const key = param + '=';
  let i = 0;
  let sep = '';
  while (i < s.length) {
    const sub = s.slice(i);
    const k = sub.indexOf(key);
    if (k < 0 || key.length + k >= sub.length) return '';
    i += key.length + k + 1;
    const c = sub[key.length + k]!;
    if (c === "'" || c === '"') {
      sep = c;
      break;
    }
  }
  if (sep === '') return '';
  const j = s.indexOf(sep, i);
  return j < 0 ? '' : s.slice(i, j);
}

interface ElementFrame {
  key: string;
  /** The element's own text when it was read before any attribute or child (mxj's `n[key]`). */
  text: string | undefined;
  /** Attributes, children and `#text` (mxj's `na`). */
  members: Data;
  memberCount: number;
}

const TRIM = /^[\t\r\b\n ]+|[\t\r\b\n ]+$/g;

/** Folds the token stream into the map, element by element (no recursion: depth is unbounded). */
class MapBuilder {
  constructor(private readonly tokens: XmlTokenizer) {}

  build(): Data {
    const stack: ElementFrame[] = [];
    try {
      for (;;) {
        const token = this.tokens.next();
        if (token === null) throw new Error('EOF');
        switch (token.kind) {
          case 'start': {
            const frame: ElementFrame = { key: localName(token.name), text: undefined, members: {}, memberCount: 0 };
            for (const [name, value] of token.attrs) addMember(frame, '-' + localName(name), value, false);
            stack.push(frame);
            break;
          }
          case 'text': {
            const frame = stack[stack.length - 1];
            if (frame === undefined) break; // text outside the root
            const trimmed = token.data.replace(TRIM, '');
            if (trimmed === '') break;
            if (frame.memberCount > 0) addMember(frame, '#text', trimmed, false);
            else frame.text = trimmed;
            break;
          }
          case 'end': {
            const frame = stack.pop()!;
            const value = elementValue(frame);
            const parent = stack[stack.length - 1];
            if (parent === undefined) {
              const root: Data = {};
              setKey(root, frame.key, value);
              return root;
            }
            addMember(parent, frame.key, value, true);
            break;
          }
          default:
            break;
        }
      }
    } catch (error) {
      if (error instanceof XmlError) throw new Error(`xml.Decoder.Token() - ${error.message}`);
      throw error;
    }
  }
}

function elementValue(frame: ElementFrame): JsonValue {
  if (frame.text === undefined) return frame.memberCount > 0 ? frame.members : '';
  if (frame.memberCount > 0) {
    addMember(frame, '#text', frame.text, false);
    return frame.members;
  }
  return frame.text;
}

/** Adds a member; a repeated child element turns the member into a list. */
function addMember(frame: ElementFrame, key: string, value: JsonValue, child: boolean): void {
  if (Object.hasOwn(frame.members, key)) {
    if (child) {
      const existing = frame.members[key]!;
      if (Array.isArray(existing)) existing.push(value);
      else setKey(frame.members, key, [existing, value]);
    } else setKey(frame.members, key, value);
    return;
  }
  setKey(frame.members, key, value);
  frame.memberCount++;
}
