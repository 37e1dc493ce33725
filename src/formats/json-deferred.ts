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

/** Number of object members written in valid JSON `text`: strings followed by a colon. */
function countWrittenKeys(text: string): number {
  let count = 0;
  let i = text.indexOf('"');
  const n = text.length;
  while (i !== -1) {
    let j = text.indexOf('"', i + 1);
    while (j !== -1 && text.charCodeAt(j - 1) === 92) {
      let backslashes = 1;
      while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      j = text.indexOf('"', j + 1);
    }
    if (j === -1) return count;
    let k = j + 1;
    while (k < n) {
      const w = text.charCodeAt(k);
      if (w !== 32 && w !== 9 && w !== 10 && w !== 13) break;
      k++;
    }
    if (text.charCodeAt(k) === 58) count++;
    i = text.indexOf('"', k);
  }
  return count;
}

/** Number of members of every object in a parsed value. */
function countParsedKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const v of value) count += countParsedKeys(v);
    return count;
  }
  for (const k in value) {
    count++;
    count += countParsedKeys((value as Record<string, unknown>)[k]);
  }
  return count;
}

/**
 * Whether some object of valid JSON `text` (parsed as `value`) repeats a
 * member name: then fewer members survive parsing than are written.
 */
export function hasDuplicateKeys(text: string, value: unknown = JSON.parse(text)): boolean {
  return countWrittenKeys(text) !== countParsedKeys(value);
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
