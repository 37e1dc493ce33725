/**
 * KrakenD's two flexible-configuration functions: `marshal` (Go JSON of a
 * value) and `include` (the raw text of a partial file).
 */

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FunctionMap } from '../go/function.ts';
import { fail, fn } from './define.ts';
import { encodeJSON, JSONError } from './json.ts';

/** JSON as Go's json.Marshal writes it; an unencodable value gives the empty string, as in KrakenD. */
export function marshal(v: unknown): string {
  try {
    return encodeJSON(v, { escapeHTML: true });
  } catch (e) {
    if (e instanceof JSONError) return '';
    throw e;
  }
}

/**
 * Reads a partial verbatim (it is not template-processed). A missing or
 * unreadable partial is an error naming the path it looked for: a partial
 * that silently renders as nothing is hard to notice.
 */
export function includePartial(partialsDir: string | undefined, name: string): string {
  const path = resolve(join(partialsDir ?? '', name));
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    return fail(`partial ${JSON.stringify(name)} not found: cannot read ${path}: ${why}`);
  }
}

/** `marshal` and `include` (reading partials from `partialsDir`). */
export function krakendFunctions(partialsDir: string | undefined): FunctionMap {
  return {
    marshal: fn(['any'], marshal),
    include: fn(['string'], (name: string) => includePartial(partialsDir, name)),
  };
}
