/**
 * The one error type of the template engine. `message` is exactly Go's
 * text (`template: NAME:LINE: …` for parse errors,
 * `template: NAME:LINE:COL: executing "NAME" at <…>: …` at run time); the
 * fields locate the problem for tools.
 */
export class TemplateError extends Error {
  override name = 'TemplateError';
  /** Whether the template failed to parse or failed while executing. */
  readonly kind: 'parse' | 'exec';
  /** Name of the file-level template the problem is in (Go's parse name). */
  readonly template: string;
  /** 1-based line, 0 when unknown. */
  readonly line: number;
  /** 1-based column (UTF-16 units), 0 when unknown. */
  readonly column: number;
  /** File the template was read from, when it was registered with one. */
  readonly file?: string;

  constructor(kind: 'parse' | 'exec', message: string, template: string, line: number, column: number, file?: string) {
    super(message);
    this.kind = kind;
    this.template = template;
    this.line = line;
    this.column = column;
    if (file !== undefined) this.file = file;
  }
}
