/**
 * Merging the responses of several backends (parallel: in arrival order;
 * sequential: in backend order). Top-level keys are copied over the first
 * response that carried data, later ones overwriting earlier ones; there is
 * no deep merge. The merged response is complete only when every backend
 * answered, each answer was complete and carried data, and nothing failed.
 */

import { setKey } from './types.ts';
import type { Data } from './types.ts';

/** One backend's outcome as the merger sees it. */
export interface BackendResult {
  data: Data | null;
  complete: boolean;
}

/** What a merge produced: the response (null when no backend answered) and the failures. */
export interface MergeResult {
  response: BackendResult | null;
  errors: Error[];
  /** The failures' messages joined with newlines (the text of the merged error), or null. */
  errorText: string | null;
}

/** Copies every top-level key of `source` over `target`. */
export function mergeInto(target: Data, source: Data): void {
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i++) setKey(target, keys[i]!, source[keys[i]!]!);
}

/** Combines two answers the way the default combiner does (the first one carrying data is the base). */
export function combineResults(first: BackendResult, second: BackendResult): BackendResult {
  let complete = true;
  let base: BackendResult | null = null;
  for (const part of [first, second]) {
    if (part.data === null) {
      complete = false;
      continue;
    }
    complete = complete && part.complete;
    if (base === null) base = part;
    else mergeInto(base.data!, part.data);
  }
  if (base === null) return { data: {}, complete };
  base.complete = complete;
  return base;
}

/** Collects backend answers and failures one at a time, as they arrive. */
export class MergeAccumulator {
  private pending: number;
  private current: BackendResult | null = null;
  private readonly errors: Error[] = [];

  /** `total` is the number of backends taking part. */
  constructor(total: number) {
    this.pending = total;
  }

  /** A backend answered. */
  add(data: Data | null, complete: boolean): void {
    this.pending--;
    const result = { data, complete };
    this.current = this.current === null ? result : combineResults(this.current, result);
  }

  /** A backend failed. */
  fail(error: Error): void {
    this.pending--;
    this.errors.push(error);
    if (this.current !== null) this.current.complete = false;
  }

  /** The merged outcome; backends that never reported count as missing (the response is then incomplete). */
  result(): MergeResult {
    const errorText = this.errors.length === 0 ? null : this.errors.map((e) => e.message).join('\n');
    if (this.current === null) return { response: null, errors: this.errors, errorText };
    if (this.pending !== 0 || this.errors.length !== 0) this.current.complete = false;
    return { response: this.current, errors: this.errors, errorText };
  }
}
