/**
 * The static proxy (`proxy.static`): when its strategy matches the pipe's
 * outcome, the configured data keys are copied over the response (static
 * wins), creating an incomplete response when there was none. Any error is
 * kept by the caller, so a response with static data renders as a partial
 * success.
 */

import { setKey } from './types.ts';
import type { Data } from './types.ts';
import type { BackendResult } from './merge.ts';

export type StaticStrategy = 'always' | 'success' | 'errored' | 'complete' | 'incomplete';

const STRATEGIES = new Set<string>(['always', 'success', 'errored', 'complete', 'incomplete']);

/** The strategy named in the configuration; a missing, non-string or unknown name means `always`. */
export function staticStrategy(name: unknown): StaticStrategy {
  return typeof name === 'string' && STRATEGIES.has(name) ? (name as StaticStrategy) : 'always';
}

/** Whether the strategy applies to an outcome (`failed`: the pipe returned an error). */
export function staticMatches(strategy: StaticStrategy, response: BackendResult | null, failed: boolean): boolean {
  switch (strategy) {
    case 'always':
      return true;
    case 'success':
      return !failed;
    case 'errored':
      return failed;
    case 'complete':
      return !failed && response !== null && response.complete;
    case 'incomplete':
      return response === null || !response.complete;
  }
}

/**
 * Applies the static data when the strategy matches and returns the
 * resulting response (the same object, updated, or a new incomplete one).
 * Static values are shared between requests: treat them as read-only.
 */
export function applyStatic(
  strategy: StaticStrategy,
  staticData: Data,
  response: BackendResult | null,
  failed: boolean,
): BackendResult | null {
  if (!staticMatches(strategy, response, failed)) return response;
  const result: BackendResult = response ?? { data: null, complete: false };
  if (result.data === null) result.data = {};
  const keys = Object.keys(staticData);
  for (let i = 0; i < keys.length; i++) setKey(result.data, keys[i]!, staticData[keys[i]!]!);
  return result;
}
