/**
 * Turns ajv's errors into kd Diagnostics: one per problem, located at the key
 * or value it is about, with a code, a message in plain words and, where a
 * close name exists, a "did you mean".
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import { editDistance, suggestions } from '../diagnostics/suggest.ts';
import { joinPointer, locate, splitPointer, type LocationMap } from '../formats/types.ts';
import { parseDuration } from '../model/duration.ts';
import { shortName } from '../model/namespaces.ts';
import { bestBranch, branchErrors, groupErrors, type CombinatorFailure, type LintItem } from './combinators.ts';
import { DURATION_PATTERNS, type SchemaHints } from './hints.ts';
import { KNOWN_NAMESPACES, type Level } from './namespaces.ts';
import { describeValue, placeLabel, showValue, valueAt, valueName, type ExtraConfigOwner } from './places.ts';

export interface DiagnoseContext {
  /** The validated configuration. */
  tree: unknown;
  locations: LocationMap;
  /** File named by diagnostics the location map cannot place. */
  file?: string;
  hints: SchemaHints;
  /** What the whole document is called in messages (default "the service"). */
  rootName?: string;
}

type Extra = Partial<Pick<Diagnostic, 'hint' | 'suggestion'>>;

function make(ctx: DiagnoseContext, code: string, message: string, span: SourceSpan | undefined, extra: Extra = {}): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message };
  if (span) {
    d.file = span.file;
    d.line = span.line;
    d.column = span.column;
    if (span.endLine !== undefined) d.endLine = span.endLine;
    if (span.endColumn !== undefined) d.endColumn = span.endColumn;
  } else if (ctx.file !== undefined) {
    d.file = ctx.file;
  }
  if (extra.hint !== undefined) d.hint = extra.hint;
  if (extra.suggestion !== undefined) d.suggestion = extra.suggestion;
  return d;
}

/** The name of the object at `pointer` for "… in <place>" messages. */
const place = (ctx: DiagnoseContext, pointer: string) => (pointer === '' && ctx.rootName !== undefined ? ctx.rootName : placeLabel(ctx.tree, pointer));
const at = (ctx: DiagnoseContext, pointer: string) => locate(ctx.locations, pointer, 'value');
const atKey = (ctx: DiagnoseContext, pointer: string) => locate(ctx.locations, pointer, 'key');
const code = (name: string) => `\`${name}\``;

/** The closest candidate when it is a plausible typo of `name` (case aside, or a small edit distance). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const [best] = suggestions(name, candidates, 1);
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return editDistance(lower, best.toLowerCase()) <= limit ? best : undefined;
}

function joinOr(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  if (parts.some((p) => p.includes(' and '))) return parts.join(', or ');
  if (parts.length === 2) return `${parts[0]} or ${parts[1]}`;
  return `${parts.slice(0, -1).join(', ')}, or ${parts[parts.length - 1]}`;
}

const LEVEL_NOUN: Readonly<Record<ExtraConfigOwner, string>> = {
  service: 'service',
  endpoint: 'endpoint',
  backend: 'backend',
  async_agent: 'async agent',
  workflow: 'workflow',
};
const LEVEL_EXTRA_CONFIG: Readonly<Record<ExtraConfigOwner, string>> = {
  service: 'the service extra_config',
  endpoint: "an endpoint's extra_config",
  backend: "a backend's extra_config",
  async_agent: "an async agent's extra_config",
  workflow: "a workflow's extra_config",
};

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** "`x` is a backend component; move it into a backend's extra_config". */
function misplacedMessage(ns: string, levels: readonly Level[], owner: ExtraConfigOwner): string {
  const nouns = joinOr(levels.map((l) => LEVEL_NOUN[l]));
  const targets = joinOr(levels.map((l) => LEVEL_EXTRA_CONFIG[l]));
  const what = `${article(nouns)} component; move it into ${targets}`;
  if (owner === 'workflow') return `${code(ns)} cannot be used in a workflow: it is ${what}`;
  return `${code(ns)} is ${what}`;
}

function namespaceDiagnostic(ctx: DiagnoseContext, parent: string, ns: string, owner: ExtraConfigOwner | undefined, allowedHere: readonly string[]): Diagnostic {
  const span = atKey(ctx, joinPointer(parent, ns));
  const where = owner ? LEVEL_EXTRA_CONFIG[owner] : place(ctx, parent);
  const short = shortName(ns);
  if (short !== ns) {
    if (allowedHere.includes(short)) {
      return make(ctx, 'lint/legacy-namespace', `${code(ns)} is the legacy name of ${code(short)}; the schema only accepts the short name`, span, {
        suggestion: short,
      });
    }
    const levels = KNOWN_NAMESPACES.get(short);
    if (levels && owner) {
      return make(ctx, 'lint/misplaced-namespace', `${misplacedMessage(short, levels, owner)} (written here under its legacy name ${code(ns)})`, span);
    }
  }
  const levels = KNOWN_NAMESPACES.get(ns);
  if (levels && owner && !allowedHere.includes(ns)) {
    return make(ctx, 'lint/misplaced-namespace', misplacedMessage(ns, levels, owner), span);
  }
  if (levels && !owner && allowedHere.length > 0 && !allowedHere.includes(ns)) {
    return make(ctx, 'lint/misplaced-namespace', `${code(ns)} cannot be used in ${where}; allowed here: ${allowedHere.map(code).join(', ')}`, span);
  }
  const suggestion = closest(ns, allowedHere);
  const similar = suggestions(ns, [...new Set([...allowedHere, ...[...KNOWN_NAMESPACES.keys()].filter((k) => shortName(k) === k)])], 6).filter(
    (s) => s !== suggestion,
  );
  const here = similar.filter((s) => allowedHere.includes(s)).map(code);
  const elsewhere = similar
    .filter((s) => !allowedHere.includes(s))
    .map((s) => `${code(s)} (${joinOr((KNOWN_NAMESPACES.get(s) ?? []).map((l) => LEVEL_NOUN[l]))})`);
  const parts: string[] = [];
  if (here.length > 0) parts.push(`allowed here: ${here.join(', ')}`);
  if (elsewhere.length > 0) parts.push(`${here.length > 0 ? 'elsewhere' : 'allowed elsewhere'}: ${elsewhere.join(', ')}`);
  const extra: Extra = {};
  if (suggestion !== undefined) extra.suggestion = suggestion;
  const ownerPointer = parent.slice(0, parent.lastIndexOf('/'));
  if (ctx.hints.keysAt?.(ownerPointer)?.includes(ns)) {
    extra.hint = `${code(ns)} is a key of ${place(ctx, ownerPointer)}, not a namespace: move it out of ${code('extra_config')}`;
  } else if (parts.length > 0) {
    extra.hint = `namespaces with a similar name ${parts.join('; ')}`;
  }
  return make(ctx, 'lint/unknown-namespace', `unknown namespace ${code(ns)} in ${where}`, span, extra);
}

function unknownKey(ctx: DiagnoseContext, error: ErrorObject, key: string): Diagnostic {
  const parent = error.instancePath;
  const owner = ctx.hints.extraConfigOwner(parent);
  const allowed = ctx.hints.allowedKeys(error) ?? [];
  if (owner !== undefined) return namespaceDiagnostic(ctx, parent, key, owner, allowed);
  if (splitPointer(parent).at(-1) === 'extra_config') return namespaceDiagnostic(ctx, parent, key, undefined, allowed);
  const extra: Extra = {};
  const suggestion = closest(key, allowed);
  if (suggestion !== undefined) extra.suggestion = suggestion;
  if (KNOWN_NAMESPACES.has(key) && allowed.includes('extra_config')) {
    extra.hint = `${code(key)} is a component namespace: it goes inside ${code('extra_config')}`;
  } else if (suggestion === undefined && error.keyword === 'additionalProperties' && allowed.length > 0 && allowed.length <= 12) {
    extra.hint = `allowed keys: ${allowed.join(', ')}`;
  }
  return make(ctx, 'lint/unknown-key', `unknown key ${code(key)} in ${place(ctx, parent)}`, atKey(ctx, joinPointer(parent, key)), extra);
}

/** The way a subject reads at the start of a message. */
function subject(ctx: DiagnoseContext, pointer: string): string {
  const tokens = splitPointer(pointer);
  const last = tokens.at(-1);
  const parent = tokens.at(-2);
  if (last === 'extra_config') return place(ctx, pointer);
  if (last !== undefined && /^\d+$/.test(last) && (parent === 'endpoints' || parent === 'backend' || parent === 'async_agent')) return place(ctx, pointer);
  return code(valueName(pointer));
}

const MISSING_KEY_HINTS: Readonly<Record<string, string>> = {
  version: 'add "version": 3 at the top level',
  backend: 'an endpoint needs at least one backend, e.g. "backend": [{"url_pattern": "/"}]',
};

function typeHint(expected: readonly string[], value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((expected.includes('integer') && /^-?\d+$/.test(trimmed)) || (expected.includes('number') && trimmed !== '' && !Number.isNaN(Number(trimmed)))) {
      return `remove the quotes: ${trimmed}`;
    }
    if (expected.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) return `remove the quotes: ${trimmed}`;
  }
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return `quote it: ${JSON.stringify(String(value))}`;
  if (expected.includes('array') && value !== null && typeof value !== 'object') return `write it as a list: [${showValue(value)}]`;
  return undefined;
}

function wrongType(ctx: DiagnoseContext, pointer: string, types: readonly string[]): Diagnostic {
  const value = valueAt(ctx.tree, pointer);
  const span = at(ctx, pointer);
  if (ctx.hints.isDuration(pointer) && typeof value !== 'string') {
    return make(ctx, 'lint/bad-duration', `${code(valueName(pointer))}: expected a duration string, got ${describeValue(value)}`, span, {
      hint: DURATION_HINT,
    });
  }
  const extra: Extra = {};
  const hint = typeHint(types, value);
  if (hint !== undefined) extra.hint = hint;
  return make(ctx, 'lint/wrong-type', `${code(valueName(pointer))}: expected ${joinOr(types)}, got ${describeValue(value)}`, span, extra);
}

const DURATION_HINT = 'a duration is a whole number and one unit: ns, us, µs, ms, s, m or h (e.g. "1500ms", "2s", "1h")';

/** The same duration in one unit ("1m30s" → "90s"), when it has an exact one. */
export function singleUnitDuration(value: string): string | undefined {
  const ns = parseDuration(value.trim());
  if (typeof ns !== 'number' || ns < 0) return undefined;
  if (ns === 0) return '0s';
  const units: [string, number][] = [
    ['h', 3600e9],
    ['m', 60e9],
    ['s', 1e9],
    ['ms', 1e6],
    ['us', 1e3],
    ['ns', 1],
  ];
  for (const [unit, size] of units) if (ns % size === 0) return `${ns / size}${unit}`;
  return undefined;
}

const PATTERN_HINTS: ReadonlyMap<string, string> = new Map([
  ['^/[^*?&%]*(/\\*)?$', 'an endpoint path starts with "/" and has no "*", "?", "&" or "%" (only a final "/*" is allowed)'],
  ['^\\/[^\\*\\?\\&\\%]*(\\/\\*)?$', 'an endpoint path starts with "/" and has no "*", "?", "&" or "%" (only a final "/*" is allowed)'],
  ['^:[0-9]+$', 'write a colon and a port, e.g. ":8090"'],
  ['(base64key|awskms|azurekeyvault|gcpkms|hashivault)://(.*)', 'use a base64key://, awskms://, azurekeyvault://, gcpkms:// or hashivault:// URL'],
  ['^resp[0-9]+(_[^\\s]+)?$', 'name a value of a previous backend response, e.g. "resp0_id"'],
  ['^[0-9].[0-9].[0-9]+$', 'use a version such as "1.0.0"'],
  ['.+', 'the value cannot be empty'],
]);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function singleError(ctx: DiagnoseContext, error: ErrorObject): Diagnostic[] {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const value = () => valueAt(ctx.tree, pointer);
  const name = () => code(valueName(pointer));
  switch (error.keyword) {
    case 'additionalProperties':
      return [unknownKey(ctx, error, String(params.additionalProperty))];
    case 'unevaluatedProperties':
      return [unknownKey(ctx, error, String(params.unevaluatedProperty))];
    case 'required': {
      const missing = String(params.missingProperty);
      const extra: Extra = {};
      if (MISSING_KEY_HINTS[missing] !== undefined && (missing !== 'version' || pointer === '')) extra.hint = MISSING_KEY_HINTS[missing];
      return [make(ctx, 'lint/missing-key', `missing required key ${code(missing)} in ${place(ctx, pointer)}`, at(ctx, pointer), extra)];
    }
    case 'dependencies':
    case 'dependentRequired':
      return [
        make(ctx, 'lint/missing-key', `${code(String(params.property))} needs ${code(String(params.missingProperty))} in ${place(ctx, pointer)}`, at(ctx, pointer)),
      ];
    case 'type':
      return [wrongType(ctx, pointer, Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(','))];
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      const v = value();
      const extra: Extra = {};
      const strings = allowed.filter((a): a is string => typeof a === 'string');
      if (typeof v === 'string' && strings.length > 0) {
        const s = closest(v, strings);
        if (s !== undefined) extra.suggestion = s;
      }
      const list = allowed.map((a) => (typeof a === 'string' && a !== '' ? a : showValue(a)));
      const message =
        allowed.length === 1 ? `${name()} must be ${list[0]}, got ${showValue(v)}` : `${name()}: ${showValue(v)} is not one of ${list.join(', ')}`;
      return [make(ctx, 'lint/bad-enum', message, at(ctx, pointer), extra)];
    }
    case 'pattern': {
      const v = value();
      const pattern = String(params.pattern);
      if (DURATION_PATTERNS.has(pattern) || ctx.hints.isDuration(pointer)) {
        const extra: Extra = { hint: DURATION_HINT };
        if (typeof v === 'string') {
          const single = singleUnitDuration(v);
          if (single !== undefined && single !== v) {
            extra.suggestion = single;
            extra.hint = `${DURATION_HINT}; the schema takes no fractions or compound values`;
          }
        }
        return [make(ctx, 'lint/bad-duration', `${name()}: ${showValue(v)} is not a valid duration`, at(ctx, pointer), extra)];
      }
      const extra: Extra = {};
      const hint = PATTERN_HINTS.get(pattern);
      if (hint !== undefined) extra.hint = hint;
      return [make(ctx, 'lint/bad-pattern', `${name()}: ${showValue(v)} does not match the pattern ${pattern}`, at(ctx, pointer), extra)];
    }
    case 'format':
      return [make(ctx, 'lint/bad-format', `${name()}: ${showValue(value())} is not a valid ${String(params.format)}`, at(ctx, pointer))];
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum': {
      const words: Record<string, string> = {
        maximum: 'is above the maximum,',
        minimum: 'is below the minimum,',
        exclusiveMaximum: 'must be less than',
        exclusiveMinimum: 'must be greater than',
      };
      return [make(ctx, 'lint/out-of-range', `${name()}: ${showValue(value())} ${words[error.keyword]} ${String(params.limit)}`, at(ctx, pointer))];
    }
    case 'minItems':
    case 'maxItems': {
      const n = Number(params.limit);
      const count = Array.isArray(value()) ? (value() as unknown[]).length : 0;
      const message =
        error.keyword === 'minItems' ? `${name()} needs at least ${plural(n, 'item')}, has ${count}` : `${name()} takes at most ${plural(n, 'item')}, has ${count}`;
      return [make(ctx, 'lint/out-of-range', message, at(ctx, pointer))];
    }
    case 'minLength':
    case 'maxLength': {
      const n = Number(params.limit);
      const message = error.keyword === 'minLength' ? `${name()} must be at least ${plural(n, 'character')} long` : `${name()} must be at most ${plural(n, 'character')} long`;
      return [make(ctx, 'lint/out-of-range', message, at(ctx, pointer))];
    }
    case 'minProperties':
    case 'maxProperties': {
      const n = Number(params.limit);
      const v = value();
      const count = v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
      const who = subject(ctx, pointer);
      let message: string;
      if (error.keyword === 'minProperties') message = `${who} needs at least ${plural(n, 'key')}, has ${count}`;
      else if (n === 0) message = `${who} must be empty`;
      else message = `${who} takes at most ${plural(n, 'key')}, has ${count}`;
      return [make(ctx, 'lint/out-of-range', message, at(ctx, pointer))];
    }
    case 'uniqueItems': {
      const list = value();
      const i = Number(params.i);
      const j = Number(params.j);
      const item = Array.isArray(list) ? showValue(list[i]) : '';
      return [make(ctx, 'lint/schema', `${name()} lists ${item} twice (items [${Math.min(i, j)}] and [${Math.max(i, j)}])`, at(ctx, pointer))];
    }
    case 'if':
      return [];
    case 'false schema':
      return [make(ctx, 'lint/schema', `${name()} is not allowed here`, atKey(ctx, pointer))];
    default: {
      const detail = error.message ?? `fails the "${error.keyword}" rule of the schema`;
      return [make(ctx, 'lint/schema', `${name()} ${detail}`, at(ctx, pointer))];
    }
  }
}

/** `a` and `b` (for a branch's missing keys). */
function andList(keys: readonly string[]): string {
  const c = keys.map(code);
  if (c.length <= 1) return c.join('');
  return `${c.slice(0, -1).join(', ')} and ${c[c.length - 1]}`;
}

/**
 * What a failed choice of required-key sets still needs, in words: the
 * smallest sets of missing keys, with keys every choice needs said once
 * ("`alg` and one of `jwk_local_path`, `jwk_url`").
 */
function missingAlternatives(alternatives: readonly (readonly string[])[], present: ReadonlySet<string>): string | undefined {
  const sets = alternatives.filter((keys) => keys.length > 0).map((keys) => keys.filter((k) => !present.has(k)));
  if (sets.length === 0 || sets.some((s) => s.length === 0)) return undefined;
  const minimal = sets.filter((s) => !sets.some((o) => o.length < s.length && o.every((k) => s.includes(k))));
  const unique = [...new Map(minimal.map((s) => [s.join('\u0000'), s])).values()];
  if (unique.length === 1) return andList(unique[0]!);
  const common = unique[0]!.filter((k) => unique.every((s) => s.includes(k)));
  const rest = unique.map((s) => s.filter((k) => !common.includes(k)));
  const choice = rest.every((s) => s.length === 1)
    ? `one of ${rest.map((s) => code(s[0]!)).join(', ')}`
    : `either ${rest.map(andList).join(', or ')}`;
  if (common.length === 0) return joinOr(rest.map(andList));
  return `${andList(common)} and ${choice}`;
}

function combinatorFailure(ctx: DiagnoseContext, failure: CombinatorFailure): Diagnostic[] {
  const { error } = failure;
  const pointer = error.instancePath;
  const data = valueAt(ctx.tree, pointer);
  const present = data !== null && typeof data === 'object' && !Array.isArray(data) ? new Set(Object.keys(data)) : new Set<string>();
  const alternatives = ctx.hints.alternatives(error);
  const who = subject(ctx, pointer);
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;

  if (error.keyword === 'oneOf' && Array.isArray(passing)) {
    // More than one form matched.
    if (alternatives) {
      const chosen = passing.map((i) => alternatives[Number(i)] ?? []);
      const common = chosen.reduce<string[]>((acc, keys) => acc.filter((k) => keys.includes(k)), [...(chosen[0] ?? [])]);
      const phrases = [...new Set(chosen.map((keys) => andList(keys.filter((k) => !common.includes(k) && present.has(k)))).filter((p) => p !== ''))];
      if (phrases.length >= 2) {
        return [make(ctx, 'lint/schema', `${who}: use either ${joinOr(phrases)}, not both`, at(ctx, pointer))];
      }
    }
    return [make(ctx, 'lint/schema', `${who} matches more than one of the forms the schema allows; it must match exactly one`, at(ctx, pointer))];
  }

  const errors = branchErrors(failure);
  if (alternatives) {
    const needs = missingAlternatives(alternatives, present);
    if (needs !== undefined) {
      const allowsEmpty = alternatives.some((keys) => keys.length === 0);
      const extra: Extra = {};
      const typo = [...present].map((k) => closest(k, alternatives.flat())).find((s) => s !== undefined && !present.has(s));
      if (typo !== undefined) extra.suggestion = typo;
      if (allowsEmpty && present.size > 0 && [...present].every((k) => /^[@$_#]/.test(k))) {
        extra.hint = `${joinOr([...present].map(code))} counts as a key here, so the object is not empty`;
      }
      return [make(ctx, 'lint/missing-key', `${who} needs ${needs}${allowsEmpty ? ' (or no keys at all)' : ''}`, at(ctx, pointer), extra)];
    }
  }
  if (errors.length > 0 && errors.every((e) => e.keyword === 'type' && e.instancePath === pointer)) {
    const types = [...new Set(errors.flatMap((e) => String((e.params as { type: unknown }).type).split(',')))];
    return [wrongType(ctx, pointer, types)];
  }
  const best = bestBranch(failure);
  if (best.length > 0) return best.flatMap((item) => itemDiagnostics(ctx, item));
  return [make(ctx, 'lint/schema', `${who} does not match any of the forms the schema allows`, at(ctx, pointer))];
}

function itemDiagnostics(ctx: DiagnoseContext, item: LintItem): Diagnostic[] {
  return item.kind === 'error' ? singleError(ctx, item.error) : combinatorFailure(ctx, item);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** One Diagnostic per problem ajv found, sorted by place. */
export function diagnose(errors: readonly ErrorObject[], ctx: DiagnoseContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const item of groupErrors(errors)) {
    for (const d of itemDiagnostics(ctx, item)) {
      const key = JSON.stringify([d.code, d.message, d.file, d.line, d.column]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out.sort(compareDiagnostics);
}
