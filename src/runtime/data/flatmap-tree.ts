/**
 * Flatmap operations (`proxy.flatmap_filter`) on a labelled tree, the model
 * KrakenD's flatmap library works on:
 * - every object key and array index is an edge label; array elements keep
 *   the label of their original index, so after deleting `a.0`, `a.1` still
 *   names the element that was second;
 * - `*` matches every edge; other segments match the first edge with that
 *   label;
 * - a node whose children were all removed reads back as null, while an
 *   object or array that was empty from the start stays empty;
 * - `del` removes the matched edges; `move` renames the last segment when
 *   both paths have the same length, moves the match up under the
 *   destination's deepest existing ancestor when the destination is
 *   shorter (`*` in the destination takes the label matched in the source),
 *   and nests it under new intermediate objects, starting from the source's
 *   parent, when the destination is longer; `append` concatenates two arrays
 *   into the destination and removes the source.
 * Generated code runs fixed-path operations directly on the data and hands
 * over to this model (for the remaining operations) when an operation needs
 * it: wildcard moves and appends, array elements moved or removed, or a key
 * collision.
 *
 * Where KrakenD's result depends on Go's random map order (two entries
 * ending up under the same key), the entry moved or renamed last wins.
 */

import { isObject, setKey } from './types.ts';
import type { Data, JsonValue } from './types.ts';

/** One flatmap operation with its paths already split at dots. */
export interface FlatmapStep {
  type: string;
  args: string[][];
}

interface TreeNode {
  /** The leaf value; for an object or array that was empty from the start, that empty container. */
  value: JsonValue;
  isCollection: boolean;
  edges: TreeEdge[];
}

interface TreeEdge {
  label: string;
  node: TreeNode;
}

const WILDCARD = '*';

/** Runs `steps[from..]` on the data and returns the result (null when the root was emptied). */
export function flatmapTree(data: Data | null, steps: readonly FlatmapStep[], from = 0): Data | null {
  if (data === null) return null;
  const root = newNode();
  fill(root, data);
  for (let i = from; i < steps.length; i++) applyStep(root, steps[i]!);
  const out = expand(root);
  return isObject(out) ? out : null;
}

function applyStep(root: TreeNode, step: FlatmapStep): void {
  switch (step.type) {
    case 'move':
      if (step.args.length >= 2) move(root, step.args[0]!, step.args[1]!);
      return;
    case 'append':
      if (step.args.length >= 2) append(root, step.args[0]!, step.args[1]!);
      return;
    case 'del':
      for (const path of step.args) del(root, path, 0);
      return;
    default:
      return;
  }
}

function newNode(): TreeNode {
  return { value: null, isCollection: false, edges: [] };
}

/** Loads a value into a node (adding to any children it already has). */
function fill(node: TreeNode, value: JsonValue): void {
  if (Array.isArray(value)) {
    node.isCollection = true;
    if (value.length === 0) node.value = value;
    else for (let i = 0; i < value.length; i++) add(node, [String(i)], 0, value[i]!);
  } else if (isObject(value)) {
    node.isCollection = false;
    const keys = Object.keys(value);
    if (keys.length === 0) node.value = value;
    else for (const key of keys) add(node, [key], 0, value[key]!);
  } else {
    node.isCollection = false;
    node.value = value;
  }
}

function add(node: TreeNode, path: readonly string[], i: number, value: JsonValue): void {
  if (i === path.length) {
    fill(node, value);
    return;
  }
  for (const edge of node.edges) {
    if (edge.label === path[i]) {
      add(edge.node, path, i + 1, value);
      return;
    }
  }
  const child = newNode();
  node.edges.push({ label: path[i]!, node: child });
  add(child, path, i + 1, value);
}

function del(node: TreeNode, path: readonly string[], i: number): void {
  if (i >= path.length || node.edges.length === 0) return;
  const segment = path[i]!;
  const last = i === path.length - 1;
  if (segment === WILDCARD) {
    if (last) node.edges = [];
    else for (const edge of node.edges) del(edge.node, path, i + 1);
    return;
  }
  for (let j = 0; j < node.edges.length; j++) {
    const edge = node.edges[j]!;
    if (edge.label !== segment) continue;
    if (last) node.edges.splice(j, 1);
    else del(edge.node, path, i + 1);
    return;
  }
}

/** The expanded value at a path (`*` collects every match into a list); null when absent. */
function get(node: TreeNode, path: readonly string[], i: number): JsonValue {
  if (i === path.length) return expand(node);
  if (node.edges.length === 0) return null;
  const segment = path[i]!;
  if (segment === WILDCARD) return node.edges.map((edge) => get(edge.node, path, i + 1));
  for (const edge of node.edges) if (edge.label === segment) return get(edge.node, path, i + 1);
  return null;
}

function expand(node: TreeNode): JsonValue {
  if (node.edges.length === 0) return node.value;
  if (node.isCollection) return node.edges.map((edge) => expand(edge.node));
  const out: Data = {};
  for (const edge of node.edges) setKey(out, edge.label, expand(edge.node));
  return out;
}

interface Candidate {
  node: TreeNode;
  path: string[];
}

function move(root: TreeNode, src: readonly string[], dst: readonly string[]): void {
  const depth = src.length;
  let parents: Candidate[] = [{ node: root, path: [] }];
  for (let i = 0; i < depth - 1; i++) {
    const segment = src[i]!;
    const next: Candidate[] = [];
    for (const candidate of parents) {
      for (const edge of candidate.node.edges) {
        if (segment === WILDCARD || edge.label === segment) {
          next.push({ node: edge.node, path: [...candidate.path, edge.label] });
          if (segment !== WILDCARD) break;
        }
      }
    }
    parents = next;
  }
  const label = src[depth - 1]!;
  const relabel = depth === dst.length;
  const moved: Array<{ from: Candidate; edge: TreeEdge }> = [];
  for (const candidate of parents) {
    const edges = candidate.node.edges;
    const j = edges.findIndex((edge) => edge.label === label);
    if (j < 0) continue;
    const edge = edges[j]!;
    if (relabel) {
      edge.label = dst[depth - 1]!;
      if (!candidate.node.isCollection) {
        // the renamed entry wins over an entry already holding the new name
        edges.splice(j, 1);
        edges.push(edge);
      }
      continue;
    }
    edges.splice(j, 1);
    moved.push({ from: candidate, edge });
  }
  if (relabel) return;
  if (depth > dst.length) promote(root, moved, dst);
  else embed(moved, dst.slice(depth - 1));
}

function promote(root: TreeNode, moved: Array<{ from: Candidate; edge: TreeEdge }>, dst: readonly string[]): void {
  for (const { from, edge } of moved) {
    let parent = root;
    for (let i = 0; i < dst.length - 1; i++) {
      const label = dst[i] === WILDCARD ? from.path[i]! : dst[i]!;
      const found = parent.edges.find((e) => e.label === label);
      if (found === undefined) break;
      parent = found.node;
    }
    edge.label = dst[dst.length - 1]!;
    parent.edges.push(edge);
  }
}

function embed(moved: Array<{ from: Candidate; edge: TreeEdge }>, rest: readonly string[]): void {
  for (const { from, edge } of moved) {
    let node = from.node;
    for (let i = 0; i < rest.length - 1; i++) {
      const found = node.edges.find((e) => e.label === rest[i]);
      if (found !== undefined) {
        node = found.node;
        continue;
      }
      const child = newNode();
      node.edges.push({ label: rest[i]!, node: child });
      node = child;
    }
    edge.label = rest[rest.length - 1]!;
    node.edges.push(edge);
  }
}

function append(root: TreeNode, src: readonly string[], dst: readonly string[]): void {
  const source = get(root, src, 0);
  if (!Array.isArray(source)) return;
  const target = get(root, dst, 0);
  if (!Array.isArray(target)) return;
  del(root, src, 0);
  del(root, dst, 0);
  add(root, dst, 0, [...target, ...source]);
}
