import { describe, expect, it } from 'vitest';
import { hasDuplicateKeys, parseJsonDeferred } from '../../src/formats/json-deferred.ts';
import { parseJson } from '../../src/formats/json.ts';

describe('deferred JSON parsing', () => {
  it.each([
    ['{"a":1,"a":2}', true],
    ['{"a":{"b":1,"b":2}}', true],
    ['{"a":1,"b":{"a":2}}', false],
    ['{"a" : 1, "b":[{"c":1},{"c":2}]}', false],
    ['[{"a":1},{"a":1}]', false],
  ])('tells whether %s may repeat a member name', (text, want) => expect(hasDuplicateKeys(text)).toBe(want));

  it('errs on the safe side when a string value looks like a member name', () => expect(hasDuplicateKeys('{"a":"x\\":y"}')).toBe(true));

  it.each([
    '{\n  "version": 3,\n  "endpoints": [{ "endpoint": "/a", "backend": [{ "url_pattern": "/x" }] }]\n}',
    '{"a":1,"a":2}',
    '\ufeff{"a": 1}',
    '{"__proto__": {"x": 1}, "b": [1, 2.5, "s"]}',
  ])('gives the same tree, locations and warnings as the full parser: %j', (text) => {
    const full = parseJson(text, 'f.json');
    const deferred = parseJsonDeferred(text, 'f.json');
    expect(deferred.value).toEqual(full.value);
    expect([...deferred.locations]).toEqual([...full.locations]);
    expect(deferred.warnings ?? []).toEqual(full.warnings ?? []);
  });

  it('reports syntax errors exactly as the full parser', () => {
    expect(() => parseJsonDeferred('{"a": 1,}', 'f.json')).toThrow('trailing comma is not allowed');
  });

  it('builds locations only when asked', () => {
    const doc = parseJsonDeferred('{"a": {"b": [1, 2]}}', 'f.json');
    expect(doc.locations.get('/a/b/1')?.value).toEqual(expect.objectContaining({ file: 'f.json', line: 1, column: 17 }));
  });
});
