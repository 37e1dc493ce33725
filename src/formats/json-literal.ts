/**
 * JSON arrays and objects written as a single value inside a text format
 * (`host=["http://a","http://b"]` in .properties or .ini), parsed with the
 * JSON parser and located in the surrounding file.
 */
import { DiagnosticError, LineIndex, type Diagnostic, type SourceSpan } from '../diagnostics/diagnostic.ts';
import type { LocationMap, NodeLocation, ParsedDocument } from './types.ts';
import { parseJson } from './json.ts';
import type { SourceText } from './source.ts';

/** True when `text` is written like a JSON array or object: `[…]` or `{…}`. */
export function looksLikeJsonLiteral(text: string): boolean {
  const first = text.charAt(0);
  const last = text.charAt(text.length - 1);
  return (first === '[' && last === ']') || (first === '{' && last === '}');
}

/**
 * Parses `text` (the decoded value; `offsets[i]` is where its character `i`
 * is written in `source`) and returns the value with the locations of its
 * members under `pointer` (the value's own location is left to the caller).
 * A JSON error becomes a syntax error at the exact place in the file,
 * mentioning `key` and ending with `textHint` (how to keep the value as text).
 */
export function parseJsonLiteral(
  source: SourceText,
  text: string,
  offsets: readonly number[],
  pointer: string,
  key: string,
  textHint: string,
): { value: unknown; locations: LocationMap; warnings: Diagnostic[] } {
  const lines = new LineIndex(text);
  const last = offsets.length > 0 ? offsets[offsets.length - 1]! + 1 : 0;
  const startOffset = (line: number, column: number) => {
    const i = lines.offset(line, column);
    return i < offsets.length ? offsets[i]! : last;
  };
  const endOffset = (line: number, column: number) => {
    const i = lines.offset(line, column);
    return i <= 0 ? (offsets[0] ?? 0) : i - 1 < offsets.length ? offsets[i - 1]! + 1 : last;
  };
  const mapSpan = (span: SourceSpan): SourceSpan => {
    const start = startOffset(span.line, span.column);
    if (span.endLine === undefined || span.endColumn === undefined) return source.span(start);
    return source.span(start, Math.max(start, endOffset(span.endLine, span.endColumn)));
  };

  let doc: ParsedDocument;
  try {
    doc = parseJson(text, source.file);
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    const d = e.diagnostics[0]!;
    const at = startOffset(d.line ?? 1, d.column ?? 1);
    throw source.syntaxError(at, `invalid JSON in the value of ${key}: ${d.message}`, {
      hint: d.hint === undefined ? textHint : `${d.hint}; or, ${textHint}`,
    });
  }
  const locations: LocationMap = new Map();
  for (const [p, loc] of doc.locations) {
    if (p === '') continue;
    const mapped: NodeLocation = { value: mapSpan(loc.value) };
    if (loc.key) mapped.key = mapSpan(loc.key);
    locations.set(pointer + p, mapped);
  }
  const warnings = (doc.warnings ?? []).map((w): Diagnostic => {
    const span = mapSpan({ file: source.file, line: w.line ?? 1, column: w.column ?? 1, endLine: w.endLine, endColumn: w.endColumn });
    const notes = (w.notes ?? []).map((n) => (n.location ? source.note(n.message, mapSpan(n.location)) : n));
    return source.warning(w.code, `${w.message} (in the value of ${key})`, span, notes);
  });
  return { value: doc.value, locations, warnings };
}
