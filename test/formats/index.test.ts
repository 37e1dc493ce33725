import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.ts';
import { formatForFile, parseFile, parserFor, readAndParse } from '../../src/formats/index.ts';
import { parseJson } from '../../src/formats/json.ts';
import { parseToml } from '../../src/formats/toml.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/formats/', import.meta.url));

describe('formatForFile', () => {
  it('chooses the format by extension, JSON otherwise', () => {
    const cases: Record<string, string> = {
      'krakend.json': 'json',
      'krakend.JSON': 'json',
      'a/b/krakend.yaml': 'yaml',
      'krakend.yml': 'yaml',
      'krakend.toml': 'toml',
      'krakend.properties': 'properties',
      'krakend.props': 'properties',
      'krakend.prop': 'properties',
      'krakend.hcl': 'hcl',
      'settings/service.ini': 'ini',
      'settings/service.env': 'env',
      '.env': 'env',
      'config/.env.production': 'env',
      'krakend.tmpl': 'json',
      'krakend': 'json',
      'out.yaml.json': 'json',
    };
    for (const [file, format] of Object.entries(cases)) expect([file, formatForFile(file)]).toEqual([file, format]);
  });

  it('maps formats to parsers', () => {
    expect(parserFor('json')).toBe(parseJson);
    expect(parserFor('toml')).toBe(parseToml);
  });
});

describe('parseFile', () => {
  it('dispatches on the file name', () => {
    expect(parseFile('a: 1', 'x.yml').value).toEqual({ a: 1 });
    expect(parseFile('a = 1', 'x.toml').value).toEqual({ a: 1 });
    expect(parseFile('{"a": 1}', 'x.tmpl').value).toEqual({ a: 1 });
  });

  it('lets options choose the format and pass parser options through', () => {
    expect(parseFile('a = 1', 'rendered.out', { format: 'toml', bigIntegers: true }).value).toEqual({ a: 1n });
    expect(parseFile('x {\n}\n', 'x.hcl', { listKeys: ['x'] }).value).toEqual({ x: [{}] });
  });

  it('reads YAML through the JSON parser when the extension says JSON, as KrakenD does', () => {
    const d = syntaxError(() => parseFile('version: 3\n', 'krakend.json'));
    expect(where(d)).toBe("1:1: unexpected 'version': expected a value");
  });
});

describe('readAndParse', () => {
  it('reports a missing file by its path', () => {
    const missing = `${FIXTURES}does-not-exist.json`;
    const d = syntaxError(() => readAndParse(missing));
    expect(d).toMatchObject({ severity: 'error', code: 'file-not-found', message: `file not found: ${missing}` });
  });

  it('reports a directory', () => {
    const d = syntaxError(() => readAndParse(FIXTURES));
    expect(d).toMatchObject({ code: 'file-unreadable', message: `${FIXTURES} is a directory, not a file` });
  });

  const base = JSON.parse(readFileSync(`${FIXTURES}krakend.json`, 'utf8')) as unknown;
  for (const ext of ['json', 'yaml', 'toml', 'properties', 'hcl']) {
    it(`reads fixtures/formats/krakend.${ext} into the same config, every node located`, () => {
      const file = `${FIXTURES}krakend.${ext}`;
      const doc = readAndParse(file);
      expect(doc.value).toEqual(base);
      expect(doc.warnings).toEqual([]);
      expect(unlocated(doc)).toEqual([]);
      expect(stale(doc)).toEqual([]);
      expect(doc.locations.get('/endpoints/2/backend/0/url_pattern')!.value.file).toBe(file);
      const line = doc.locations.get('/endpoints/2/backend/0/url_pattern')!.value.line;
      expect(readFileSync(file, 'utf8').split('\n')[line - 1]).toContain('/orders');
    });
  }

  it('reads the settings fixtures', () => {
    expect(readAndParse(`${FIXTURES}settings.ini`).locations.size).toBe(22);
    expect(Object.keys(readAndParse(`${FIXTURES}settings.env`).value as object)).toHaveLength(8);
  });
});

describe('broken fixtures', () => {
  const cases: Record<string, string> = {
    'trailing-comma.json': '3:18: trailing comma is not allowed',
    'missing-comma.json': `3:3: expected ',' or '}' after a member, found string "port"`,
    'comment.json': '2:3: comments are not allowed in JSON',
    'unclosed.json': '6:6: unexpected end of file: an array opened at 3:16 is not closed',
    'unterminated-string.json': '3:11: unterminated string',
    'bad-indent.yaml': '5:1: sequence item without - indicator',
    'duplicate-key.yaml': '3:1: duplicate key "port": keys must be unique in a YAML mapping',
    'tab-indent.yaml': '3:1: tabs are not allowed for indentation in YAML',
    'duplicate-table.toml': '6:1: table [extra_config] is defined more than once',
    'unquoted-string.toml': '2:8: invalid value gateway',
    'gap.properties': '3:11: endpoints.1 is missing: endpoints.2 is set, but list items must be numbered 0, 1, 2… without gaps',
    'value-and-parent.properties': '3:1: extra_config is used as a parent here but is set to a value at line 2',
    'bad-unicode.properties': '2:9: malformed \\uXXXX escape: expected 4 hexadecimal digits',
    'bad-json.properties': "2:41: invalid JSON in the value of endpoints.0.backend.0.host: unexpected 'http': expected a value",
    'unclosed-block.hcl': '7:4: unexpected end of file: the endpoints block opened at 3:11 is not closed',
    'attribute-twice.hcl': '3:1: port is set twice (first at line 2)',
    'function-call.hcl': '2:8: function calls are not supported: upper(…)',
    'missing-separator.ini': '2:1: expected key = value (or a [section] header)',
    'key-and-section.ini': '3:2: section [timeout] needs "timeout" to be a section, but it is a value set at line 1',
    'unterminated.env': '2:10: unterminated string',
    'bad-name.env': "2:3: expected '=' after 1, found '2'",
  };
  for (const [name, expected] of Object.entries(cases)) {
    it(name, () => {
      const file = `${FIXTURES}broken/${name}`;
      const d = syntaxError(() => readAndParse(file));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file });
      expect(d.lineText).toBe(readFileSync(file, 'utf8').split('\n')[d.line! - 1]);
    });
  }

  it('prints a syntax error with the line and a caret', () => {
    const d = syntaxError(() => readAndParse(`${FIXTURES}broken/trailing-comma.json`));
    expect(formatDiagnostic(d, { cwd: FIXTURES.replace(/\/$/, '') })).toBe(
      [
        'broken/trailing-comma.json:3:18: error: trailing comma is not allowed [syntax]',
        '  3 |   "endpoints": [],',
        '    |                  ^',
        "  hint: remove the ',' after the last member",
      ].join('\n'),
    );
  });

  it('parses the duplicate-key JSON fixture with a warning', () => {
    const doc = readAndParse(`${FIXTURES}broken/duplicate-key.json`);
    expect(doc.value).toEqual({ version: 3, port: 9090 });
    expect(doc.warnings!.map((w) => `${w.line}:${w.column}: ${w.message}`)).toEqual(['4:3: duplicate key "port": the last value is used']);
    expect(span(doc, '/port')).toBe('4:11-4:15');
  });
});
