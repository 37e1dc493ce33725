/**
 * Wildcard `del` and same-depth `move` (renames) run directly on the data,
 * for generated flatmap code. Each helper first collects every match and
 * checks that the plain data can express the result exactly (no array
 * element removed or renamed, no key collision); if not, it changes nothing
 * and returns FLATMAP_FALLBACK, and the caller continues with `flatmapTree`.
 */

import { hasKey, isEmpty, isObject, own, setKey } from './types.ts';
import type { Data, JsonValue } from './types.ts';

/** Returned by the helpers below when the operation must run on the labelled tree instead. */
export const FLATMAP_FALLBACK: unique symbol = Symbol('flatmap fallback');

const WILDCARD = '*';

/** Index named by a path segment when it can label an array element, else -1. */
export function indexLabel(segment: string): number {
  if (!/^(?:0|[1-9][0-9]{0,14})$/.test(segment)) return -1;
  return Number(segment);
}

/** The child of a container under a path segment (object key or array index label), or undefined. */
export function childOf(node: JsonValue | undefined, segment: string): JsonValue | undefined {
  if (Array.isArray(node)) {
    const index = indexLabel(segment);
    return index >= 0 && index < node.length ? node[index] : undefined;
  }
  return isObject(node) ? own(node, segment) : undefined;
}

/** Replaces the child of a container under a segment (used to turn an emptied child into null). */
function replaceChild(parent: Data | JsonValue[], segment: string | number, value: JsonValue): void {
  if (Array.isArray(parent)) parent[segment as number] = value;
  else setKey(parent, segment as string, value);
}

function isNonEmptyContainer(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isObject(value) && !isEmpty(value);
}

interface Link {
  parent: Data | JsonValue[] | null;
  key: string | number;
  node: JsonValue;
}

/** `del` with wildcards on plain data; returns the new root (null when emptied) or FLATMAP_FALLBACK. */
export function flatmapDelPlain(root: Data, path: readonly string[]): Data | null | typeof FLATMAP_FALLBACK {
  const deletions: Array<{ link: Link; key: string }> = [];
  const clears: Link[] = [];
  const pending: Array<{ link: Link; i: number }> = [{ link: { parent: null, key: '', node: root }, i: 0 }];
  while (pending.length > 0) {
    const { link, i } = pending.pop()!;
    const node = link.node;
    if (!isNonEmptyContainer(node)) continue; // a leaf: nothing below it
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (segment === WILDCARD) {
      if (last) {
        if (Array.isArray(node)) return FLATMAP_FALLBACK;
        clears.push(link);
        continue;
      }
      if (Array.isArray(node)) for (let k = 0; k < node.length; k++) pending.push({ link: { parent: node, key: k, node: node[k]! }, i: i + 1 });
      else for (const key of Object.keys(node as Data)) pending.push({ link: { parent: node as Data, key, node: (node as Data)[key]! }, i: i + 1 });
      continue;
    }
    if (Array.isArray(node)) {
      const index = indexLabel(segment);
      if (index < 0 || index >= node.length) continue;
      if (last) return FLATMAP_FALLBACK; // removing an element would shift the others' labels
      pending.push({ link: { parent: node, key: index, node: node[index]! }, i: i + 1 });
      continue;
    }
    const object = node as Data;
    if (!hasKey(object, segment)) continue;
    if (last) deletions.push({ link, key: segment });
    else pending.push({ link: { parent: object, key: segment, node: object[segment]! }, i: i + 1 });
  }
  let result: Data | null = root;
  for (const { link, key } of deletions) {
    const object = link.node as Data;
    delete object[key];
    if (isEmpty(object)) {
      if (link.parent === null) result = null;
      else replaceChild(link.parent, link.key, null);
    }
  }
  for (const link of clears) {
    if (link.parent === null) result = null;
    else replaceChild(link.parent, link.key, null);
  }
  return result;
}

/**
 * `move` between paths of the same length whose source has wildcards: the
 * last segment of every match is renamed to `newLabel`. Returns the root or
 * FLATMAP_FALLBACK.
 */
export function flatmapRenamePlain(root: Data, path: readonly string[], newLabel: string): Data | typeof FLATMAP_FALLBACK {
  let nodes: Array<JsonValue | undefined> = [root];
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    const next: JsonValue[] = [];
    for (const node of nodes) {
      if (segment === WILDCARD) {
        if (Array.isArray(node)) next.push(...node);
        else if (isObject(node)) for (const key of Object.keys(node)) next.push(node[key]!);
      } else {
        const child = childOf(node, segment);
        if (child !== undefined) next.push(child);
      }
    }
    nodes = next;
  }
  const label = path[path.length - 1]!;
  if (label === newLabel) return root;
  const renames: Data[] = [];
  for (const node of nodes) {
    if (Array.isArray(node)) {
      const index = label === WILDCARD ? -1 : indexLabel(label);
      if (index >= 0 && index < node.length) return FLATMAP_FALLBACK;
    } else if (isObject(node) && hasKey(node, label)) {
      if (hasKey(node, newLabel)) return FLATMAP_FALLBACK;
      renames.push(node);
    }
  }
  for (const node of renames) {
    setKey(node, newLabel, node[label]!);
    delete node[label];
  }
  return root;
}
