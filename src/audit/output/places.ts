/**
 * How a recommendation's places are shown: file names relative to the
 * working directory when they are inside it, `file:line:col` text.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { SourceSpan } from '../../diagnostics/diagnostic.ts';

/** `file` relative to `cwd` (with `/` separators) when inside it, else unchanged. */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** `file:line:col` of a span. */
export function spanText(span: SourceSpan, cwd: string): string {
  return `${displayPath(span.file, cwd)}:${span.line}:${span.column}`;
}
