import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseToml } from '../../src/formats/toml.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseToml: values and locations', () => {
  const text = [
    'version = 3 # the config version',
    'name = "gw"',
    'server.port = 8080',
    '',
    '[extra_config."telemetry/logging"]',
    "level = 'INFO'",
    '',
    '[[endpoints]]',
    'endpoint = "/a"',
    'methods = [',
    '  "GET", # reads',
    '  "POST",',
    ']',
    '',
    '  [[endpoints.backend]]',
    '  host = ["h1", "h2"]',
    '  mapping = { a = "b", c.d = 1 }',
    '',
    '  [endpoints.extra]',
    '  note = """',
    'two',
    'lines"""',
    '',
    '[[endpoints]]',
    'endpoint = "/b"',
    'when = 1979-05-27 07:32:00Z',
  ].join('\n');
  const doc = parseToml(text, 'k.toml');

  it('decodes the tree', () => {
    expect(doc.value).toEqual({
      version: 3,
      name: 'gw',
      server: { port: 8080 },
      extra_config: { 'telemetry/logging': { level: 'INFO' } },
      endpoints: [
        { endpoint: '/a', methods: ['GET', 'POST'], backend: [{ host: ['h1', 'h2'], mapping: { a: 'b', c: { d: 1 } } }], extra: { note: 'two\nlines' } },
        { endpoint: '/b', when: '1979-05-27T07:32:00.000Z' },
      ],
    });
    expect(Object.getPrototypeOf(doc.value)).toBe(Object.prototype);
  });

  it('locates keys, values, tables, arrays of tables and inline values', () => {
    expect(span(doc, '/version', 'key')).toBe('1:1-1:8');
    expect(span(doc, '/version')).toBe('1:11-1:12');
    expect(span(doc, '/server', 'key')).toBe('3:1-3:7');
    expect(span(doc, '/server/port', 'key')).toBe('3:8-3:12');
    expect(span(doc, '/server/port')).toBe('3:15-3:19');
    expect(span(doc, '/extra_config', 'key')).toBe('5:2-5:14');
    expect(span(doc, '/extra_config/telemetry~1logging')).toBe('5:1-5:35');
    expect(span(doc, '/extra_config/telemetry~1logging', 'key')).toBe('5:15-5:34');
    expect(span(doc, '/extra_config/telemetry~1logging/level')).toBe('6:9-6:15');
    expect(span(doc, '/endpoints', 'key')).toBe('8:3-8:12');
    expect(span(doc, '/endpoints/0')).toBe('8:1-8:14');
    expect(doc.locations.get('/endpoints/0')!.key).toBeUndefined();
    expect(span(doc, '/endpoints/0/methods')).toBe('10:11-13:2');
    expect(span(doc, '/endpoints/0/methods/1')).toBe('12:3-12:9');
    expect(span(doc, '/endpoints/0/backend/0')).toBe('15:3-15:24');
    expect(span(doc, '/endpoints/0/backend/0/host/1')).toBe('16:17-16:21');
    expect(span(doc, '/endpoints/0/backend/0/mapping')).toBe('17:13-17:33');
    expect(span(doc, '/endpoints/0/backend/0/mapping/c/d', 'key')).toBe('17:26-17:27');
    expect(span(doc, '/endpoints/0/backend/0/mapping/c/d')).toBe('17:30-17:31');
    expect(span(doc, '/endpoints/0/extra')).toBe('19:3-19:20');
    expect(span(doc, '/endpoints/0/extra/note')).toBe('20:10-22:9');
    expect(span(doc, '/endpoints/1')).toBe('24:1-24:14');
    expect(span(doc, '/endpoints/1/endpoint')).toBe('25:12-25:16');
    expect(span(doc, '/endpoints/1/when')).toBe('26:8-26:28');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('keeps integers as numbers, or as bigints when asked', () => {
    const text = 'port = 8080\nbig = 9007199254740993\nrate = 1.5\n';
    expect(parseToml(text, 'x.toml').value).toEqual({ port: 8080, big: 9007199254740992, rate: 1.5 });
    expect(parseToml(text, 'x.toml', { bigIntegers: true }).value).toEqual({ port: 8080n, big: 9007199254740993n, rate: 1.5 });
  });

  it('turns every kind of date into an ISO string', () => {
    const doc = parseToml('a = 1979-05-27T07:32:00-08:00\nb = 1979-05-27\nc = 07:32:00\nd = 1979-05-27T07:32:00\n', 'x.toml');
    expect(doc.value).toEqual({ a: '1979-05-27T07:32:00.000-08:00', b: '1979-05-27', c: '07:32:00.000', d: '1979-05-27T07:32:00.000' });
  });

  it('locates quoted keys and literal strings', () => {
    const doc = parseToml(`"a.b" = 'x'\n'c' = """y"""\n`, 'x.toml');
    expect(doc.value).toEqual({ 'a.b': 'x', c: 'y' });
    expect(span(doc, '/a.b', 'key')).toBe('1:1-1:6');
    expect(span(doc, '/a.b')).toBe('1:9-1:12');
    expect(span(doc, '/c')).toBe('2:7-2:14');
  });

  it('locates every value of a tricky document exactly (the located text decodes to the value)', () => {
    const text = [
      '# comment with [brackets] and "quotes"',
      'title = "TOML # not a comment ] }"   # trailing',
      `"quoted key" = 'literal \\ string'`,
      '  spaced . dotted . key = 1',
      'multi = """',
      'Roses are red',
      '  ""Violets"" are blue"""',
      "lit = '''",
      "It's a ''quote'' fest '''",
      `nested = [ [1, 2], ["a", 'b'], [ { x = 1 }, { y = [ 1, 2, ] } ] ]`,
      'arr_of_inline = [',
      '  { name = "a", tags = ["t1", "t2"] }, # first',
      '  { name = "b", sub.key = true },',
      ']',
      'date = 1979-05-27 07:32:00',
      'hex = 0xDEAD_BEEF',
      '[ table . "with.dot" ]',
      'key = "v"',
      '[[ fruits ]]',
      'name = "apple"',
      '  [ fruits . physical ]',
      '  color = "red"',
      '  [[ fruits . varieties ]]',
      '  name = "red delicious"',
      '  [[ fruits . varieties ]]',
      '  name = "granny smith"',
      '[[fruits]]',
      '  [[fruits.varieties]]',
      '  name = "plantain"',
    ].join('\n');
    const doc = parseToml(text, 'x.toml');
    const lines = text.split('\n');
    const check = (value: unknown, pointer: string): void => {
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) check(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        return;
      }
      const s = doc.locations.get(pointer)!.value;
      const written =
        s.line === s.endLine
          ? lines[s.line - 1]!.slice(s.column - 1, s.endColumn! - 1)
          : [lines[s.line - 1]!.slice(s.column - 1), ...lines.slice(s.line, s.endLine! - 1), lines[s.endLine! - 1]!.slice(0, s.endColumn! - 1)].join('\n');
      expect([pointer, parseToml(`x = ${written}`, 'v.toml').value]).toEqual([pointer, { x: value }]);
    };
    check(doc.value, '');
    expect(span(doc, '/spaced/dotted/key', 'key')).toBe('4:21-4:24');
    expect(span(doc, '/fruits/0/varieties/1/name')).toBe('26:10-26:24');
    expect(span(doc, '/fruits/1/varieties/0')).toBe('28:3-28:23');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('reads the fixture config', () => {
    const doc = parseToml(fixture('krakend.toml'), 'krakend.toml');
    expect(doc.value).toEqual(JSON.parse(fixture('krakend.json')));
    expect(span(doc, '/endpoints/1/backend/0/host/1')).toBe('46:41-46:77');
    expect(span(doc, '/endpoints/2/backend/0/extra_config/qos~1circuit-breaker/max_errors', 'key')).toBe('64:71-64:81');
    expect(span(doc, '/extra_config/security~1cors/allow_methods/1')).toBe('18:3-18:9');
    expect(unlocated(doc)).toEqual([]);
  });
});

describe('parseToml: syntax errors', () => {
  const cases: [string, string, string, string?][] = [
    ['unquoted string', 'version = 3\nname = gateway\n', '2:8: invalid value gateway', 'text must be quoted: "gateway"'],
    ['missing value', 'a = 1\nb = \n', '2:5: missing value'],
    ['table defined twice', '[a]\nx = 1\n\n[a]\ny = 2\n', '4:1: table [a] is defined more than once', 'put all its keys under one header'],
    ['key defined twice', 'port = 1\nport = 2\n', '2:1: port is defined more than once'],
    ['unterminated string', 'a = "abc\n', '1:9: control characters are not allowed in strings'],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseToml(text, 'bad.toml'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.toml' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }

  it('notes the first header of a table defined twice', () => {
    const d = syntaxError(() => parseToml('[a]\nx = 1\n[a]\n', 'bad.toml'));
    expect(d.notes).toEqual([{ message: 'first defined here', location: { file: 'bad.toml', line: 1, column: 1 }, lineText: '[a]' }]);
  });
});
