import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIni } from '../../src/formats/ini.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseIni: values and locations', () => {
  const doc = parseIni(fixture('settings.ini'), 'settings.ini');

  it('reads the settings fixture', () => {
    expect(doc.value).toEqual({
      name: 'Formats fixture gateway',
      port: 8080,
      debug: false,
      sample_rate: 0.25,
      service: { timeout: '3s', cache_ttl: '300s', hosts: ['http://users.internal:8000', 'http://stats.internal:8001'] },
      urls: {
        users: { host: 'http://users.internal:8000', path: '/users/{id}' },
        stats: { host: 'http://stats.internal:8001', path: '/stats' },
      },
      extra_config: { 'qos/ratelimit/router': { max_rate: 50, strategy: 'ip' } },
    });
    expect(doc.warnings).toEqual([]);
  });

  it('locates keys, values, sections and JSON items', () => {
    expect(span(doc, '/name', 'key')).toBe('2:1-2:5');
    expect(span(doc, '/name')).toBe('2:8-2:31');
    expect(span(doc, '/service')).toBe('7:1-7:10');
    expect(span(doc, '/service', 'key')).toBe('7:2-7:9');
    expect(span(doc, '/service/cache_ttl')).toBe('9:13-9:19');
    expect(span(doc, '/service/hosts/1')).toBe('10:40-10:68');
    expect(span(doc, '/urls', 'key')).toBe('12:2-12:6');
    expect(span(doc, '/urls/users', 'key')).toBe('12:7-12:12');
    expect(span(doc, '/urls/users/host')).toBe('13:8-13:34');
    expect(span(doc, '/urls/stats/host')).toBe('17:7-17:33');
    expect(span(doc, '/extra_config/qos~1ratelimit~1router', 'key')).toBe('20:15-20:37');
    expect(span(doc, '/extra_config/qos~1ratelimit~1router/strategy')).toBe('22:12-22:16');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('types unquoted values and keeps quoted ones as text', () => {
    const d = parseIni('a = 1\nb = "1"\nc = \'true\'\nd = true\ne = x ; comment\nf = x;y\ng = "a\\"b"\nh =\n', 'x.ini', { bigIntegers: true });
    expect(d.value).toEqual({ a: 1n, b: '1', c: 'true', d: true, e: 'x', f: 'x;y', g: 'a"b', h: '' });
  });

  it('adds a repeated section to the same object and warns on a repeated key', () => {
    const d = parseIni('[a]\nx = 1\n[b]\ny = 2\n[a]\nz = 3\nx = 4\n', 'x.ini');
    expect(d.value).toEqual({ a: { x: 4, z: 3 }, b: { y: 2 } });
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings![0]).toMatchObject({ code: 'duplicate-key', message: 'key "x" in [a] is set more than once: the last value is used', line: 7, column: 1 });
  });
});

describe('parseIni: errors', () => {
  const cases: [string, string, string, string?][] = [
    ['line without a separator', 'port = 1\nno separator here\n', '2:1: expected key = value (or a [section] header)'],
    ['key then section', 'timeout = 3s\n[timeout]\n', '2:2: section [timeout] needs "timeout" to be a section, but it is a value set at line 1'],
    ['section then key', '[a.b]\n[a]\nb = 1\n', '3:1: key "b" clashes with section [a.b] from line 1'],
    ['unclosed header', '[section\n', "1:1: section header is not closed: missing ']'"],
    ['empty section name', '[a..b]\n', '1:4: empty section name'],
    ['text after header', '[a] x\n', "1:5: unexpected 'x' after the section header"],
    ['unterminated quote', 'a = "abc\n', '1:5: unterminated quoted value'],
    ['text after quote', 'a = "x" y\n', "1:9: unexpected 'y' after the closing quote"],
    ['missing key', '= 1\n', "1:1: missing key before '='"],
    ['invalid JSON value', 'hosts = [a, b]\n', "1:10: invalid JSON in the value of hosts: unexpected 'a': expected a value"],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(name, () => {
      const d = syntaxError(() => parseIni(text, 'bad.ini'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.ini' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }
});
