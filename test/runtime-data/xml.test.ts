import { describe, expect, it } from 'vitest';
import { JsonNumber, decodeXml, decodeXmlCollection, encodeJson, renderNegotiatedXml, renderXml } from '../../src/runtime/data/index.ts';
import type { Data } from '../../src/runtime/data/index.ts';

const USER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<user type="admin">
  <name>Elliot</name>
  <social>
    <facebook>https://facebook.com</facebook>
    <twitter>https://twitter.com</twitter>
    <youtube>https://youtube.com</youtube>
  </social>
</user>`;

function decoded(body: string | Buffer): string {
  try {
    return encodeJson(decodeXml(typeof body === 'string' ? Buffer.from(body) : body));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('xml decoder (KrakenD map form)', () => {
  it('matches the CE negotiate/xml fixtures', () => {
    expect(decoded(USER_XML)).toBe(
      '{"user":{"-type":"admin","name":"Elliot","social":{"facebook":"https://facebook.com","twitter":"https://twitter.com","youtube":"https://youtube.com"}}}',
    );
  });

  it.each([
    ['empty element', '<a/>', '{"a":""}'],
    ['empty element pair', '<a></a>', '{"a":""}'],
    ['text only', '<a> hi \n</a>', '{"a":"hi"}'],
    ['attribute and text', '<a x="1">hi</a>', '{"a":{"#text":"hi","-x":"1"}}'],
    ['attributes only', '<a x="1" y=\'2\'/>', '{"a":{"-x":"1","-y":"2"}}'],
    ['repeated children become a list', '<a><b>1</b><c/><b>2</b><b x="3"/></a>', '{"a":{"b":["1","2",{"-x":"3"}],"c":""}}'],
    ['text before a child is kept as #text', '<a>hello<b>x</b></a>', '{"a":{"#text":"hello","b":"x"}}'],
    ['text before and after a child: the first text wins', '<a>hello<b>x</b>world</a>', '{"a":{"#text":"hello","b":"x"}}'],
    ['text after a child', '<a><b>x</b>world</a>', '{"a":{"#text":"world","b":"x"}}'],
    ['text split by a comment: the last piece wins', '<a>one<!-- c -->two</a>', '{"a":"two"}'],
    ['CDATA', '<a><![CDATA[<b>&amp;</b>]]></a>', '{"a":"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e"}'],
    ['entities and character references', '<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</a>', '{"a":"\\u003c\\u003e\\u0026\'\\"AB"}'],
    ['entities in attributes', '<a v="&lt;1&gt;"/>', '{"a":{"-v":"\\u003c1\\u003e"}}'],
    ['namespace prefixes dropped', '<x:a xmlns:x="urn:x" x:k="v"><x:b>1</x:b></x:a>', '{"a":{"-k":"v","-x":"urn:x","b":"1"}}'],
    ['default namespace attribute kept', '<a xmlns="urn:a"><b/></a>', '{"a":{"-xmlns":"urn:a","b":""}}'],
    ['values stay strings', '<a><n>42</n><f>true</f></a>', '{"a":{"f":"true","n":"42"}}'],
    ['CR LF read as LF', '<a>x\r\ny\rz</a>', '{"a":"x\\ny\\nz"}'],
    ['whitespace-only text ignored', '<a>\n  <b>1</b>\n</a>', '{"a":{"b":"1"}}'],
    ['doctype, comments and processing instructions ignored', '<!DOCTYPE a [<!ENTITY e "v">]><!-- c --><?pi x?><a>v</a>', '{"a":"v"}'],
    ['anything after the root element is ignored', '<a>1</a><b>2</b> <<< not xml', '{"a":"1"}'],
  ])('%s', (_name, body, expected) => {
    expect(decoded(body)).toBe(expected);
  });

  it('decodes deep nesting without recursion', () => {
    const body = '<a>' + '<b>'.repeat(20000) + 'x' + '</b>'.repeat(20000) + '</a>';
    const expected = '{"a":' + '{"b":'.repeat(20000) + '"x"' + '}'.repeat(20001);
    expect(decoded(body) === expected).toBe(true);
  });

  it('decodes a declared charset', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\xe9</a>', 'latin1');
    expect(decoded(body)).toBe('{"a":"café"}');
  });

  it.each([
    ['empty body', '', 'error: EOF'],
    ['prolog only', '<?xml version="1.0"?>\n<!-- nothing -->\n', 'error: EOF'],
    ['unclosed element', '<a>\n<b>', 'error: xml.Decoder.Token() - XML syntax error on line 2: unexpected EOF'],
    ['mismatched end', '<a></b>', 'error: xml.Decoder.Token() - XML syntax error on line 1: element <a> closed by </b>'],
    ['end without start', '</a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: unexpected end element </a>'],
    ['unquoted attribute', '<a x=1/>', 'error: xml.Decoder.Token() - XML syntax error on line 1: unquoted or missing attribute value in element'],
    ['attribute without value', '<a x/>', 'error: xml.Decoder.Token() - XML syntax error on line 1: attribute name without = in element'],
    ['bad name', '<1a/>', 'error: xml.Decoder.Token() - XML syntax error on line 1: invalid XML name: 1a'],
    ['no name', '< a/>', 'error: xml.Decoder.Token() - XML syntax error on line 1: expected element name after <'],
    ['unknown entity', '<a>&nbsp;</a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: invalid character entity &nbsp;'],
    ['bare ampersand', '<a>fish & chips</a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: invalid character entity & (no semicolon)'],
    ['illegal character', '<a>\u0001</a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: illegal character code U+0001'],
    [']]> in text', '<a>]]></a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: unescaped ]]> not in CDATA section'],
    ['< in attribute', '<a b="<"/>', 'error: xml.Decoder.Token() - XML syntax error on line 1: unescaped < inside quoted string'],
    ['-- in comment', '<a><!-- x -- y --></a>', 'error: xml.Decoder.Token() - XML syntax error on line 1: invalid sequence "--" not allowed in comments'],
    ['unsupported version', '<?xml version="1.1"?><a/>', 'error: xml.Decoder.Token() - xml: unsupported version "1.1"; only version 1.0 is supported'],
    ['unknown charset', '<?xml version="1.0" encoding="klingon"?><a/>', 'error: xml.Decoder.Token() - xml: opening charset "klingon": unsupported charset: "klingon"'],
    ['line numbers count newlines', '<a>\n\n\n<b></c>', 'error: xml.Decoder.Token() - XML syntax error on line 4: element <b> closed by </c>'],
  ])('error: %s', (_name, body, expected) => {
    expect(decoded(body)).toBe(expected);
  });

  it('reports invalid UTF-8', () => {
    expect(decoded(Buffer.concat([Buffer.from('<a>'), Buffer.from([0xff]), Buffer.from('</a>')]))).toBe(
      'error: xml.Decoder.Token() - XML syntax error on line 1: invalid UTF-8',
    );
  });

  it('wraps the map under collection with is_collection', () => {
    expect(encodeJson(decodeXmlCollection(Buffer.from('<a><b>1</b></a>')))).toBe('{"collection":{"a":{"b":"1"}}}');
  });
});

describe('xml render (the xml output encoding)', () => {
  it('matches the CE xml fixture', () => {
    const data = decodeXml(Buffer.from(USER_XML));
    expect(renderXml(data)).toBe(
      '<user type="admin"><name>Elliot</name><social><facebook>https://facebook.com</facebook><twitter>https://twitter.com</twitter><youtube>https://youtube.com</youtube></social></user>',
    );
  });

  const cases: Array<[string, Data | null, string]> = [
    ['several keys wrapped in doc, children sorted', { b: '2', a: '1' }, '<doc><a>1</a><b>2</b></doc>'],
    ['single key becomes the root', { root: { x: '1' } }, '<root><x>1</x></root>'],
    ['single scalar key', { k: 'v' }, '<k>v</k>'],
    ['empty data', {}, '<doc/>'],
    ['nil data', null, '<doc/>'],
    ['single key holding a list of maps repeats the root', { item: [{ a: '1' }, { a: '2' }] }, '<item><a>1</a></item><item><a>2</a></item>'],
    ['single key holding a list with scalars is wrapped', { item: ['1', { a: '2' }] }, '<doc><item>1</item><item><a>2</a></item></doc>'],
    ['lists repeat the element', { r: { n: [1, 2, 3] } }, '<r><n>1</n><n>2</n><n>3</n></r>'],
    ['empty list and empty string self-close', { r: { l: [], s: '', z: null } }, '<r><l/><s/><z/></r>'],
    ['empty map self-closes', { r: { m: {} } }, '<r><m/></r>'],
    ['attributes sorted, then children', { r: { '-z': 'last', '-a': 'first', c: 'x' } }, '<r a="first" z="last"><c>x</c></r>'],
    ['attributes only self-close', { r: { '-a': '1' } }, '<r a="1"/>'],
    ['text with attributes', { r: { '-a': '1', '#text': 'hi' } }, '<r a="1">hi</r>'],
    ['text with children', { r: { '#text': 'hi', c: 'x', b: 'y' } }, '<r>hi<b>y</b><c>x</c></r>'],
    ['a lone dash is an element name, not an attribute', { r: { '-': 'x' } }, '<r><->x</-></r>'],
    ['values and attributes escaped', { r: { '-q': 'a"b\'c', t: '<&>' } }, '<r q="a&quot;b&apos;c"><t>&lt;&amp;&gt;</t></r>'],
    ['numbers and booleans', { r: { n: 4.5, e: new JsonNumber('4.50'), b: false } }, '<r><b>false</b><e>4.50</e><n>4.5</n></r>'],
    ['numeric attribute', { r: { '-n': 3, '-b': true } }, '<r b="true" n="3"/>'],
    ['a map attribute makes the render fail (empty body)', { r: { '-m': { a: 1 } } }, ''],
    ['a null attribute makes the render fail', { r: { '-m': null } }, ''],
  ];
  it.each(cases)('%s', (_name, data, expected) => {
    expect(renderXml(data)).toBe(expected);
  });
});

describe('negotiated xml (Go encoding/xml of content)', () => {
  it.each([
    ['string content', { content: 'a<b>"c"\n' }, '<string>a&lt;b&gt;&#34;c&#34;&#xA;</string>'],
    ['number content', { content: 42 }, '<Number>42</Number>'],
    ['bool content', { content: true }, '<bool>true</bool>'],
    ['list content', { content: ['x', 1, null] }, '<string>x</string><Number>1</Number>'],
    ['map content is not encodable', { content: { a: 1 } }, ''],
    ['no content', { a: 1 }, ''],
    ['nil data', null, ''],
  ])('%s', (_name, data, expected) => {
    expect(renderNegotiatedXml(data as Data | null)).toBe(expected);
  });
});
