/**
 * Safe construction of generated source code. Configuration values reach the
 * generated gateway ONLY as literals produced by `literal()` (JSON encoding,
 * with U+2028/U+2029 escaped), and identifiers only through `name()`, which
 * checks them. Code fragments are `Code` values; the `code` tagged template
 * passes `Code` through untouched and turns every other interpolated value
 * into a literal, so no config value can inject code by construction.
 */

export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A checked JavaScript identifier. */
export class Name extends Code {}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/** Returns `id` as a Name, or throws when it is not a plain, non-reserved identifier. */
export function name(id: string): Name {
  if (!IDENTIFIER.test(id) || RESERVED.has(id)) throw new Error(`not a safe identifier: ${JSON.stringify(id)}`);
  return new Name(id);
}

/** A JavaScript literal for a JSON-like value (also bigint, undefined, -0, NaN, ±Infinity). */
export function literal(value: unknown): Code {
  return new Code(literalText(value));
}

function literalText(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    if (Object.is(value, -0)) return '-0';
    return String(value);
  }
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.map(literalText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${jsonString(k)}: ${literalText(v)}`);
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error(`cannot emit a literal for ${typeof value}`);
  return escapeLineTerminators(json);
}

function jsonString(s: string): string {
  return escapeLineTerminators(JSON.stringify(s));
}

function escapeLineTerminators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Tagged template: `code\`if (x === ${value}) return ${someCode};\`` */
export function code(strings: TemplateStringsArray, ...values: unknown[]): Code {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += literalText(values[i]) + strings[i + 1]!;
  return new Code(out);
}

/** Joins fragments with a separator (itself code). */
export function join(parts: readonly Code[], separator = '\n'): Code {
  return new Code(parts.map((p) => p.text).join(separator));
}

/** Hands out unique identifiers derived from a readable prefix. */
export class NameScope {
  private readonly issued = new Set<string>();
  /** Reserves names the generated code already uses (imports, runtime helpers). */
  reserve(...ids: string[]): void {
    for (const id of ids) this.issued.add(id);
  }
  unique(prefix: string): Name {
    let base = prefix.replace(/[^A-Za-z0-9_$]/g, '_');
    if (!/^[A-Za-z_$]/.test(base)) base = '_' + base;
    if (RESERVED.has(base)) base = '_' + base;
    let candidate = base;
    for (let n = 1; this.issued.has(candidate); n++) candidate = `${base}_${n}`;
    this.issued.add(candidate);
    return name(candidate);
  }
}
