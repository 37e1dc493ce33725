/**
 * Line-by-line reading for the line-oriented formats (properties, ini, env):
 * each line with its number and start offset, line breaks removed.
 */

export interface SourceLine {
  /** 1-based line number. */
  number: number;
  /** Offset of the line's first character in the text. */
  start: number;
  /** The line without its line break (a trailing '\r' is removed too). */
  text: string;
}

/** Splits `text` into lines; a final line break does not start an extra empty line. */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    lines.push({ number, start, text: text.slice(start, stop) });
    start = end + 1;
    number++;
  }
  return lines;
}

/** True for a space, tab or form feed. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 12;
}

/** Index of the first character at or after `from` that is not a space, tab or form feed. */
export function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the last character before `to` that is not a space, tab or form feed. */
export function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}
