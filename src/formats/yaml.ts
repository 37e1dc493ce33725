/**
 * YAML configurations (`.yaml`, `.yml`), read with the `yaml` package under
 * the YAML 1.2 core schema (`yes`/`on` stay strings; `0x1F`, `0o17` are
 * integers), plus `<<` merge keys, which YAML configs commonly use.
 *
 * - One document per file; duplicate keys are errors (as in Go's YAML decoder).
 * - Anchors and aliases are expanded. The aliased value is located at the
 *   alias (`*name`); the members inside it keep the place they are written
 *   (under the anchor), which is where a fix would go. Aliases may add at
 *   most 200,000 values in all, which stops "billion laughs" documents.
 * - Keys that are not strings are turned into text the way Go prints them by
 *   default: `1` → "1", `true` → "true", `1.5` → "1.5", `1000000.0` → "1e+06",
 *   `null` → "<nil>".
 * - Integers are numbers, or bigints with `options.bigIntegers`.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type Pair,
  type Scalar,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic, SourceSpan } from '../diagnostics/diagnostic.ts';
import type { FormatParser, LocationMap, ParsedDocument, ParseOptions } from './types.ts';
import { SourceText, stripByteOrderMark, type Position } from './source.ts';
import { childPointer, hasMember, setMember, type PlainObject } from './tree.ts';

/** Values produced by expanding aliases, at most (guards against alias "bombs"). */
const MAX_ALIAS_EXPANSION = 200_000;

/** Formats a float64 as Go's `%v` does (`1e+06`, `0.5`, `1e-05`, `+Inf`). */
export function goFloatString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponentText] = n.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

const INTEGER_SOURCE = /^[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** The member name a YAML key stands for. */
function keyText(key: Scalar): string {
  const v = key.value;
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && INTEGER_SOURCE.test(key.source ?? '')) return String(v);
    return goFloatString(v);
  }
  return String(v);
}

function describeError(e: YAMLError): { message: string; hint?: string } {
  const raw = e.message.replace(/\s*at line \d+, column \d+[\s\S]*$/, '');
  if (/call stack/i.test(raw)) return { message: 'nesting is too deep to read' };
  const message = raw.charAt(0).toLowerCase() + raw.slice(1);
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return { message: 'tabs are not allowed for indentation in YAML', hint: 'indent with spaces' };
    case 'MULTIPLE_DOCS':
      return {
        message: 'the file contains more than one YAML document',
        hint: "a configuration file holds one document; remove the second '---' section",
      };
    case 'BAD_INDENT':
      if (/end with a [\]}]/.test(raw)) return { message, hint: `close it with '${raw.includes(']') ? ']' : '}'}'` };
      return { message, hint: "check this line's indentation against the lines around it, and that each key is followed by ': '" };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { message, hint: "check this line's indentation against the lines around it, and that each key is followed by ': '" };
    case 'MISSING_CHAR':
      if (/quote/.test(raw)) return { message: 'unterminated string', hint: `add the closing ${raw.includes("'") ? "'" : '"'}` };
      if (/[\]}]/.test(raw)) return { message, hint: 'close the bracket that is still open' };
      return { message, hint: "check this line's indentation against the lines above it" };
    case 'BAD_DQ_ESCAPE':
      return { message, hint: 'write \\\\ for a backslash inside double quotes, or use single quotes' };
    case 'DUPLICATE_KEY':
      return { message: 'duplicate key: keys must be unique in a YAML mapping', hint: 'remove one of them' };
    default:
      return { message };
  }
}

/** The duplicate key at `offset` and the key in the same mapping written before it. */
function findDuplicate(doc: Document, offset: number): { first: Scalar; second: Scalar } | undefined {
  let found: { first: Scalar; second: Scalar } | undefined;
  const search = (node: unknown): void => {
    if (found) return;
    if (isMap(node)) {
      const items = (node as YAMLMap<unknown, unknown>).items;
      const dup = items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (dup && isScalar(dup.key)) {
        const target = (dup.key as Scalar).value;
        const first = items.find((p) => isScalar(p.key) && (p.key as Scalar).value === target);
        if (first && first !== dup) found = { first: first.key as Scalar, second: dup.key as Scalar };
        return;
      }
      for (const p of items) {
        search(p.key);
        search(p.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) search(item);
    }
  };
  search(doc.contents);
  return found;
}

/**
 * Where to show an error: an unterminated quoted string at its opening quote,
 * anything reported at the very end of the text right after the last
 * character (where the missing part belongs), everything else where the
 * package puts it.
 */
function errorRange(e: YAMLError, text: string): [number, number] {
  let [start, end] = e.pos;
  if (e.code === 'MISSING_CHAR' && /quote/.test(e.message)) {
    const quote = e.message.includes("'") ? "'" : '"';
    const open = text.lastIndexOf(quote, Math.min(start, text.length) - 1);
    if (open >= 0) return [open, open + 1];
  }
  let last = text.length;
  while (last > 0 && isSpace(text.charCodeAt(last - 1))) last--;
  if (start >= last) {
    start = last;
    end = last;
  }
  return [start, Math.max(start, end)];
}

class YamlConverter {
  readonly locations: LocationMap = new Map();
  private readonly expanding = new Set<YamlNode>();
  /** Values produced so far by expanding aliases and merges. */
  private expanded = 0;
  private readonly sizes = new Map<YamlNode, number>();

  constructor(
    private readonly doc: Document,
    private readonly source: SourceText,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number): Position {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  span(node: YamlNode): SourceSpan {
    const range = node.range ?? [0, 0, 0];
    // Block collections end after their last line break; stop at the last character instead.
    const text = this.source.text;
    let end = range[1];
    while (end > range[0] && isSpace(text.charCodeAt(end - 1))) end--;
    const from = this.position(range[0]);
    const to = this.position(end);
    return { file: this.source.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  error(node: YamlNode, message: string, hint?: string): Error {
    const range = node.range ?? [0, 0, 0];
    return this.source.syntaxError(this.position(range[0]), message, {
      end: this.position(range[1]),
      ...(hint === undefined ? {} : { hint }),
    });
  }

  convert(node: YamlNode | null, pointer: string, key: SourceSpan | undefined, fallback: SourceSpan): unknown {
    if (node === null) {
      this.record(pointer, fallback, key);
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as YamlNode | undefined;
      if (target === undefined) {
        throw this.error(node, `unknown alias *${node.source}: no anchor &${node.source} is defined before it`);
      }
      if (this.expanding.has(target)) {
        throw this.error(node, `alias *${node.source} refers to a value that contains it`);
      }
      this.countExpansion(node, target);
      const value = this.convert(target, pointer, key, fallback);
      // The aliased value itself is located where the alias is used.
      this.record(pointer, this.span(node), key);
      return value;
    }
    const span = this.span(node);
    if (isScalar(node)) {
      this.record(pointer, span, key);
      return this.scalarValue(node);
    }
    this.expanding.add(node);
    try {
      if (isSeq(node)) {
        this.record(pointer, span, key);
        const arr: unknown[] = [];
        for (const item of node.items) {
          arr.push(this.convert(item as YamlNode | null, childPointer(pointer, arr.length), undefined, span));
        }
        return arr;
      }
      if (isMap(node)) {
        this.record(pointer, span, key);
        return this.mapValue(node as YAMLMap<unknown, unknown>, pointer, span);
      }
    } finally {
      this.expanding.delete(node);
    }
    throw this.error(node, 'unsupported YAML node');
  }

  /** Counts the values `target` expands to at `site`, refusing alias "bombs" before building them. */
  private countExpansion(site: YamlNode, target: YamlNode): void {
    this.expanded += this.sizeOf(target, new Set());
    if (this.expanded > MAX_ALIAS_EXPANSION) {
      throw this.error(site, `aliases expand to too many values (more than ${MAX_ALIAS_EXPANSION})`);
    }
  }

  /** How many values `node` stands for once its aliases are expanded (memoised). */
  private sizeOf(node: unknown, visiting: Set<unknown>): number {
    if (!node || typeof node !== 'object') return 1;
    const known = this.sizes.get(node as YamlNode);
    if (known !== undefined) return known;
    if (visiting.has(node)) return 1;
    visiting.add(node);
    let size = 1;
    if (isAlias(node)) {
      size = this.sizeOf(node.resolve(this.doc), visiting);
    } else if (isSeq(node)) {
      for (const item of node.items) size += this.sizeOf(item, visiting);
    } else if (isMap(node)) {
      for (const pair of (node as YAMLMap<unknown, unknown>).items) size += this.sizeOf(pair.value, visiting);
    }
    visiting.delete(node);
    this.sizes.set(node as YamlNode, size);
    return size;
  }

  private record(pointer: string, value: SourceSpan, key: SourceSpan | undefined): void {
    this.locations.set(pointer, key === undefined ? { value } : { value, key });
  }

  private scalarValue(node: Scalar): unknown {
    const v = node.value;
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'bigint':
      case 'boolean':
        return v;
      default:
        return node.source ?? String(v);
    }
  }

  private mapValue(node: YAMLMap<unknown, unknown>, pointer: string, span: SourceSpan): PlainObject {
    const obj: PlainObject = {};
    const merges: Pair<unknown, unknown>[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        merges.push(pair);
        continue;
      }
      if (keyNode !== null && !isScalar(keyNode)) {
        throw this.error(keyNode, 'a mapping key must be a plain value, not a list or a mapping');
      }
      const name = keyNode === null ? '<nil>' : keyText(keyNode);
      const keySpan = keyNode === null ? span : this.span(keyNode);
      if (hasMember(obj, name)) {
        const first = this.locations.get(childPointer(pointer, name))?.key;
        throw this.source.syntaxError({ line: keySpan.line, column: keySpan.column }, `duplicate key "${name}": keys must be unique in a YAML mapping`, {
          ...(first ? { notes: [this.source.note('first set here', first)] } : {}),
          hint: 'remove one of them',
        });
      }
      setMember(obj, name, this.convert(pair.value as YamlNode | null, childPointer(pointer, name), keySpan, keySpan));
    }
    // Merged members never replace the mapping's own; earlier sources win over later ones.
    for (const pair of merges) {
      for (const sourceMap of this.mergeSources(pair)) {
        for (const item of sourceMap.items) {
          const keyNode = item.key as YamlNode | null;
          if (!isScalar(keyNode) || typeof keyNode.value === 'symbol') continue;
          const name = keyText(keyNode);
          if (hasMember(obj, name)) continue;
          const keySpan = this.span(keyNode);
          if (item.value) this.countExpansion(pair.value as YamlNode, item.value as YamlNode);
          setMember(obj, name, this.convert(item.value as YamlNode | null, childPointer(pointer, name), keySpan, keySpan));
        }
      }
    }
    return obj;
  }

  /** The mappings a `<<` key merges in, in priority order. */
  private mergeSources(pair: Pair<unknown, unknown>): YAMLMap<unknown, unknown>[] {
    const value = pair.value as YamlNode | null;
    const candidates = isSeq(value) ? (value.items as YamlNode[]) : value === null ? [] : [value];
    return candidates.map((candidate) => {
      let target: YamlNode | undefined = candidate;
      if (isAlias(candidate)) {
        target = candidate.resolve(this.doc) as YamlNode | undefined;
        if (target === undefined) {
          throw this.error(candidate, `unknown alias *${candidate.source}: no anchor &${candidate.source} is defined before it`);
        }
      }
      if (!isMap(target)) throw this.error(candidate, "'<<' merges mappings only: its value must be a mapping or an alias of one");
      return target as YAMLMap<unknown, unknown>;
    });
  }
}

/** Parses one YAML document with a location for every node. */
export const parseYaml: FormatParser = (text: string, file: string, options?: ParseOptions): ParsedDocument => {
  const source = new SourceText(stripByteOrderMark(text), file);
  const lines = new LineCounter();
  const doc = parseDocument(source.text, {
    lineCounter: lines,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    merge: true,
    uniqueKeys: true,
    intAsBigInt: options?.bigIntegers === true,
  });
  const converter = new YamlConverter(doc, source, lines);
  const firstError = doc.errors[0];
  if (firstError) {
    let { message } = describeError(firstError);
    const { hint } = describeError(firstError);
    const notes = [];
    let [start, end] = errorRange(firstError, source.text);
    if (firstError.code === 'DUPLICATE_KEY') {
      const duplicate = findDuplicate(doc, firstError.pos[0]);
      if (duplicate) {
        message = `duplicate key "${keyText(duplicate.second)}": keys must be unique in a YAML mapping`;
        notes.push(source.note('first set here', converter.span(duplicate.first)));
        [start, end] = duplicate.second.range ?? [start, end];
      }
    }
    throw source.syntaxError(converter.position(start), message, {
      end: converter.position(end),
      ...(hint === undefined ? {} : { hint }),
      notes,
    });
  }
  const warnings: Diagnostic[] = doc.warnings.map((w) => {
    const at = converter.position(w.pos[0]);
    const message = w.message.charAt(0).toLowerCase() + w.message.slice(1);
    return source.warning('yaml-warning', message, { file, line: at.line, column: at.column });
  });
  const root = doc.contents as YamlNode | null;
  const start: SourceSpan = { file, line: 1, column: 1 };
  const value = converter.convert(root, '', undefined, start);
  return { value, locations: converter.locations, warnings };
};
