/**
 * The shape of an audit rule. Rules live in `rules/` (one module per group)
 * and are plain data plus a `check` function over an {@link AuditSubject}.
 */
import type { AuditSubject } from './subject.ts';

/** Severities in KrakenD's spelling, most severe first. */
export const AUDIT_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

export interface AuditRule {
  /** KrakenD's rule id, `x.y.z`. */
  readonly id: string;
  readonly severity: AuditSeverity;
  /** One line printed with every finding of the rule. */
  readonly message: string;
  /** Why the rule exists and what to do about it (shown by code-scanning tools). */
  readonly help: string;
  /**
   * The places in the configuration that make the rule fire, as JSON pointers
   * into the config tree (`/endpoints/3/input_headers`,
   * `/extra_config/router`, or the object where something missing belongs,
   * such as `""` for the root). An empty list means the rule does not fire.
   */
  check(subject: AuditSubject): string[];
}

/** Checks that `value` is one of the four severities (case-sensitive, as KrakenD compares them). */
export function isAuditSeverity(value: string): value is AuditSeverity {
  return (AUDIT_SEVERITIES as readonly string[]).includes(value);
}

/** Rule ids are three dot-separated numbers. */
export const RULE_ID_PATTERN = /^\d+\.\d+\.\d+$/;
