import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_RULES } from '../../rules/index.ts';
import { kd, ROOT } from '../support/cli.ts';
import { validateSarif } from './sarif-schema.ts';

const FIX = 'fixtures/audit';
const INSECURE = `${FIX}/krakend-insecure.json`;
const CLEAN = `${FIX}/krakend-clean.json`;
const TOML = `${FIX}/krakend.toml`;
const YAML = `${FIX}/krakend-limits.yaml`;

const rule = (id: string) => AUDIT_RULES.find((r) => r.id === id)!;
/** KrakenD's default output lines for these ids. */
const lines = (ids: string[]) => ids.map((id) => `${id}\t[${rule(id).severity}]   \t${rule(id).message}\n`).join('');

const INSECURE_IDS = [
  '1.1.1', '1.1.2', '1.2.1', '2.1.1', '2.1.3', '2.1.7', '2.1.8', '2.1.9', '2.2.1', '2.2.2', '2.2.3', '2.2.4', '2.3.1',
  '3.1.1', '3.1.2', '3.1.3', '3.3.1', '3.3.2', '3.3.3', '3.3.4', '4.1.3', '4.3.1', '5.1.2', '5.1.3', '5.1.5', '5.1.6',
  '5.1.7', '7.1.1', '7.1.3', '7.2.3', '7.3.1',
];
const TOML_IDS = [
  '1.2.1', '2.1.2', '2.1.7', '2.2.1', '2.2.2', '3.1.1', '3.1.2', '3.1.3', '3.3.1', '3.3.2', '4.1.1', '4.2.1', '4.3.1', '5.1.3', '5.2.2',
];

const tmp = mkdtempSync(join(tmpdir(), 'kd-audit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kd audit: default output and exit codes', () => {
  it('prints every recommendation in table order and exits 1', () => {
    const r = kd(['audit', '-c', INSECURE]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(lines(INSECURE_IDS));
    expect(r.status).toBe(1);
  });

  it('prints nothing and exits 0 when nothing fires', () => {
    expect(kd(['audit', '--config', CLEAN])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reads YAML and TOML configs (YAML integer cache limits do not count)', () => {
    expect(kd(['audit', '-c', TOML]).stdout).toBe(lines(TOML_IDS));
    const yaml = kd(['audit', '-c', YAML, '-s', 'MEDIUM', '-f', '{{range .Recommendations}}{{.Rule}} {{.Location}}\n{{end}}']);
    expect(yaml.stdout).toBe(
      '2.2.1 fixtures/audit/krakend-limits.yaml:2:1\n2.3.1 fixtures/audit/krakend-limits.yaml:11:11\n4.1.1 fixtures/audit/krakend-limits.yaml:2:1\n' +
        '4.2.1 fixtures/audit/krakend-limits.yaml:2:1\n4.3.1 fixtures/audit/krakend-limits.yaml:2:1\n',
    );
  });

  it('colours the severity only when asked to (never without a terminal or with NO_COLOR)', () => {
    expect(kd(['audit', '-c', INSECURE, '-s', 'CRITICAL'], { env: { NO_COLOR: undefined } }).stdout).toBe(lines(['2.1.3', '3.3.4']));
    const forced = kd(['audit', '-c', INSECURE, '-s', 'CRITICAL'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout;
    expect(forced).toBe(
      `2.1.3\t[\u001b[41m\u001b[1mCRITICAL\u001b[22m\u001b[49m]   \t${rule('2.1.3').message}\n` +
        `3.3.4\t[\u001b[41m\u001b[1mCRITICAL\u001b[22m\u001b[49m]   \t${rule('3.3.4').message}\n`,
    );
  });
});

describe('kd audit: -s, -i and -I', () => {
  it('keeps only the chosen severities, in table order', () => {
    expect(kd(['audit', '-c', INSECURE, '-s', 'CRITICAL']).stdout).toBe(lines(['2.1.3', '3.3.4']));
    expect(kd(['audit', '-c', INSECURE, '--severity', 'LOW, CRITICAL']).stdout).toBe(
      lines(['2.1.3', '2.1.9', '3.1.1', '3.3.1', '3.3.4', '5.1.2', '5.1.3']),
    );
  });

  it('exits 0 when the filters leave nothing', () => {
    expect(kd(['audit', '-c', INSECURE, '-s', 'CRITICAL', '-i', '2.1.3,3.3.4'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('rejects unknown or lower-case severities (exit 2)', () => {
    const r = kd(['audit', '-c', INSECURE, '-s', 'critical,HIGH']);
    expect(r).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: unknown severity "critical" in -s/--severity: use CRITICAL, HIGH, MEDIUM or LOW (upper case, comma-separated)\n',
    });
  });

  it('ignores the listed ids, and ids of rules that do not exist', () => {
    const r = kd(['audit', '-c', TOML, '--ignore', '1.2.1, 3.3.1,3.3.2,9.9.9']);
    expect(r.stdout).toBe(lines(TOML_IDS.filter((id) => !['1.2.1', '3.3.1', '3.3.2'].includes(id))));
    expect(r.status).toBe(1);
  });

  it('rejects ignore entries that are not x.y.z ids (exit 2)', () => {
    expect(kd(['audit', '-c', TOML, '-i', '1.2.1,3.3'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: -i/--ignore: "3.3" is not a rule id (rule ids look like 2.2.1)\n',
    });
  });

  it('reads an ignore file and adds -i to it', () => {
    const expected = lines(TOML_IDS.filter((id) => !['4.1.1', '4.2.1', '4.3.1', '5.2.2'].includes(id)));
    expect(kd(['audit', '-c', TOML, '-I', `${FIX}/audit_ignore`, '-i', '5.2.2']).stdout).toBe(expected);
    expect(kd(['audit', '-c', TOML, '--ignore-file', `${FIX}/audit_ignore_crlf`, '-i', '5.2.2']).stdout).toBe(expected);
  });

  it('names the file and line of an ignore entry that is not an id (exit 2)', () => {
    expect(kd(['audit', '-c', TOML, '-I', `${FIX}/audit_ignore_bad`])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'kd: fixtures/audit/audit_ignore_bad:2: "# telemetry is handled by the platform" is not a rule id (rule ids look like 2.2.1, one a line)\n' +
        'fixtures/audit/audit_ignore_bad:3: "4.2.*" is not a rule id (rule ids look like 2.2.1, one a line)\n',
    });
  });

  it('reports an ignore file that cannot be read (exit 2)', () => {
    expect(kd(['audit', '-c', TOML, '-I', 'no-such-ignore-file'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: cannot read the ignore file no-such-ignore-file: no such file\n',
    });
  });
});

describe('kd audit -f', () => {
  it('renders the TOML example of the documentation', () => {
    const format = '{{range .Recommendations}}\n[[recommendation]]\n  rule = "{{.Rule}}"\n  message = "{{.Message}}"\n  severity = "{{.Severity}}"\n{{end}}';
    const r = kd(['audit', '-c', TOML, '-f', format]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      TOML_IDS.map((id) => `\n[[recommendation]]\n  rule = "${id}"\n  message = "${rule(id).message}"\n  severity = "${rule(id).severity}"\n`).join(''),
    );
    expect(parseToml(r.stdout)).toEqual({
      recommendation: TOML_IDS.map((id) => ({ rule: id, message: rule(id).message, severity: rule(id).severity })),
    });
  });

  it('prints KrakenD\'s JSON with {{ marshal . }}', () => {
    const r = kd(['audit', '-c', INSECURE, '-s', 'CRITICAL', '-f', '{{ marshal . }}']);
    expect(r.stdout).toBe(
      `{"recommendations":[{"rule":"2.1.3","severity":"CRITICAL","message":"${rule('2.1.3').message}"},` +
        `{"rule":"3.3.4","severity":"CRITICAL","message":"${rule('3.3.4').message}"}],"stats":{}}`,
    );
    expect(kd(['audit', '-c', CLEAN, '-f', '{{ marshal . }}'])).toEqual({ status: 0, stdout: '{"recommendations":[],"stats":{}}', stderr: '' });
  });

  it('offers colored, coloured only on request', () => {
    const format = '{{range .Recommendations}}{{colored .Severity}}{{end}}';
    expect(kd(['audit', '-c', INSECURE, '-s', 'LOW', '-i', '2.1.9,3.1.1,3.3.1,5.1.3', '-f', format]).stdout).toBe('LOW');
    expect(kd(['audit', '-c', INSECURE, '-s', 'LOW', '-i', '2.1.9,3.1.1,3.3.1,5.1.3', '-f', format], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } }).stdout).toBe(
      '\u001b[32m\u001b[1mLOW\u001b[22m\u001b[39m',
    );
  });

  it('reports a template that does not parse before reading the config (exit 2)', () => {
    expect(kd(['audit', '-c', 'no-such-config.json', '-f', '{{ range .Recommendations }'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: -f/--format: template: audit:1: unexpected "}" in operand\n',
    });
  });

  it('reports a template that fails (exit 2)', () => {
    expect(kd(['audit', '-c', CLEAN, '-f', '{{ .Recomendations }}'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: -f/--format: template: audit:1:3: executing "audit" at <.Recomendations>: can\'t evaluate field Recomendations in type audit.AuditResult\n',
    });
  });
});

describe('kd audit --output', () => {
  it('json: each recommendation with its place', () => {
    const r = kd(['audit', '-c', INSECURE, '-o', 'json', '-s', 'HIGH', '-i', '1.1.1,1.2.1,2.1.1,2.1.7,2.1.8,2.2.2,2.2.4,3.1.1,3.1.2,3.1.3,3.3.3,4.1.3,7.1.1,7.1.3,7.2.3']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      recommendations: [
        {
          rule: '2.2.3',
          severity: 'HIGH',
          message: rule('2.2.3').message,
          location: 'fixtures/audit/krakend-insecure.json:24:7',
          file: 'fixtures/audit/krakend-insecure.json',
          line: 24,
          column: 7,
          pointer: '/endpoints/0/input_headers',
          places: [
            {
              pointer: '/endpoints/0/input_headers',
              location: 'fixtures/audit/krakend-insecure.json:24:7',
              file: 'fixtures/audit/krakend-insecure.json',
              line: 24,
              column: 7,
            },
          ],
        },
      ],
      stats: {},
    });
  });

  it('json: an empty list and exit 0 when nothing fires', () => {
    expect(kd(['audit', '-c', CLEAN, '-o', 'json'])).toEqual({ status: 0, stdout: '{\n  "recommendations": [],\n  "stats": {}\n}\n', stderr: '' });
  });

  it('sarif: a valid SARIF 2.1.0 log with a region per finding, paths relative to the working directory', () => {
    const r = kd(['audit', '-c', 'krakend-insecure.json', '--output', 'sarif'], { cwd: join(ROOT, FIX) });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('kd');
    expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(INSECURE_IDS);
    const byId = (id: string) => run.results.find((x: { ruleId: string }) => x.ruleId === id);
    expect(byId('2.2.3')).toMatchObject({
      level: 'error',
      message: { text: rule('2.2.3').message },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'krakend-insecure.json' }, region: { startLine: 24, startColumn: 7 } } }],
    });
    expect(byId('2.1.9').locations[0].physicalLocation.region).toEqual({ startLine: 36, startColumn: 54 });
    expect(byId('7.3.1').level).toBe('warning');
    expect(byId('7.3.1').locations.map((l: { physicalLocation: { region: { startLine: number } } }) => l.physicalLocation.region.startLine)).toEqual([10, 11]);
    expect(byId('5.1.2').level).toBe('note');
  });

  it('rejects -f together with --output json or sarif (exit 2)', () => {
    expect(kd(['audit', '-c', CLEAN, '-o', 'json', '-f', '{{ marshal . }}'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'kd: -f/--format cannot be combined with --output json: choose one\n',
    });
  });

  it('rejects an unknown output kind (exit 2)', () => {
    const r = kd(['audit', '-c', CLEAN, '-o', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json, sarif.");
  });
});

describe('kd audit: configurations that cannot be audited', () => {
  it('needs -c (exit 2)', () => {
    expect(kd(['audit'])).toEqual({ status: 2, stdout: '', stderr: 'kd: kd audit needs a configuration: pass -c/--config <file>\n' });
  });

  it('exits 1 when the config file does not exist', () => {
    const r = kd(['audit', '-c', 'no-such-config.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no-such-config.json not found');
  });

  it('exits 1 with the place of a syntax error', () => {
    const file = join(tmp, 'krakend.json');
    writeFileSync(file, '{\n  "version": 3,\n  "endpoints": [\n');
    const r = kd(['audit', '-c', file], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^krakend\.json:3:\d+: error: /);
  });

  it('exits 1 with the place of a config the gateway would reject', () => {
    const file = join(tmp, 'v2.json');
    writeFileSync(file, '{\n  "version": 2\n}\n');
    const r = kd(['audit', '-c', file], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^v2\.json:2:\d+: error: unsupported version/);
  });
});
