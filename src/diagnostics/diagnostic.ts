/**
 * The one shape for everything kd tells a user: syntax errors, lint errors,
 * semantic errors, warnings and audit findings all travel as Diagnostics and
 * are printed by `src/diagnostics/format.ts` only.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A place in a source file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface SourceSpan {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Extra context attached to a diagnostic, e.g. "the template line that produced this". */
export interface DiagnosticNote {
  message: string;
  location?: SourceSpan;
  /** The text of the source line the note points at, when known. */
  lineText?: string;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable identifier, e.g. `syntax`, `lint/unknown-key`, `route-conflict`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** What to do about it. */
  hint?: string;
  /** A replacement the user probably meant ("did you mean …?"). */
  suggestion?: string;
  /** The text of the offending source line, when known (printed with a caret). */
  lineText?: string;
  notes?: DiagnosticNote[];
}

/** Builds a diagnostic located at `span` (or unlocated when span is undefined). */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  span?: SourceSpan,
  extra: Partial<Pick<Diagnostic, 'hint' | 'suggestion' | 'lineText' | 'notes'>> = {},
): Diagnostic {
  const d: Diagnostic = { severity, code, message };
  if (span) {
    d.file = span.file;
    d.line = span.line;
    d.column = span.column;
    if (span.endLine !== undefined) d.endLine = span.endLine;
    if (span.endColumn !== undefined) d.endColumn = span.endColumn;
  }
  if (extra.hint !== undefined) d.hint = extra.hint;
  if (extra.suggestion !== undefined) d.suggestion = extra.suggestion;
  if (extra.lineText !== undefined) d.lineText = extra.lineText;
  if (extra.notes !== undefined && extra.notes.length > 0) d.notes = extra.notes;
  return d;
}

export const error = (code: string, message: string, span?: SourceSpan, extra?: Parameters<typeof diagnostic>[4]) =>
  diagnostic('error', code, message, span, extra);
export const warning = (code: string, message: string, span?: SourceSpan, extra?: Parameters<typeof diagnostic>[4]) =>
  diagnostic('warning', code, message, span, extra);

export function spanOf(d: Diagnostic): SourceSpan | undefined {
  if (d.file === undefined || d.line === undefined || d.column === undefined) return undefined;
  return { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn };
}

export const hasErrors = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === 'error');

/**
 * Thrown by any stage that cannot go on (a file that does not parse, a template
 * that fails). Carries the diagnostics that explain why.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | Diagnostic) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map((d) => d.message).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = list;
  }
}

/** Line (1-based) and column (1-based) of a character offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Precomputed line starts for repeated offset → position lookups over one text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
    return start + column - 1;
  }
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
