// `kd template` through the built binary, on the fixtures in fixtures/template/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kd } from '../../support/cli.ts';

const dir = 'fixtures/template';
const fixture = (path: string) => readFileSync(join(ROOT, dir, path), 'utf8');

describe('kd template', () => {
  it('renders a template with data and sub-templates exactly as Go does', () => {
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--data', `${dir}/basic/data.json`, '--templates', `${dir}/basic/templates`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fixture('basic/expected.json'));
  });

  it('registers only *.tmpl files directly inside --templates', () => {
    // templates/nested/deep.tmpl and templates/notes.txt would not parse; they are not read.
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--data', `${dir}/basic/data.json`, '--templates', `${dir}/basic/templates`]);
    expect(r.status).toBe(0);
  });

  it('offers Sprig, marshal and include (partials are not template-processed)', () => {
    const r = kd(['template', 'krakend.tmpl', '--data', 'data.json', '--partials', 'partials'], { cwd: join(ROOT, dir, 'partials-demo') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fixture('partials-demo/expected.json'));
  });

  it('checks argument types of library functions as Go does', () => {
    const r = kd(['template', `${dir}/errors/repeat.tmpl`, '--data', `${dir}/basic/data.json`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${dir}/errors/repeat.tmpl:1:19: template: repeat.tmpl:1:18: executing "repeat.tmpl" at <.service.port>: wrong type for value; expected int; got float64\n`,
    );
  });

  it('exits 2 for a missing --partials folder', () => {
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--partials', `${dir}/nope`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kd: --partials ${dir}/nope: no such file or directory\n`);
  });

  it('renders with nil data when --data is absent', () => {
    const r = kd(['template', `${dir}/basic/templates/backend.tmpl`]);
    expect(r).toEqual({ status: 0, stdout: '{ "url_pattern": "<no value>" }', stderr: '' });
  });

  it('reports a parse error with its location and exits 1', () => {
    const r = kd(['template', `${dir}/errors/unclosed.tmpl`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${dir}/errors/unclosed.tmpl:2:29: template: unclosed.tmpl:2: unexpected "}" in operand\n`);
  });

  it('reports an execution error with its location and exits 1', () => {
    const r = kd(['template', `${dir}/errors/port-compare.tmpl`, '--data', `${dir}/basic/data.json`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${dir}/errors/port-compare.tmpl:2:10: template: port-compare.tmpl:2:9: executing "port-compare.tmpl" at <eq .service.port 8080>: error calling eq: incompatible types for comparison: float64 and int\n`,
    );
  });

  it('points at the sub-template file that failed to parse', () => {
    const r = kd(['template', `${dir}/errors/sub-broken.tmpl`, '--templates', `${dir}/errors/templates`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${dir}/errors/templates/broken.tmpl:2:7: template: broken.tmpl:2: missing value for if\n`);
  });

  it('exits 2 for a missing template file', () => {
    const r = kd(['template', `${dir}/nope.tmpl`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kd: cannot read template ${dir}/nope.tmpl: no such file or directory\n`);
  });

  it('exits 2 for a missing data file', () => {
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--data', `${dir}/nope.json`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kd: cannot read data file ${dir}/nope.json: no such file or directory\n`);
  });

  it('exits 2 for data that is not JSON, naming the place', () => {
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--data', `${dir}/errors/bad-data.json`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^kd: ${dir}/errors/bad-data\\.json:1:30: invalid JSON data: `));
  });

  it('exits 2 for a missing --templates folder', () => {
    const r = kd(['template', `${dir}/basic/krakend.tmpl`, '--templates', `${dir}/nope`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kd: --templates ${dir}/nope: no such file or directory\n`);
  });

  it('exits 2 without a file argument', () => {
    const r = kd(['template']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });
});
