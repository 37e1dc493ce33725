import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/formats/json.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const FIXTURE = new URL('../../fixtures/formats/krakend.json', import.meta.url);

describe('parseJson: values and locations', () => {
  const text = ['{', '  "version": 3,', '  "endpoints": [', '    { "endpoint": "/a", "backend": [{ "host": ["h1", "h2"] }] },', '    { "endpoint": "/b~c/d" }', '  ],', '  "ok": true, "none": null, "pi": -3.5e2', '}'].join('\n');
  const doc = parseJson(text, 'k.json');

  it('decodes the tree', () => {
    expect(doc.value).toEqual({
      version: 3,
      endpoints: [{ endpoint: '/a', backend: [{ host: ['h1', 'h2'] }] }, { endpoint: '/b~c/d' }],
      ok: true,
      none: null,
      pi: -350,
    });
    expect(doc.warnings).toEqual([]);
  });

  it('locates the root, members (key and value) and array items', () => {
    expect(span(doc, '')).toBe('1:1-8:2');
    expect(span(doc, '/version', 'key')).toBe('2:3-2:12');
    expect(span(doc, '/version')).toBe('2:14-2:15');
    expect(span(doc, '/endpoints')).toBe('3:16-6:4');
    expect(span(doc, '/endpoints/0')).toBe('4:5-4:64');
    expect(doc.locations.get('/endpoints/0')!.key).toBeUndefined();
    expect(span(doc, '/endpoints/0/endpoint', 'key')).toBe('4:7-4:17');
    expect(span(doc, '/endpoints/0/endpoint')).toBe('4:19-4:23');
    expect(span(doc, '/endpoints/0/backend/0/host/1')).toBe('4:54-4:58');
    expect(span(doc, '/endpoints/1/endpoint')).toBe('5:19-5:27');
    expect(span(doc, '/pi')).toBe('7:35-7:41');
    expect(doc.locations.get('/version')!.value.file).toBe('k.json');
  });

  it('has a location for every node and none for anything else', () => {
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
    expect(doc.locations.size).toBe(15);
  });

  it('escapes pointer tokens (~ and /)', () => {
    const d = parseJson('{"a/b": {"c~d": 1}}', 'x.json');
    expect(span(d, '/a~1b/c~0d')).toBe('1:17-1:18');
  });

  it('counts columns in UTF-16 code units', () => {
    const d = parseJson('{"emoji": "😀", "after": 1}', 'x.json');
    // The emoji is two code units wide.
    expect(span(d, '/emoji')).toBe('1:11-1:15');
    expect(span(d, '/after', 'key')).toBe('1:17-1:24');
  });

  it('ignores a byte-order mark', () => {
    const d = parseJson('\uFEFF{"a": 1}', 'x.json');
    expect(d.value).toEqual({ a: 1 });
    expect(span(d, '/a', 'key')).toBe('1:2-1:5');
  });

  it('handles CRLF line endings', () => {
    const d = parseJson('{\r\n  "a": [\r\n    1\r\n  ]\r\n}\r\n', 'x.json');
    expect(span(d, '/a/0')).toBe('3:5-3:6');
    expect(span(d, '/a')).toBe('2:8-4:4');
  });

  it('turns numbers into JS numbers, losing precision beyond 2^53 like Go', () => {
    const d = parseJson('{"big": 9007199254740993, "int": 8080, "neg": -0.5, "exp": 1E3}', 'x.json', { bigIntegers: true });
    expect(d.value).toEqual({ big: 9007199254740992, int: 8080, neg: -0.5, exp: 1000 });
  });

  it('decodes string escapes', () => {
    const d = parseJson('{"s": "a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"}', 'x.json');
    expect(d.value).toEqual({ s: 'a"b\\c/d\n\té😀' });
  });

  it('keeps __proto__ as an ordinary member', () => {
    const d = parseJson('{"__proto__": {"polluted": true}}', 'x.json');
    const value = d.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts any top-level value', () => {
    expect(parseJson(' [1, "a"] ', 'x.json').value).toEqual([1, 'a']);
    expect(parseJson('"text"', 'x.json').value).toBe('text');
  });

  it('reads the fixture config', () => {
    const d = parseJson(readFileSync(FIXTURE, 'utf8'), 'krakend.json');
    expect((d.value as { endpoints: unknown[] }).endpoints).toHaveLength(3);
    expect(span(d, '/endpoints/1/backend/0/host/1')).toBe('49:50-49:86');
    expect(span(d, '/extra_config/security~1cors/max_age', 'key')).toBe('18:7-18:16');
    expect(unlocated(d)).toEqual([]);
  });
});

describe('parseJson: duplicate keys', () => {
  it('keeps the last value and warns at the second key, noting the first', () => {
    const doc = parseJson('{\n  "port": {"a": 1},\n  "port": 9090\n}', 'k.json');
    expect(doc.value).toEqual({ port: 9090 });
    expect(doc.warnings).toHaveLength(1);
    const w = doc.warnings![0]!;
    expect(w).toMatchObject({
      severity: 'warning',
      code: 'duplicate-key',
      message: 'duplicate key "port": the last value is used',
      file: 'k.json',
      line: 3,
      column: 3,
      endColumn: 9,
      lineText: '  "port": 9090',
    });
    expect(w.notes).toEqual([
      { message: 'first set here', location: { file: 'k.json', line: 2, column: 3, endLine: 2, endColumn: 9 }, lineText: '  "port": {"a": 1},' },
    ]);
    // The replaced value's members no longer have locations.
    expect(doc.locations.has('/port/a')).toBe(false);
    expect(span(doc, '/port')).toBe('3:11-3:15');
  });
});

describe('parseJson: syntax errors', () => {
  const cases: [string, string, string, string?][] = [
    ['trailing comma in an object', '{\n  "a": 1,\n}', "2:9: trailing comma is not allowed", "remove the ',' after the last member"],
    ['trailing comma in an array', '[1, 2,]', '1:6: trailing comma is not allowed', "remove the ',' after the last item"],
    ['missing comma between members', '{\n  "a": 1\n  "b": 2\n}', `3:3: expected ',' or '}' after a member, found string "b"`, "add a ',' after the value that ends at 2:9"],
    ['missing comma between items', '[1 2]', "1:4: expected ',' or ']' after an item, found number 2", "add a ',' after the value that ends at 1:3"],
    ['line comment', '{\n  // port\n  "port": 1\n}', '2:3: comments are not allowed in JSON'],
    ['block comment', '{ /* x */ }', '1:3: comments are not allowed in JSON'],
    ['hash comment', '{\n  # port\n}', '2:3: comments are not allowed in JSON'],
    ['unterminated string at end of line', '{"a": "abc\n}', '1:7: unterminated string', `close the string with '"' before the end of the line (write \\n for a line break inside it)`],
    ['unterminated string at end of file', '{"a": "abc', '1:7: unterminated string', `close the string with '"'`],
    ['unclosed object', '{\n  "a": {\n    "b": 1\n', '3:11: unexpected end of file: an object opened at 2:8 is not closed', "add the missing '}'"],
    ['unclosed array', '{"a": [1,\n', '1:10: unexpected end of file: an array opened at 1:7 is not closed', "add the missing ']'"],
    ['single-quoted string', "{'a': 1}", '1:2: strings must use double quotes in JSON'],
    ['single-quoted value', "{\"a\": 'x'}", '1:7: strings must use double quotes in JSON'],
    ['unquoted key', '{port: 1}', '1:2: member names must be in double quotes: found port', 'write "port"'],
    ['missing colon', '{"a" 1}', `1:6: expected ':' after the member name "a", found number 1`],
    ['equals instead of colon', '{"a" = 1}', `1:6: expected ':' after the member name "a", found '='`, "JSON separates a name from its value with ':'"],
    ['NaN', '{"a": NaN}', '1:7: NaN is not a valid JSON number'],
    ['Infinity', '[-Infinity]', '1:2: -Infinity is not a valid JSON number'],
    ['capitalised literal', '{"a": True}', '1:7: True is not a JSON value', 'write true'],
    ['bare word', '{"a": http://x}', "1:7: unexpected 'http': expected a value", 'text must be in double quotes: "http://x"'],
    ['leading zeros', '{"a": 007}', '1:7: numbers cannot have leading zeros: 007'],
    ['hexadecimal', '{"a": 0x1F}', '1:7: hexadecimal numbers are not allowed in JSON: 0x1F'],
    ['dangling decimal point', '{"a": 1.}', '1:7: invalid number 1.: a digit must follow the decimal point'],
    ['dangling exponent', '{"a": 1e}', '1:7: invalid number 1e: a digit must follow the exponent'],
    ['leading decimal point', '{"a": .5}', '1:7: numbers must start with a digit', 'write 0.5'],
    ['plus sign', '{"a": +1}', "1:7: numbers cannot start with '+' in JSON", 'write 1'],
    ['number glued to text', '{"a": 12ms}', '1:7: invalid number 12ms', 'if this is text, put it in double quotes'],
    ['huge number', '{"a": 1e999}', '1:7: number 1e999 is too large'],
    ['invalid escape', '{"a": "c:\\dir"}', "1:10: invalid escape '\\d' in a string"],
    ['short unicode escape', '{"a": "\\u12"}', '1:8: invalid \\u escape: expected 4 hexadecimal digits'],
    ['tab inside a string', '{"a": "x\ty"}', '1:9: a tab is not allowed inside a string', 'write \\t instead of a tab'],
    ['missing value', '{"a": }', `1:7: expected a value for "a", found '}'`],
    ['double comma', '[1,,2]', "1:4: expected a value, found ','"],
    ['mismatched bracket', '{"a": [1, 2}', "1:12: expected ',' or ']' after an item, found '}'", "this '}' does not match the '[' opened at 1:7"],
    ['text after the document', '{}\n{}', "2:1: unexpected '{' after the end of the JSON document", 'a JSON file holds exactly one value; remove the extra text'],
    ['extra closing brace', '{"a": 1}}', "1:9: unexpected '}' after the end of the JSON document", 'there are more closing brackets than opening ones; remove this one'],
    ['empty file', '  \n', '1:1: the file is empty: expected a JSON value'],
    ['number as key', '{1: 2}', '1:2: expected a member name in double quotes, found number 1'],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseJson(text, 'bad.json'));
      expect(where(d)).toBe(expected);
      expect(d.severity).toBe('error');
      expect(d.code).toBe('syntax');
      expect(d.file).toBe('bad.json');
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }

  it('notes where an unclosed container starts', () => {
    const d = syntaxError(() => parseJson('{\n  "a": [\n    1,\n    2\n', 'bad.json'));
    expect(where(d)).toBe('4:6: unexpected end of file: an array opened at 2:8 is not closed');
    expect(d.notes).toEqual([{ message: 'an array starts here', location: { file: 'bad.json', line: 2, column: 8 }, lineText: '  "a": [' }]);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const d = syntaxError(() => parseJson('['.repeat(5000), 'deep.json'));
    expect(where(d)).toBe('1:1001: nesting is too deep (more than 1000 levels of objects and arrays)');
  });
});

describe('parseJson: speed', () => {
  it('parses a 1,000-endpoint config with locations quickly', () => {
    const endpoints = Array.from({ length: 1000 }, (_, i) => ({
      endpoint: `/v1/resource-${i}/{id}`,
      method: 'GET',
      input_headers: ['Authorization', 'Content-Type'],
      extra_config: { 'qos/ratelimit/router': { max_rate: 100, client_max_rate: 10, strategy: 'ip' } },
      backend: [
        { url_pattern: `/resource/${i}/{id}`, host: ['http://a:8080', 'http://b:8080'], allow: ['id', 'name', 'email'], extra_config: { 'qos/circuit-breaker': { interval: 60, timeout: 10, max_errors: 1 } } },
        { url_pattern: `/extra/${i}`, host: ['http://c:8080'], group: 'extra' },
      ],
    }));
    const text = JSON.stringify({ version: 3, endpoints }, null, 2);
    expect(text.length).toBeGreaterThan(900_000);
    parseJson(text, 'warm-up.json');
    const start = performance.now();
    const doc = parseJson(text, 'big.json');
    const elapsed = performance.now() - start;
    expect(doc.locations.size).toBe(31_003);
    expect(span(doc, '/endpoints/999/backend/1/host/0')).toBeDefined();
    // Typically a few tens of ms; the bound only catches a pathological slowdown on a busy machine.
    expect(elapsed).toBeLessThan(1500);
  });
});
