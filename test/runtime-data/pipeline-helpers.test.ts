import { describe, expect, it } from 'vitest';
import {
  JsonNumber,
  MergeAccumulator,
  applyStatic,
  decodeJson,
  encodeJson,
  respValue,
  staticMatches,
  staticStrategy,
  stringifyParam,
} from '../../src/runtime/data/index.ts';
import type { BackendResult, Data, JsonValue, StaticStrategy } from '../../src/runtime/data/index.ts';

const body = (s: string): Data => decodeJson(Buffer.from(s))!;

describe('sequential proxy: respValue', () => {
  const data = body('{"a":{"b":{"c":"deep"},"s":"x","arr":[{"c":1}]},"top":1,"c":"top-c","n":null}');
  it.each([
    ['top', 1],
    ['a.s', 'x'],
    ['a.b.c', 'deep'],
    // a missing or non-object step stops the walk; the last segment is read where it stopped
    ['missing.c', 'top-c'],
    ['a.s.c', undefined],
    ['a.missing.s', 'x'],
    ['a.arr.0.c', undefined],
    ['a.arr.c', undefined],
    ['top.c', 'top-c'],
    ['n', null],
    ['nothing', undefined],
  ] as Array<[string, JsonValue | undefined]>)('%s', (path, expected) => {
    expect(respValue(data, path)).toEqual(expected);
  });

  it('finds nothing in nil data', () => {
    expect(respValue(null, 'a')).toBeUndefined();
  });
});

describe('sequential proxy: stringifyParam', () => {
  it.each([
    ['string as is', 'hello world', 'hello world'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['integer', 42, '42'],
    ['exact number text', new JsonNumber('4.20'), '4.20'],
    ['big number text', new JsonNumber('12345678901234567890'), '12345678901234567890'],
    ['null', null, '<nil>'],
    ['empty array', [], ''],
    ['array of scalars', ['a', 1, true, null], 'a,1,true,<nil>'],
    ['array with nested values', [[1, 2], { b: 2, a: 'x' }], '[1 2],map[a:x b:2]'],
    ['object in Go map syntax, keys sorted', { z: 1, a: 'x y', m: [1, 'two'], o: { k: null } }, 'map[a:x y m:[1 two] o:map[k:<nil>] z:1]'],
    ['empty object', {}, 'map[]'],
  ] as Array<[string, JsonValue, string]>)('%s', (_name, value, expected) => {
    expect(stringifyParam(value)).toBe(expected);
  });

  it('leaves the placeholder for a missing value', () => {
    expect(stringifyParam(undefined)).toBeUndefined();
  });

  it('reads numbers from a decoded body with their original text', () => {
    const data = body('{"id":4.20,"ids":[1,2.50]}');
    expect(stringifyParam(respValue(data, 'id'))).toBe('4.20');
    expect(stringifyParam(respValue(data, 'ids'))).toBe('1,2.50');
  });
});

function summary(acc: MergeAccumulator): string {
  const { response, errorText } = acc.result();
  return `${response === null ? 'none' : `${encodeJson(response.data)} complete=${response.complete}`} error=${JSON.stringify(errorText)}`;
}

describe('MergeAccumulator', () => {
  it('copies top-level keys, later arrivals overwriting earlier ones', () => {
    const acc = new MergeAccumulator(3);
    acc.add(body('{"a":1,"shared":{"x":1}}'), true);
    acc.add(body('{"b":2,"shared":{"y":2}}'), true);
    acc.add(body('{"c":3}'), true);
    expect(summary(acc)).toBe('{"a":1,"b":2,"c":3,"shared":{"y":2}} complete=true error=null');
  });

  it('is incomplete when a backend failed, and keeps the error text', () => {
    const acc = new MergeAccumulator(2);
    acc.fail(new Error('invalid status code 500 [GET /x]: http://h/x'));
    acc.add(body('{"a":1}'), true);
    expect(summary(acc)).toBe('{"a":1} complete=false error="invalid status code 500 [GET /x]: http://h/x"');
  });

  it('is incomplete when a part is incomplete', () => {
    const acc = new MergeAccumulator(2);
    acc.add(body('{"a":1}'), true);
    acc.add(body('{"error_b":{"http_status_code":404}}'), false);
    expect(summary(acc)).toBe('{"a":1,"error_b":{"http_status_code":404}} complete=false error=null');
  });

  it('is incomplete when a part has nil data, which contributes nothing', () => {
    const acc = new MergeAccumulator(2);
    acc.add(null, true);
    acc.add(body('{"a":1}'), true);
    expect(summary(acc)).toBe('{"a":1} complete=false error=null');
  });

  it('gives empty data when every part had nil data', () => {
    const acc = new MergeAccumulator(2);
    acc.add(null, true);
    acc.add(null, true);
    expect(summary(acc)).toBe('{} complete=false error=null');
  });

  it('is incomplete when some backends never reported (timeout)', () => {
    const acc = new MergeAccumulator(3);
    acc.add(body('{"a":1}'), true);
    acc.add(body('{"b":1}'), true);
    expect(summary(acc)).toBe('{"a":1,"b":1} complete=false error=null');
  });

  it('has no response when every backend failed; errors joined with newlines', () => {
    const acc = new MergeAccumulator(2);
    acc.fail(new Error('one'));
    acc.fail(new Error('two'));
    expect(summary(acc)).toBe('none error="one\\ntwo"');
  });

  it('a single complete answer stays complete', () => {
    const acc = new MergeAccumulator(1);
    acc.add(body('{"a":1}'), true);
    expect(summary(acc)).toBe('{"a":1} complete=true error=null');
  });

  it('handles a __proto__ key as data', () => {
    const acc = new MergeAccumulator(2);
    acc.add(body('{"a":1}'), true);
    acc.add(body('{"__proto__":{"polluted":true}}'), true);
    const merged = acc.result().response!.data!;
    expect(encodeJson(merged)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('static proxy', () => {
  it.each([
    [undefined, 'always'],
    [42, 'always'],
    ['unknown', 'always'],
    ['success', 'success'],
    ['errored', 'errored'],
    ['complete', 'complete'],
    ['incomplete', 'incomplete'],
  ] as Array<[unknown, StaticStrategy]>)('strategy %j → %s', (name, expected) => {
    expect(staticStrategy(name)).toBe(expected);
  });

  const complete: BackendResult = { data: {}, complete: true };
  const partial: BackendResult = { data: {}, complete: false };
  it.each([
    // strategy, response, failed, matches
    ['always', null, true, true],
    ['success', complete, false, true],
    ['success', partial, false, true],
    ['success', partial, true, false],
    ['errored', null, true, true],
    ['errored', complete, false, false],
    ['complete', complete, false, true],
    ['complete', complete, true, false],
    ['complete', partial, false, false],
    ['complete', null, false, false],
    ['incomplete', null, false, true],
    ['incomplete', partial, true, true],
    ['incomplete', complete, false, false],
  ] as Array<[StaticStrategy, BackendResult | null, boolean, boolean]>)('%s with response %j failed=%s → %s', (strategy, response, failed, expected) => {
    expect(staticMatches(strategy, response, failed)).toBe(expected);
  });

  it('copies the data keys over the response (static wins)', () => {
    const response: BackendResult = { data: body('{"foo":1,"keep":true}'), complete: true };
    const result = applyStatic('always', { foo: 42, bar: 'foobar' }, response, false)!;
    expect(result).toBe(response);
    expect(encodeJson(result.data)).toBe('{"bar":"foobar","foo":42,"keep":true}');
    expect(result.complete).toBe(true);
  });

  it('creates an incomplete response when there was none', () => {
    const result = applyStatic('errored', { foo: 42 }, null, true)!;
    expect(encodeJson(result.data)).toBe('{"foo":42}');
    expect(result.complete).toBe(false);
  });

  it('fills nil data', () => {
    const result = applyStatic('always', { foo: 42 }, { data: null, complete: true }, false)!;
    expect(encodeJson(result.data)).toBe('{"foo":42}');
  });

  it('leaves the response alone when the strategy does not match', () => {
    const response: BackendResult = { data: body('{"a":1}'), complete: true };
    expect(applyStatic('incomplete', { foo: 42 }, response, false)).toBe(response);
    expect(encodeJson(response.data)).toBe('{"a":1}');
    expect(applyStatic('success', { foo: 42 }, null, true)).toBeNull();
  });
});
