/**
 * `kd check --lint`: the verdict of the JSON schema, on any config format,
 * with every error located at its file:line:col.
 *
 * kd's schema (schema/) is compiled ahead of time by scripts/gen-validator.mjs,
 * so linting with it compiles nothing at run time. A custom schema
 * (`--lint-schema`) is read or fetched and compiled when asked for.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LocationMap } from '../formats/types.ts';
import { builtinHints, bundledSchemaHints } from './builtin-hints.ts';
import { diagnose } from './diagnose.ts';
import { validateConfig, validateFlexibleConfig } from './generated/validate.mjs';

export interface LintOptions {
  /** The file diagnostics name when the location map has no place for them. */
  file?: string;
  /** The text of a source line, to show under a diagnostic (with a caret). */
  lineText?: (file: string, line: number) => string | undefined;
}

export interface CustomLintOptions extends LintOptions {
  /** Where a relative schema path is resolved from (default: the process's working directory). */
  cwd?: string;
}

/** Whether a tree holds a bigint anywhere (YAML/TOML parsed with bigIntegers); walks without allocating. */
function hasBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasBigInt(value[i])) return true;
    return false;
  }
  for (const k in value) if (hasBigInt((value as Record<string, unknown>)[k])) return true;
  return false;
}

/** A copy of `value` with bigint numbers (from YAML/TOML parsers) turned into numbers; `value` itself when it has none. */
function plainNumbers(value: unknown): unknown {
  if (!hasBigInt(value)) return value;
  return toPlainNumbers(value);
}

function toPlainNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const plain = toPlainNumbers(item);
      if (plain !== item) (copy ??= [...value])[i] = plain;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlainNumbers(item);
      if (plain !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = plain;
    }
    return copy ?? value;
  }
  return value;
}

function withLineText(diagnostics: Diagnostic[], options: LintOptions): Diagnostic[] {
  const { lineText } = options;
  if (!lineText) return diagnostics;
  for (const d of diagnostics) {
    if (d.file === undefined || d.line === undefined || d.lineText !== undefined) continue;
    const text = lineText(d.file, d.line);
    if (text !== undefined) d.lineText = text;
  }
  return diagnostics;
}

/** Lints a configuration tree against kd's built-in schema (precompiled). */
export function lintConfig(tree: unknown, locations: LocationMap, options: LintOptions = {}): Diagnostic[] {
  // bigint numbers (YAML/TOML settings) fail number checks: convert them only when something failed.
  if (validateConfig(tree)) return [];
  const data = plainNumbers(tree);
  if (data !== tree && validateConfig(data)) return [];
  return withLineText(diagnose(validateConfig.errors ?? [], { tree: data, locations, file: options.file, hints: builtinHints }), options);
}

/** Lints the content of a flexible_config.json against schema/flexible_config.json (precompiled). */
export function lintFlexibleConfig(tree: unknown, locations: LocationMap, options: LintOptions = {}): Diagnostic[] {
  const data = plainNumbers(tree);
  if (validateFlexibleConfig(data)) return [];
  const hints = bundledSchemaHints('flexible_config.json');
  return withLineText(diagnose(validateFlexibleConfig.errors ?? [], { tree: data, locations, file: options.file, hints, rootName: 'flexible_config.json' }), options);
}

/**
 * Lints a configuration tree against a custom schema: a file path (relative to
 * `cwd`) or an http(s) URL, fetched with a 10 s limit. A schema that cannot be
 * read, parsed or compiled yields one `lint/bad-schema` diagnostic.
 */
export async function lintWithSchema(tree: unknown, locations: LocationMap, schemaSource: string, options: CustomLintOptions = {}): Promise<Diagnostic[]> {
  // ajv itself is loaded only for custom schemas.
  const { loadCustomSchema, SchemaProblem } = await import('./custom-schema.ts');
  let schema;
  try {
    schema = await loadCustomSchema(schemaSource, options.cwd);
  } catch (e) {
    if (e instanceof SchemaProblem) return [e.diagnostic];
    throw e;
  }
  const data = plainNumbers(tree);
  if (schema.validate(data)) return [];
  return withLineText(diagnose(schema.validate.errors ?? [], { tree: data, locations, file: options.file, hints: schema.hints }), options);
}
