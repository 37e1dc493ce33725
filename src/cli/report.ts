/**
 * Where commands print Diagnostics: text on stderr (coloured only on a
 * terminal without NO_COLOR) or a JSON document on stdout.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { colorEnabled, diagnosticsToJson, formatDiagnostics } from '../diagnostics/format.ts';

export function printDiagnostics(ds: readonly Diagnostic[], stream: NodeJS.WriteStream = process.stderr): void {
  if (ds.length === 0) return;
  stream.write(formatDiagnostics(ds, { color: colorEnabled(stream), cwd: process.cwd() }) + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function relativeToCwd(file: string): string {
  const cwd = process.cwd();
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

export function jsonReport(file: string | undefined, ds: readonly Diagnostic[], ok: boolean, extra: Record<string, unknown> = {}) {
  return {
    ok,
    ...(file !== undefined ? { file: relativeToCwd(file) } : {}),
    errors: ds.filter((d) => d.severity === 'error').length,
    warnings: ds.filter((d) => d.severity === 'warning').length,
    diagnostics: diagnosticsToJson(ds, process.cwd()),
    ...extra,
  };
}
