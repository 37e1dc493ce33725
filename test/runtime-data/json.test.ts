import { describe, expect, it } from 'vitest';
import {
  JsonNumber,
  OpaqueValue,
  decodeJson,
  decodeJsonCollection,
  decodeSafeJson,
  decodeString,
  decoderFor,
  encodeJson,
  parseJson,
  textToBytes,
} from '../../src/runtime/data/index.ts';
import type { Data, JsonValue } from '../../src/runtime/data/index.ts';

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

function outcome(decode: (b: Buffer) => Data | null, body: Buffer | string): string {
  try {
    return encodeJson(decode(typeof body === 'string' ? bytes(body) : body));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('json decoder (Go encoding/json with UseNumber, into a map)', () => {
  it.each([
    ['object', '{"b":1,"a":"x"}', '{"a":"x","b":1}'],
    ['numbers keep their text', '{"a":4.20,"b":12345678901234567890,"c":1e3,"d":1.5E-7,"e":-0,"f":0.1,"g":1.0}', '{"a":4.20,"b":12345678901234567890,"c":1e3,"d":1.5E-7,"e":-0,"f":0.1,"g":1.0}'],
    ['numbers inside arrays', '{"a":[1,2.50,3e2,9007199254740993]}', '{"a":[1,2.50,3e2,9007199254740993]}'],
    ['tiny fraction', '{"a":0.0000001}', '{"a":0.0000001}'],
    ['null body is nil data', 'null', 'null'],
    ['trailing data after the first value is ignored', '{"a":1} {"b":2} garbage', '{"a":1}'],
    ['whitespace around', ' \t\r\n{"a":1}\n', '{"a":1}'],
    ['duplicate keys: last wins', '{"a":1,"a":2}', '{"a":2}'],
    ['__proto__ is an ordinary key', '{"__proto__":{"x":1},"b":2}', '{"__proto__":{"x":1},"b":2}'],
    ['lone surrogate escape becomes U+FFFD', '{"a":"\\ud800x"}', '{"a":"\ufffdx"}'],
    ['surrogate pair escape', '{"a":"\\ud83d\\ude00"}', '{"a":"😀"}'],
    ['escapes', '{"a":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041"}', '{"a":"\\"\\\\/\\b\\f\\n\\r\\tA"}'],
    ['empty body', '', 'error: EOF'],
    ['blank body', '  \n ', 'error: EOF'],
    ['array', '[1,2]', 'error: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['string', '"s"', 'error: json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['number', '42', 'error: json: cannot unmarshal number into Go value of type map[string]interface {}'],
    ['bool', 'true', 'error: json: cannot unmarshal bool into Go value of type map[string]interface {}'],
    ['truncated object', '{"a":', 'error: unexpected EOF'],
    ['truncated literal', '{"a":tru', 'error: unexpected EOF'],
    ['bad literal', '{"a":trux}', "error: invalid character 'x' in literal true (expecting 'e')"],
    ['null literal', '{"a":nul}', "error: invalid character '}' in literal null (expecting 'l')"],
    ['leading zero', '{"a":01}', "error: invalid character '1' after object key:value pair"],
    ['array leading zero', '{"a":[01]}', "error: invalid character '1' after array element"],
    ['missing colon', '{"a" 1}', "error: invalid character '1' after object key"],
    ['bad key', '{a:1}', "error: invalid character 'a' looking for beginning of object key string"],
    ['trailing comma in object', '{"a":1,}', "error: invalid character '}' looking for beginning of object key string"],
    ['trailing comma in array', '{"a":[1,]}', "error: invalid character ']' looking for beginning of value"],
    ['bad value', '{"a":?}', "error: invalid character '?' looking for beginning of value"],
    ['bad escape', '{"a":"\\q"}', "error: invalid character 'q' in string escape code"],
    ['bad unicode escape', '{"a":"\\u12g4"}', "error: invalid character 'g' in \\u hexadecimal character escape"],
    ['control character in string', '{"a":"x\u0001"}', "error: invalid character '\\x01' in string literal"],
    ['newline in string', '{"a":"x\ny"}', "error: invalid character '\\n' in string literal"],
    ['minus alone', '{"a":-}', "error: invalid character '}' in numeric literal"],
    ['dot without digits', '{"a":1.}', "error: invalid character '}' after decimal point in numeric literal"],
    ['exponent without digits', '{"a":1e}', "error: invalid character '}' in exponent of numeric literal"],
    ['single quote', "{'a':1}", "error: invalid character '\\'' looking for beginning of object key string"],
    ['byte order mark', '\ufeff{}', "error: invalid character 'ï' looking for beginning of value"],
    ['non-ASCII outside strings', '{"a":é}', "error: invalid character 'Ã' looking for beginning of value"],
  ])('%s', (_name, body, expected) => {
    expect(outcome(decodeJson, body)).toBe(expected);
  });

  it('replaces each invalid UTF-8 byte inside strings with U+FFFD', () => {
    const body = Buffer.concat([bytes('{"a":"'), Buffer.from([0xff, 0xe2, 0x82, 0x61]), bytes('"}')]);
    expect(outcome(decodeJson, body)).toBe('{"a":"\ufffd\ufffd\ufffda"}');
  });

  it('reports an invalid byte outside strings by its value', () => {
    expect(outcome(decodeJson, Buffer.from([0xff]))).toBe("error: invalid character 'ÿ' looking for beginning of value");
    expect(outcome(decodeJson, Buffer.from([0x81]))).toBe("error: invalid character '\\u0081' looking for beginning of value");
  });

  it('keeps exact numbers as JsonNumber only when a JavaScript number would not print the same text', () => {
    const data = decodeJson(bytes('{"a":4.20,"b":4.2,"c":7}'))!;
    expect(data.a).toBeInstanceOf(JsonNumber);
    expect((data.a as JsonNumber).text).toBe('4.20');
    expect(data.b).toBe(4.2);
    expect(data.c).toBe(7);
  });

  it('keeps every number form exactly on the careful path too', () => {
    const numbers = ['0', '-0', '7', '-12', '100', '123456789012345', '1234567890123456', '12345678901234567890', '0.5', '-0.5', '0.000001', '0.0000001', '1.10', '10.0', '19.99', '3.14159265358979', '3.141592653589793', '0.30000000000000004', '1e3', '1E-7', '2.5e+10', '-1.0e0'];
    for (const n of numbers) {
      const text = `{"n":${n},"s":"\\u00e9"}`; // parseJson(text, true): the careful parser only
      expect(encodeJson(parseJson(text, true))).toBe(`{"n":${n},"s":"é"}`);
      expect(encodeJson(decodeJson(bytes(`{"n":${n}}`)))).toBe(`{"n":${n}}`);
    }
  });

  it('rejects nesting deeper than 10000 levels like Go', () => {
    const deep = '{"a":' + '['.repeat(10000) + ']'.repeat(10000) + '}';
    expect(outcome(decodeJson, deep)).toBe("error: invalid character '[' exceeded max depth");
    const ok = '{"a":' + '['.repeat(9998) + ']'.repeat(9998) + '}';
    expect(outcome(decodeJson, ok)).toBe('{"a":' + '['.repeat(9998) + ']'.repeat(9998) + '}');
  });
});

describe('json decoder with is_collection', () => {
  it.each([
    ['array', '[{"i":0},{"i":1.50}]', '{"collection":[{"i":0},{"i":1.50}]}'],
    ['empty array', '[]', '{"collection":[]}'],
    ['null', 'null', '{"collection":null}'],
    ['object', '{"a":1}', 'error: json: cannot unmarshal object into Go value of type []interface {}'],
    ['string', '"x"', 'error: json: cannot unmarshal string into Go value of type []interface {}'],
    ['empty body', '', 'error: EOF'],
    ['syntax error wins over type error', '{"a":}', "error: invalid character '}' looking for beginning of value"],
  ])('%s', (_name, body, expected) => {
    expect(outcome(decodeJsonCollection, body)).toBe(expected);
  });
});

describe('safejson decoder', () => {
  it.each([
    ['object', '{"a":1}', '{"a":1}'],
    ['array', '[1,"x"]', '{"collection":[1,"x"]}'],
    ['string', '"hello"', '{"content":"hello"}'],
    ['number keeps its text', '4.20', '{"content":4.20}'],
    ['bool', 'false', '{"content":false}'],
    ['null', 'null', '{"content":null}'],
    ['number followed by garbage reads the number', '0123', '{"content":0}'],
    ['empty body', '', 'error: EOF'],
  ])('%s', (_name, body, expected) => {
    expect(outcome(decodeSafeJson, body)).toBe(expected);
  });
});

describe('string decoder', () => {
  it('puts the whole body under content', () => {
    expect(encodeJson(decodeString(bytes('hello <b>"world"</b>\n')))).toBe('{"content":"hello \\u003cb\\u003e\\"world\\"\\u003c/b\\u003e\\n"}');
    expect(encodeJson(decodeString(Buffer.alloc(0)))).toBe('{"content":""}');
  });

  it('keeps bytes that are not UTF-8: \\ufffd in JSON, the original bytes through textToBytes', () => {
    const body = Buffer.from([0x61, 0xff, 0xfe, 0x62]);
    const data = decodeString(body);
    expect(encodeJson(data)).toBe('{"content":"a\\ufffd\\ufffdb"}');
    expect(textToBytes(data.content as string).equals(body)).toBe(true);
  });
});

describe('decoderFor', () => {
  it.each([
    ['', false, '{"a":1}', '{"a":1}'],
    ['JSON', false, '{"a":1}', '{"a":1}'],
    ['unknown-thing', false, '{"a":1}', '{"a":1}'],
    ['json', true, '[1]', '{"collection":[1]}'],
    ['safejson', true, '{"a":1}', '{"a":1}'],
    ['string', true, '[1]', '{"content":"[1]"}'],
    ['xml', false, '<a>1</a>', '{"a":"1"}'],
    ['xml', true, '<a>1</a>', '{"collection":{"a":"1"}}'],
  ])('%s (is_collection %s)', (encoding, isCollection, body, expected) => {
    const decoder = decoderFor(encoding, isCollection)!;
    expect(encodeJson(decoder(bytes(body)))).toBe(expected);
  });

  it('returns null for no-op', () => {
    expect(decoderFor('no-op', false)).toBeNull();
    expect(decoderFor('NO-OP', true)).toBeNull();
  });
});

describe('encodeJson (Go json.Marshal of a map[string]interface{})', () => {
  const cases: Array<[string, JsonValue, string]> = [
    ['keys sorted bytewise', { b: 1, a: 2, B: 3, aa: 4, '': 5 }, '{"":5,"B":3,"a":2,"aa":4,"b":1}'],
    ['integer-like keys sort as text', { '10': 1, '9': 2, '1': 3 }, '{"1":3,"10":1,"9":2}'],
    ['keys above U+FFFF sort after the BMP (UTF-8 order)', { '\uffff': 1, '😀': 2, z: 3 }, '{"z":3,"\uffff":1,"😀":2}'],
    ['HTML characters escaped', { a: '<script>&amp;</script>' }, '{"a":"\\u003cscript\\u003e\\u0026amp;\\u003c/script\\u003e"}'],
    ['line and paragraph separators escaped', { a: 'x\u2028y\u2029z' }, '{"a":"x\\u2028y\\u2029z"}'],
    ['short escapes', { a: '"\\\b\f\n\r\t' }, '{"a":"\\"\\\\\\b\\f\\n\\r\\t"}'],
    ['other control characters', { a: '\u0000\u0001\u001f\u007f' }, '{"a":"\\u0000\\u0001\\u001f\u007f"}'],
    ['non-ASCII kept raw', { a: 'é漢😀' }, '{"a":"é漢😀"}'],
    ['lone surrogate becomes U+FFFD', { a: 'x\ud800y\udfff' }, '{"a":"x\ufffdy\ufffd"}'],
    ['escaped keys', { '<k>': 1 }, '{"\\u003ck\\u003e":1}'],
    ['numbers', { a: 1, b: -0, c: 1e21, d: 1e-7, e: 0.1, f: 123456789012 }, '{"a":1,"b":-0,"c":1e+21,"d":1e-7,"e":0.1,"f":123456789012}'],
    ['exact numbers', { a: new JsonNumber('4.20'), b: [new JsonNumber('1E+2')] }, '{"a":4.20,"b":[1E+2]}'],
    ['opaque value', { a: new OpaqueValue('{"z":1,"a":2}', { z: 1, a: 2 }) }, '{"a":{"z":1,"a":2}}'],
    ['nested', { x: [{ b: null, a: true }, [], {}], y: false }, '{"x":[{"a":true,"b":null},[],{}],"y":false}'],
    ['nil', null, 'null'],
    ['top-level array', [1, 'a'], '[1,"a"]'],
    ['top-level string', 'x<y', '"x\\u003cy"'],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(encodeJson(value)).toBe(expected);
  });

  it('writes \\ufffd for invalid bytes kept by the string decoder', () => {
    expect(encodeJson({ a: '\udcff\udc80' })).toBe('{"a":"\\ufffd\\ufffd"}');
  });

  it('refuses NaN and infinities with Go\'s message', () => {
    expect(() => encodeJson({ a: NaN })).toThrow('json: unsupported value: NaN');
    expect(() => encodeJson({ a: Infinity })).toThrow('json: unsupported value: +Inf');
  });

  it('encodes nesting deeper than the call stack', () => {
    let deep: JsonValue = 1;
    for (let i = 0; i < 10000; i++) deep = { k: [deep] };
    const text = encodeJson(deep);
    expect(text.startsWith('{"k":[{"k":[')).toBe(true);
    expect(text.length).toBe(10000 * '{"k":[]}'.length + 1);
  });

  it('round-trips decoded bodies byte for byte (after key sorting)', () => {
    const body = '{"id":12345678901234567890,"price":19.990,"tags":["a","b"],"nested":{"z":null,"a":[1.0,2]},"text":"<&>"}';
    expect(encodeJson(decodeJson(bytes(body)))).toBe(
      '{"id":12345678901234567890,"nested":{"a":[1.0,2],"z":null},"price":19.990,"tags":["a","b"],"text":"\\u003c\\u0026\\u003e"}',
    );
  });
});
