// Shared assertions for the format parser tests.
import { DiagnosticError, type Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import type { ParsedDocument } from '../../src/formats/types.ts';
import { joinPointer } from '../../src/formats/types.ts';

/** The one diagnostic a parse throws (fails the test if it does not throw one). */
export function syntaxError(run: () => unknown): Diagnostic {
  try {
    run();
  } catch (e) {
    if (e instanceof DiagnosticError) {
      if (e.diagnostics.length !== 1) throw new Error(`expected one diagnostic, got ${e.diagnostics.length}`);
      return e.diagnostics[0]!;
    }
    throw e;
  }
  throw new Error('expected the parse to fail with a DiagnosticError');
}

/** `line:column: message` of a diagnostic, for exact comparison. */
export function where(d: Diagnostic): string {
  return `${d.line}:${d.column}: ${d.message}`;
}

/** A location as `line:col-endLine:endCol` (or `line:col` without an end). */
export function span(doc: ParsedDocument, pointer: string, which: 'value' | 'key' = 'value'): string | undefined {
  const loc = doc.locations.get(pointer);
  const s = which === 'key' ? loc?.key : loc?.value;
  if (!s) return undefined;
  return s.endLine === undefined ? `${s.line}:${s.column}` : `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
}

/** Every JSON pointer of a value: the root, each member and each item. */
export function pointersOf(value: unknown, base = ''): string[] {
  const out = [base];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointersOf(v, `${base}/${i}`)));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, joinPointer(base, k)));
  }
  return out;
}

/** Pointers of `doc.value` that have no location (should be none). */
export function unlocated(doc: ParsedDocument): string[] {
  return pointersOf(doc.value).filter((p) => !doc.locations.has(p));
}

/** Locations that point at nothing in the value (should be none). */
export function stale(doc: ParsedDocument): string[] {
  const known = new Set(pointersOf(doc.value));
  return [...doc.locations.keys()].filter((p) => !known.has(p));
}
