// lintWithSchema: custom schemas from files and URLs, draft-07, 2019-09 and
// 2020-12, their $refs, and problems with the schema itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintConfig, lintWithSchema } from '../../src/lint/lint.ts';
import { ROOT } from '../support/cli.ts';
import { FIXTURES, parse, rows } from './support.ts';

const SCHEMAS = join(FIXTURES, 'schemas');

async function lintWith(text: string, schema: string, file = 'krakend.json') {
  const doc = parse(text, file);
  return lintWithSchema(doc.value, doc.locations, schema, { file, cwd: SCHEMAS });
}

describe('custom schema files', () => {
  it('maps the errors of a draft-07 schema (with a $ref to another file) like the built-in ones', async () => {
    const text = [
      '{',
      '  "version": 3,',
      '  "port": 80,',
      '  "timeout": "1m",',
      '  "host": ["not a uri"],',
      '  "endpoints": [',
      '    {"endpoint": "/a", "method": "PUT", "backend": [], "timeuot": "1s"}',
      '  ]',
      '}',
    ].join('\n');
    expect(rows(await lintWith(text, 'team-rules.json'))).toEqual([
      { code: 'lint/missing-key', at: '1:1', message: 'missing required key `name` in the service' },
      { code: 'lint/out-of-range', at: '3:11', message: '`port`: 80 is below the minimum, 1024' },
      { code: 'lint/bad-pattern', at: '4:14', message: '`timeout`: "1m" does not match the pattern ^[0-9]+(ms|s)$' },
      { code: 'lint/bad-format', at: '5:12', message: '`host[0]`: "not a uri" is not a valid uri' },
      { code: 'lint/bad-enum', at: '7:34', message: '`method`: "PUT" is not one of GET, POST' },
      { code: 'lint/unknown-key', at: '7:56', message: 'unknown key `timeuot` in endpoint "/a"', hint: 'allowed keys: endpoint, method, backend' },
    ]);
  });

  it('reads 2019-09 and 2020-12 schemas', async () => {
    expect(rows(await lintWith('{"version": 3, "name": "x", "port": 1}', 'strict-2019.json'))).toEqual([
      { code: 'lint/unknown-key', at: '1:29', message: 'unknown key `port` in the service' },
    ]);
    expect(rows(await lintWith('{"version": 3, "tls": {}}', 'strict-2020.json'))).toEqual([
      { code: 'lint/missing-key', at: '1:1', message: '`tls` needs `port` in the service' },
    ]);
    expect(await lintWith('{"version": 3, "tls": {}, "port": 1}', 'strict-2020.json')).toEqual([]);
  });

  it('gives the verdict of the built-in schema when pointed at kd\'s own schema files', async () => {
    const { readFileSync } = await import('node:fs');
    for (const fixture of ['all-kinds.yaml']) {
      const file = join(FIXTURES, fixture);
      const doc = parse(readFileSync(file, 'utf8'), file);
      const builtin = lintConfig(doc.value, doc.locations, { file });
      const custom = await lintWithSchema(doc.value, doc.locations, join(ROOT, 'schema', 'krakend.json'), { file });
      expect(custom.map((d) => [d.code, d.line, d.column])).toEqual(builtin.map((d) => [d.code, d.line, d.column]));
    }
  });

  it('resolves a relative path from cwd', async () => {
    const doc = parse('{"version": 3}', 'k.json');
    expect(await lintWithSchema(doc.value, doc.locations, 'schemas/team-rules.json', { file: 'k.json', cwd: FIXTURES })).toMatchObject([
      { code: 'lint/missing-key', message: 'missing required key `name` in the service' },
    ]);
  });
});

describe('problems with the schema itself', () => {
  it('points at a JSON syntax error in the schema', async () => {
    const [d, ...rest] = await lintWith('{"version": 3}', 'broken.json');
    expect(rest).toEqual([]);
    expect(d).toEqual({
      severity: 'error',
      code: 'lint/bad-schema',
      message: `the schema broken.json is not valid JSON: expected a member name in double quotes, found ','`,
      file: join(SCHEMAS, 'broken.json'),
      line: 4,
      column: 33,
      lineText: '    "port": {"type": "integer"},,',
    });
  });

  it('names a missing schema file', async () => {
    expect(await lintWith('{"version": 3}', 'nowhere.json')).toEqual([
      { severity: 'error', code: 'lint/bad-schema', message: 'cannot read the schema nowhere.json: no such file', file: join(SCHEMAS, 'nowhere.json') },
    ]);
  });

  it('refuses drafts kd does not read, schemas that do not compile and missing $refs', async () => {
    const [draft4] = await lintWith('{}', 'draft-04.json');
    expect(draft4).toMatchObject({
      code: 'lint/bad-schema',
      message: `the schema draft-04.json declares "http://json-schema.org/draft-04/schema#"; kd reads JSON schema draft-07, 2019-09 and 2020-12`,
    });
    const [bad] = await lintWith('{}', 'bad-keyword.json');
    expect(bad!.code).toBe('lint/bad-schema');
    expect(bad!.message).toMatch(/^the schema bad-keyword\.json cannot be compiled: /);
    const [missing] = await lintWith('{"port": 1}', 'missing-ref.json');
    expect(missing!.code).toBe('lint/bad-schema');
    expect(missing!.message).toContain('no-such-file.json');
  });
});

describe('schemas over HTTP', () => {
  let server: Server;
  let base = '';
  const served: Record<string, string> = {
    '/schema.json': JSON.stringify({
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      properties: { version: { const: 3 }, timeout: { $ref: 'units.json#/$defs/duration' } },
    }),
    '/units.json': JSON.stringify({ $defs: { duration: { type: 'string', pattern: '^[0-9]+(ns|ms|us|µs|s|m|h)$' } } }),
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = served[req.url ?? ''];
      if (body === undefined) {
        res.statusCode = 404;
        res.end('not here');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches the schema and its $refs', async () => {
    expect(rows(await lintWith('{"version": 3, "timeout": "1m30s"}', `${base}/schema.json`))).toEqual([
      { code: 'lint/bad-duration', at: '1:27', message: '`timeout`: "1m30s" is not a valid duration', suggestion: '90s', hint: 'a duration is a whole number and one unit: ns, us, µs, ms, s, m or h (e.g. "1500ms", "2s", "1h"); the schema takes no fractions or compound values' },
    ]);
  });

  it('names the URL and the reason when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/schema.json`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const [d, ...rest] = await lintWith('{"version": 3}', url);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'lint/bad-schema', file: url });
    expect(d!.message).toMatch(new RegExp(`^cannot fetch the schema ${url.replace(/[.?]/g, '\\$&')}: .*ECONNREFUSED`));
  });

  it('names the URL and the status when the server does not answer 200', async () => {
    expect(await lintWith('{"version": 3}', `${base}/missing.json`)).toEqual([
      {
        severity: 'error',
        code: 'lint/bad-schema',
        message: `cannot fetch the schema ${base}/missing.json: the server answered with HTTP status 404`,
        file: `${base}/missing.json`,
      },
    ]);
  });
});
