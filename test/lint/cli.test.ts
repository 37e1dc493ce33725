// `kd check --lint` and `--lint-schema` through the built CLI: located lint
// errors in JSON and YAML, custom schemas and problems with them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kd } from '../support/cli.ts';

/** The first line of every lint diagnostic the CLI printed. */
function lintLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /\[lint\/[a-z-]+\]$/.test(line));
}

describe('kd check --lint', () => {
  it('prints every schema error of a JSON file at file:line:col', () => {
    const r = kd(['check', '--lint', '-c', 'fixtures/lint/all-kinds.json']);
    expect(r.status).toBe(1);
    expect(lintLines(r.stderr)).toEqual([
      'fixtures/lint/all-kinds.json:5:11: error: `port`: expected integer, got string "8080" [lint/wrong-type]',
      'fixtures/lint/all-kinds.json:6:14: error: `timeout`: "1m30s" is not a valid duration [lint/bad-duration]',
      "fixtures/lint/all-kinds.json:12:5: error: `qos/circuit-breaker` is a backend component; move it into a backend's extra_config [lint/misplaced-namespace]",
      'fixtures/lint/all-kinds.json:21:17: error: `method`: "get" is not one of GET, POST, PUT, PATCH, DELETE [lint/bad-enum]',
      'fixtures/lint/all-kinds.json:22:27: error: `concurrent_calls`: 9 is above the maximum, 5 [lint/out-of-range]',
      "fixtures/lint/all-kinds.json:24:9: error: unknown namespace `qos/ratelimit/token-bucket` in an endpoint's extra_config [lint/unknown-namespace]",
      'fixtures/lint/all-kinds.json:29:9: error: missing required key `url_pattern` in backend #1 of endpoint "/users/{id}" [lint/missing-key]',
      'fixtures/lint/all-kinds.json:31:11: error: unknown key `url_pattrn` in backend #1 of endpoint "/users/{id}" [lint/unknown-key]',
    ]);
    expect(r.stderr).toContain('  hint: did you mean "url_pattern"?');
    expect(r.stderr).toContain('  hint: did you mean "90s"?');
  });

  it('lints YAML, which KrakenD itself cannot lint', () => {
    const r = kd(['check', '--lint', '-c', 'fixtures/lint/all-kinds.yaml']);
    expect(r.status).toBe(1);
    expect(lintLines(r.stderr).map((l) => l.split(': ')[0])).toEqual([
      'fixtures/lint/all-kinds.yaml:4:7',
      'fixtures/lint/all-kinds.yaml:5:10',
      'fixtures/lint/all-kinds.yaml:10:3',
      'fixtures/lint/all-kinds.yaml:16:13',
      'fixtures/lint/all-kinds.yaml:17:23',
      'fixtures/lint/all-kinds.yaml:19:7',
      'fixtures/lint/all-kinds.yaml:22:9',
      'fixtures/lint/all-kinds.yaml:24:9',
    ]);
  });

  it('is quiet about a valid file', () => {
    const r = kd(['check', '-l', '-c', 'fixtures/docs-examples/async-1.json']);
    expect(lintLines(r.stderr)).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe('kd check --lint-schema', () => {
  it('lints against a custom schema file', () => {
    const r = kd(['check', '--lint-schema', join('fixtures', 'lint', 'schemas', 'team-rules.json'), '-c', 'fixtures/docs-examples/async-1.json']);
    expect(r.status).toBe(1);
    expect(lintLines(r.stderr)).toEqual(['fixtures/docs-examples/async-1.json:1:1: error: missing required key `name` in the service [lint/missing-key]']);
  });

  it('reports a schema that cannot be read', () => {
    const r = kd(['check', '-s', 'fixtures/lint/schemas/nowhere.json', '-c', 'fixtures/docs-examples/async-1.json']);
    expect(r.status).toBe(1);
    expect(lintLines(r.stderr)).toEqual(['fixtures/lint/schemas/nowhere.json: error: cannot read the schema fixtures/lint/schemas/nowhere.json: no such file [lint/bad-schema]']);
  });
});
