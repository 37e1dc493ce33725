import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kd, ROOT } from '../support/cli.ts';

const made: string[] = [];
/** A private copy of a fixture tree (commands may write `out` files into it). */
function fixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-flex-'));
  made.push(dir);
  cpSync(join(ROOT, 'fixtures/flexible', name), dir, { recursive: true });
  return dir;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const open = (extra: Record<string, string> = {}) => ({ FC_ENABLE: '1', ...extra });
const render = (dir: string, config: string, env: Record<string, string> = {}) => kd(['render', '-c', config], { cwd: dir, env });
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, any>;

describe('open flavour (FC_* variables)', () => {
  it('renders the simple template of the docs', () => {
    const r = render(fixture('open-simple'), 'simple.tmpl', open());
    expect(r.status).toBe(0);
    expect(json(r)).toEqual({ version: 3 });
  });

  it('ignores templates without FC_ENABLE: the file is then plain JSON', () => {
    const r = kd(['check', '-c', 'simple.tmpl'], { cwd: fixture('open-simple') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("simple.tmpl:2:17: error: expected a member name in double quotes, found '{' [syntax]");
    expect(r.stderr).toContain('hint: the file holds template syntax: enable the flexible configuration');
  });

  it('renders the documented example with settings, partials and marshal', () => {
    const r = render(fixture('open-example'), 'krakend.tmpl', open({ FC_SETTINGS: 'settings', FC_PARTIALS: 'partials' }));
    expect(r.status).toBe(0);
    const cfg = json(r);
    expect(cfg.port).toBe(8090);
    expect(cfg.host).toEqual(['https://catalog-api-01.srv', 'https://catalog-api-02.srv', 'https://catalog-api-03.srv']);
    expect(cfg.endpoints.map((e: any) => e.endpoint)).toEqual(['/users/{id}', '/posts/{id}']);
    expect(cfg.endpoints[1].backend[0]).toEqual({
      url_pattern: '/posts?postId={id}',
      extra_config: { 'qos/ratelimit/proxy': { max_rate: 100, capacity: 100 }, 'qos/circuit-breaker': { interval: 10, max_errors: 5, timeout: 5 } },
    });
  });

  it('points lint errors in marshalled settings at the settings file, with the rendered line and the template action', () => {
    const r = kd(['check', '--lint', '-c', 'krakend.tmpl'], { cwd: fixture('open-example'), env: open({ FC_SETTINGS: 'settings', FC_PARTIALS: 'partials' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('settings/service.json:14:9: error: unknown key `ssl_certificate` in `security/http` [lint/unknown-key]');
    expect(r.stderr).toContain('note: krakend.tmpl (rendered):4:62: rendered as line 4 of the output');
    expect(r.stderr).toContain('note: krakend.tmpl:4:28: printed by this template action');
  });

  it('renders the base64 sub-template example', () => {
    const r = render(fixture('open-base64'), 'krakend.tmpl', open({ FC_TEMPLATES: 'templates', FC_PARTIALS: 'partials' }));
    expect(r.status).toBe(0);
    expect(json(r).some_base_64_value).toBe(Buffer.from('{"alg": "HS256", "k": "c2VjcmV0"}\n').toString('base64'));
  });

  it('renders the endpoint loop with the comma trick and passes check --lint', () => {
    const dir = fixture('open-endpoint-loop');
    const r = render(dir, 'krakend.tmpl', open({ FC_SETTINGS: 'settings' }));
    expect(json(r).endpoints.map((e: any) => e.endpoint)).toEqual(['/users', '/users/{id}', '/groups']);
    const c = kd(['check', '--lint', '-c', 'krakend.tmpl'], { cwd: dir, env: open({ FC_SETTINGS: 'settings' }) });
    expect(c.stderr).toContain('Syntax OK!');
    expect(c.status).toBe(0);
  });

  it('writes FC_OUT with the rendered text', () => {
    const dir = fixture('open-simple');
    render(dir, 'simple.tmpl', open({ FC_OUT: 'out/result.json' }));
    expect(readFileSync(join(dir, 'out/result.json'), 'utf8')).toBe('{\n    "version": 3\n}\n');
  });

  it('renders YAML when the base template says so', () => {
    const r = render(fixture('open-yaml'), 'krakend.yaml.tmpl', open({ FC_SETTINGS: 'settings' }));
    expect(r.status).toBe(0);
    expect(json(r).port).toBe(8081);
    expect(json(r).endpoints[0].endpoint).toBe('/yaml');
  });

  it('renders a .hbs base template with Handlebars and the same functions', () => {
    const r = render(fixture('open-hbs'), 'krakend.hbs', open({ FC_SETTINGS: 'settings' }));
    expect(r.status).toBe(0);
    expect(json(r).version).toBe(3);
    expect(json(r).port).toBe(8082);
    expect(json(r).endpoints.map((e: any) => e.endpoint)).toEqual(['/a', '/b']);
  });

  it('fails on a missing partial instead of inserting nothing', () => {
    const r = render(fixture('open-base64'), 'krakend.tmpl', open({ FC_TEMPLATES: 'templates' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no partials folder is configured');
  });
});

describe('extended flavour (flexible_config.json)', () => {
  it('merges settings attribute by attribute with allow_overwrite', () => {
    const r = render(fixture('extended-overwrite'), 'krakend.tmpl');
    expect(r.status).toBe(0);
    expect(json(r).name).toBe('myserver.com:1234');
  });

  it('names both files when overwriting is not allowed', () => {
    const r = render(fixture('extended-conflict'), 'krakend.tmpl');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'settings/production/connection.yaml:2:7: error: settings conflict: .connection.host is set by settings/common/connection.yaml and again by settings/production/connection.yaml [settings-conflict]',
    );
    expect(r.stderr).toContain('note: settings/common/connection.yaml:2:7: first set here');
  });

  it('replaces $ref with a file and with a pointer into it, and writes out', () => {
    const dir = fixture('extended-ref');
    const r = render(dir, 'krakend.json');
    expect(r.status).toBe(0);
    const backend = { url_pattern: '/ws/{room}', disable_host_sanitize: true, host: ['ws://chat:8888'] };
    expect(json(r).endpoints[0].backend).toEqual([backend]);
    expect(json(r).endpoints[1].backend).toEqual([backend]);
    expect(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'))).toEqual(json(r));
  });

  it('locates problems inside a referenced file in that file', () => {
    const r = kd(['check', '-c', 'krakend.json'], { cwd: fixture('extended-ref') });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Syntax OK!');
  });

  it('prints the chain of a $ref cycle', () => {
    const r = render(fixture('extended-ref-cycle'), 'krakend.json');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('b.json:1:21: error: $ref cycle: a.json#/router → b.json#/loop → a.json#/router [ref-cycle]');
  });

  it('prefixes folder names with dir_field_prefix', () => {
    const r = render(fixture('extended-dir-prefix'), 'krakend.tmpl');
    expect(json(r).name).toBe('from foo.json / true');
  });

  it('calls templates by base name, renames clashes with a warning, and exposes the meta tree', () => {
    const r = render(fixture('extended-templates'), 'krakend.tmpl');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('templates/dir2/endpoint.tmpl:1:1: warning: template endpoint.tmpl already exists; templates/dir2/endpoint.tmpl is available as "dir2_endpoint.tmpl"');
    const cfg = json(r);
    expect(cfg.name).toBe('settings/numbers.json');
    expect(cfg.endpoints[0].endpoint).toBe('/hello');
    expect(cfg.endpoints[0].backend).toEqual([{ url_pattern: '/hello', host: ['http://one:8000'] }]);
  });

  it('keeps YAML integers as integers in templates (JSON numbers print as Go floats)', () => {
    const r = render(fixture('extended-templates'), 'krakend.tmpl');
    expect(json(r).endpoints[0].extra_config).toEqual({ 'kd/labels': { yaml_int: '1000000', json_float: '1e+06' } });
  });
});

describe('errors that help', () => {
  it('a broken settings file: file, line, column and why', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('errors/settings-broken'), env: open({ FC_SETTINGS: 'settings' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('settings/backends.json:2:28: error: trailing comma is not allowed [syntax]');
  });

  it('a template parse error at the template position, as Go prints it', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('errors/template-parse'), env: open() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('krakend.tmpl:3:21: error: template: krakend.tmpl:3: unterminated quoted string [template-parse]');
  });

  it('a template execution error with Go text and a fix hint', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('errors/template-exec'), env: open({ FC_SETTINGS: 'settings' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('krakend.tmpl:3:9: error: template: krakend.tmpl:3:8: executing "krakend.tmpl" at <eq .service.port 8080>: error calling eq: incompatible types for comparison');
    expect(r.stderr).toContain('compare with a float constant (8080.0)');
  });

  it('a rendered result that is not valid: the rendered line and the template line', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('errors/rendered-invalid'), env: open({ FC_SETTINGS: 'settings' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("krakend.tmpl (rendered):7:5: error: expected ',' or ']' after an item, found '{' [syntax]");
    expect(r.stderr).toContain('  7 |     { "endpoint": "/b", "backend"');
    expect(r.stderr).toContain('note: krakend.tmpl:5:5: this part of the output comes from the template text here');
  });

  it('semantic errors point at the settings value a template printed', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('errors/semantic') });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('settings/service.yaml:1:10: error: "5 seconds" is not a duration (time: unknown unit) [bad-duration]');
    expect(r.stderr).toContain('note: krakend.tmpl:3:17: printed by this template action');
    expect(r.stderr).toContain('settings/service.yaml:2:7: error: invalid host "ftp://files": only http:// and https:// schemes are allowed [invalid-host]');
    expect(r.stderr).not.toContain('[no-hosts]');
  });

  it('a KRAKEND_* override with a bad value is reported against the variable', () => {
    const r = kd(['check', '-c', 'krakend.tmpl'], { cwd: fixture('extended-overwrite'), env: { KRAKEND_PORT: 'eighty' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('$KRAKEND_PORT:1:1: error: expected an integer, got string "eighty"');
  });

  it('render -o writes the final config atomically and leaves nothing on failure', () => {
    const dir = fixture('extended-conflict');
    const r = kd(['render', '-c', 'krakend.tmpl', '-o', 'final.json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'final.json'))).toBe(false);
    const ok = fixture('extended-overwrite');
    expect(kd(['render', '-c', 'krakend.tmpl', '-o', 'final.json'], { cwd: ok }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(ok, 'final.json'), 'utf8')).name).toBe('myserver.com:1234');
  });
});
