import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProperties } from '../../src/formats/properties.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseProperties: syntax', () => {
  it('reads =, : and blank separators, comments and blank lines', () => {
    const doc = parseProperties('# comment\n! also a comment\n\na=1\nb : two\n  c   three words\nd\n', 'x.properties');
    expect(doc.value).toEqual({ a: 1, b: 'two', c: 'three words', d: '' });
    expect(span(doc, '/c', 'key')).toBe('6:3-6:4');
    expect(span(doc, '/c')).toBe('6:7-6:18');
  });

  it('joins continuation lines, dropping the next line\'s leading blanks', () => {
    const doc = parseProperties('list=a,\\\n     b,\\\n     c\nafter=1\n', 'x.properties');
    expect(doc.value).toEqual({ list: 'a,b,c', after: 1 });
    expect(span(doc, '/list')).toBe('1:6-3:7');
    expect(span(doc, '/after', 'key')).toBe('4:1-4:6');
  });

  it('does not continue a line ending in an even number of backslashes', () => {
    expect(parseProperties('path=c:\\\\\nnext=1\n', 'x.properties').value).toEqual({ path: 'c:\\', next: 1 });
  });

  it('processes escapes in keys and values', () => {
    const doc = parseProperties('a\\=b\\ c=x\\ty\\u00e9\\:\\\\\nspaces=\\ \\ \n', 'x.properties');
    expect(doc.value).toEqual({ 'a=b c': 'x\tyé:\\', spaces: '  ' });
  });

  it('drops trailing blanks unless escaped', () => {
    expect(parseProperties('a=x   \nb=y\\ \n', 'x.properties').value).toEqual({ a: 'x', b: 'y ' });
  });

  it('handles CRLF line endings', () => {
    const doc = parseProperties('a=1\r\nb=two\r\n', 'x.properties');
    expect(doc.value).toEqual({ a: 1, b: 'two' });
    expect(span(doc, '/b')).toBe('2:3-2:6');
  });
});

describe('parseProperties: structure and typing', () => {
  const text = [
    'version=3',
    'endpoints.0.endpoint=/a',
    'endpoints.0.backend.0.host.0=http://x',
    'endpoints.0.backend.0.host.1=http://y',
    'endpoints.1.endpoint=/b',
    'extra_config.qos/ratelimit/router.max_rate=10.5',
    'extra_config.github\\.com/old.enabled=true',
  ].join('\n');
  const doc = parseProperties(text, 'k.properties');

  it('nests dotted keys into objects and numbered segments into arrays', () => {
    expect(doc.value).toEqual({
      version: 3,
      endpoints: [{ endpoint: '/a', backend: [{ host: ['http://x', 'http://y'] }] }, { endpoint: '/b' }],
      extra_config: { 'qos/ratelimit/router': { max_rate: 10.5 }, 'github.com/old': { enabled: true } },
    });
  });

  it('locates each segment and value', () => {
    expect(span(doc, '/endpoints', 'key')).toBe('2:1-2:10');
    expect(span(doc, '/endpoints/0')).toBe('2:11-2:12');
    expect(doc.locations.get('/endpoints/0')!.key).toBeUndefined();
    expect(span(doc, '/endpoints/0/backend/0/host/1')).toBe('4:30-4:38');
    expect(span(doc, '/endpoints/0/backend/0/host', 'key')).toBe('3:23-3:27');
    expect(span(doc, '/extra_config/qos~1ratelimit~1router/max_rate', 'key')).toBe('6:35-6:43');
    expect(span(doc, '/extra_config/github.com~1old', 'key')).toBe('7:14-7:29');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('accepts array items in any order', () => {
    expect(parseProperties('a.1=y\na.0=x\n', 'x.properties').value).toEqual({ a: ['x', 'y'] });
  });

  it('types values the way a config author means them', () => {
    const doc = parseProperties(
      'int=8080\nneg=-1\ndec=0.25\nexp=2e3\nt=true\nf=false\nnull=null\nzip=007\nplus=+1\ntext=3s\nTrue=True\nempty=\nhuge=123456789012345678901\n',
      'x.properties',
    );
    expect(doc.value).toEqual({
      int: 8080, neg: -1, dec: 0.25, exp: 2000, t: true, f: false, null: 'null', zip: '007', plus: '+1', text: '3s', True: 'True', empty: '',
      huge: '123456789012345678901',
    });
    expect((parseProperties('int=8080\nhuge=123456789012345678901\n', 'x.properties', { bigIntegers: true }).value)).toEqual({
      int: 8080n,
      huge: 123456789012345678901n,
    });
  });

  it('parses one-line JSON arrays and objects, with exact locations inside', () => {
    const doc = parseProperties('host=["http://a", "http://b"]\nmapping = {"from": "to"}\nregex=\\[a-z]+\\]\n', 'x.properties');
    expect(doc.value).toEqual({ host: ['http://a', 'http://b'], mapping: { from: 'to' }, regex: '[a-z]+]' });
    expect(span(doc, '/host')).toBe('1:6-1:30');
    expect(span(doc, '/host/1')).toBe('1:19-1:29');
    expect(span(doc, '/mapping/from', 'key')).toBe('2:12-2:18');
    expect(span(doc, '/mapping/from')).toBe('2:20-2:24');
  });

  it('locates JSON items across continuation lines', () => {
    const doc = parseProperties('host=["http://a", \\\n      "http://b"]\n', 'x.properties');
    expect(doc.value).toEqual({ host: ['http://a', 'http://b'] });
    expect(span(doc, '/host/1')).toBe('2:7-2:17');
  });

  it('warns when a key is set twice and keeps the last value', () => {
    const doc = parseProperties('port=8080\nname=x\nport=9090\n', 'x.properties');
    expect(doc.value).toEqual({ port: 9090, name: 'x' });
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings![0]).toMatchObject({ severity: 'warning', code: 'duplicate-key', message: 'port is set more than once: the last value is used', line: 3, column: 1 });
    expect(doc.warnings![0]!.notes![0]!.location).toMatchObject({ line: 1, column: 1 });
    expect(span(doc, '/port')).toBe('3:6-3:10');
  });

  it('reads the fixture config', () => {
    const doc = parseProperties(fixture('krakend.properties'), 'krakend.properties');
    expect(doc.value).toEqual(JSON.parse(fixture('krakend.json')));
    expect(span(doc, '/endpoints/1/backend/0/host/1')).toBe('35:31-35:67');
    expect(span(doc, '/endpoints/2/backend/0/extra_config/qos~1circuit-breaker/max_errors', 'key')).toBe('48:88-48:100');
    expect(unlocated(doc)).toEqual([]);
  });
});

describe('parseProperties: errors', () => {
  const cases: [string, string, string, string?][] = [
    ['gap in an array', 'a.0=x\na.2=z\n', '2:3: a.1 is missing: a.2 is set, but list items must be numbered 0, 1, 2… without gaps', 'add a.1 or renumber the items'],
    ['gap at the start', 'list.1=x\n', '1:6: list.0 is missing: list.1 is set, but list items must be numbered 0, 1, 2… without gaps'],
    ['value then parent', 'a=1\na.b=2\n', '2:1: a is used as a parent here but is set to a value at line 1'],
    ['parent then value', 'a.b=2\na=1\n', '2:1: a is given a value here but is a parent of other keys from line 1'],
    ['list then object', 'a.0=x\na.b=y\n', '2:3: a is a list (numbered items) from line 1, but a.b gives it a named key'],
    ['empty segment', 'a..b=1\n', '1:3: empty name between two dots in key a..b', "remove the extra '.', or write \\. for a dot inside a name"],
    ['trailing dot', 'a.=1\n', '1:3: empty name at the end of key a.'],
    ['missing key', '=value\n', "1:1: missing key before '='"],
    ['malformed unicode escape', 'name=caf\\u00e\n', '1:9: malformed \\uXXXX escape: expected 4 hexadecimal digits'],
    ['invalid JSON value', 'host=["http://a", http://b]\n', "1:19: invalid JSON in the value of host: unexpected 'http': expected a value"],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseProperties(text, 'bad.properties'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.properties' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }

  it('names both lines when a key is a value and a parent', () => {
    const d = syntaxError(() => parseProperties('x=1\na=1\na.b=2\n', 'bad.properties'));
    expect(d.notes).toEqual([{ message: 'a is set here', location: { file: 'bad.properties', line: 2, column: 3, endLine: 2, endColumn: 4 }, lineText: 'a=1' }]);
  });

  it('suggests how to keep bracketed text', () => {
    const d = syntaxError(() => parseProperties('pattern=[a-z]\n', 'bad.properties'));
    expect(d.hint).toBe('text must be in double quotes: "a-z"; or, start the value with \\[ to keep it as text');
  });
});
