/**
 * Running the audit: every rule in table order, skipping ignored ids and
 * severities not asked for, and turning each rule's JSON pointers into source
 * locations. Filtering never reorders the result.
 */
import type { SourceSpan } from '../diagnostics/diagnostic.ts';
import { locate } from '../formats/types.ts';
import { AUDIT_RULES } from '../../rules/index.ts';
import type { AuditRule, AuditSeverity } from './rule.ts';
import { AuditSubject, type AuditInput } from './subject.ts';

export interface AuditFilter {
  /** Severities to report; rules of any other severity are not evaluated. Default: all four. */
  severities?: readonly string[];
  /** Rule ids not to evaluate. */
  ignore?: readonly string[];
}

/** One place in the configuration a recommendation comes from. */
export interface AuditPlace {
  /** JSON pointer into the config tree (`""` is the root). */
  pointer: string;
  /**
   * Where it is written: the member's key when the pointer names an object
   * member, the value otherwise; for a pointer to something missing, the
   * nearest enclosing value that is written. Absent without a location map.
   */
  span?: SourceSpan;
}

/** A rule that fired. */
export interface Recommendation {
  rule: string;
  severity: AuditSeverity;
  message: string;
  /** At least one place; the first is the main one. */
  places: AuditPlace[];
}

/** The rules that would be evaluated under `filter`, in table order. */
export function selectRules(filter: AuditFilter = {}, rules: readonly AuditRule[] = AUDIT_RULES): AuditRule[] {
  const severities = new Set<string>(filter.severities ?? ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
  const ignore = new Set(filter.ignore ?? []);
  return rules.filter((rule) => !ignore.has(rule.id) && severities.has(rule.severity));
}

/** Audits a model: the recommendations of every selected rule that fires, in table order. */
export function auditModel(input: AuditInput, filter: AuditFilter = {}, rules: readonly AuditRule[] = AUDIT_RULES): Recommendation[] {
  const subject = new AuditSubject(input);
  const out: Recommendation[] = [];
  for (const rule of selectRules(filter, rules)) {
    const pointers = [...new Set(rule.check(subject))];
    if (pointers.length === 0) continue;
    out.push({
      rule: rule.id,
      severity: rule.severity,
      message: rule.message,
      places: pointers.map((pointer) => {
        const span = input.locations ? locate(input.locations, pointer, 'key') : undefined;
        return span ? { pointer, span } : { pointer };
      }),
    });
  }
  return out;
}
