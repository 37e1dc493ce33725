import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HCL_LIST_KEYS, parseHcl } from '../../src/formats/hcl.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseHcl: values and locations', () => {
  const text = [
    'version = 3',
    'name = "gw" # trailing comment',
    '',
    'endpoints {',
    '  endpoint = "/a"',
    '  backend {',
    '    host = ["h1", "h2",]',
    '  }',
    '  backend {',
    '    host = ["h3"]',
    '  }',
    '}',
    '',
    'extra_config "telemetry/logging" {',
    '  level = "INFO"',
    '}',
    'extra_config "security/cors" {',
    '  max_age = "12h"',
    '}',
    'tls {',
    '  public_key = "cert.pem"',
    '}',
  ].join('\n');
  const doc = parseHcl(text, 'k.hcl');

  it('decodes attributes, blocks, labels and lists', () => {
    expect(doc.value).toEqual({
      version: 3,
      name: 'gw',
      endpoints: [{ endpoint: '/a', backend: [{ host: ['h1', 'h2'] }, { host: ['h3'] }] }],
      extra_config: { 'telemetry/logging': { level: 'INFO' }, 'security/cors': { max_age: '12h' } },
      tls: { public_key: 'cert.pem' },
    });
  });

  it('locates attributes, blocks, labels and items', () => {
    expect(span(doc, '/version', 'key')).toBe('1:1-1:8');
    expect(span(doc, '/version')).toBe('1:11-1:12');
    expect(span(doc, '/name')).toBe('2:8-2:12');
    expect(span(doc, '/endpoints', 'key')).toBe('4:1-4:10');
    expect(span(doc, '/endpoints/0')).toBe('4:1-12:2');
    expect(doc.locations.get('/endpoints/0')!.key).toBeUndefined();
    expect(span(doc, '/endpoints/0/backend/1')).toBe('9:3-11:4');
    expect(span(doc, '/endpoints/0/backend/0/host')).toBe('7:12-7:25');
    expect(span(doc, '/endpoints/0/backend/0/host/1')).toBe('7:19-7:23');
    expect(span(doc, '/extra_config', 'key')).toBe('14:1-14:13');
    expect(span(doc, '/extra_config/telemetry~1logging', 'key')).toBe('14:14-14:33');
    expect(span(doc, '/extra_config/telemetry~1logging')).toBe('14:1-16:2');
    expect(span(doc, '/extra_config/security~1cors/max_age')).toBe('18:13-18:18');
    expect(span(doc, '/tls')).toBe('20:1-22:2');
    expect(span(doc, '/tls', 'key')).toBe('20:1-20:4');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('turns a repeated block into an array, moving the first one\'s locations', () => {
    const doc = parseHcl('router {\n  a = 1\n}\nrouter {\n  a = 2\n}\n', 'x.hcl');
    expect(doc.value).toEqual({ router: [{ a: 1 }, { a: 2 }] });
    expect(span(doc, '/router', 'key')).toBe('1:1-1:7');
    expect(span(doc, '/router/0')).toBe('1:1-3:2');
    expect(span(doc, '/router/0/a')).toBe('2:7-2:8');
    expect(span(doc, '/router/1/a')).toBe('5:7-5:8');
    expect(stale(doc)).toEqual([]);
  });

  it('exports the list keys and accepts more', () => {
    expect([...HCL_LIST_KEYS]).toEqual(['endpoints', 'backend', 'async_agent', 'host', 'keys']);
    expect(parseHcl('sources {\n  a = 1\n}\n', 'x.hcl').value).toEqual({ sources: { a: 1 } });
    expect(parseHcl('sources {\n  a = 1\n}\n', 'x.hcl', { listKeys: ['sources'] }).value).toEqual({ sources: [{ a: 1 }] });
  });

  it('reads objects with = or :, commas or line breaks, and quoted keys', () => {
    const doc = parseHcl('m = {\n  a = 1, "b/c" = 2\n  "d": [true, false, null]\n}\n', 'x.hcl');
    expect(doc.value).toEqual({ m: { a: 1, 'b/c': 2, d: [true, false, null] } });
    expect(span(doc, '/m/b~1c', 'key')).toBe('2:10-2:15');
    expect(span(doc, '/m/d/2')).toBe('3:22-3:26');
  });

  it('reads strings, escapes and numbers', () => {
    const doc = parseHcl('s = "tab\\tquote\\" \\u00e9 \\U0001F600"\nn = -1.5e3\ni = 42\n', 'x.hcl', { bigIntegers: true });
    expect(doc.value).toEqual({ s: 'tab\tquote" é 😀', n: -1500, i: 42n });
    expect(span(doc, '/n')).toBe('2:5-2:11');
  });

  it('keeps ${…} and %{…} as literal text, turning $${ into ${', () => {
    const doc = parseHcl('a = "${var.x} and ${lookup(m, "k")}"\nb = "$${not} %%{also}"\n', 'x.hcl');
    expect(doc.value).toEqual({ a: '${var.x} and ${lookup(m, "k")}', b: '${not} %{also}' });
  });

  it('reads heredocs, removing the common indentation of <<-', () => {
    const doc = parseHcl('a = <<EOF\n  line one\nline ${two}\nEOF\nb = <<-TXT\n    x\n      y\n    TXT\nc = 1\n', 'x.hcl');
    expect(doc.value).toEqual({ a: '  line one\nline ${two}\n', b: 'x\n  y\n', c: 1 });
    expect(span(doc, '/a')).toBe('1:5-4:4');
    expect(span(doc, '/c', 'key')).toBe('9:1-9:2');
  });

  it('skips all kinds of comments', () => {
    const doc = parseHcl('# one\n// two\n/* three\n   lines */\na = 1 /* inline */\n', 'x.hcl');
    expect(doc.value).toEqual({ a: 1 });
  });

  it('reads the fixture config', () => {
    const doc = parseHcl(fixture('krakend.hcl'), 'krakend.hcl');
    expect(doc.value).toEqual(JSON.parse(fixture('krakend.json')));
    expect(span(doc, '/endpoints/1/backend/0/host/1')).toBe('53:50-53:86');
    expect(span(doc, '/endpoints/2/backend/0/extra_config/qos~1circuit-breaker/max_errors', 'key')).toBe('79:7-79:17');
    expect(unlocated(doc)).toEqual([]);
  });
});

describe('parseHcl: errors', () => {
  const cases: [string, string, string, string?][] = [
    ['attribute set twice', 'port = 1\nport = 2\n', '2:1: port is set twice (first at line 1)', 'remove one of them'],
    ['attribute and block', 'tls = {}\ntls {\n}\n', '2:1: tls is set as a block here and as an attribute at line 1'],
    ['block and attribute', 'tls {\n}\ntls = {}\n', '3:1: tls is set as an attribute here and as a block (first at line 1)'],
    ['unclosed block', 'endpoints {\n  a = 1\n', '2:8: unexpected end of file: the endpoints block opened at 1:11 is not closed', "add the missing '}'"],
    ['unclosed list', 'a = [1,\n  2\n', '2:4: unexpected end of file: the list opened at 1:5 is not closed', "add the missing ']'"],
    ['unterminated string', 'a = "abc\nb = 1\n', '1:5: unterminated string'],
    ['invalid escape', 'a = "c:\\dir"\n', "1:8: invalid escape '\\d' in a string"],
    ['two attributes on a line', 'a = 1 b = 2\n', "1:7: expected a line break after the value of a, found 'b'", 'put each attribute on its own line'],
    ['missing value', 'a =\n', '1:4: expected a value after ='],
    ['bare word', 'a = gateway\n', '1:5: unexpected gateway: expected a value', 'text must be in double quotes: "gateway"'],
    ['function call', 'a = upper("x")\n', '1:5: function calls are not supported: upper(…)'],
    ['reference', 'a = var.name\n', '1:5: references are not supported: var.…'],
    ['single quotes', "a = 'x'\n", `1:5: unexpected "'"`, 'HCL strings use double quotes'],
    ['colon for an attribute', 'a: 1\n', "1:2: expected '=' after a, found ':'", 'attributes are written key = value'],
    ['name without = or {', 'endpoints\n{\n}\n', "1:10: expected '=' or '{' after endpoints, found end of line"],
    ['stray closing brace', 'a = 1\n}\n', "2:1: expected an attribute or block name, found '}'", "this '}' has no matching '{'"],
    ['duplicate object key', 'm = { a = 1, a = 2 }\n', '1:14: duplicate key "a" in the object'],
    ['unterminated heredoc', 'a = <<EOF\ntext\n', '1:5: unterminated heredoc: no line with the closing marker EOF'],
    ['number glued to text', 'a = 3s\n', '1:5: invalid number 3s'],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseHcl(text, 'bad.hcl'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.hcl' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(parseHcl(`a = ${'['.repeat(999)}${']'.repeat(999)}\n`, 'deep.hcl').value).toBeDefined();
    const d = syntaxError(() => parseHcl(`a = ${'['.repeat(5000)}`, 'deep.hcl'));
    expect(where(d)).toBe('1:1005: nesting is too deep (more than 1000 levels of blocks, lists and objects)');
  });
});
