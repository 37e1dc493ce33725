// The public API of the engine: template sets, errors as data, function
// overrides, Go values with fields and methods, and source maps.
import { describe, expect, it } from 'vitest';
import { TemplateError, TemplateSet, builtinFunctions, renderString, sourceAt } from '../../../src/template/go/index.ts';
import type { GoFunction } from '../../../src/template/go/function.ts';
import { GoInt } from '../../../src/template/go/values.ts';

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

describe('TemplateSet', () => {
  it('parses once and executes many times with different data', () => {
    const set = new TemplateSet();
    set.parse('page', '{{range .}}<{{.}}>{{end}}');
    expect(set.execute('page', ['a', 'b']).text).toBe('<a><b>');
    expect(set.execute('page', [1]).text).toBe('<1>');
    expect(set.execute('page', null).text).toBe('');
  });

  it('registers defines and lists names', () => {
    const set = new TemplateSet();
    set.parse('main.tmpl', '{{define "b"}}B{{end}}{{define "a"}}A{{end}}{{template "a"}}{{template "b"}}');
    expect(set.names()).toEqual(['a', 'b', 'main.tmpl']);
    expect(set.has('a')).toBe(true);
    expect(set.has('c')).toBe(false);
    expect(set.execute('main.tmpl', null).text).toBe('AB');
    expect(set.execute('a', null).text).toBe('A');
  });

  it('lets a later file replace a template, but not with an empty one', () => {
    const set = new TemplateSet();
    set.parse('main', '{{template "x"}}');
    set.parse('one', '{{define "x"}}one{{end}}');
    set.parse('two', '{{define "x"}}two{{end}}');
    set.parse('blank', '{{define "x"}}  {{end}}');
    expect(set.execute('main', null).text).toBe('two');
  });

  it('reports an unknown template name', () => {
    const e = errorOf(() => new TemplateSet().execute('nope', null));
    expect(e.message).toBe('template: no template "nope" associated with template "nope"');
    expect(e.kind).toBe('exec');
  });

  it('honours missingKey', () => {
    const set = new TemplateSet({ missingKey: 'error' });
    set.parse('t', '{{.a}}');
    expect(errorOf(() => set.execute('t', {})).message).toBe('template: t:1:2: executing "t" at <.a>: map has no entry for key "a"');
  });
});

describe('TemplateError', () => {
  it('locates parse errors with the file', () => {
    const set = new TemplateSet();
    const e = errorOf(() => set.parse('krakend.tmpl', '{\n  "a": {{ .x }\n}', 'config/krakend.tmpl'));
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe('parse');
    expect(e.message).toBe('template: krakend.tmpl:2: unexpected "}" in operand');
    expect(e.template).toBe('krakend.tmpl');
    expect(e.file).toBe('config/krakend.tmpl');
    expect(e.line).toBe(2);
  });

  it('locates execution errors with a 1-based column', () => {
    const set = new TemplateSet();
    set.parse('t.tmpl', 'line one\n  {{ .a.b }}', 'dir/t.tmpl');
    const e = errorOf(() => set.execute('t.tmpl', { a: 'x' }));
    expect(e.message).toBe('template: t.tmpl:2:7: executing "t.tmpl" at <.a.b>: can\'t evaluate field b in type interface {}');
    expect(e).toMatchObject({ kind: 'exec', template: 't.tmpl', file: 'dir/t.tmpl', line: 2, column: 8 });
  });

  it('names the file of the template where the error happened', () => {
    const set = new TemplateSet();
    set.parse('main.tmpl', '{{ template "sub.tmpl" . }}', 'main.tmpl');
    set.parse('sub.tmpl', '\n\n{{ len . }}', 'templates/sub.tmpl');
    const e = errorOf(() => set.execute('main.tmpl', 3.5));
    expect(e.message).toBe('template: sub.tmpl:3:3: executing "sub.tmpl" at <len .>: error calling len: len of type float64');
    expect(e).toMatchObject({ template: 'sub.tmpl', file: 'templates/sub.tmpl', line: 3, column: 4 });
  });
});

describe('functions', () => {
  it('renderString uses the given functions and name', () => {
    const funcs = { shout: { params: ['string'], fn: (s: string) => s.toUpperCase() + '!' } satisfies GoFunction };
    expect(renderString('{{ shout .x }}', { x: 'hi' }, funcs)).toBe('HI!');
    expect(errorOf(() => renderString('{{ .x.y }}', { x: 1 }, undefined, 'mine')).message).toBe(
      'template: mine:1:5: executing "mine" at <.x.y>: can\'t evaluate field y in type interface {}',
    );
  });

  it('lets user functions replace built-ins', () => {
    const funcs: Record<string, GoFunction> = {
      len: { params: ['any'], fn: () => 'mine' },
      and: { params: ['any', 'any'], fn: (a: unknown, b: unknown) => `${String(a)}&${String(b)}` },
    };
    expect(renderString('{{ len "abc" }} {{ and 0 1 }}', null, funcs)).toBe('mine 0&1');
  });

  it('a user "and" is not short-circuited', () => {
    let calls = 0;
    const funcs: Record<string, GoFunction> = {
      and: { params: [], variadic: 'any', fn: () => 'x' },
      count: { params: [], fn: () => ++calls },
    };
    renderString('{{ and false count }}', null, funcs);
    expect(calls).toBe(1);
  });

  it('a function named break makes break an ordinary word', () => {
    const funcs: Record<string, GoFunction> = { break: { params: [], fn: () => 'b' } };
    expect(renderString('{{ break }}', null, funcs)).toBe('b');
  });

  it('exposes the built-ins with their Go signatures', () => {
    expect(Object.keys(builtinFunctions).sort()).toEqual(
      ['and', 'call', 'eq', 'ge', 'gt', 'html', 'index', 'js', 'le', 'len', 'lt', 'ne', 'not', 'or', 'print', 'printf', 'println', 'slice', 'urlquery'].sort(),
    );
    expect(builtinFunctions.printf!.params).toEqual(['string']);
  });

  it('turns thrown errors into error calling', () => {
    const funcs: Record<string, GoFunction> = {
      boom: {
        params: [],
        fn: () => {
          throw new Error('it broke');
        },
      },
    };
    expect(errorOf(() => renderString('x{{ boom }}', null, funcs, 't')).message).toBe('template: t:1:4: executing "t" at <boom>: error calling boom: it broke');
  });

  it('calls JavaScript functions found in the data', () => {
    expect(renderString('{{ call .f 2 "x" }}', { f: (n: bigint, s: string) => s.repeat(Number(n)) })).toBe('xx');
  });

  it('converts integer kinds for call', () => {
    const add: GoFunction = { params: ['int', 'int64'], fn: (a: bigint, b: GoInt) => a + b.value };
    expect(renderString('{{ call .add .i 3 }}', { add, i: new GoInt('int32', 4n) })).toBe('7');
  });
});

describe('Go values', () => {
  const version = {
    goType: () => '*semver.Version',
    goString: () => '1.2.3',
    goField(name: string) {
      return name === 'Major' ? { value: new GoInt('uint64', 1n) } : undefined;
    },
    goMethod(name: string): GoFunction | undefined {
      return name === 'Compare' ? { params: ['any'], fn: (other: { goString(): string }) => (other.goString() === '1.2.3' ? 0n : 1n) } : undefined;
    },
  };

  it('prints through goString and reads fields and methods', () => {
    expect(renderString('{{ . }} {{ .Major }} {{ .Compare . }} {{ printf "%T" . }}', version)).toBe('1.2.3 1 0 *semver.Version');
  });

  it('reports unknown fields with the Go type', () => {
    expect(errorOf(() => renderString('{{ .Minor }}', version, undefined, 't')).message).toBe(
      'template: t:1:3: executing "t" at <.Minor>: can\'t evaluate field Minor in type *semver.Version',
    );
  });

  it('rejects arguments to a field', () => {
    expect(errorOf(() => renderString('{{ .Major 1 }}', version, undefined, 't')).message).toBe(
      'template: t:1:3: executing "t" at <.Major>: Major has arguments but cannot be invoked as function',
    );
  });
});

describe('source map', () => {
  it('maps text line by line and actions to their position', () => {
    const set = new TemplateSet();
    set.parse('main.tmpl', 'a\nb{{ .x }}\nc{{ template "sub" }}', 'cfg/main.tmpl');
    set.parse('sub', '{{ "S" }}\nT', 'cfg/sub.tmpl');
    const { text, sourceMap } = set.execute('main.tmpl', { x: 'X' }, { sourceMap: true });
    expect(text).toBe('a\nbX\ncS\nT');
    const data = { x: 'X' };
    const again = set.execute('main.tmpl', data, { sourceMap: true }).sourceMap;
    expect(again).toEqual([
      { outputOffset: 0, template: 'main.tmpl', file: 'cfg/main.tmpl', line: 1, column: 1, kind: 'text' },
      { outputOffset: 2, template: 'main.tmpl', file: 'cfg/main.tmpl', line: 2, column: 1, kind: 'text' },
      { outputOffset: 3, template: 'main.tmpl', file: 'cfg/main.tmpl', line: 2, column: 5, kind: 'value', origin: { receiver: data, key: 'x' } },
      { outputOffset: 4, template: 'main.tmpl', file: 'cfg/main.tmpl', line: 2, column: 10, kind: 'text' },
      { outputOffset: 5, template: 'main.tmpl', file: 'cfg/main.tmpl', line: 3, column: 1, kind: 'text' },
      { outputOffset: 6, template: 'sub', file: 'cfg/sub.tmpl', line: 1, column: 4, kind: 'value' },
      { outputOffset: 7, template: 'sub', file: 'cfg/sub.tmpl', line: 1, column: 10, kind: 'text' },
      { outputOffset: 8, template: 'sub', file: 'cfg/sub.tmpl', line: 2, column: 1, kind: 'text' },
    ]);
    expect(sourceMap).toHaveLength(8);
  });

  it('records the data a printed value came from', () => {
    const set = new TemplateSet({ funcs: { show: { params: ['any'], fn: (v: unknown) => JSON.stringify(v) } } });
    set.parse('t', '{{ .a.b }}|{{ show .list }}|{{ "lit" }}');
    const data = { a: { b: 1 }, list: [1, 2] };
    const map = set.execute('t', data, { sourceMap: true }).sourceMap!;
    const values = map.filter((e) => e.kind === 'value');
    expect(values[0]!.origin).toEqual({ receiver: data.a, key: 'b' });
    expect((values[1]!.origin as { value: object }).value).toBe(data.list);
    expect(values[2]!.origin).toBeUndefined();
  });

  it('finds the origin of any output offset', () => {
    const set = new TemplateSet();
    set.parse('t', 'first\n{{ range . }}item {{ . }}\n{{ end }}last');
    const { text, sourceMap } = set.execute('t', ['a', 'b'], { sourceMap: true });
    expect(text).toBe('first\nitem a\nitem b\nlast');
    const lineOf = (needle: string) => sourceAt(sourceMap!, text.indexOf(needle))!.line;
    expect(lineOf('first')).toBe(1);
    expect(lineOf('item b')).toBe(2);
    expect(sourceAt(sourceMap!, text.indexOf('b\n'))).toMatchObject({ line: 2, column: 22 });
    expect(lineOf('last')).toBe(3);
    expect(sourceAt([], 0)).toBeUndefined();
  });

  it('is absent unless asked for', () => {
    const set = new TemplateSet();
    set.parse('t', 'x');
    expect(set.execute('t', null)).toEqual({ text: 'x' });
  });
});

describe('scale', () => {
  it('renders 1,000 endpoints through sub-templates quickly, parsing once', () => {
    const set = new TemplateSet();
    set.parse(
      'krakend.tmpl',
      '{"version": 3, "endpoints": [{{ range $i, $e := .endpoints }}{{ if $i }},{{ end }}{{ template "endpoint.tmpl" $e }}{{ end }}]}',
    );
    set.parse(
      'endpoint.tmpl',
      '{"endpoint": "{{ .path }}", "method": "{{ or .method "GET" }}", "timeout": "{{ printf "%.0fms" .timeout }}", ' +
        '"backend": [{{ range $j, $b := .backends }}{{ if $j }},{{ end }}{"url_pattern": "{{ $b }}"}{{ end }}]}',
    );
    const endpoints = Array.from({ length: 1000 }, (_, i) => ({ path: `/e/${i}`, timeout: 1500, backends: [`/b/${i}`, `/c/${i}`] }));
    const started = performance.now();
    let text = '';
    for (let run = 0; run < 5; run++) text = set.execute('krakend.tmpl', { endpoints }).text;
    const elapsed = performance.now() - started;
    const parsed = JSON.parse(text) as { endpoints: { endpoint: string; method: string; timeout: string; backend: unknown[] }[] };
    expect(parsed.endpoints).toHaveLength(1000);
    expect(parsed.endpoints[999]).toEqual({ endpoint: '/e/999', method: 'GET', timeout: '1500ms', backend: [{ url_pattern: '/b/999' }, { url_pattern: '/c/999' }] });
    expect(elapsed).toBeLessThan(5000);
  });
});
