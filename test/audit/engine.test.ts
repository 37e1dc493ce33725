import { describe, expect, it } from 'vitest';
import { AUDIT_RULES } from '../../rules/index.ts';
import { auditModel, selectRules } from '../../src/audit/engine.ts';
import type { LocationMap } from '../../src/formats/types.ts';
import { buildTestModel } from './model-factory.ts';

/** KrakenD's rule table: every id with its severity, in evaluation order. */
const RULE_TABLE = `
1.1.1 HIGH
1.1.2 MEDIUM
1.2.1 HIGH
2.1.1 HIGH
2.1.2 HIGH
2.1.3 CRITICAL
2.1.7 HIGH
2.1.8 HIGH
2.1.9 LOW
2.2.1 MEDIUM
2.2.2 HIGH
2.2.3 HIGH
2.2.4 HIGH
2.2.5 LOW
2.3.1 MEDIUM
3.1.1 LOW
3.1.2 HIGH
3.1.3 HIGH
3.3.1 LOW
3.3.2 MEDIUM
3.3.3 HIGH
3.3.4 CRITICAL
4.1.1 MEDIUM
4.1.2 MEDIUM
4.1.3 HIGH
4.2.1 MEDIUM
4.3.1 MEDIUM
5.1.1 LOW
5.1.2 LOW
5.1.3 LOW
5.1.4 LOW
5.1.5 MEDIUM
5.1.6 MEDIUM
5.1.7 MEDIUM
5.2.1 CRITICAL
5.2.2 LOW
5.2.3 LOW
6.1.1 LOW
7.1.1 HIGH
7.1.2 HIGH
7.1.3 HIGH
7.1.4 HIGH
7.1.5 HIGH
7.1.6 HIGH
7.1.7 HIGH
7.1.8 HIGH
7.1.9 HIGH
7.2.1 HIGH
7.2.2 HIGH
7.2.3 HIGH
7.2.4 HIGH
7.3.1 MEDIUM
`.trim();

/** A config that fires nothing at all. */
const CLEAN = {
  version: 3,
  name: 'clean',
  tls: { keys: [{ public_key: 'cert.pem', private_key: 'key.pem' }] },
  extra_config: {
    'security/http': {},
    router: { hide_version_header: true },
    'security/cors': {},
    'security/bot-detector': {},
    'qos/ratelimit/router': { max_rate: 10 },
    'telemetry/metrics': {},
    'telemetry/opentelemetry': { exporters: { otlp: [{ disable_metrics: true }] } },
    'telemetry/logging': {},
  },
  endpoints: [
    {
      endpoint: '/a',
      extra_config: { 'auth/validator': {}, 'qos/circuit-breaker': {} },
      backend: [{ url_pattern: '/1' }, { url_pattern: '/2' }],
    },
  ],
};

/** Every rule that fires for `config`. */
const ids = (config: Record<string, unknown>, filter = {}) => auditModel({ model: buildTestModel(config) }, filter).map((r) => r.rule);

describe('the rule table', () => {
  it('has every KrakenD rule with its severity, in order', () => {
    expect(AUDIT_RULES.map((r) => `${r.id} ${r.severity}`).join('\n')).toBe(RULE_TABLE);
  });

  it('writes messages that any quoted template field can hold (no double quote, backslash or HTML character)', () => {
    expect(AUDIT_RULES.filter((r) => /["\\<>&\n]/.test(r.message)).map((r) => r.id)).toEqual([]);
  });

  it('has one message per rule, none repeated', () => {
    expect(new Set(AUDIT_RULES.map((r) => r.message)).size).toBe(AUDIT_RULES.length);
  });
});

describe('auditModel', () => {
  it('finds nothing in a config that follows every recommendation', () => {
    expect(ids(CLEAN)).toEqual([]);
  });

  it('reports the vacuous rules for an empty config, in table order', () => {
    expect(ids({ version: 3 })).toEqual(['1.2.1', '2.1.2', '2.1.7', '2.2.1', '2.2.2', '3.1.1', '3.1.2', '3.1.3', '4.1.1', '4.2.1', '4.3.1', '5.2.2', '5.2.3']);
  });

  it('fires all four timeout rules for a 61s timeout', () => {
    expect(ids({ ...CLEAN, timeout: '61s' })).toEqual(['3.3.1', '3.3.2', '3.3.3', '3.3.4']);
  });

  it('filters by severity without reordering', () => {
    expect(ids({ ...CLEAN, timeout: '61s' }, { severities: ['CRITICAL', 'LOW'] })).toEqual(['3.3.1', '3.3.4']);
    expect(ids({ version: 3 }, { severities: ['MEDIUM'] })).toEqual(['2.2.1', '4.1.1', '4.2.1', '4.3.1']);
  });

  it('matches severities exactly: lower case selects nothing', () => {
    expect(ids({ version: 3 }, { severities: ['high'] })).toEqual([]);
  });

  it('skips ignored ids exactly', () => {
    expect(ids({ ...CLEAN, timeout: '61s' }, { ignore: ['3.3.2', '3.3', '3.3.4.1'] })).toEqual(['3.3.1', '3.3.3', '3.3.4']);
  });

  it('does not evaluate filtered-out rules', () => {
    const selected = selectRules({ severities: ['CRITICAL'], ignore: ['2.1.3'] }).map((r) => r.id);
    expect(selected).toEqual(['3.3.4', '5.2.1']);
  });

  it('locates each place through the location map (key first, nearest written ancestor otherwise)', () => {
    const span = (line: number, column: number) => ({ file: '/w/krakend.json', line, column });
    const locations: LocationMap = new Map([
      ['', { value: span(1, 1) }],
      ['/endpoints', { key: span(3, 3), value: span(3, 16) }],
      ['/endpoints/0', { value: span(4, 5) }],
      ['/endpoints/0/input_headers', { key: span(6, 7), value: span(6, 24) }],
    ]);
    const config = { ...CLEAN, endpoints: [{ ...CLEAN.endpoints[0], input_headers: ['*'] }], extra_config: { ...CLEAN.extra_config, 'security/cors': undefined } };
    delete (config.extra_config as Record<string, unknown>)['security/cors'];
    const found = auditModel({ model: buildTestModel(config), locations });
    expect(found).toEqual([
      { rule: '2.2.2', severity: 'HIGH', message: AUDIT_RULES.find((r) => r.id === '2.2.2')!.message, places: [{ pointer: '/extra_config', span: span(1, 1) }] },
      {
        rule: '2.2.3',
        severity: 'HIGH',
        message: AUDIT_RULES.find((r) => r.id === '2.2.3')!.message,
        places: [{ pointer: '/endpoints/0/input_headers', span: span(6, 7) }],
      },
    ]);
  });
});
