/**
 * Table tests for audit rules: `valid` configs must not fire the rule,
 * `invalid` configs must fire it at exactly the listed JSON pointers.
 */
import { describe, expect, it } from 'vitest';
import type { AuditRule } from '../../src/audit/rule.ts';
import { AuditSubject, type AuditInput } from '../../src/audit/subject.ts';
import { buildTestModel } from './model-factory.ts';

type Json = Record<string, unknown>;

export interface ValidCase {
  name: string;
  config: Json;
  /** Extra audit input (locations, config file, sources) for format-dependent rules. */
  input?: Omit<AuditInput, 'model'>;
}

export interface InvalidCase extends ValidCase {
  /** The pointers the rule must report, in order. */
  at: string[];
}

export function checkRule(rule: AuditRule, config: Json, input: Omit<AuditInput, 'model'> = {}): string[] {
  return rule.check(new AuditSubject({ model: buildTestModel(config), ...input }));
}

/** Declares the tests of one rule. */
export function testRule(rule: AuditRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    it('has an id, a severity, a message and help text', () => {
      expect(rule.id).toMatch(/^\d+\.\d+\.\d+$/);
      expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']).toContain(rule.severity);
      expect(rule.message.length).toBeGreaterThan(10);
      expect(rule.help.length).toBeGreaterThan(10);
    });
    for (const c of cases.valid) {
      it(`does not fire: ${c.name}`, () => {
        expect(checkRule(rule, c.config, c.input)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        expect(checkRule(rule, c.config, c.input)).toEqual(c.at);
      });
    }
  });
}

/** An endpoint with one GET backend and the given extra fields. */
export function endpoint(path: string, extra: Json = {}, backends: Json[] = [{ url_pattern: '/' }]): Json {
  return { endpoint: path, backend: backends, ...extra };
}
