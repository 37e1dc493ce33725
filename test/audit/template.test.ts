import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { AUDIT_RULES } from '../../rules/index.ts';
import type { Recommendation } from '../../src/audit/engine.ts';
import { AuditFormatError, compileAuditFormat } from '../../src/audit/output/template.ts';
import { DEFAULT_FORMAT, formatRecommendations } from '../../src/audit/output/text.ts';
import { painter } from '../../src/diagnostics/format.ts';

const rec = (rule: string, places: Recommendation['places'] = [{ pointer: '' }]): Recommendation => {
  const r = AUDIT_RULES.find((x) => x.id === rule)!;
  return { rule, severity: r.severity, message: r.message, places };
};
const MSG = (id: string) => AUDIT_RULES.find((x) => x.id === id)!.message;

const FOUND = [
  rec('1.2.1', [{ pointer: '/endpoints', span: { file: '/w/krakend.json', line: 20, column: 3 } }]),
  rec('3.3.4'),
  rec('5.2.3'),
];
const render = (format: string, found = FOUND, color = false) => compileAuditFormat(format).render(found, { color, cwd: '/w' });

describe('-f templates', () => {
  it('renders the default format exactly like the built-in output, with and without colour', () => {
    expect(render(DEFAULT_FORMAT)).toBe(formatRecommendations(FOUND, painter(false)));
    expect(render(DEFAULT_FORMAT, FOUND, true)).toBe(formatRecommendations(FOUND, painter(true)));
    expect(render(DEFAULT_FORMAT, FOUND, true)).toContain('[\u001b[41m\u001b[1mCRITICAL\u001b[22m\u001b[49m]');
  });

  it('renders the TOML example of the documentation into valid TOML', () => {
    const format = '{{range .Recommendations}}\n[[recommendation]]\n  rule = "{{.Rule}}"\n  message = "{{.Message}}"\n  severity = "{{.Severity}}"\n{{end}}';
    const out = render(format);
    expect(out).toBe(
      FOUND.map((r) => `\n[[recommendation]]\n  rule = "${r.rule}"\n  message = "${r.message}"\n  severity = "${r.severity}"\n`).join(''),
    );
    expect(parseToml(out)).toEqual({ recommendation: FOUND.map((r) => ({ rule: r.rule, message: r.message, severity: r.severity })) });
  });

  it('marshals the result with KrakenD\'s lower-case JSON names', () => {
    expect(render('{{ marshal . }}')).toBe(
      JSON.stringify({
        recommendations: [
          { rule: '1.2.1', severity: 'HIGH', message: MSG('1.2.1') },
          { rule: '3.3.4', severity: 'CRITICAL', message: MSG('3.3.4') },
          { rule: '5.2.3', severity: 'LOW', message: MSG('5.2.3') },
        ],
        stats: {},
      }),
    );
    expect(render('{{ marshal . }}', [])).toBe('{"recommendations":[],"stats":{}}');
    expect(render('{{ range .Recommendations }}{{ marshal . }}{{ end }}', [FOUND[1]!])).toBe(
      `{"rule":"3.3.4","severity":"CRITICAL","message":"${MSG('3.3.4')}"}`,
    );
    expect(render('{{ marshal .Stats }} {{ len .Recommendations }}')).toBe('{} 3');
  });

  it('offers the location of each recommendation', () => {
    expect(render('{{ range .Recommendations }}{{ .Location }}|{{ .Rule }}\n{{ end }}')).toBe('krakend.json:20:3|1.2.1\n|3.3.4\n|5.2.3\n');
  });

  it('prints the structs as Go prints them', () => {
    expect(render('{{ index .Recommendations 1 }}')).toBe(`{3.3.4 CRITICAL ${MSG('3.3.4')}}`);
    expect(render('{{ . }}', [FOUND[1]!])).toBe(`{[{3.3.4 CRITICAL ${MSG('3.3.4')}}] map[]}`);
  });

  it('does not colour without colour', () => {
    expect(render('{{ colored "HIGH" }}|{{ colored "other" }}')).toBe('HIGH|other');
    expect(render('{{ colored "LOW" }}', [], true)).toBe('\u001b[32m\u001b[1mLOW\u001b[22m\u001b[39m');
  });

  it('reports a template that does not parse', () => {
    expect(() => compileAuditFormat('{{ range .Recommendations }')).toThrow(AuditFormatError);
    expect(() => compileAuditFormat('{{ nosuchfunc . }}')).toThrow(/template: audit:1: function "nosuchfunc" not defined/);
  });

  it('reports a template that fails while rendering', () => {
    expect(() => render('{{ .Nope }}')).toThrow(AuditFormatError);
    expect(() => render('{{ .Nope }}')).toThrow(/can't evaluate field Nope in type audit.AuditResult/);
  });
});
