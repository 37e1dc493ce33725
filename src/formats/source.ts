/**
 * One source text being parsed: turns character offsets into file:line:col
 * spans and builds the `syntax` diagnostics every parser throws.
 */
import { DiagnosticError, LineIndex, type Diagnostic, type DiagnosticNote, type SourceSpan } from '../diagnostics/diagnostic.ts';

/** Removes a leading UTF-8 byte-order mark, which editors do not show and columns do not count. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A line and column (both 1-based; columns count UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
}

/** Extra parts of a syntax diagnostic. */
export interface SyntaxErrorDetails {
  hint?: string;
  /** Where the offending text ends (exclusive), when it is more than one character. */
  end?: Position;
  notes?: DiagnosticNote[];
}

export class SourceText {
  private index: LineIndex | undefined;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {}

  /** Line starts, computed once on first use. */
  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }

  position(offset: number): Position {
    return this.lines.position(offset);
  }

  /** The span from `start` to `end` (exclusive) offsets. */
  span(start: number, end?: number): SourceSpan {
    const from = this.lines.position(start);
    if (end === undefined) return { file: this.file, line: from.line, column: from.column };
    const to = this.lines.position(end);
    return { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** A span from explicit positions. */
  spanAt(from: Position, to?: Position): SourceSpan {
    if (to === undefined) return { file: this.file, line: from.line, column: from.column };
    return { file: this.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** The text of line `line` (1-based) without its line break. */
  lineText(line: number): string {
    return this.lines.lineText(line);
  }

  /** A note pointing at `span`, with the line shown under it. */
  note(message: string, span: SourceSpan): DiagnosticNote {
    return { message, location: span, lineText: this.lineText(span.line) };
  }

  /** The diagnostic for a syntax error at `at` (an offset or a position). */
  syntaxDiagnostic(at: number | Position, message: string, details: SyntaxErrorDetails = {}): Diagnostic {
    const pos = typeof at === 'number' ? this.position(at) : at;
    const d: Diagnostic = {
      severity: 'error',
      code: 'syntax',
      message,
      file: this.file,
      line: pos.line,
      column: pos.column,
      lineText: this.lineText(pos.line),
    };
    if (details.end) {
      d.endLine = details.end.line;
      d.endColumn = details.end.column;
    }
    if (details.hint !== undefined) d.hint = details.hint;
    if (details.notes && details.notes.length > 0) d.notes = details.notes;
    return d;
  }

  /** A DiagnosticError (code `syntax`) to throw. */
  syntaxError(at: number | Position, message: string, details: SyntaxErrorDetails = {}): DiagnosticError {
    return new DiagnosticError(this.syntaxDiagnostic(at, message, details));
  }

  /** A warning diagnostic located at `span`. */
  warning(code: string, message: string, span: SourceSpan, notes?: DiagnosticNote[]): Diagnostic {
    const d: Diagnostic = {
      severity: 'warning',
      code,
      message,
      file: span.file,
      line: span.line,
      column: span.column,
      lineText: this.lineText(span.line),
    };
    if (span.endLine !== undefined) d.endLine = span.endLine;
    if (span.endColumn !== undefined) d.endColumn = span.endColumn;
    if (notes && notes.length > 0) d.notes = notes;
    return d;
  }
}

/** How a character is shown in a message: printable ones quoted, others by code point. */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '') return 'end of file';
  if (ch === '\t') return 'a tab';
  if (ch === '\n' || ch === '\r') return 'a line break';
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0xa0 || code === 0xfeff || code === 0x200b || code === 0x2028 || code === 0x2029) {
    return `invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if (ch === "'") return `"'"`;
  return `'${ch}'`;
}
