import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { kd } from '../support/cli.ts';

const F = 'fixtures/check';
const formats = 'fixtures/formats';

describe('kd check: formats', () => {
  it.each(['json', 'yaml', 'toml', 'properties', 'hcl'])('accepts the %s fixture', (ext) => {
    const r = kd(['check', '-c', `${formats}/krakend.${ext}`]);
    expect(r.stderr).toBe(`Parsing configuration file: ${formats}/krakend.${ext}\nSyntax OK!\n`);
    expect(r.status).toBe(0);
  });

  it.each(['json', 'yaml', 'toml', 'properties', 'hcl'])('lints the %s fixture', (ext) => {
    expect(kd(['check', '--lint', '-c', `${formats}/krakend.${ext}`]).status).toBe(0);
  });

  it.each([
    ['trailing-comma.json', '3:18: error: trailing comma is not allowed [syntax]', '  3 |   "endpoints": [],'],
    ['comment.json', '2:3: error: comments are not allowed in JSON [syntax]', '  2 |'],
    ['unclosed.json', '6:6: error: unexpected end of file: an array opened at 3:16 is not closed [syntax]', undefined],
    ['tab-indent.yaml', '3:1: error: tabs are not allowed for indentation in YAML [syntax]', undefined],
    ['duplicate-key.yaml', '3:1: error: duplicate key "port": keys must be unique in a YAML mapping [syntax]', undefined],
    ['duplicate-table.toml', '6:1: error: table [extra_config] is defined more than once [syntax]', undefined],
    ['unquoted-string.toml', '2:8: error: invalid value gateway [syntax]', undefined],
    ['gap.properties', '3:11: error: endpoints.1 is missing', undefined],
    ['bad-unicode.properties', '2:9: error: malformed \\uXXXX escape', undefined],
    ['unclosed-block.hcl', '7:4: error: unexpected end of file: the endpoints block opened at 3:11 is not closed [syntax]', undefined],
    ['function-call.hcl', '2:8: error: function calls are not supported', undefined],
  ])('reports %s at its place, with the line and a caret', (file, where, line) => {
    const r = kd(['check', '-c', `${formats}/broken/${file}`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${formats}/broken/${file}:${where}`);
    expect(r.stderr).toMatch(/\n +\d+ \| .*\n +\| +\^/);
    if (line) expect(r.stderr).toContain(line);
  });

  it('warns about a duplicate JSON key and keeps the last value', () => {
    const r = kd(['check', '-c', `${formats}/broken/duplicate-key.json`]);
    expect(r.stderr).toContain('4:3: warning: duplicate key "port": the last value is used [duplicate-key]');
    expect(r.status).toBe(0);
  });
});

describe('kd check: start-up errors', () => {
  it.each([
    ['no-backends.json', '4:40: error: endpoint "/empty" has no backends [no-backends]'],
    ['duplicate-endpoint.json', "6:19: error: GET /items: handlers are already registered for path '/items' [duplicate-endpoint]"],
    ['route-conflict.json', "6:19: error: GET /a/{name}/detail: ':name' in new path '/a/:name/detail' conflicts with existing wildcard ':id' in existing prefix '/a/:id' [route-conflict]"],
    ['undefined-placeholder.json', "5:65: error: undefined output param 'usr'! endpoint: GET /users/:user, backend: 0. input: [user], output: [usr] [undefined-placeholder]"],
    ['invalid-host.json', '4:77: error: invalid host "http://storage:9000/bucket": a host cannot contain a path'],
    ['noop-backends.json', '7:26: error: endpoint "/proxy" uses output_encoding "no-op" with 2 backends'],
    ['reserved-path.json', '5:19: error: endpoint "/api/__health" is invalid'],
    ['version2.json', '2:14: error: unsupported version: 2 (want: 3); version 2 is the format of KrakenD 1.x'],
  ])('%s', (file, where) => {
    const r = kd(['check', '-c', `${F}/${file}`]);
    expect(r.stderr).toContain(`${F}/${file}:${where}`);
    expect(r.stderr).toContain('  hint: ');
    expect(r.status).toBe(1);
  });

  it('names the other route of a conflict', () => {
    expect(kd(['check', '-c', `${F}/duplicate-endpoint.json`]).stderr).toContain(`note: ${F}/duplicate-endpoint.json:5:19: the route it collides with is declared here`);
  });

  it('suggests the endpoint param for a misspelt placeholder', () => {
    expect(kd(['check', '-c', `${F}/undefined-placeholder.json`]).stderr).toContain('hint: did you mean "user"?');
  });

  it('explains what changed since version 2', () => {
    expect(kd(['check', '-c', `${F}/version2.json`]).stderr).toContain('auth/validator');
  });
});

describe('kd check: warnings', () => {
  const r = () => kd(['check', '-c', `${F}/warnings.json`]);
  it('prints them and keeps exit 0', () => {
    const out = r();
    expect(out.status).toBe(0);
    expect(out.stderr).toContain(`${F}/warnings.json:4:69: warning: host "backend:8080" has no scheme; KrakenD will use "http://backend:8080" [host-without-scheme]`);
    expect(out.stderr).toContain(`${F}/warnings.json:4:86: warning: a backend "timeout" is ignored`);
    expect(out.stderr).toContain(`${F}/warnings.json:5:19: warning: GET /a/ and /a differ only by a trailing slash [trailing-slash-twin]`);
    expect(out.stderr).toContain(`${F}/warnings.json:8:25: warning: unknown extra_config namespace "qos/ratelimit/token-bucket"`);
    expect(out.stderr).toContain('Syntax OK!');
  });
  it('fails with --strict', () => {
    const out = kd(['check', '--strict', '-c', `${F}/warnings.json`]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('ERROR the configuration is not valid: 4 warnings (--strict)');
  });
  it('turns the unknown namespace into an error with --lint, once', () => {
    const out = kd(['check', '--lint', '-c', `${F}/warnings.json`]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${F}/warnings.json:8:25: error: unknown namespace \`qos/ratelimit/token-bucket\``);
    expect(out.stderr).toContain('`qos/ratelimit/router`');
    expect(out.stderr).not.toContain('unknown extra_config namespace');
  });
});

describe('kd check: lint', () => {
  const out = () => kd(['check', '--lint', '-c', `${F}/lint-errors.json`]);
  it.each([
    ['3:11: error: `port`: expected integer, got string "8080" [lint/wrong-type]'],
    ['7:26: error: `output_encoding`: "jsonn" is not one of'],
    ['8:18: error: `timeout`: "1m30s" is not a valid duration [lint/bad-duration]'],
    ["9:25: error: `qos/circuit-breaker` is a backend component; move it into a backend's extra_config [lint/misplaced-namespace]"],
    ['10:19: error: missing required key `url_pattern`'],
    ['10:21: error: unknown key `url_pattrn`'],
  ])('locates %s', (where) => {
    const r = out();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${F}/lint-errors.json:${where}`);
  });
  it('suggests close names', () => expect(out().stderr).toContain('hint: did you mean "url_pattern"?'));
  it('follows the runtime in the model: 1m30s is fine without --lint', () => {
    const r = kd(['check', '-c', `${F}/lint-errors.json`]);
    expect(r.stderr).not.toContain('1m30s');
  });
  it('-n is the same as -l', () => expect(kd(['check', '-n', '-c', `${F}/lint-errors.json`]).stderr).toBe(out().stderr));
  it('-s lints against a custom schema', () => {
    const r = kd(['check', '-s', 'fixtures/check/custom-schema.json', '-c', `${F}/valid.json`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${F}/valid.json:4:11: error: \`port\`: 8080 is above the maximum, 1024 [lint/out-of-range]`);
  });
  it('refuses two lint modes at once', () => {
    const r = kd(['check', '-l', '-n', '-c', `${F}/valid.json`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot be used together');
  });
});

describe('kd check: flags and exit codes', () => {
  it('exits 2 without -c', () => {
    const r = kd(['check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('-c/--config');
  });
  it('exits 2 on a missing file', () => {
    const r = kd(['check', '-c', 'nope.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('configuration file nope.json not found');
  });
  it('exits 2 on an unknown flag', () => expect(kd(['check', '--bogus', '-c', `${F}/valid.json`]).status).toBe(2));
  it('has the alias validate', () => expect(kd(['validate', '-c', `${F}/valid.json`]).stderr).toContain('Syntax OK!'));
  it('checks several files given as arguments (pre-commit)', () => {
    const r = kd(['check', `${F}/valid.json`, `${F}/no-backends.json`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Syntax OK!');
    expect(r.stderr).toContain('has no backends');
  });

  it('-d prints the level-1 dump', () => {
    const r = kd(['check', '-d', '-c', `${F}/valid.json`]);
    expect(r.stderr).toContain(
      [
        'Global settings',
        '\tName: check fixture',
        '\tVersion: 3',
        '\tAddress: ',
        '\tPort: 8080',
        '\tDefault backend hosts: [http://backend:8000]',
        '1 global component configuration(s):',
        '- router',
        '2 API endpoint(s):',
        '\t- GET /users/:id',
        '\tTimeout: 3s',
        '\tQueryString: [fields]',
        '\tConnecting to 2 backend(s):',
        '\t\t[+] GET /v1/users/{{.Id}}',
        '\t\tTimeout: 3s',
        '\t\tHosts: [http://backend:8000]',
        '',
        '\t\t[+] GET /v1/roles/{{.Id}}',
        '\t\tTimeout: 3s',
        '\t\tHosts: [http://backend:8000]',
        '\t\t1 backend component configuration(s):',
        '\t\t- qos/circuit-breaker',
        '',
        '\t- POST /users',
        '\tTimeout: 3s',
        '\tConcurrent calls: 2',
        '\tConnecting to 1 backend(s):',
        '\t\t[+] POST /v1/users',
        '\t\tTimeout: 3s',
        '\t\tHosts: [https://writer:8443]',
        '',
        '0 async agent(s):',
      ].join('\n'),
    );
  });
  it('-dd adds defaults, component values and missing sections', () => {
    const r = kd(['check', '-dd', '-c', `${F}/valid.json`]);
    expect(r.stderr).toContain('\tDefault timeout: 3s\n');
    expect(r.stderr).toContain('\tNo TLS section defined\n');
    expect(r.stderr).toContain('- router\n\treturn_error_msg: true\n');
    expect(r.stderr).toContain('\t\tDeny: [], Allow: [id name]\n');
    expect(r.stderr).toContain('\t\t\tinterval: 60\n');
    expect(r.stderr).not.toContain('Read timeout');
  });
  it('-ddd adds the server settings', () => expect(kd(['check', '-ddd', '-c', `${F}/valid.json`]).stderr).toContain('\tMax idle connections per host: 250\n'));
  it('-i changes the indent unit', () => expect(kd(['check', '-d', '-i', '  ', '-c', `${F}/valid.json`]).stderr).toContain('\n    [+] GET /v1/users/{{.Id}}\n'));
  it('applies KRAKEND_* overrides even for absent keys', () => {
    const r = kd(['check', '-d', '-c', `${F}/valid.json`], { env: { KRAKEND_PORT: '9001', KRAKEND_NAME: 'from env' } });
    expect(r.stderr).toContain('\tName: from env\n');
    expect(r.stderr).toContain('\tPort: 9001\n');
    const t = kd(['check', '-d', '-c', `${F}/valid.json`], { env: { KRAKEND_TIMEOUT: '10s' } });
    expect(t.stderr).toContain('\tTimeout: 10s\n');
  });
  it('reports a bad override against the variable', () => {
    const r = kd(['check', '-c', `${F}/valid.json`], { env: { KRAKEND_TIMEOUT: 'soon' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('$KRAKEND_TIMEOUT:1:1: error: "soon" is not a duration');
  });
  it('--format json prints a machine report on stdout', () => {
    const r = kd(['check', '--format', 'json', '-c', `${F}/undefined-placeholder.json`]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: false, file: `${F}/undefined-placeholder.json`, errors: 1, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', code: 'undefined-placeholder', file: `${F}/undefined-placeholder.json`, line: 5, column: 65 });
    expect(r.stderr).toBe('');
  });
  it('-t refuses a wildcard endpoint that plain check only warns about', () => {
    const plain = kd(['check', '-c', 'fixtures/docs-examples/enterprise-endpoints-wildcard-1.json']);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toContain('warning: GET /foo/* is a wildcard endpoint, an Enterprise feature');
    const t = kd(['check', '-t', '-c', 'fixtures/docs-examples/enterprise-endpoints-wildcard-1.json'], { env: { KRAKEND_PORT: '0' } });
    expect(t.status).toBe(1);
    expect(t.stderr).toContain('error: GET /foo/* is a wildcard endpoint');
  });
  it('-t binds the configured port for a moment', () => {
    const r = kd(['check', '-t', '-c', `${F}/valid.json`], { env: { KRAKEND_PORT: '0' } });
    expect(r.status).toBe(0);
  });
  it('-t (alias --test-routes) reports a port that is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const r = kd(['check', '--test-routes', '-c', `${F}/valid.json`], { env: { KRAKEND_PORT: String(port), KRAKEND_LISTEN_IP: '127.0.0.1' } });
      expect(r.stderr).toContain(`warning: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      server.close();
    }
  });
});
