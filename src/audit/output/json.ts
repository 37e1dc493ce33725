/**
 * `kd audit --output json`: KrakenD's JSON shape (`recommendations` and
 * `stats`) with each recommendation's place in the source added.
 */
import type { AuditPlace, Recommendation } from '../engine.ts';
import { displayPath, spanText } from './places.ts';

export interface JsonPlace {
  /** JSON pointer into the config tree. */
  pointer: string;
  /** `file:line:col`, when known. */
  location?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface JsonRecommendation extends JsonPlace {
  rule: string;
  severity: string;
  message: string;
  /** Every place the rule fired at; the first is repeated at the top level. */
  places: JsonPlace[];
}

export interface JsonReport {
  recommendations: JsonRecommendation[];
  stats: Record<string, never>;
}

function jsonPlace(place: AuditPlace, cwd: string): JsonPlace {
  const out: JsonPlace = { pointer: place.pointer };
  if (place.span) {
    out.location = spanText(place.span, cwd);
    out.file = displayPath(place.span.file, cwd);
    out.line = place.span.line;
    out.column = place.span.column;
  }
  return out;
}

/** The JSON document for `recommendations`; file names relative to `cwd`. */
export function auditJson(recommendations: readonly Recommendation[], cwd: string): JsonReport {
  return {
    recommendations: recommendations.map((r) => {
      const places = r.places.map((p) => jsonPlace(p, cwd));
      const { pointer, ...where } = places[0] ?? { pointer: '' };
      return { rule: r.rule, severity: r.severity, message: r.message, ...where, pointer, places };
    }),
    stats: {},
  };
}
