import { describe, expect, it } from 'vitest';
import { generateBackendTransform, generateEndpointFlatmap } from '../../src/codegen/data/index.ts';
import type { TransformSpec } from '../../src/codegen/data/index.ts';
import { name } from '../../src/codegen/emit.ts';
import type { Code } from '../../src/codegen/emit.ts';
import { decodeJson, encodeJson } from '../../src/runtime/data/index.ts';
import { compileFunction, typeCheck } from './support.ts';

const generated: Code[] = [];

function spec(partial: Partial<TransformSpec>): TransformSpec {
  return { target: '', allow: [], deny: [], mapping: {}, group: '', ...partial };
}

let counter = 0;
function run(s: TransformSpec, input: string): string {
  const fn = `transform${++counter}`;
  const source = generateBackendTransform(name(fn), s);
  if (source === null) return 'identity';
  generated.push(source);
  const transform = compileFunction(source, fn);
  const data = input === 'null' ? null : decodeJson(Buffer.from(input));
  return encodeJson(transform(data));
}

describe('generateBackendTransform', () => {
  it('returns null when nothing is configured', () => {
    expect(generateBackendTransform(name('t'), spec({}))).toBeNull();
    expect(generateBackendTransform(name('t'), spec({ flatmap: [] }))).toBeNull();
  });

  describe('target', () => {
    it.each([
      ['descends into objects', 'data.items', '{"data":{"items":{"a":1}},"x":2}', '{"a":1}'],
      ['single level', 'data', '{"data":{"a":1}}', '{"a":1}'],
      ['missing step gives {}', 'data.nope', '{"data":{"a":1}}', '{}'],
      ['a non-object step gives {}', 'data.a', '{"data":{"a":1}}', '{}'],
      ['an array is not an object', 'list', '{"list":[1,2]}', '{}'],
      ['null value gives {}', 'data', '{"data":null}', '{}'],
      ['nil data gives {}', 'data', 'null', '{}'],
      ['keys with prototype names are data keys', 'constructor.__proto__', '{"constructor":{"__proto__":{"ok":true}}}', '{"ok":true}'],
      ['missing prototype-named key gives {}', 'toString', '{"a":1}', '{}'],
    ])('%s', (_name, target, input, expected) => {
      expect(run(spec({ target }), input)).toBe(expected);
    });
  });

  describe('allow', () => {
    it.each([
      ['keeps listed leaves with their subtrees', ['a', 'c.d'], '{"a":{"x":[1,{"y":2}]},"b":2,"c":{"d":{"e":1},"f":2}}', '{"a":{"x":[1,{"y":2}]},"c":{"d":{"e":1}}}'],
      ['"a.b" then "a" keeps all of a', ['a.b', 'a'], '{"a":{"b":1,"c":2},"z":1}', '{"a":{"b":1,"c":2}}'],
      ['"a" then "a.b" keeps only a.b', ['a', 'a.b'], '{"a":{"b":1,"c":2},"z":1}', '{"a":{"b":1}}'],
      ['a path through a non-object drops the key', ['a.b'], '{"a":"text","z":1}', '{}'],
      ['a path through an array drops the key', ['a.b'], '{"a":[{"b":1}]}', '{}'],
      ['a nested object left empty is dropped', ['a.b', 'c'], '{"a":{"x":1},"c":2}', '{"c":2}'],
      ['an empty nested object is dropped', ['a.b', 'c'], '{"a":{},"c":2}', '{"c":2}'],
      ['nothing matching gives {}', ['nope'], '{"a":1}', '{}'],
      ['null values are kept', ['a'], '{"a":null,"b":1}', '{"a":null}'],
      ['deep paths', ['a.b.c.d'], '{"a":{"b":{"c":{"d":1,"e":2},"x":1}}}', '{"a":{"b":{"c":{"d":1}}}}'],
      ['keys with dots cannot be listed (dots split paths)', ['a.b'], '{"a.b":1}', '{}'],
      ['prototype-named keys', ['__proto__.x', 'constructor'], '{"__proto__":{"x":1,"y":2},"constructor":3,"z":4}', '{"__proto__":{"x":1},"constructor":3}'],
      ['an absent prototype-named key is not invented', ['toString', 'hasOwnProperty.x'], '{"a":1}', '{}'],
      ['empty data stays empty', ['a'], '{}', '{}'],
      ['nil data stays nil', ['a'], 'null', 'null'],
    ])('%s', (_name, allow, input, expected) => {
      expect(run(spec({ allow }), input)).toBe(expected);
    });

    it('ignores deny when allow is set', () => {
      expect(run(spec({ allow: ['a'], deny: ['a'] }), '{"a":1,"b":2}')).toBe('{"a":1}');
    });
  });

  describe('deny', () => {
    it.each([
      ['removes top-level keys', ['a', 'c'], '{"a":1,"b":2,"c":3}', '{"b":2}'],
      ['removes nested keys', ['a.b.c'], '{"a":{"b":{"c":1,"d":2},"e":3}}', '{"a":{"b":{"d":2},"e":3}}'],
      ['a denied parent removes its subtree whatever the order', ['a.b', 'a'], '{"a":{"b":1},"z":1}', '{"z":1}'],
      ['a denied parent removes its subtree (parent first)', ['a', 'a.b'], '{"a":{"b":1},"z":1}', '{"z":1}'],
      ['walks objects only', ['a.b'], '{"a":[{"b":1}],"c":"s"}', '{"a":[{"b":1}],"c":"s"}'],
      ['a nested object emptied stays {}', ['a.b'], '{"a":{"b":1}}', '{"a":{}}'],
      ['everything denied gives {}', ['a'], '{"a":1}', '{}'],
      ['missing paths are ignored', ['x.y', 'q'], '{"a":1}', '{"a":1}'],
      ['prototype-named keys', ['__proto__', 'constructor.x'], '{"__proto__":1,"constructor":{"x":1,"y":2}}', '{"constructor":{"y":2}}'],
      ['nil data stays nil', ['a'], 'null', 'null'],
    ])('%s', (_name, deny, input, expected) => {
      expect(run(spec({ deny }), input)).toBe(expected);
    });
  });

  describe('mapping', () => {
    it.each([
      ['renames top-level keys', { a: 'x', b: 'y' }, '{"a":1,"b":2,"c":3}', '{"c":3,"x":1,"y":2}'],
      ['the new name is cut at the first dot', { a: 'x.y.z' }, '{"a":1}', '{"x":1}'],
      ['old names with dots are looked up literally', { 'a.b': 'c' }, '{"a.b":1,"a":{"b":2}}', '{"a":{"b":2},"c":1}'],
      ['a missing key is ignored', { nope: 'x' }, '{"a":1}', '{"a":1}'],
      ['a renamed key overwrites an existing one', { a: 'b' }, '{"a":1,"b":2}', '{"b":1}'],
      ['mapping a key to itself removes it', { a: 'a' }, '{"a":1,"b":2}', '{"b":2}'],
      ['mapping a key to its own prefix removes it', { a: 'a.b' }, '{"a":1,"b":2}', '{"b":2}'],
      ['null values move too', { a: 'b' }, '{"a":null}', '{"b":null}'],
      ['prototype-named keys', { constructor: '__proto__' }, '{"constructor":1}', '{"__proto__":1}'],
      ['nil data stays nil', { a: 'b' }, 'null', 'null'],
    ])('%s', (_name, mapping, input, expected) => {
      expect(run(spec({ mapping }), input)).toBe(expected);
    });

    it('applies renames in configuration order (chains resolve in that order)', () => {
      expect(run(spec({ mapping: { a: 'b', b: 'c' } }), '{"a":1,"b":2}')).toBe('{"c":1}');
      expect(run(spec({ mapping: { b: 'c', a: 'b' } }), '{"a":1,"b":2}')).toBe('{"b":1,"c":2}');
    });

    it('runs after filtering, and not when filtering emptied the data', () => {
      expect(run(spec({ allow: ['a'], mapping: { a: 'x', b: 'y' } }), '{"a":1,"b":2}')).toBe('{"x":1}');
      expect(run(spec({ allow: ['q'], mapping: { a: 'x' }, group: 'g' }), '{"a":1}')).toBe('{"g":{}}');
    });
  });

  describe('group', () => {
    it.each([
      ['wraps the data', '{"a":1}', '{"grp":{"a":1}}'],
      ['wraps empty data', '{}', '{"grp":{}}'],
      ['wraps nil data', 'null', '{"grp":null}'],
    ])('%s', (_name, input, expected) => {
      expect(run(spec({ group: 'grp' }), input)).toBe(expected);
    });

    it('can be named __proto__', () => {
      expect(run(spec({ group: '__proto__' }), '{"a":1}')).toBe('{"__proto__":{"a":1}}');
    });
  });

  it('applies target → allow → mapping → group in that order', () => {
    const s = spec({ target: 'payload', allow: ['user.name', 'user.id', 'meta'], mapping: { user: 'person', meta: 'info.x' }, group: 'out' });
    const input = '{"payload":{"user":{"name":"Ana","id":7,"password":"x"},"meta":{"v":1},"noise":true},"other":1}';
    expect(run(s, input)).toBe('{"out":{"info":{"v":1},"person":{"id":7,"name":"Ana"}}}');
  });

  it('applies target → deny → mapping → group', () => {
    const s = spec({ target: 'p', deny: ['secret', 'user.password'], mapping: { user: 'u' }, group: 'g' });
    expect(run(s, '{"p":{"secret":1,"user":{"name":"Ana","password":"x"}}}')).toBe('{"g":{"u":{"name":"Ana"}}}');
  });

  it('ignores allow, deny and mapping when a backend flatmap_filter is set (target → flatmap → group)', () => {
    const s = spec({ target: 't', allow: ['zzz'], deny: ['a'], mapping: { a: 'b' }, group: 'g', flatmap: [{ type: 'move', args: ['a', 'c'] }] });
    expect(run(s, '{"t":{"a":1,"x":2}}')).toBe('{"g":{"c":1,"x":2}}');
  });

  it('runs a flatmap made only of unknown operations as the identity (still ignoring allow)', () => {
    const s = spec({ allow: ['zzz'], flatmap: [{ type: 'rename', args: ['a', 'b'] }] });
    expect(run(s, '{"a":1}')).toBe('{"a":1}');
  });

  it('is straight-line code: no loops over the configured lists', () => {
    const source = generateBackendTransform(name('straight'), spec({ target: 'a.b', allow: ['x.y', 'z'], mapping: { z: 'w' }, group: 'g' }))!;
    expect(source.text).not.toMatch(/\bfor\b|\bwhile\b|forEach|\.map\(/);
  });
});

describe('hostile configuration values stay literals', () => {
  const hostile = ['a`);process.exit()//', '"); process.exit(); ("', 'line\u2028break', 'para\u2029graph', 'x*/ process.exit() /*', 'new\nline', '${process.exit()}', '\\'];
  // dots split paths, so the behaviour checks use the values without them
  const asKey = (s: string): string => s.replace(/\./g, '_');

  /** Every line mentioning process.exit() has it inside a JSON string literal, and no raw line separator survives. */
  function onlyInLiterals(text: string): boolean {
    if (text.includes('\u2028') || text.includes('\u2029')) return false;
    return text.split('\n').every((line) => !line.includes('process') || /"(?:[^"\\]|\\.)*process(?:[^"\\]|\\.)*"/.test(line));
  }

  it.each(hostile.map((h, i) => [h, i] as const))('key %j', (raw, i) => {
    const unsafe = generateBackendTransform(name(`hostileRaw${i}`), spec({ target: raw, allow: [raw], deny: [raw], mapping: { [raw]: raw }, group: raw }))!;
    expect(onlyInLiterals(unsafe.text)).toBe(true);
    generated.push(unsafe);
    compileFunction(unsafe, `hostileRaw${i}`);

    const key = asKey(raw);
    const fn = `hostile${i}`;
    const source = generateBackendTransform(name(fn), spec({ target: key, allow: [key], mapping: { [key]: key + '2' }, group: key }))!;
    expect(onlyInLiterals(source.text)).toBe(true);
    generated.push(source);
    const transform = compileFunction(source, fn);
    const input: Record<string, unknown> = { [key]: { [key]: 1, other: 2 } };
    expect(encodeJson(transform(input as never))).toBe(encodeJson({ [key]: { [key + '2']: 1 } }));
  });

  it.each(hostile.map((h, i) => [h, i] as const))('flatmap path %j', (raw, i) => {
    const unsafe = generateEndpointFlatmap(name(`hostileFlatmapRaw${i}`), [
      { type: 'move', args: [raw, `${raw}.x`] },
      { type: raw, args: [raw] },
      { type: 'del', args: [`*.${raw}`] },
      { type: 'append', args: [raw, `${raw}2`] },
    ])!;
    expect(onlyInLiterals(unsafe.text)).toBe(true);
    generated.push(unsafe);
    compileFunction(unsafe, `hostileFlatmapRaw${i}`);

    const key = asKey(raw);
    const fn = `hostileFlatmap${i}`;
    const source = generateEndpointFlatmap(name(fn), [
      { type: 'move', args: [key, `${key}2`] },
      { type: key, args: [key] },
      { type: 'del', args: [`${key}2.${key}`] },
    ])!;
    expect(onlyInLiterals(source.text)).toBe(true);
    generated.push(source);
    const transform = compileFunction(source, fn);
    const input: Record<string, unknown> = { [key]: { [key]: 1, keep: 2 } };
    expect(encodeJson(transform(input as never))).toBe(encodeJson({ [`${key}2`]: { keep: 2 } }));
  });
});

describe('generated code type-checks under strict TypeScript', () => {
  it('compiles every function generated in this file', () => {
    const extra = [
      generateEndpointFlatmap(name('typecheckFlatmap'), [
        { type: 'move', args: ['collection', 'paths'] },
        { type: 'del', args: ['paths.*.i', 'a.b', 'list.0', 'a.0.c'] },
        { type: 'move', args: ['paths.*.path', 'paths.*.url'] },
        { type: 'move', args: ['a.b.c', 'x.y'] },
        { type: 'move', args: ['a.1.c', 'x.*.y'] },
        { type: 'move', args: ['a.b', 'a.q.r.s'] },
        { type: 'move', args: ['a', 'a.b'] },
        { type: 'append', args: ['l1', 'x.l2'] },
        { type: 'append', args: ['k.0.l', 'l3'] },
        { type: 'move', args: ['a.*.b', 'c'] },
      ])!,
    ];
    expect(typeCheck([...generated, ...extra])).toBe('');
  }, 60_000);
});
