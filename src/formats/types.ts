/**
 * What every format parser returns: the decoded tree and where each value came
 * from. Locations are keyed by RFC 6901 JSON pointer ("" is the root,
 * "/endpoints/0/backend/1/url_pattern" a nested value).
 */
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';

export interface NodeLocation {
  /** Where the value is written. */
  value: SourceSpan;
  /** Where its key (object member name) is written; absent for array items and the root. */
  key?: SourceSpan;
}

export type LocationMap = Map<string, NodeLocation>;

export interface ParsedDocument {
  /** Plain JSON-like data: objects, arrays, strings, numbers, booleans, null. */
  value: unknown;
  locations: LocationMap;
  /** Things worth telling the user that do not stop parsing (e.g. a duplicate key). */
  warnings?: Diagnostic[];
}

export interface ParseOptions {
  /**
   * Keep integers of formats that distinguish them (YAML, TOML) as bigint
   * instead of number. Flexible-config settings need it: Go templates print and
   * compare ints and floats differently.
   */
  bigIntegers?: boolean;
}

/**
 * A parser gets the text and the file name (for locations) and returns the
 * document, or throws a DiagnosticError (code `syntax`) pointing at the first
 * problem with its line text.
 */
export type FormatParser = (text: string, file: string, options?: ParseOptions) => ParsedDocument;

export type FormatName = 'json' | 'yaml' | 'toml' | 'properties' | 'hcl' | 'ini' | 'env';

/** Escapes one reference token for a JSON pointer. */
export function escapePointerToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  if (token.indexOf('~') === -1 && token.indexOf('/') === -1) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, token: string | number): string {
  return `${base}/${escapePointerToken(token)}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapePointerToken);
}

/**
 * The location of `pointer`, or of its nearest ancestor that has one (a value
 * added by defaults or overrides still points somewhere useful).
 */
export function locate(locations: LocationMap, pointer: string, which: 'value' | 'key' = 'value'): SourceSpan | undefined {
  let p = pointer;
  for (;;) {
    const loc = locations.get(p);
    if (loc) return which === 'key' ? (loc.key ?? loc.value) : loc.value;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
