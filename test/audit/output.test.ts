import { describe, expect, it } from 'vitest';
import { AUDIT_RULES } from '../../rules/index.ts';
import type { Recommendation } from '../../src/audit/engine.ts';
import { auditJson } from '../../src/audit/output/json.ts';
import { artifactUri, auditSarif, sarifLevel } from '../../src/audit/output/sarif.ts';
import { formatRecommendations } from '../../src/audit/output/text.ts';
import { painter } from '../../src/diagnostics/format.ts';
import { validateSarif } from './sarif-schema.ts';

const rec = (rule: string, places: Recommendation['places']): Recommendation => {
  const r = AUDIT_RULES.find((x) => x.id === rule)!;
  return { rule, severity: r.severity, message: r.message, places };
};

const FOUND: Recommendation[] = [
  rec('1.2.1', [{ pointer: '/endpoints', span: { file: '/srv/project/krakend.json', line: 4, column: 3 } }]),
  rec('2.2.3', [
    { pointer: '/endpoints/0/input_headers', span: { file: '/srv/project/config/my endpoints.json', line: 12, column: 7 } },
    { pointer: '/endpoints/2/input_headers', span: { file: '/elsewhere/shared.json', line: 3, column: 1 } },
  ]),
  rec('5.2.2', [{ pointer: '/endpoints' }]),
];
const MSG = (id: string) => AUDIT_RULES.find((x) => x.id === id)!.message;

describe('default text output', () => {
  it('prints KrakenD\'s line format without colour', () => {
    expect(formatRecommendations(FOUND, painter(false))).toBe(
      `1.2.1\t[HIGH]   \t${MSG('1.2.1')}\n2.2.3\t[HIGH]   \t${MSG('2.2.3')}\n5.2.2\t[LOW]   \t${MSG('5.2.2')}\n`,
    );
  });

  it('colours only the severity', () => {
    const out = formatRecommendations([FOUND[2]!], painter(true));
    expect(out).toBe(`5.2.2\t[\u001b[32m\u001b[1mLOW\u001b[22m\u001b[39m]   \t${MSG('5.2.2')}\n`);
  });

  it('prints nothing when nothing fires', () => {
    expect(formatRecommendations([], painter(true))).toBe('');
  });
});

describe('JSON output', () => {
  it('keeps KrakenD\'s shape and adds the places', () => {
    expect(auditJson(FOUND, '/srv/project')).toEqual({
      recommendations: [
        {
          rule: '1.2.1',
          severity: 'HIGH',
          message: MSG('1.2.1'),
          location: 'krakend.json:4:3',
          file: 'krakend.json',
          line: 4,
          column: 3,
          pointer: '/endpoints',
          places: [{ pointer: '/endpoints', location: 'krakend.json:4:3', file: 'krakend.json', line: 4, column: 3 }],
        },
        {
          rule: '2.2.3',
          severity: 'HIGH',
          message: MSG('2.2.3'),
          location: 'config/my endpoints.json:12:7',
          file: 'config/my endpoints.json',
          line: 12,
          column: 7,
          pointer: '/endpoints/0/input_headers',
          places: [
            { pointer: '/endpoints/0/input_headers', location: 'config/my endpoints.json:12:7', file: 'config/my endpoints.json', line: 12, column: 7 },
            { pointer: '/endpoints/2/input_headers', location: '/elsewhere/shared.json:3:1', file: '/elsewhere/shared.json', line: 3, column: 1 },
          ],
        },
        { rule: '5.2.2', severity: 'LOW', message: MSG('5.2.2'), pointer: '/endpoints', places: [{ pointer: '/endpoints' }] },
      ],
      stats: {},
    });
  });

  it('gives an empty list when nothing fires', () => {
    expect(JSON.stringify(auditJson([], '/w'))).toBe('{"recommendations":[],"stats":{}}');
  });
});

describe('SARIF output', () => {
  const validate = validateSarif;

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = auditSarif(FOUND, { rules: AUDIT_RULES, cwd: '/srv/project', version: '1.2.3' });
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a broken log (the test can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('describes the tool, every rule and each result with its lines', () => {
    const log = auditSarif(FOUND, { rules: AUDIT_RULES, cwd: '/srv/project', version: '1.2.3' }) as {
      runs: { tool: { driver: Record<string, unknown> & { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[];
    };
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('kd');
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(AUDIT_RULES.map((r) => r.id));
    expect(run.tool.driver.rules[2]).toMatchObject({
      id: '1.2.1',
      shortDescription: { text: MSG('1.2.1') },
      defaultConfiguration: { level: 'error' },
      help: { text: AUDIT_RULES[2]!.help },
    });
    expect(run.results).toEqual([
      {
        ruleId: '1.2.1',
        ruleIndex: 2,
        level: 'error',
        message: { text: MSG('1.2.1') },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: 'krakend.json' }, region: { startLine: 4, startColumn: 3 } },
            properties: { pointer: '/endpoints' },
          },
        ],
        properties: { severity: 'HIGH', pointers: ['/endpoints'] },
      },
      {
        ruleId: '2.2.3',
        ruleIndex: 11,
        level: 'error',
        message: { text: MSG('2.2.3') },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: 'config/my%20endpoints.json' }, region: { startLine: 12, startColumn: 7 } },
            properties: { pointer: '/endpoints/0/input_headers' },
          },
          {
            physicalLocation: { artifactLocation: { uri: 'file:///elsewhere/shared.json' }, region: { startLine: 3, startColumn: 1 } },
            properties: { pointer: '/endpoints/2/input_headers' },
          },
        ],
        properties: { severity: 'HIGH', pointers: ['/endpoints/0/input_headers', '/endpoints/2/input_headers'] },
      },
      {
        ruleId: '5.2.2',
        ruleIndex: 35,
        level: 'note',
        message: { text: MSG('5.2.2') },
        properties: { severity: 'LOW', pointers: ['/endpoints'] },
      },
    ]);
  });

  it('maps severities to levels', () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => sarifLevel(s as 'LOW'))).toEqual(['error', 'error', 'warning', 'note']);
  });

  it('writes artifact URIs relative to the working directory', () => {
    expect(artifactUri('/w/a/b#c.json', '/w')).toBe('a/b%23c.json');
    expect(artifactUri('/other/x.json', '/w')).toBe('file:///other/x.json');
  });
});
