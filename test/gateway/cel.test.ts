// validation/cel: the CEL compiler (expressions evaluated with the runtime's
// CEL helpers) and the checks at the endpoint, the backend and on JWT claims.
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CelCheckError, CelSyntaxError, compileCel } from '../../src/codegen/cel.ts';
import * as cel from '../../src/runtime/cel.ts';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, type Backend, type RunningGateway } from './support.ts';

function evaluate(expr: string, activation: cel.CelActivation = {}): unknown {
  const js = transformSync(compileCel(expr).text, { loader: 'ts' }).code.trim().replace(/;$/, '');
  const check = new Function('rt', 'Buffer', `return ${js}`)(cel, Buffer) as cel.CelCheck;
  return check(activation);
}

const activation: cel.CelActivation = {
  req_params: { Id: '42' },
  req_headers: { 'X-Header': ['something', 'else'] },
  req_method: 'GET',
  resp_data: { items: [1, 2, 3], user: { name: 'Ada', roles: ['admin'] }, price: 4.5 },
  now: '2025-01-02T03:04:05Z',
};

describe('CEL compiler', () => {
  it.each([
    ['1 + 2 * 3', 7n],
    ['7 / 2', 3n],
    ['-7 % 3', -1n],
    ['7.0 / 2.0', 3.5],
    ['1 == 1.0', true],
    ['2u + 3u', new cel.CelUint(5n)],
    ["'a' + \"b\" + r'\\n'", 'ab\\n'],
    ["'\\x41\\u00e9\\101'", 'Aé' + 'A'],
    ["size('héllo')", 5n],
    ['size([1, 2]) == 2 && size({}) == 0', true],
    ["'something' in req_headers['X-Header']", true],
    ["int(req_params.Id) % 2 == 0", true],
    ['has(resp_data.user) && !has(resp_data.nope)', true],
    ['resp_data.items.all(i, i > 0)', true],
    ['resp_data.items.exists(i, i > 2)', true],
    ['resp_data.items.exists_one(i, i > 1)', false],
    // JSON numbers are doubles in CEL, as in KrakenD
    ['resp_data.items.map(i, i * 2.0)', [2, 4, 6]],
    ['resp_data.items.filter(i, int(i) % 2 == 1)', [1, 3]],
    ['resp_data.items.map(i, i > 1, i)', [2, 3]],
    ["resp_data.user.roles.exists(r, r.startsWith('adm'))", true],
    ["resp_data.price > 4 ? 'high' : 'low'", 'high'],
    ["'abc'.matches('^a.c$') && 'xyz'.contains('y') && 'xyz'.endsWith('z')", true],
    ["{'a': 1, 'b': 2}['b']", 2n],
    ["'b' in {'a': 1, 'b': 2}", true],
    ["timestamp(now) < timestamp('2025-01-02T03:04:06Z')", true],
    ["timestamp(now) + duration('1h') > timestamp('2025-01-02T04:00:00Z')", true],
    ["timestamp(now).getHours()", 3n],
    ["timestamp(now).getDayOfWeek()", 4n],
    ["duration('90m').getHours()", 1n],
    ['false && (1 / 0 == 1)', false],
    ['(1 / 0 == 1) || true', true],
    ["int('-12') + 1", -11n],
    ['double(1) / 4.0', 0.25],
    ["string(12) + string(true)", '12true'],
    ['b"\\x00\\xff" == bytes("\\x00\\u00ff")', false],
    ['[1, 2] + [3] == [1, 2, 3]', true],
    ['-9223372036854775808 < 0', true],
  ])('%s', (expr, expected) => {
    expect(evaluate(expr, activation)).toEqual(expected);
  });

  it.each([
    ['1 / 0', 'division by zero'],
    ['9223372036854775807 + 1', 'return error for overflow'],
    ['[1][5]', 'index out of bounds: 5'],
    ["req_params.Nope", 'no such key: Nope'],
    ['resp_data', 'no such attribute: resp_data'],
    ["1 + 'a'", 'no such overload'],
    ['1.0 * 2', 'no such overload: _*_(double, int)'],
    ["int('x')", 'cannot parse'],
  ])('%s fails at evaluation', (expr, message) => {
    expect(() => evaluate(expr, { req_params: { Id: '1' } })).toThrow(message);
  });

  it('reports what the type check would refuse and what does not parse', () => {
    expect(() => compileCel('unknown_var == 1')).toThrow(CelCheckError);
    expect(() => compileCel('nosuchfn(1)')).toThrow(CelCheckError);
    expect(() => compileCel('1 +')).toThrow(CelSyntaxError);
    expect(() => compileCel("'unterminated")).toThrow(CelSyntaxError);
    expect(() => compileCel('Msg{a: 1}')).toThrow(CelSyntaxError);
  });

  it('keeps configuration text out of the generated code except as literals', () => {
    const code = compileCel("req_method == '\\u2028\"); process.exit(); //'").text;
    expect(code).not.toContain('\u2028');
    expect(code).toContain('rt.celEq(rt.celVar(a, "req_method"), "\\u2028\\"); process.exit(); //")');
  });
});

describe('CEL checks in the gateway', () => {
  let backend: Backend;
  let gw: RunningGateway;
  let warnings = '';

  beforeAll(async () => {
    backend = await startBackend((req, res) => json(res, { path: req.url, ok: !req.url.includes('bad') }));
    const host = [backend.url];
    const built = buildConfig({
      version: 3,
      extra_config: { router: { return_error_msg: true } },
      endpoints: [
        {
          endpoint: '/items/{id}',
          input_headers: ['X-Header'],
          extra_config: {
            'validation/cel': [
              { check_expr: "'something' in req_headers['X-Header']" },
              { check_expr: 'int(req_params.Id) % 2 == 0' },
              { check_expr: 'resp_data.a.ok && resp_completed' },
              { check_expr: 'undeclared == 1' },
            ],
          },
          backend: [
            { host, url_pattern: '/a/{id}', group: 'a' },
            { host, url_pattern: '/b/{id}', group: 'b', extra_config: { 'validation/cel': [{ check_expr: "req_path.startsWith('/b/4')" }] } },
          ],
        },
        { endpoint: '/bad/{id}', extra_config: { 'validation/cel': [{ check_expr: 'resp_data.ok' }] }, backend: [{ host, url_pattern: '/bad/{id}' }] },
        { endpoint: '/broken', extra_config: { 'validation/cel': [{ check_expr: 'req_method ==' }, { check_expr: "req_method == 'POST'" }] }, backend: [{ host, url_pattern: '/x' }] },
      ],
    });
    expect(built.status, built.stderr).toBe(0);
    warnings = built.stderr;
    gw = await runGateway(built.file);
  }, 60_000);

  afterAll(async () => {
    await gw?.stop();
    await backend?.close();
    cleanTemp();
  });

  const withHeader = { headers: { 'X-Header': 'something' } };

  it('runs the request checks before calling backends', async () => {
    const before = backend.received.length;
    const r = await request(`${gw.url}/items/3`, withHeader);
    expect(r.status).toBe(500);
    expect(r.body).toBe('request aborted by evaluator #1');
    expect((await request(`${gw.url}/items/4`)).body).toBe('request aborted by evaluator #0');
    expect(backend.received.length).toBe(before);
  });

  it('runs backend checks per backend and response checks on the merged data', async () => {
    const ok = await request(`${gw.url}/items/4`, withHeader);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('{"a":{"ok":true,"path":"/a/4"},"b":{"ok":true,"path":"/b/4"}}');
    const partial = await request(`${gw.url}/items/6`, withHeader);
    expect(partial.status).toBe(200);
    expect(partial.body).toBe('{"a":{"ok":true,"path":"/a/6"}}');
    expect(partial.headers['x-krakend-completed']).toBe('false');
  });

  it('fails a response that does not pass', async () => {
    const r = await request(`${gw.url}/bad/1`);
    expect(r.status).toBe(500);
    expect(r.body).toBe('request aborted by evaluator #0');
  });

  it('skips what KrakenD skips and turns off a list that does not parse', async () => {
    expect(warnings).toContain('CEL expression "undeclared == 1" is skipped, as KrakenD skips it');
    expect(warnings).toContain('every check of this validation/cel is off');
    expect((await request(`${gw.url}/broken`)).status).toBe(200);
  });
});
