/**
 * The default output, byte for byte KrakenD's default format: one line per
 * recommendation, `RULE<TAB>[SEVERITY]<3 spaces><TAB>MESSAGE`, the severity
 * coloured only when colour is on.
 */
import type { ChalkInstance } from 'chalk';
import type { AuditSeverity } from '../rule.ts';
import type { Recommendation } from '../engine.ts';

/** The template the default output is equivalent to (what `-f` replaces). */
export const DEFAULT_FORMAT = '{{ range .Recommendations }}{{.Rule}}\t[{{colored .Severity}}]   \t{{.Message}}\n{{ end }}';

/** A severity in its colour: LOW green, MEDIUM yellow, HIGH red, CRITICAL on red; all bold. */
export function colorSeverity(severity: string, c: ChalkInstance): string {
  switch (severity as AuditSeverity) {
    case 'LOW':
      return c.green.bold(severity);
    case 'MEDIUM':
      return c.yellow.bold(severity);
    case 'HIGH':
      return c.red.bold(severity);
    case 'CRITICAL':
      return c.bgRed.bold(severity);
    default:
      return severity;
  }
}

/** The default output for `recommendations` (empty when there are none). */
export function formatRecommendations(recommendations: readonly Recommendation[], c: ChalkInstance): string {
  return recommendations.map((r) => `${r.rule}\t[${colorSeverity(r.severity, c)}]   \t${r.message}\n`).join('');
}
