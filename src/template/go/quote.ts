/**
 * Go strings as UTF-8: byte length, rune count, Go's notion of a printable
 * rune, strconv quoting, and the bytewise order Go sorts map keys in.
 */

/** Length of `s` in UTF-8 bytes (Go's `len` of a string). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 1; // 4 bytes for the pair of 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

/** Number of code points in `s` (Go's utf8.RuneCountInString). */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintRune(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r >= 0xd800 && r <= 0xdfff) return false;
  return printable.test(String.fromCodePoint(r));
}

const hexDigitsLower = '0123456789abcdef';

function appendQuotedRune(out: string[], r: number, quote: number, asciiOnly: boolean): void {
  if (r === quote || r === 0x5c) {
    out.push('\\', String.fromCharCode(r));
    return;
  }
  if (asciiOnly ? r < 0x80 && isPrintRune(r) : isPrintRune(r)) {
    out.push(String.fromCodePoint(r));
    return;
  }
  switch (r) {
    case 0x07:
      out.push('\\a');
      return;
    case 0x08:
      out.push('\\b');
      return;
    case 0x0c:
      out.push('\\f');
      return;
    case 0x0a:
      out.push('\\n');
      return;
    case 0x0d:
      out.push('\\r');
      return;
    case 0x09:
      out.push('\\t');
      return;
    case 0x0b:
      out.push('\\v');
      return;
  }
  if (r < 0x20 || r === 0x7f) {
    out.push('\\x', hexDigitsLower[r >> 4]!, hexDigitsLower[r & 15]!);
  } else if (r < 0x10000) {
    out.push('\\u', r.toString(16).padStart(4, '0'));
  } else {
    out.push('\\U', r.toString(16).padStart(8, '0'));
  }
}

function quoteWith(s: string, quote: number, asciiOnly: boolean): string {
  const out: string[] = [String.fromCharCode(quote)];
  for (let i = 0; i < s.length; i++) {
    let r = s.charCodeAt(i);
    if (r >= 0xd800 && r <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      r = ((r - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    } else if (r >= 0xd800 && r <= 0xdfff) {
      r = 0xfffd; // a lone surrogate cannot come from UTF-8 text; show it as the replacement rune
    }
    appendQuotedRune(out, r, quote, asciiOnly);
  }
  out.push(String.fromCharCode(quote));
  return out.join('');
}

/** Go's strconv.Quote (what `%q` prints for a string). */
export function goQuote(s: string): string {
  return quoteWith(s, 0x22, false);
}

/** Go's strconv.QuoteToASCII (`%+q`). */
export function goQuoteASCII(s: string): string {
  return quoteWith(s, 0x22, true);
}

/** Go's strconv.QuoteRune (`%q` of an integer). */
export function goQuoteRune(r: number, asciiOnly = false): string {
  if (r > 0x10ffff || r < 0 || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  const out: string[] = ["'"];
  appendQuotedRune(out, r, 0x27, asciiOnly);
  out.push("'");
  return out.join('');
}

/** Go's strconv.CanBackquote: no control characters but tab, no backquote, no BOM. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else return false;
    }
  }
  return true;
}

/** Compares two strings in Go's order (bytewise UTF-8, which is code point order). */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF, which sort after U+E000–FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) {
      if (xs) return y >= 0xe000 ? 1 : x < y ? -1 : 1;
      return x >= 0xe000 ? -1 : x < y ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The keys of a map in the order Go prints and ranges over them. */
export function sortedKeys(m: object): string[] {
  const keys = Object.keys(m);
  if (keys.length > 1) keys.sort(compareGoStrings);
  return keys;
}

