// Helpers shared by the lint tests: parse a config text and lint it, and
// compact diagnostics into rows that are easy to compare exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { parseJson } from '../../src/formats/json.ts';
import type { ParsedDocument } from '../../src/formats/types.ts';
import { parseYaml } from '../../src/formats/yaml.ts';
import { lintConfig } from '../../src/lint/lint.ts';
import { ROOT } from '../support/cli.ts';

export const FIXTURES = join(ROOT, 'fixtures', 'lint');

export function parse(text: string, file: string): ParsedDocument {
  return /\.ya?ml$/.test(file) ? parseYaml(text, file) : parseJson(text, file);
}

/** Lints `text` as if read from `file` (its extension picks the parser). */
export function lintText(text: string, file = 'krakend.json'): Diagnostic[] {
  const doc = parse(text, file);
  return lintConfig(doc.value, doc.locations, { file });
}

export function lintFixture(name: string): Diagnostic[] {
  const file = join(FIXTURES, name);
  return lintText(readFileSync(file, 'utf8'), file);
}

export interface Row {
  code: string;
  at: string;
  message: string;
  suggestion?: string;
  hint?: string;
}

/** `code`, `line:column`, message, and suggestion/hint when present. */
export function rows(ds: readonly Diagnostic[]): Row[] {
  return ds.map((d) => {
    const row: Row = { code: d.code, at: `${d.line}:${d.column}`, message: d.message };
    if (d.suggestion !== undefined) row.suggestion = d.suggestion;
    if (d.hint !== undefined) row.hint = d.hint;
    return row;
  });
}

/** A minimal valid config with `patch` merged at the top level. */
export function config(patch: Record<string, unknown>): string {
  return JSON.stringify({ version: 3, ...patch }, null, 2);
}

/** A config with one endpoint (and one backend) carrying the given extras. */
export function endpointConfig(endpoint: Record<string, unknown> = {}, backend: Record<string, unknown> = {}): string {
  return config({ endpoints: [{ endpoint: '/a', backend: [{ url_pattern: '/b', ...backend }], ...endpoint }] });
}
