/**
 * What turning a schema error into a helpful message needs to know about the
 * schema beyond the error itself. kd's own schema answers from its bundled
 * files (builtin-hints.ts); a custom schema from ajv's verbose errors
 * (custom-schema.ts).
 */
import type { ErrorObject } from 'ajv';
import type { ExtraConfigOwner } from './places.ts';

export interface SchemaHints {
  /** Property names the schema declares for the object an `additionalProperties` error is about. */
  allowedKeys(error: ErrorObject): readonly string[] | undefined;
  /**
   * For a failed anyOf/oneOf whose branches only require keys (or forbid all
   * keys): each branch's required keys (an empty list for "no keys at all").
   */
  alternatives(error: ErrorObject): readonly (readonly string[])[] | undefined;
  /** When the object at `pointer` is an `extra_config`: whose it is. */
  extraConfigOwner(pointer: string): ExtraConfigOwner | undefined;
  /** True when the schema wants a duration string at `pointer`. */
  isDuration(pointer: string): boolean;
  /** Property names the schema declares for the object at `pointer`, when known. */
  keysAt?(pointer: string): readonly string[] | undefined;
}

/** The duration pattern of kd's schema and of KrakenD's official one. */
export const DURATION_PATTERNS: ReadonlySet<string> = new Set(['^[0-9]+(ns|ms|us|µs|s|m|h)$']);

/** Required-key lists of combinator branches, when every branch is only that. */
export function requiredAlternatives(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const out: string[][] = [];
  for (const branch of branches) {
    if (branch === null || typeof branch !== 'object') return undefined;
    const b = branch as Record<string, unknown>;
    const keys = Object.keys(b).filter((k) => !['description', 'title', '$comment'].includes(k));
    if (keys.length === 1 && Array.isArray(b.required) && b.required.every((r) => typeof r === 'string')) out.push(b.required as string[]);
    else if (keys.length === 1 && b.maxProperties === 0) out.push([]);
    else return undefined;
  }
  return out;
}
