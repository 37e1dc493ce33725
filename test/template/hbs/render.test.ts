import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlebarsError, renderHandlebars } from '../../../src/template/hbs/index.ts';
import { flexibleFunctions } from '../../../src/template/sprig/index.ts';

process.env.TZ = 'UTC';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kd-hbs-'));
  writeFileSync(join(dir, 'cors.json'), '{"allow_origins": ["*"]}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const render = (text: string, data?: unknown, partials?: Record<string, string>): string =>
  renderHandlebars(text, data, { file: 'krakend.json.hbs', partials, funcs: flexibleFunctions({ partialsDir: dir }) });

const failure = (text: string, data?: unknown, partials?: Record<string, string>): HandlebarsError => {
  try {
    render(text, data, partials);
  } catch (e) {
    expect(e).toBeInstanceOf(HandlebarsError);
    return e as HandlebarsError;
  }
  throw new Error('expected an error');
};

describe('renderHandlebars', () => {
  it('calls library functions as helpers with their Go argument order', () => {
    expect(render('{{upper "hello"}} {{trimAll "$" "$5$"}} {{replace " " "-" "a b c"}}')).toBe('HELLO 5 a-b-c');
    expect(render('{{default "fallback" missing}}|{{default "fallback" name}}', { name: 'set' })).toBe('fallback|set');
  });

  it('chains functions with sub-expressions', () => {
    expect(render('{{upper (trim "  a  ")}}')).toBe('A');
    expect(render('{{toJson (dict "b" 2 "a" (list 1 "x"))}}')).toBe('{"a":[1,"x"],"b":2}');
  });

  it('accepts integral numbers for int parameters and prints Go integers', () => {
    expect(render('{{repeat 3 "ab"}}|{{add 1 2 3}}|{{substr 1 3 "hello"}}')).toBe('ababab|6|el');
    expect(render('{{repeat n "x"}}', { n: 2 })).toBe('xx');
    expect(render('{{seq 3}}|{{until 3}}')).toBe('1 2 3|0,1,2');
  });

  it('rejects arguments Go would reject, naming file, line and column', () => {
    const e = failure('line one\n  {{repeat 2.5 "x"}}');
    expect(e.message).toBe('krakend.json.hbs:2:3: error calling repeat: wrong type for value; expected int; got float64');
    expect([e.file, e.line, e.column]).toEqual(['krakend.json.hbs', 2, 3]);
    expect(failure('{{upper 5}}').message).toBe('krakend.json.hbs:1:1: error calling upper: wrong type for value; expected string; got float64');
    expect(failure('{{ternary "a" "b" 1}}').message).toBe('krakend.json.hbs:1:1: error calling ternary: wrong type for value; expected bool; got float64');
    expect(failure('{{upper "a" "b"}}').message).toBe('krakend.json.hbs:1:1: error calling upper: wrong number of args for upper: want 1 got 2');
  });

  it('reports function errors where the call is', () => {
    expect(failure('{\n  "a": {{fail "no backend configured"}}\n}').message).toBe('krakend.json.hbs:2:8: error calling fail: no backend configured');
    expect(failure('{{upper (fail "inner")}}').message).toBe('krakend.json.hbs:1:9: error calling fail: inner');
  });

  it('does not HTML-escape output', () => {
    expect(render('{{s}} {{{s}}} {{marshal s}}', { s: '<a & "b">' })).toBe('<a & "b"> <a & "b"> "\\u003ca \\u0026 \\"b\\"\\u003e"');
  });

  it('renders missing values as nothing', () => {
    expect(render('[{{a.b.c}}]', {})).toBe('[]');
  });

  it('iterates lists and maps from data and from functions', () => {
    expect(render('{{#each items}}{{this}};{{/each}}', { items: [1, 'two'] })).toBe('1;two;');
    expect(render('{{#each (splitList "," "a,b")}}<{{this}}>{{/each}}')).toBe('<a><b>');
    expect(render('{{#each m}}{{@key}}={{this}} {{/each}}', { m: { x: 1, y: 2 } })).toBe('x=1 y=2 ');
    expect(render('{{#if (has 2 l)}}yes{{else}}no{{/if}}', { l: [2] })).toBe('yes');
  });

  it('reads a field named like a function when used without arguments', () => {
    expect(render('{{title}}: {{title "x y"}}', { title: 'Gateway' })).toBe('Gateway: X Y');
  });

  it('renders registered partials, and locates errors inside them', () => {
    const partials = { endpoint: '{"endpoint": "{{path}}", "x": {{add 1 1}} }', broken: 'ok\n{{fail "in partial"}}' };
    expect(render('[{{#each eps}}{{> endpoint}}{{/each}}]', { eps: [{ path: '/a' }] }, partials)).toBe('[{"endpoint": "/a", "x": 2 }]');
    expect(failure('{{> broken}}', {}, partials).message).toBe('broken:2:1: error calling fail: in partial');
    expect(failure('{{> nope}}').message).toBe('krakend.json.hbs: The partial nope could not be found');
  });

  it('includes raw partial files and marshals values', () => {
    expect(render('{"cors": {{include "cors.json"}}, "n": {{marshal n}} }', { n: 1000000 })).toBe('{"cors": {"allow_origins": ["*"]}, "n": 1000000 }');
    expect(failure('{{include "nope.json"}}').message).toMatch(/^krakend\.json\.hbs:1:1: error calling include: partial "nope\.json" not found: cannot read .*nope\.json: no such file$/);
  });

  it('prints Go values with their Go text', () => {
    expect(render('{{toDate "2006-01-02" "2024-05-06"}} | {{semver "v1.2"}} | {{int64 "5"}}')).toBe('2024-05-06 00:00:00 +0000 UTC | 1.2.0 | 5');
  });

  it('reports parse errors with the line Handlebars gives', () => {
    const e = failure('ok\n{{#each items}}\n{{/if}}');
    expect(e.file).toBe('krakend.json.hbs');
    expect(e.line).toBe(2);
    expect(e.message.startsWith('krakend.json.hbs:2:')).toBe(true);
    expect(e.message).toContain('each doesn\'t match if');
    const p = failure('{{upper "a"');
    expect(p.line).toBe(1);
    expect(p.message).toContain('Parse error on line 1');
  });
});
