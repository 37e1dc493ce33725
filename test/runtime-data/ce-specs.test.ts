// The data-layer part of KrakenD CE integration specs (../shared/conformance):
// backend bodies as the mock backend sends them, through decode → generated
// manipulation → merge → static → render, compared with the specs' bodies.
import { describe, expect, it } from 'vitest';
import { generateBackendTransform, generateEndpointFlatmap } from '../../src/codegen/data/index.ts';
import type { TransformSpec } from '../../src/codegen/data/index.ts';
import { name } from '../../src/codegen/emit.ts';
import {
  MergeAccumulator,
  applyStatic,
  decodeJson,
  decodeJsonCollection,
  decodeXml,
  encodeJson,
  negotiate,
  renderXml,
} from '../../src/runtime/data/index.ts';
import { compileFunction } from './support.ts';

const spec = (partial: Partial<TransformSpec>): TransformSpec => ({ target: '', allow: [], deny: [], mapping: {}, group: '', ...partial });

let counter = 0;
function manipulation(s: TransformSpec) {
  const fn = `ce${++counter}`;
  return compileFunction(generateBackendTransform(name(fn), s)!, fn);
}

const collectionBody = JSON.stringify(Array.from({ length: 3 }, (_, i) => ({ i, path: '/collection/2' })));
const paramForwardingBody = '{"foo":42,"headers":{"Accept-Encoding":["gzip"]},"path":"/param_forwarding/2","query":{}}';

describe('CE specs at the data layer', () => {
  it('collection.json: is_collection + mapping merged with an allow-listed backend', () => {
    const posts = manipulation(spec({ mapping: { collection: 'posts' } }))(decodeJsonCollection(Buffer.from(collectionBody)));
    const foo = manipulation(spec({ allow: ['foo'] }))(decodeJson(Buffer.from(paramForwardingBody)));
    const acc = new MergeAccumulator(2);
    acc.add(foo, true);
    acc.add(posts, true);
    const { response } = acc.result();
    expect(response!.complete).toBe(true);
    expect(encodeJson(response!.data)).toBe('{"foo":42,"posts":[{"i":0,"path":"/collection/2"},{"i":1,"path":"/collection/2"},{"i":2,"path":"/collection/2"}]}');
  });

  it('flatmap_1.json: move, wildcard del and wildcard rename on a collection', () => {
    const fn = 'ceFlatmap';
    const flatmap = compileFunction(
      generateBackendTransform(name(fn), spec({ flatmap: [{ type: 'move', args: ['collection', 'paths'] }, { type: 'del', args: ['paths.*.i'] }, { type: 'move', args: ['paths.*.path', 'paths.*.url'] }] }))!,
      fn,
    );
    expect(encodeJson(flatmap(decodeJsonCollection(Buffer.from(collectionBody))))).toBe(
      '{"paths":[{"url":"/collection/2"},{"url":"/collection/2"},{"url":"/collection/2"}]}',
    );
  });

  it('static.json: deny then static data (always)', () => {
    const data = manipulation(spec({ deny: ['message'] }))(decodeJson(Buffer.from('{"message":"pong"}')));
    const result = applyStatic('always', { foo: 42, bar: 'foobar' }, { data, complete: true }, false)!;
    expect(encodeJson(result.data)).toBe('{"bar":"foobar","foo":42}');
    expect(result.complete).toBe(true);
  });

  it('static/merge: both backends failing, static data still served (incomplete)', () => {
    const acc = new MergeAccumulator(2);
    acc.fail(new Error('invalid status code 404 [GET /unknown]: http://127.0.0.1:8080/unknown'));
    acc.fail(new Error('invalid status code 404 [GET /not-really-a-url]: http://127.0.0.1:8080/not-really-a-url'));
    const { response, errorText } = acc.result();
    const result = applyStatic('always', { foo: 42, bar: 'foobar' }, response, errorText !== null)!;
    expect(encodeJson(result.data)).toBe('{"bar":"foobar","foo":42}');
    expect(result.complete).toBe(false);
  });

  const xmlBody = `<?xml version="1.0" encoding="UTF-8"?>
<user type="admin">
  <name>Elliot</name>
  <social>
    <facebook>https://facebook.com</facebook>
    <twitter>https://twitter.com</twitter>
    <youtube>https://youtube.com</youtube>
  </social>
</user>`;

  it('xml_1.json: xml backend rendered as xml', () => {
    expect(renderXml(decodeXml(Buffer.from(xmlBody)))).toBe(
      '<user type="admin"><name>Elliot</name><social><facebook>https://facebook.com</facebook><twitter>https://twitter.com</twitter><youtube>https://youtube.com</youtube></social></user>',
    );
  });

  it('negotitate_json.json: xml backend negotiated to JSON', () => {
    expect(negotiate('application/json; charset=utf-8')).toBe('json');
    expect(encodeJson(decodeXml(Buffer.from(xmlBody)))).toBe(
      '{"user":{"-type":"admin","name":"Elliot","social":{"facebook":"https://facebook.com","twitter":"https://twitter.com","youtube":"https://youtube.com"}}}',
    );
  });

  it('endpoint flatmap over merged data', () => {
    const fn = 'ceEndpointFlatmap';
    const flatmap = compileFunction(generateEndpointFlatmap(name(fn), [{ type: 'append', args: ['a', 'b'] }, { type: 'del', args: ['b.0'] }])!, fn);
    const acc = new MergeAccumulator(2);
    acc.add({ a: [3, 4] }, true);
    acc.add({ b: [1, 2] }, true);
    expect(encodeJson(flatmap(acc.result().response!.data))).toBe('{"b":[2,3,4]}');
  });
});
