/**
 * ajv reports a failed anyOf/oneOf as the errors of every branch followed by
 * one error for the combinator itself. This groups them back together so each
 * failure becomes one message about its most specific cause.
 */
import type { ErrorObject } from 'ajv';

/** A failed anyOf/oneOf and the errors of each of its branches (by branch index). */
export interface CombinatorFailure {
  kind: 'combinator';
  error: ErrorObject;
  branches: Map<number, LintItem[]>;
}

export interface SingleError {
  kind: 'error';
  error: ErrorObject;
}

export type LintItem = SingleError | CombinatorFailure;

const COMBINATORS = new Set(['anyOf', 'oneOf']);

/** True when `pointer` is `base` or lies under it. */
function within(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(base + '/');
}

function schemaPathOf(item: LintItem): string {
  return item.error.schemaPath ?? '';
}

/** The index of the branch of `combinator` (a schemaPath) that `path` lies in, or -1. */
function branchIndex(combinator: string, path: string): number {
  if (combinator === '' || !path.startsWith(combinator + '/')) return -1;
  const rest = path.slice(combinator.length + 1);
  const m = /^(\d+)(\/|$)/.exec(rest);
  return m ? Number(m[1]) : -1;
}

/** Errors in ajv's order → top-level items, with branch errors folded into their combinator. */
export function groupErrors(errors: readonly ErrorObject[]): LintItem[] {
  const items: LintItem[] = [];
  for (const error of errors) {
    if (!COMBINATORS.has(error.keyword)) {
      items.push({ kind: 'error', error });
      continue;
    }
    const failure: CombinatorFailure = { kind: 'combinator', error, branches: new Map() };
    // Its branch errors are the ones just before it, inside its schemaPath and instance.
    let start = items.length;
    while (start > 0) {
      const prev = items[start - 1]!;
      const index = branchIndex(error.schemaPath ?? '', schemaPathOf(prev));
      if (index < 0 || !within(prev.error.instancePath, error.instancePath)) break;
      start--;
    }
    for (const item of items.splice(start)) {
      const index = branchIndex(error.schemaPath ?? '', schemaPathOf(item));
      const list = failure.branches.get(index) ?? [];
      list.push(item);
      failure.branches.set(index, list);
    }
    items.push(failure);
  }
  return items;
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

function deepest(items: readonly LintItem[]): number {
  return Math.max(...items.map((i) => depth(i.error.instancePath)));
}

/**
 * The branch that explains the failure best: the one whose errors reach
 * deepest into the value (it matched the most), then the one with fewest errors.
 */
export function bestBranch(failure: CombinatorFailure): LintItem[] {
  let best: LintItem[] = [];
  let bestScore = [-1, Infinity];
  for (const [, items] of [...failure.branches].sort((a, b) => a[0] - b[0])) {
    const score = [deepest(items), items.length];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! < bestScore[1]!)) {
      best = items;
      bestScore = score;
    }
  }
  return best;
}

/** Every plain error of a failure's branches, flattened. */
export function branchErrors(failure: CombinatorFailure): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const items of failure.branches.values()) {
    for (const item of items) {
      if (item.kind === 'error') out.push(item.error);
      else out.push(...branchErrors(item));
    }
  }
  return out;
}
