/**
 * Reading the audit's filters: the severity list (`-s`), ignored rule ids
 * (`-i`) and the ignore file (`-I`). Parsing reports bad entries instead of
 * dropping them; the command decides they are usage errors.
 */
import { AUDIT_SEVERITIES, RULE_ID_PATTERN, isAuditSeverity, type AuditSeverity } from './rule.ts';

export interface SeverityList {
  severities: AuditSeverity[];
  /** Entries that are not one of CRITICAL, HIGH, MEDIUM, LOW (compared case-sensitively). */
  unknown: string[];
}

/** The default `-s`: every severity. */
export const DEFAULT_SEVERITIES: readonly AuditSeverity[] = AUDIT_SEVERITIES;

function commaList(text: string): string[] {
  return text
    .replace(/ /g, '')
    .split(',')
    .filter((item) => item !== '');
}

/** `-s CRITICAL,HIGH`: spaces removed, empty entries skipped, exact upper-case names. */
export function parseSeverityList(text: string): SeverityList {
  const severities: AuditSeverity[] = [];
  const unknown: string[] = [];
  for (const item of commaList(text)) {
    if (isAuditSeverity(item)) severities.push(item);
    else unknown.push(item);
  }
  return { severities, unknown };
}

export interface IgnoreList {
  ids: string[];
  /** Entries that are not rule ids of the form `x.y.z`. */
  invalid: string[];
}

/** `-i 1.1.1,2.2.1`: spaces removed, empty entries skipped, each entry an `x.y.z` id. */
export function parseIgnoreList(text: string): IgnoreList {
  const ids: string[] = [];
  const invalid: string[] = [];
  for (const item of commaList(text)) (RULE_ID_PATTERN.test(item) ? ids : invalid).push(item);
  return { ids, invalid };
}

export interface IgnoreFile {
  ids: string[];
  /** Lines that are not rule ids, with their 1-based line number and text as written (trimmed). */
  invalid: { line: number; text: string }[];
}

/**
 * An ignore file: one rule id a line, empty lines skipped. Spaces anywhere
 * on a line are removed, as KrakenD does. Unlike KrakenD, a carriage return
 * is removed too: KrakenD keeps the `\r` of a file saved with Windows line
 * endings, so none of its ids match and the file silently ignores nothing;
 * kd reads such a file as intended. Any other line that is not an `x.y.z` id
 * is reported.
 */
export function parseIgnoreFile(text: string): IgnoreFile {
  const ids: string[] = [];
  const invalid: { line: number; text: string }[] = [];
  text.split('\n').forEach((raw, index) => {
    const item = raw.replace(/[ \r]/g, '');
    if (item === '') return;
    if (RULE_ID_PATTERN.test(item)) ids.push(item);
    else invalid.push({ line: index + 1, text: raw.trim() });
  });
  return { ids, invalid };
}
