/**
 * The fast path for JSON configs: the built-in JSON.parse gives the tree, and
 * the location map is built (by the full located parser) only when something
 * asks for a location — which a valid config rarely does. Anything the fast
 * path cannot vouch for (a syntax error, a byte-order mark, a duplicate key,
 * which deserves a warning) goes through the full parser straight away, so
 * the result is always the same as `parseJson`'s.
 */
import { parseJson } from './json.ts';
import type { LocationMap, NodeLocation, ParsedDocument } from './types.ts';

/** A location map computed on first use. */
export class DeferredLocationMap extends Map<string, NodeLocation> {
  private compute: (() => LocationMap) | undefined;

  constructor(compute: () => LocationMap) {
    super();
    this.compute = compute;
  }

  private materialize(): void {
    const compute = this.compute;
    if (compute === undefined) return;
    this.compute = undefined;
    for (const [k, v] of compute()) super.set(k, v);
  }

  override get(key: string): NodeLocation | undefined {
    this.materialize();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.materialize();
    return super.has(key);
  }
  override set(key: string, value: NodeLocation): this {
    this.materialize();
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.materialize();
    return super.delete(key);
  }
  override clear(): void {
    this.compute = undefined;
    super.clear();
  }
  override get size(): number {
    this.materialize();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.materialize();
    return super.keys();
  }
  override values(): MapIterator<NodeLocation> {
    this.materialize();
    return super.values();
  }
  override entries(): MapIterator<[string, NodeLocation]> {
    this.materialize();
    return super.entries();
  }
  override forEach(fn: (value: NodeLocation, key: string, map: Map<string, NodeLocation>) => void, thisArg?: unknown): void {
    this.materialize();
    super.forEach(fn, thisArg);
  }
  override [Symbol.iterator](): MapIterator<[string, NodeLocation]> {
    this.materialize();
    return super[Symbol.iterator]();
  }
}

/**
 * An upper bound of the object members written in valid JSON `text`: every
 * member name is a string followed by a colon, so it ends in `"` + optional
 * white space + `:`; the same pattern inside a string value only adds to the
 * count.
 */
function countKeyEndings(text: string): number {
  let count = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) count++;
  if (!/"[ \t\r\n]+:/.test(text)) return count;
  // Some names are followed by white space before the colon: count them all with a pattern.
  const pattern = /"[ \t\r\n]*:/g;
  count = 0;
  while (pattern.exec(text) !== null) count++;
  return count;
}

const UPPER = /[A-Z]/;

/** Members of every object in a parsed value, and whether any member name has an upper-case letter. */
function inspectParsedKeys(value: unknown, facts: { count: number; upper: boolean }): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) inspectParsedKeys(value[i], facts);
    return;
  }
  for (const k in value) {
    facts.count++;
    if (!facts.upper && UPPER.test(k)) facts.upper = true;
    inspectParsedKeys((value as Record<string, unknown>)[k], facts);
  }
}

/**
 * Trees known to have only lower-case member names (recorded when the fast
 * path walks them anyway), so readers can skip case-insensitive lookups.
 */
export const lowerCaseKeyTrees = new WeakSet<object>();

/**
 * Whether valid JSON `text` (parsed as `value`) may repeat a member name:
 * false only when the members that survived parsing are as many as the
 * upper bound of those written, which proves no name was repeated. A true
 * answer sends the text through the full parser, which decides exactly.
 */
export function hasDuplicateKeys(text: string, value: unknown = JSON.parse(text)): boolean {
  const facts = { count: 0, upper: false };
  inspectParsedKeys(value, facts);
  if (!facts.upper && typeof value === 'object' && value !== null) lowerCaseKeyTrees.add(value);
  return countKeyEndings(text) !== facts.count;
}

/** Same result as parseJson(text, file), with the locations built lazily when it is safe to. */
export function parseJsonDeferred(text: string, file: string): ParsedDocument {
  if (text.charCodeAt(0) === 0xfeff) return parseJson(text, file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJson(text, file);
  }
  if (hasDuplicateKeys(text, value)) return parseJson(text, file);
  return { value, locations: new DeferredLocationMap(() => parseJson(text, file).locations) };
}
