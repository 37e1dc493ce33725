/**
 * From a loaded config tree to the ServiceModel: KrakenD's defaults, duration
 * parsing, host sanitising, params and placeholders, and every check KrakenD
 * performs at start-up (errors) plus the likely mistakes it accepts (warnings).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LocationMap } from '../formats/types.ts';
import type { ServiceModel } from './types.ts';

export interface ModelResult {
  /** Undefined when the config has errors that prevent building a model. */
  model?: ServiceModel;
  diagnostics: Diagnostic[];
}

export function buildModel(_tree: Record<string, unknown>, _locations: LocationMap): ModelResult {
  throw new Error('buildModel is not implemented yet');
}
