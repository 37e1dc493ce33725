import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/formats/env.ts';
import { span, stale, syntaxError, unlocated, where } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url), 'utf8');

describe('parseEnv', () => {
  const doc = parseEnv(fixture('settings.env'), 'settings.env');

  it('reads the settings fixture as a flat object of strings', () => {
    expect(doc.value).toEqual({
      GATEWAY_NAME: 'Formats fixture gateway',
      PORT: '8080',
      USERS_HOST: 'http://users.internal:8000',
      STATS_HOST: 'http://stats.internal:8001',
      LOG_PREFIX: '[KRAKEND] ',
      WELCOME: 'Hello\nWorld',
      TEMPLATE: '${HOST}/path#fragment',
      EMPTY: '',
    });
    expect(doc.warnings).toEqual([]);
  });

  it('locates names and values', () => {
    expect(span(doc, '/GATEWAY_NAME', 'key')).toBe('2:1-2:13');
    expect(span(doc, '/GATEWAY_NAME')).toBe('2:14-2:39');
    expect(span(doc, '/PORT', 'key')).toBe('3:8-3:12');
    expect(span(doc, '/USERS_HOST')).toBe('4:12-4:38');
    expect(span(doc, '/STATS_HOST')).toBe('5:14-5:40');
    expect(span(doc, '/EMPTY')).toBe('9:7-9:7');
    expect(unlocated(doc)).toEqual([]);
    expect(stale(doc)).toEqual([]);
  });

  it('lets quoted values span lines; only double quotes process escapes', () => {
    const d = parseEnv('KEY="-----BEGIN-----\nabc\n-----END-----"\nRAW=\'a\\nb\'\nTICK=`x y`\nNEXT=1\n', 'x.env');
    expect(d.value).toEqual({ KEY: '-----BEGIN-----\nabc\n-----END-----', RAW: 'a\\nb', TICK: 'x y', NEXT: '1' });
    expect(span(d, '/KEY')).toBe('1:5-3:15');
    expect(span(d, '/NEXT', 'key')).toBe('6:1-6:5');
  });

  it('handles CRLF, comments after quotes and keeps unknown escapes', () => {
    const d = parseEnv('A="x" # note\r\nB=c:\\path\r\n', 'x.env');
    expect(d.value).toEqual({ A: 'x', B: 'c:\\path' });
  });

  it('warns on a repeated name and keeps the last value', () => {
    const d = parseEnv('A=1\nA=2\n', 'x.env');
    expect(d.value).toEqual({ A: '2' });
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings![0]).toMatchObject({ code: 'duplicate-key', message: 'A is set more than once: the last value is used', line: 2, column: 1 });
  });

  const cases: [string, string, string, string?][] = [
    ['unterminated double quote', 'A=1\nB="abc\n', '2:3: unterminated string', 'add the closing "'],
    ['missing =', 'A=1\nJUSTNAME\n', "2:9: expected '=' after JUSTNAME, found the end of the line", 'write JUSTNAME=value'],
    ['bad name', 'A=1\n$B=2\n', "2:1: expected a variable name, found '$'"],
    ['text after a quoted value', 'A="x" y\n', "1:7: unexpected 'y' after the closing quote"],
  ];
  for (const [name, text, expected, hint] of cases) {
    it(`error: ${name}`, () => {
      const d = syntaxError(() => parseEnv(text, 'bad.env'));
      expect(where(d)).toBe(expected);
      expect(d).toMatchObject({ severity: 'error', code: 'syntax', file: 'bad.env' });
      expect(d.lineText).toBe(text.split('\n')[d.line! - 1]);
      if (hint !== undefined) expect(d.hint).toBe(hint);
    });
  }
});
