/**
 * The one place that turns Diagnostics into text or JSON. Colour is decided by
 * the caller (see `colorEnabled`) and never leaks into JSON.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, DiagnosticNote } from './diagnostic.ts';

/** Colour only on a terminal, never with NO_COLOR; FORCE_COLOR (≠ 0) forces it off a terminal. */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export interface TextFormatOptions {
  color?: boolean;
  /** Prefix file names with this directory removed (keeps output short). */
  cwd?: string;
}

function displayFile(file: string, cwd?: string): string {
  if (cwd && file.startsWith(cwd + '/')) return file.slice(cwd.length + 1);
  return file;
}

function location(file: string | undefined, line?: number, column?: number, cwd?: string): string {
  if (file === undefined) return '';
  let s = displayFile(file, cwd);
  if (line !== undefined) {
    s += `:${line}`;
    if (column !== undefined) s += `:${column}`;
  }
  return s;
}

/** The offending line and a caret under the column (or a run of carets up to endColumn). */
export function codeFrame(lineText: string, line: number, column: number, endColumn: number | undefined, c: ChalkInstance): string {
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const visible = lineText.replace(/\t/g, ' ');
  const col = Math.max(1, column);
  let width = 1;
  if (endColumn !== undefined && endColumn > col) width = Math.min(endColumn - col, Math.max(1, visible.length - col + 1));
  const caret = ' '.repeat(col - 1) + '^'.repeat(width);
  return `  ${c.dim(gutter + ' |')} ${visible}\n  ${c.dim(pad + ' |')} ${c.red(caret)}`;
}

function formatNote(n: DiagnosticNote, c: ChalkInstance, cwd?: string): string {
  const where = n.location ? location(n.location.file, n.location.line, n.location.column, cwd) + ': ' : '';
  let s = `  ${c.cyan('note:')} ${where}${n.message}`;
  if (n.lineText !== undefined && n.location) {
    s += '\n' + codeFrame(n.lineText, n.location.line, n.location.column, n.location.endColumn, c);
  }
  return s;
}

/** `FILE:LINE:COL: error: message [code]`, the line with a caret, notes, hint. */
export function formatDiagnostic(d: Diagnostic, opts: TextFormatOptions = {}): string {
  const c = painter(opts.color === true);
  const where = location(d.file, d.line, d.column, opts.cwd);
  const sev =
    d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.blue.bold('info');
  let out = `${where ? c.bold(where) + ': ' : ''}${sev}: ${d.message} ${c.dim(`[${d.code}]`)}`;
  if (d.lineText !== undefined && d.line !== undefined && d.column !== undefined) {
    out += '\n' + codeFrame(d.lineText, d.line, d.column, d.endLine === undefined || d.endLine === d.line ? d.endColumn : undefined, c);
  }
  for (const n of d.notes ?? []) out += '\n' + formatNote(n, c, opts.cwd);
  if (d.suggestion !== undefined) out += `\n  ${c.green('hint:')} did you mean ${JSON.stringify(d.suggestion)}?`;
  if (d.hint !== undefined) out += `\n  ${c.green('hint:')} ${d.hint}`;
  return out;
}

export function formatDiagnostics(ds: readonly Diagnostic[], opts: TextFormatOptions = {}): string {
  return ds.map((d) => formatDiagnostic(d, opts)).join('\n');
}

/** Machine form: a stable JSON object per diagnostic, no colour. */
export function diagnosticsToJson(ds: readonly Diagnostic[], cwd?: string): object[] {
  return ds.map((d) => {
    const o: Record<string, unknown> = { severity: d.severity, code: d.code, message: d.message };
    if (d.file !== undefined) o.file = displayFile(d.file, cwd);
    if (d.line !== undefined) o.line = d.line;
    if (d.column !== undefined) o.column = d.column;
    if (d.endLine !== undefined) o.endLine = d.endLine;
    if (d.endColumn !== undefined) o.endColumn = d.endColumn;
    if (d.hint !== undefined) o.hint = d.hint;
    if (d.suggestion !== undefined) o.suggestion = d.suggestion;
    if (d.notes !== undefined) {
      o.notes = d.notes.map((n) => ({ message: n.message, ...(n.location ? { location: { ...n.location, file: displayFile(n.location.file, cwd) } } : {}) }));
    }
    return o;
  });
}
