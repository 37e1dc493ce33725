import { describe, expect, it } from 'vitest';
import { flatmapSteps, generateEndpointFlatmap } from '../../src/codegen/data/index.ts';
import type { FlatmapOp } from '../../src/codegen/data/index.ts';
import { name } from '../../src/codegen/emit.ts';
import { decodeJson, encodeJson, flatmapTree, isObject, setKey } from '../../src/runtime/data/index.ts';
import type { Data, JsonValue } from '../../src/runtime/data/index.ts';
import { clone, compileFunction } from './support.ts';

const op = (type: string, ...args: string[]): FlatmapOp => ({ type, args });
const parse = (s: string): Data | null => decodeJson(Buffer.from(s));

function viaTree(ops: FlatmapOp[], input: string): string {
  return encodeJson(flatmapTree(parse(input), flatmapSteps(ops)));
}

let counter = 0;
function viaGenerated(ops: FlatmapOp[], input: string): string {
  const fn = `flatmap${++counter}`;
  const source = generateEndpointFlatmap(name(fn), ops)!;
  return encodeJson(compileFunction(source, fn)(parse(input)));
}

// [name, operations, input, expected]
const CASES: Array<[string, FlatmapOp[], string, string]> = [
  // del
  ['del: unknown path', [op('del', 'abc')], '{"supu":42,"tupu":false}', '{"supu":42,"tupu":false}'],
  ['del: plain', [op('del', 'supu')], '{"supu":42,"tupu":false}', '{"tupu":false}'],
  ['del: several paths in one operation', [op('del', 'a', 'b.c')], '{"a":1,"b":{"c":1,"d":2}}', '{"b":{"d":2}}'],
  ['del: nested', [op('del', 'internal.supu')], '{"internal":{"supu":42,"tupu":false},"tupu":false}', '{"internal":{"tupu":false},"tupu":false}'],
  ['del: a whole subtree', [op('del', 'internal')], '{"internal":{"supu":42},"tupu":false}', '{"tupu":false}'],
  ['del: similar names', [op('del', 'a.a.a')], '{"a":{"a":{"a":{"a":1},"aa":1},"aa":1},"tupu":false}', '{"a":{"a":{"aa":1},"aa":1},"tupu":false}'],
  ['del: wildcard over object values', [op('del', 'a.*.supu')], '{"a":{"first":{"supu":42,"tupu":false},"0":{"supu":42,"tupu":true}},"tupu":false}', '{"a":{"0":{"tupu":true},"first":{"tupu":false}},"tupu":false}'],
  ['del: wildcard over array elements', [op('del', 'a.*.a')], '{"a":[{"a":{"a":1},"aa":1},{"a":42,"aa":1}],"tupu":false}', '{"a":[{"aa":1},{"aa":1}],"tupu":false}'],
  ['del: nested wildcards', [op('del', 'a.*.b.*.c')], '{"a":[{"b":[{"c":1,"aa":1},{"c":2,"aa":1}],"aa":1},{"b":[{"c":1,"aa":1}],"aa":1}]}', '{"a":[{"aa":1,"b":[{"aa":1},{"aa":1}]},{"aa":1,"b":[{"aa":1}]}]}'],
  ['del: wildcard under an empty array', [op('del', 'data.*.password')], '{"data":[]}', '{"data":[]}'],
  ['del: wildcard under an empty object', [op('del', 'data.*.password')], '{"data":{}}', '{"data":{}}'],
  ['del: removing every child of an object leaves null', [op('del', 'a.x')], '{"a":{"x":1},"b":2}', '{"a":null,"b":2}'],
  ['del: removing every element of an array leaves null', [op('del', 'a.*')], '{"a":[1,2],"b":2}', '{"a":null,"b":2}'],
  ['del: removing every child of objects inside an array', [op('del', 'a.*.x')], '{"a":[{"x":1},{"x":2,"y":3}]}', '{"a":[null,{"y":3}]}'],
  ['del: removing every key of the data gives null', [op('del', 'a', 'b')], '{"a":1,"b":2}', 'null'],
  ['del: a last-segment wildcard empties the data', [op('del', '*')], '{"a":1,"b":2}', 'null'],
  ['del: an array element by its index label', [op('del', 'a.1')], '{"a":[10,11,12]}', '{"a":[10,12]}'],
  ['del: array elements keep their original labels', [op('del', 'a.0'), op('del', 'a.1')], '{"a":[10,11,12]}', '{"a":[12]}'],
  ['del: a label that no longer exists does nothing', [op('del', 'a.1'), op('del', 'a.1')], '{"a":[10,11,12]}', '{"a":[10,12]}'],
  ['del: labels need canonical index text', [op('del', 'a.01')], '{"a":[10,11]}', '{"a":[10,11]}'],
  ['del: a numeric segment on an object is a key', [op('del', 'a.0')], '{"a":{"0":1,"1":2}}', '{"a":{"1":2}}'],
  ['del: into an element by index', [op('del', 'a.1.x')], '{"a":[{"x":1},{"x":2,"y":3}]}', '{"a":[{"x":1},{"y":3}]}'],
  ['del: through a scalar does nothing', [op('del', 'a.b.c')], '{"a":{"b":"s"}}', '{"a":{"b":"s"}}'],
  ['del: a literal * key under a last-segment wildcard is not special', [op('del', 'a.*')], '{"a":{"*":1,"b":2}}', '{"a":null}'],
  // move: same depth renames the last segment
  ['move: plain', [op('move', 'a', 'b')], '{"a":42}', '{"b":42}'],
  ['move: rename inside an object', [op('move', 'b.a', 'b.c')], '{"a":1,"b":{"a":42}}', '{"a":1,"b":{"c":42}}'],
  ['move: only the last destination segment counts when depths match', [op('move', 'b.a', 'zzz.c')], '{"b":{"a":42}}', '{"b":{"c":42}}'],
  ['move: rename with wildcard', [op('move', 'b.*.c', 'b.*.x')], '{"c":42,"b":{"first":{"c":{"d":42}},"last":{"m":42,"c":{"d":42}}}}', '{"b":{"first":{"x":{"d":42}},"last":{"m":42,"x":{"d":42}}},"c":42}'],
  ['move: rename inside array elements', [op('move', 'b.*.c', 'b.*.x')], '{"a":42,"b":[{"c":42},{"c":{"d":42}}]}', '{"a":42,"b":[{"x":42},{"x":{"d":42}}]}'],
  ['move: rename arrays inside array elements', [op('move', 'a.*.b', 'a.*.c')], '{"a":[{"b":[{"c":{"a":1}}]},{"b":[]}]}', '{"a":[{"c":[{"c":{"a":1}}]},{"c":[]}]}'],
  ['move: rename two levels of wildcards', [op('move', 'a.*.b.*.c', 'a.*.b.*.x')], '{"a":[{"b":[{"c":{"a":1},"aa":1},{"c":{"a":2}}]},{"b":[{"c":1}]}]}', '{"a":[{"b":[{"aa":1,"x":{"a":1}},{"x":{"a":2}}]},{"b":[{"x":1}]}]}'],
  ['move: renaming an array element keeps its position', [op('move', 'a.0', 'a.x'), op('del', 'a.x')], '{"a":[10,11]}', '{"a":[11]}'],
  ['move: renaming onto an existing key (renamed entry wins)', [op('move', 'a', 'b')], '{"a":1,"b":2}', '{"b":1}'],
  ['move: a missing source does nothing', [op('move', 'x', 'y')], '{"a":1}', '{"a":1}'],
  // move: shorter destination moves up
  ['move: up to the root', [op('move', 'b.a', 'c')], '{"a":1,"b":{"a":42}}', '{"a":1,"b":null,"c":42}'],
  ['move: up, keeping siblings', [op('move', 'b.b', 'c')], '{"a":42,"b":{"a":42,"bb":true,"b":{"a":42}}}', '{"a":42,"b":{"a":42,"bb":true},"c":{"a":42}}'],
  ['move: up under an existing object', [op('move', 'a.b.c', 'x.y')], '{"a":{"b":{"c":1,"d":2}},"x":{"k":0}}', '{"a":{"b":{"d":2}},"x":{"k":0,"y":1}}'],
  ['move: up when the destination parent is missing attaches at the deepest existing ancestor', [op('move', 'a.b.c', 'x.y')], '{"a":{"b":{"c":1,"d":2}}}', '{"a":{"b":{"d":2}},"y":1}'],
  ['move: up with a wildcard destination taking the source label', [op('move', 'a.*.b.c', 'a.*.c')], '{"a":{"p":{"b":{"c":1,"k":0}},"q":{"b":{"c":2}}}}', '{"a":{"p":{"b":{"k":0},"c":1},"q":{"b":null,"c":2}}}'],
  ['move: up from array elements', [op('move', 'list.*.meta.id', 'list.*.id')], '{"list":[{"meta":{"id":1,"v":2}},{"meta":{"id":3}}]}', '{"list":[{"id":1,"meta":{"v":2}},{"id":3,"meta":null}]}'],
  ['move: up onto an existing key (moved entry wins)', [op('move', 'a.b', 'c')], '{"a":{"b":1,"x":0},"c":2}', '{"a":{"x":0},"c":1}'],
  ['move: up into a scalar turns it into an object', [op('move', 'a.b.c', 's.y')], '{"a":{"b":{"c":1,"d":2}},"s":"text"}', '{"a":{"b":{"d":2}},"s":{"y":1}}'],
  ['move: up into an array appends', [op('move', 'a.b.c', 'l.x')], '{"a":{"b":{"c":1,"k":0}},"l":[0]}', '{"a":{"b":{"k":0}},"l":[0,1]}'],
  // move: longer destination nests, re-rooted at the source parent
  ['move: deeper creates intermediate objects', [op('move', 'b.a', 'b.b.a.b.a.b.c')], '{"a":1,"b":{"a":42}}', '{"a":1,"b":{"b":{"a":{"b":{"a":{"b":{"c":42}}}}}}}'],
  ['move: deeper below the moved key itself', [op('move', 'a', 'a.b')], '{"a":{"x":1},"k":0}', '{"a":{"b":{"x":1}},"k":0}'],
  ['move: deeper ignores the destination prefix (re-rooted at the source parent)', [op('move', 'a.b', 'x.y.z')], '{"a":{"b":1,"k":0}}', '{"a":{"k":0,"y":{"z":1}}}'],
  ['move: deeper into existing intermediates', [op('move', 'a.b', 'a.c.d')], '{"a":{"b":1,"c":{"e":2}}}', '{"a":{"c":{"d":1,"e":2}}}'],
  ['move: deeper with wildcards', [op('move', 'b.*.c', 'b.*.c.b.x')], '{"c":42,"b":{"first":{"c":{"d":42}},"last":{"m":42,"c":{"d":42}}}}', '{"b":{"first":{"c":{"b":{"x":{"d":42}}}},"last":{"c":{"b":{"x":{"d":42}}},"m":42}},"c":42}'],
  ['move: the conformance flatmap spec', [op('move', 'collection', 'paths'), op('del', 'paths.*.i'), op('move', 'paths.*.path', 'paths.*.url')], '{"collection":[{"i":0,"path":"/collection/2"},{"i":1,"path":"/collection/2"}]}', '{"paths":[{"url":"/collection/2"},{"url":"/collection/2"}]}'],
  // append
  ['append: concatenates into the destination and removes the source', [op('append', 'a', 'b')], '{"a":[42],"b":[1]}', '{"b":[1,42]}'],
  ['append: nested paths', [op('append', 'x.a', 'y.b')], '{"x":{"a":[3,4],"k":0},"y":{"b":[1,2]}}', '{"x":{"k":0},"y":{"b":[1,2,3,4]}}'],
  ['append: an emptied source parent becomes null', [op('append', 'x.a', 'b')], '{"x":{"a":[3]},"b":[1]}', '{"b":[1,3],"x":null}'],
  ['append: empty arrays', [op('append', 'a', 'b')], '{"a":[],"b":[]}', '{"b":[]}'],
  ['append: a non-array source does nothing', [op('append', 'a', 'b')], '{"a":{"x":1},"b":[1]}', '{"a":{"x":1},"b":[1]}'],
  ['append: a non-array destination does nothing', [op('append', 'a', 'b')], '{"a":[1],"b":"x"}', '{"a":[1],"b":"x"}'],
  ['append: a missing destination does nothing', [op('append', 'a', 'b')], '{"a":[1]}', '{"a":[1]}'],
  ['append: the appended elements get fresh labels', [op('append', 'a', 'b'), op('del', 'b.1')], '{"a":[42,43],"b":[1]}', '{"b":[1,43]}'],
  ['append: a wildcard source collects every match', [op('append', 'a.*.v', 'b')], '{"a":[{"v":1},{"v":2}],"b":[0]}', '{"a":[null,null],"b":[0,1,2]}'],
  ['append: an array to itself', [op('append', 'a', 'a')], '{"a":[1,2]}', '{"a":[1,2,1,2]}'],
  // other
  ['unknown operation types do nothing', [op('rename', 'a', 'b'), op('del', 'c')], '{"a":1,"c":2}', '{"a":1}'],
  ['nil data stays nil', [op('del', 'a')], 'null', 'null'],
  ['empty data stays empty', [op('del', 'a'), op('move', 'a', 'b')], '{}', '{}'],
  ['an originally empty object keeps reading {} after receiving and losing a child', [op('move', 'x', 'e.y'), op('del', 'e.y')], '{"e":{},"x":1,"k":0}', '{"e":{},"k":0}'],
  ['after the data is emptied later operations do nothing', [op('del', 'a'), op('move', 'b', 'c')], '{"a":1}', 'null'],
  ['prototype-named keys are data keys', [op('move', '__proto__', 'constructor'), op('del', 'toString')], '{"__proto__":{"x":1},"toString":1}', '{"constructor":{"x":1}}'],
];

describe('flatmap on the labelled-tree model', () => {
  it.each(CASES)('%s', (_name, ops, input, expected) => {
    expect(viaTree(ops, input)).toBe(expected);
  });
});

describe('flatmap through generated code', () => {
  it.each(CASES)('%s', (_name, ops, input, expected) => {
    expect(viaGenerated(ops, input)).toBe(expected);
  });

  it('throws when move or append lacks a path (a configuration error)', () => {
    expect(() => flatmapSteps([op('move', 'a')])).toThrow('flatmap "move" needs two paths, got 1');
    expect(() => flatmapSteps([op('append')])).toThrow('flatmap "append" needs two paths, got 0');
    expect(() => flatmapSteps([{ type: 'move', args: ['a', 5 as unknown as string] }])).toThrow('flatmap "move" paths must be strings');
  });

  it('skips del arguments that are not strings, as KrakenD does', () => {
    expect(flatmapSteps([{ type: 'del', args: [7 as unknown as string, 'a'] }])).toEqual([{ type: 'del', args: [['a']] }]);
  });

  it('returns null for no operations', () => {
    expect(generateEndpointFlatmap(name('none'), [])).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Differential check: generated code (plain data + hand-over to the model)
// against the model alone, on random data and operation lists. Cases whose
// model result depends on key order (KrakenD leaves that to Go's random map
// order) are skipped.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KEYS = ['a', 'b', 'c', '0', '1', 'x'];

function randomValue(next: () => number, depth: number): JsonValue {
  const r = next();
  if (depth <= 0 || r < 0.3) return [1, 's', null, true, 0][Math.floor(next() * 5)]!;
  if (r < 0.6) {
    const n = Math.floor(next() * 4);
    return Array.from({ length: n }, () => randomValue(next, depth - 1));
  }
  const out: Data = {};
  const n = Math.floor(next() * 4);
  for (let i = 0; i < n; i++) setKey(out, KEYS[Math.floor(next() * KEYS.length)]!, randomValue(next, depth - 1));
  return out;
}

function randomPath(next: () => number): string {
  const n = 1 + Math.floor(next() * 3);
  const segments = ['a', 'b', 'c', '0', '1', 'x', '*'];
  return Array.from({ length: n }, () => segments[Math.floor(next() * segments.length)]!).join('.');
}

function randomOps(next: () => number): FlatmapOp[] {
  const n = 1 + Math.floor(next() * 4);
  return Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.4) return op('del', randomPath(next));
    if (r < 0.85) return op('move', randomPath(next), randomPath(next));
    return op('append', randomPath(next), randomPath(next));
  });
}

function reversedKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (isObject(value)) {
    const out: Data = {};
    for (const k of Object.keys(value).reverse()) setKey(out, k, reversedKeys(value[k]!));
    return out;
  }
  return value;
}

describe('generated flatmap code agrees with the model', () => {
  it('on 3000 random cases', () => {
    const next = rng(20240611);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const root = randomValue(next, 4);
      const data: Data = isObject(root) ? root : { a: root };
      const ops = randomOps(next);
      const steps = flatmapSteps(ops);
      const expected = encodeJson(flatmapTree(clone(data), steps));
      if (encodeJson(flatmapTree(reversedKeys(clone(data)) as Data, steps)) !== expected) continue;
      const fn = `fuzz${i}`;
      const transform = compileFunction(generateEndpointFlatmap(name(fn), ops)!, fn);
      const actual = encodeJson(transform(clone(data)));
      if (actual !== expected) {
        throw new Error(`mismatch for ${JSON.stringify(ops)} on ${encodeJson(data)}:\n generated ${actual}\n model     ${expected}`);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(2500);
  });
});
