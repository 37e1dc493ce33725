/**
 * Word-case conversions: Go's `strings.Title`, and the camel/snake/kebab,
 * swap-case and uncapitalise rules of the string libraries Sprig builds on.
 */

import { fromRunes, runes } from './bytes.ts';
import { isDigit, isLetter, isLower, isNumber, isPunct, isSpace, isTitle, isUpper, toLower, toTitle, toUpper } from './unicode.ts';

const UNDERSCORE = 0x5f;
const HYPHEN = 0x2d;
const REPLACEMENT = 0xfffd;

/** `strings.Title`: upper-cases letters that follow a separator (anything but ASCII alphanumerics, `_`, letters and digits — or a space). */
export function title(s: string): string {
  let prev = 0x20;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    out += String.fromCodePoint(isSeparator(prev) ? toTitle(r) : r);
    prev = r;
  }
  return out;
}

function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === UNDERSCORE) return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** Lower-cases the first letter of every whitespace-separated word. */
export function uncapitalize(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (isSpace(r)) {
      next = true;
      out += ch;
    } else if (next) {
      out += String.fromCodePoint(toLower(r));
      next = false;
    } else out += ch;
  }
  return out;
}

/** Word-based case swap: upper and title case become lower; a lower-case letter starting a word becomes title case, others upper case. */
export function swapCase(s: string): string {
  let whitespace = true;
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    let m = r;
    if (isUpper(r) || isTitle(r)) {
      m = toLower(r);
      whitespace = false;
    } else if (isLower(r)) {
      if (whitespace) {
        m = toTitle(r);
        whitespace = false;
      } else m = toUpper(r);
    } else whitespace = isSpace(r);
    out += String.fromCodePoint(m);
  }
  return out;
}

const isConnector = (r: number): boolean => r === HYPHEN || r === UNDERSCORE || isSpace(r);

/** UpperCamelCase from words joined by `_`, `-` or spaces (`http_server` → `HttpServer`); leading connectors are kept. */
export function camelCase(s: string): string {
  const rs = runes(s);
  if (rs.length === 0) return '';
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let consumed = false;
  while (i < rs.length) {
    r0 = rs[i++]!;
    consumed = true;
    if (!isConnector(r0)) {
      r0 = toUpper(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= rs.length) {
    if (consumed) out.push(r0);
    return fromRunes(out);
  }
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) r0 = toUpper(r0);
    else out.push(r1);
  }
  out.push(r0);
  return fromRunes(out);
}

enum Word {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** A letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** The first rune at or after `i` that is not U+FFFD (undecodable input), and how many runes that took. */
function nextValid(rs: readonly number[], i: number, prev: number): { r: number; size: number } {
  let size = 0;
  while (i + size < rs.length) {
    const r = rs[i + size]!;
    size++;
    if (r !== REPLACEMENT) return { r, size };
  }
  return { r: prev, size };
}

interface WordSpan {
  type: Word;
  start: number;
  end: number;
}

/** Splits off the next word starting at `start`: a run of connectors, punctuation, an upper-case word, letters, digits or other runes. */
function nextWord(rs: readonly number[], start: number): WordSpan {
  let offset = 0;
  let pos = start;
  let { r, size } = nextValid(rs, pos, REPLACEMENT);
  offset += size;
  if (r === REPLACEMENT) return { type: Word.Invalid, start, end: start + offset };
  let type: Word;
  const advanceWhile = (pred: (r: number) => boolean): void => {
    while (pos < rs.length) {
      ({ r, size } = nextValid(rs, pos, r));
      if (!pred(r)) break;
      offset += size;
      pos += size;
    }
  };
  if (isConnector(r)) {
    type = Word.Connector;
    pos += size;
    advanceWhile(isConnector);
  } else if (isPunct(r)) {
    type = Word.Punct;
    pos += size;
    advanceWhile(isPunct);
  } else if (isUpper(r)) {
    type = Word.UpperCase;
    pos += size;
    if (pos < rs.length) {
      ({ r, size } = nextValid(rs, pos, r));
      if (isUpper(r)) {
        let prevSize = size;
        offset += size;
        pos += size;
        while (pos < rs.length) {
          ({ r, size } = nextValid(rs, pos, r));
          if (!isUpper(r)) break;
          prevSize = size;
          offset += size;
          pos += size;
        }
        // "HTTPStatus" splits into "HTTP" and "Status": the last capital starts the next word.
        if (pos < rs.length && isAlphabet(r)) offset -= prevSize;
      } else if (isAlphabet(r)) {
        offset += size;
        pos += size;
        advanceWhile((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) {
    type = Word.Alphabet;
    pos += size;
    advanceWhile((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    type = Word.Number;
    pos += size;
    advanceWhile(isNumber);
  } else {
    type = Word.Other;
    pos += size;
    while (pos < rs.length) {
      ({ r, size } = nextValid(rs, pos, r));
      if (size === 0 || isConnector(r) || isAlphabet(r) || isNumber(r) || isPunct(r)) break;
      offset += size;
      pos += size;
    }
  }
  return { type, start, end: start + offset };
}

/** Converts CamelCase and connector-separated words to lower case joined by `connector` (snake_case, kebab-case). */
export function camelCaseToLowerCase(s: string, connector: number): string {
  const rs = runes(s);
  if (rs.length === 0) return '';
  const out: number[] = [];
  const write = (type: Word, w: WordSpan): void => {
    if (type !== Word.UpperCase && type !== Word.Connector) {
      for (let i = w.start; i < w.end; i++) out.push(rs[i]!);
      return;
    }
    for (let i = w.start; i < w.end; i++) {
      const r = rs[i]!;
      if (isConnector(r)) out.push(connector);
      else if (isUpper(r)) out.push(toLower(r));
      else out.push(r);
    }
  };
  let w = nextWord(rs, 0);
  const more = (): boolean => w.end < rs.length;
  while (more()) {
    if (w.type !== Word.Connector) write(w.type, w);
    const prev = w.type;
    const last = w;
    w = nextWord(rs, w.end);
    switch (prev) {
      case Word.Number:
        while (w.type === Word.Alphabet || w.type === Word.Number) {
          write(w.type, w);
          w = nextWord(rs, w.end);
        }
        if (w.type !== Word.Invalid && w.type !== Word.Punct && w.type !== Word.Connector) out.push(connector);
        break;
      case Word.Connector:
        write(prev, last);
        break;
      case Word.Punct:
        break;
      default: {
        if (w.type !== Word.Number) {
          if (w.type !== Word.Connector && w.type !== Word.Punct) out.push(connector);
          break;
        }
        if (!more()) break;
        const num = w;
        w = nextWord(rs, w.end);
        // A number followed by a non-letter belongs to the previous word ("Bld4Floor" → "bld4_floor").
        if (w.type !== Word.Alphabet) {
          write(Word.Number, num);
          if (w.type !== Word.Connector && w.type !== Word.Punct) out.push(connector);
          break;
        }
        // Letters after the number start a new word with it ("HTTP2xx" → "http_2xx").
        out.push(connector);
        write(Word.Number, num);
        while (w.type === Word.Alphabet || w.type === Word.Number) {
          write(w.type, w);
          w = nextWord(rs, w.end);
        }
        if (w.type !== Word.Invalid && w.type !== Word.Connector && w.type !== Word.Punct) out.push(connector);
      }
    }
  }
  write(w.type, w);
  return fromRunes(out);
}
