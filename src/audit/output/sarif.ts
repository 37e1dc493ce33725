/**
 * `kd audit --output sarif`: a SARIF 2.1.0 log, so code-scanning tools
 * (GitHub code scanning among them) can show each finding on its line.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditRule, AuditSeverity } from '../rule.ts';
import type { AuditPlace, Recommendation } from '../engine.ts';
import { displayPath } from './places.ts';

export type SarifLevel = 'error' | 'warning' | 'note';

/** CRITICAL and HIGH are errors, MEDIUM warnings, LOW notes. */
export function sarifLevel(severity: AuditSeverity): SarifLevel {
  return severity === 'CRITICAL' || severity === 'HIGH' ? 'error' : severity === 'MEDIUM' ? 'warning' : 'note';
}

/** The score GitHub code scanning maps back to critical / high / medium / low. */
const SECURITY_SEVERITY: Record<AuditSeverity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0' };

const HELP_URI = 'https://www.krakend.io/docs/configuration/audit/';

export interface SarifOptions {
  /** The rules to describe in `tool.driver.rules` (every rule a result refers to must be among them). */
  rules: readonly AuditRule[];
  /** Artifact URIs are written relative to this folder. */
  cwd: string;
  /** kd's version. */
  version: string;
}

/** An artifact URI: a relative reference for files under `cwd`, a `file:` URI otherwise. */
export function artifactUri(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  if (isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown.split('/').map(encodeURIComponent).join('/');
}

function sarifLocation(place: AuditPlace, cwd: string): object | undefined {
  if (!place.span) return undefined;
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(place.span.file, cwd) },
      region: { startLine: place.span.line, startColumn: place.span.column },
    },
    properties: { pointer: place.pointer },
  };
}

/** The SARIF log (as a plain object ready for JSON.stringify). */
export function auditSarif(recommendations: readonly Recommendation[], options: SarifOptions): object {
  const index = new Map(options.rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kd',
            version: options.version,
            rules: options.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.message },
              fullDescription: { text: rule.help },
              defaultConfiguration: { level: sarifLevel(rule.severity) },
              help: { text: rule.help },
              helpUri: HELP_URI,
              properties: { tags: ['security'], severity: rule.severity, 'security-severity': SECURITY_SEVERITY[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: recommendations.map((r) => {
          const locations = r.places.map((p) => sarifLocation(p, options.cwd)).filter((l) => l !== undefined);
          const result: Record<string, unknown> = {
            ruleId: r.rule,
            level: sarifLevel(r.severity),
            message: { text: r.message },
          };
          const ruleIndex = index.get(r.rule);
          if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
          if (locations.length > 0) result.locations = locations;
          result.properties = { severity: r.severity, pointers: r.places.map((p) => p.pointer) };
          return result;
        }),
      },
    ],
  };
}
