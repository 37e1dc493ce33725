import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goFloatString, parseYaml } from '../../src/formats/yaml.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseYaml: values and locations', () => {
  const text = [
    'version: 3',
    'endpoints:',
    '  - endpoint: /a',
    '    backend:',
    '      - host: [h1, "h2"]',
    '        url_pattern: /x',
    '  - endpoint: /b',
    'flags: {on: yes, n: null, t: true}',
  ].join('\n');
  const doc = parseYaml(text, 'k.yaml');

  it('decodes the tree with the core schema (yes/on stay strings)', () => {
    expect(doc.value).toEqual({
      version: 3,
      endpoints: [{ endpoint: '/a', backend: [{ host: ['h1', 'h2'], url_pattern: '/x' }] }, { endpoint: '/b' }],
      flags: { on: 'yes', n: null, t: true },
    });
  });

  it('locates members (key and value) and array items', () => {
    expect(span(doc, '/version', 'key')).toBe('1:1-1:8');
    expect(span(doc, '/version')).toBe('1:10-1:11');
    expect(span(doc, '/endpoints', 'key')).toBe('2:1-2:10');
    expect(span(doc, '/endpoints')).toBe('3:3-7:17');
    expect(span(doc, '/endpoints/0')).toBe('3:5-6:24');
    expect(doc.locations.get('/endpoints/0')!.key).toBeUndefined();
    expect(span(doc, '/endpoints/0/backend/0/host', 'key')).toBe('5:9-5:13');
    expect(span(doc, '/endpoints/0/backend/0/host/0')).toBe('5:16-5:18');
    expect(span(doc, '/endpoints/0/backend/0/host/1')).toBe('5:20-5:24');
    expect(span(doc, '/endpoints/1/endpoint')).toBe('7:15-7:17');
    expect(span(doc, '/flags/n')).toBe('8:21-8:25');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('keeps integers as numbers, or as bigints when asked', () => {
    const text = 'port: 8080\nhex: 0x1F\noct: 0o17\nratio: 1.5\nbig: 12345678901234567890\n';
    expect(parseYaml(text, 'x.yaml').value).toEqual({ port: 8080, hex: 31, oct: 15, ratio: 1.5, big: 12345678901234567000 });
    expect(parseYaml(text, 'x.yaml', { bigIntegers: true }).value).toEqual({ port: 8080n, hex: 31n, oct: 15n, ratio: 1.5, big: 12345678901234567890n });
  });

  it('stringifies non-string keys the way Go prints them', () => {
    const doc = parseYaml('1: a\n2.5: b\ntrue: c\nnull: d\n1000000.0: e\n0x10: f\n', 'x.yaml');
    expect(doc.value).toEqual({ '1': 'a', '2.5': 'b', true: 'c', '<nil>': 'd', '1e+06': 'e', '16': 'f' });
    expect(span(doc, '/1e+06', 'key')).toBe('5:1-5:10');
  });

  it('formats floats like Go %v', () => {
    expect([1, 0.5, 123456, 1e6, 1.5e7, 0.0001, 0.00001, -2e21, Infinity, NaN].map(goFloatString)).toEqual([
      '1', '0.5', '123456', '1e+06', '1.5e+07', '0.0001', '1e-05', '-2e+21', '+Inf', 'NaN',
    ]);
  });

  it('expands aliases, locating the alias at its use and its members at the anchor', () => {
    const doc = parseYaml('base: &b\n  host: [h]\n  timeout: 3s\nother: *b\n', 'x.yaml');
    expect(doc.value).toEqual({ base: { host: ['h'], timeout: '3s' }, other: { host: ['h'], timeout: '3s' } });
    expect(span(doc, '/other')).toBe('4:8-4:10');
    expect(span(doc, '/other', 'key')).toBe('4:1-4:6');
    expect(span(doc, '/other/timeout')).toBe('3:12-3:14');
    expect(span(doc, '/other/host/0')).toBe('2:10-2:11');
  });

  it('applies merge keys; the mapping\'s own keys win', () => {
    const doc = parseYaml('defaults: &d\n  method: GET\n  timeout: 3s\nendpoint:\n  <<: *d\n  timeout: 1s\n  url: /x\n', 'x.yaml');
    expect(doc.value).toEqual({
      defaults: { method: 'GET', timeout: '3s' },
      endpoint: { timeout: '1s', url: '/x', method: 'GET' },
    });
    expect(span(doc, '/endpoint/timeout')).toBe('6:12-6:14');
    expect(span(doc, '/endpoint/method', 'key')).toBe('2:3-2:9');
    expect(unlocated(doc)).toEqual([]);
  });

  it('gives an empty value a location and the value null', () => {
    const doc = parseYaml('a:\nb: 1\n', 'x.yaml');
    expect(doc.value).toEqual({ a: null, b: 1 });
    expect(span(doc, '/a')).toBe('1:3-1:3');
  });

  it('reads an empty document as null', () => {
    const doc = parseYaml('# nothing here\n', 'x.yaml');
    expect(doc.value).toBeNull();
    expect(span(doc, '')).toBe('1:1');
  });

  it('warns about tags it does not know', () => {
    const doc = parseYaml('k: !custom v\n', 'x.yaml');
    expect(doc.value).toEqual({ k: 'v' });
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings![0]).toMatchObject({ severity: 'warning', code: 'yaml-warning', message: 'unresolved tag: !custom', line: 1, column: 4 });
  });

  it('reads the fixture config', () => {
    const doc = parseYaml(fixture('krakend.yaml'), 'krakend.yaml');
    expect(doc.value).toEqual(JSON.parse(fixture('krakend.json')));
    expect(span(doc, '/endpoints/1/backend/0/host/1')).toBe('43:13-43:47');
    expect(span(doc, '/endpoints/2/backend/0/extra_config/qos~1circuit-breaker/max_errors', 'key')).toBe('62:13-62:23');
    expect(unlocated(doc)).toEqual([]);
  });
});

describe('parseYaml: syntax errors', () => {
  const cases: [string, string, string, string?][] = [
    ['duplicate key', 'port: 1\nname: x\nport: 2\n', '3:1: duplicate key "port": keys must be unique in a YAML mapping', 'remove one of them'],
    ['keys that collide once stringified', '1: a\n1.0: b\n', '2:1: duplicate key "1": keys must be unique in a YAML mapping'],
    ['tab indentation', 'a:\n\tb: 1\n', '2:1: tabs are not allowed for indentation in YAML', 'indent with spaces'],
    ['unterminated string', 'a: "abc\nb: 1\n', '1:4: unterminated string', 'add the closing "'],
    ['unclosed flow sequence', 'a: [1, 2\n', '1:9: flow sequence in block collection must be sufficiently indented and end with a ]', "close it with ']'"],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n', '3:1: all mapping items must start at the same column'],
    ['two documents', 'a: 1\n---\nb: 2\n', '2:1: the file contains more than one YAML document'],
    ['unknown alias', 'a: *nope\n', '1:4: unknown alias *nope: no anchor &nope is defined before it'],
    ['merge of a scalar', 'a: &x 1\nb:\n  <<: *x\n', "3:7: '<<' merges mappings only: its value must be a mapping or an alias of one"],
    ['complex key', '? [a, b]\n: 1\n', '1:3: a mapping key must be a plain value, not a list or a mapping'],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseYaml(text, 'bad.yaml'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.yaml' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }

  it('notes the first of two duplicate keys', () => {
    const d = syntaxError(() => parseYaml('a:\n  x: 1\n  x: 2\n', 'bad.yaml'));
    expect(d.notes).toEqual([{ message: 'first set here', location: { file: 'bad.yaml', line: 2, column: 3, endLine: 2, endColumn: 4 }, lineText: '  x: 1' }]);
  });

  it('stops an alias "bomb"', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const d = syntaxError(() => parseYaml(lines.join('\n'), 'bomb.yaml'));
    expect(d.message).toBe('aliases expand to too many values (more than 200000)');
  });

  it('reports absurd nesting as a syntax error', () => {
    const d = syntaxError(() => parseYaml(`a: ${'['.repeat(20000)}`, 'deep.yaml'));
    expect(d).toMatchObject({ code: 'syntax', message: 'nesting is too deep to read' });
  });
});
