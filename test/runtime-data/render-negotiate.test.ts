import { describe, expect, it } from 'vitest';
import { JsonNumber, negotiate, renderYaml } from '../../src/runtime/data/index.ts';
import type { Data } from '../../src/runtime/data/index.ts';

describe('negotiate (gin NegotiateFormat over json, text/plain, xml, x-yaml)', () => {
  it.each([
    [undefined, 'json'],
    ['', 'json'],
    [' , ;q=1', 'json'],
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/xml', 'xml'],
    ['application/xml;q=0.1, application/json', 'xml'],
    ['text/html, application/xml', 'xml'],
    ['text/plain', 'yaml'],
    ['application/x-yaml', 'yaml'],
    ['application/yaml', 'json'],
    ['text/html', 'json'],
    ['*/*', 'json'],
    ['text/*', 'yaml'],
    ['application/*', 'json'],
    ['application/x*', 'xml'],
    ['application/', 'json'],
    ['application/xm', 'xml'],
    ['text', 'yaml'],
    ['application/json-patch+json', 'json'],
    ['image/png, text/plain;q=0.9', 'yaml'],
    [';q=1, application/xml', 'xml'],
  ])('Accept %j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});

describe('renderYaml', () => {
  const cases: Array<[string, Data | null, string]> = [
    ['nil data', null, '{}\n'],
    ['empty map', {}, '{}\n'],
    ['scalars, keys sorted', { b: 1, a: 'x', c: true, d: null, e: new JsonNumber('4.20') }, 'a: x\nb: 1\nc: true\nd: null\ne: 4.20\n'],
    ['nested maps', { a: { b: { c: 1 } }, z: {} }, 'a:\n  b:\n    c: 1\nz: {}\n'],
    ['lists', { l: [1, 'two', { k: 'v', j: 2 }, [3, 4], []], e: [] }, 'e: []\nl:\n- 1\n- two\n- j: 2\n  k: v\n- - 3\n  - 4\n- []\n'],
    [
      'strings that need quotes',
      { a: '', b: 'true', c: '123', d: 'a: b', e: '#x', f: ' pad', g: 'null', h: 'x"y', i: '- item', j: '1e3', k: 'ok-value' },
      'a: ""\nb: "true"\nc: "123"\nd: "a: b"\ne: "#x"\nf: " pad"\ng: "null"\nh: x"y\ni: "- item"\nj: "1e3"\nk: ok-value\n',
    ],
    ['multi-line string as a literal block', { a: 'line1\nline2', b: 'x\n' }, 'a: |-\n  line1\n  line2\nb: |\n  x\n'],
    ['control characters escaped', { a: 'x\u0001y' }, 'a: "x\\x01y"\n'],
  ];
  it.each(cases)('%s', (_name, data, expected) => {
    expect(renderYaml(data)).toBe(expected);
  });
});
