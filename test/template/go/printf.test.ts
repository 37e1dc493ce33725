// Go's fmt, verb by verb: each row is a goSprintf call and the text Go's
// fmt.Sprintf produces for the same operands (float64 for JS numbers, int
// for bigint).
import { describe, expect, it } from 'vitest';
import {
  compareGoStrings,
  formatFloat,
  formatValue,
  goQuote,
  goSprint,
  goSprintf,
  goSprintln,
  goTypeName,
  isTrue,
  sortedKeys,
} from '../../../src/template/go/print.ts';
import { GoComplex, GoInt, typedList } from '../../../src/template/go/values.ts';

const sprintfTable: [() => string, string][] = [
  [() => goSprintf("%v %v %v %v %v %v", 8080, 1000000, 1234567.0, 123456789.0, 0.0001, 0.00001), "8080 1e+06 1.234567e+06 1.23456789e+08 0.0001 1e-05"],
  [() => goSprintf("%v %v %v %v", 12345678901234567890.0, 1.5, -0.000123, 1e-320), "1.2345678901234567e+19 1.5 -0.000123 1e-320"],
  [() => goSprintf("%d %5d %-5d| %05d %x %X %o %O %b %c %U %#U %q", 42n, 42n, 42n, -42n, 255n, 255n, 8n, 8n, 5n, 65n, 0x1f600n, 65n, 97n), "42    42 42   | -0042 ff FF 10 0o10 101 A U+1F600 U+0041 'A' 'a'"],
  [() => goSprintf("%f %.2f %e %g %05.1f %E %G %.3g %.0f %.0f %.0f", 2.5, 3.14159, 2.5, 2.5, 2.5, 1e21, 1e-7, 100.0, 0.5, 1.5, 2.5), "2.500000 3.14 2.500000e+00 2.5 002.5 1.000000E+21 1E-07 100 0 2 2"],
  [() => goSprintf("%s %q %x %X %5s|%-5s|%.2s %05s", "ab", "a\"b\n", "hi", "hi", "ab", "ab", "abc", "ab"), "ab \"a\\\"b\\n\" 6869 6869    ab|ab   |ab 000ab"],
  [() => goSprintf("%t %v %d %s", true, false, 8080, 8080), "true false %!d(float64=8080) %!s(float64=8080)"],
  [() => goSprintf("%s %s", "a"), "a %!s(MISSING)"],
  [() => goSprintf("%s", "a", "b"), "a%!(EXTRA string=b)"],
  [() => goSprintf("%T %T %T %T %T %T", 1n, 1.5, "a", [1n], {a: 1}, null), "int float64 string []interface {} map[string]interface {} <nil>"],
  [() => goSprintf("%v %+v %#v %#v %#v", {b: 2, a: [1n, null]}, {a: 1}, "x", {a: "b"}, [1n, "a", null]), "map[a:[1 <nil>] b:2] map[a:1] \"x\" map[string]interface {}{\"a\":\"b\"} []interface {}{1, \"a\", interface {}(nil)}"],
  [() => goSprintf("%x %X %#x %e %.3e %g", 1.5, 255.75, 1.0, 0.0, 123456.789, 1e100), "0x1.8p+00 0X1.FF8P+07 0x1.0000p+00 0.000000e+00 1.235e+05 1e+100"],
  [() => goSprintf("%6.2f|%-8.3f|%+d|% d|%+.1e", 3.14159, 2.0, 5n, 5n, 12345.678), "  3.14|2.000   |+5| 5|+1.2e+04"],
  [() => goSprintf("%[2]d %[1]d %d", 1n, 2n), "2 1 2"],
  [() => goSprintf("%!"), "%!!(MISSING)"],
  [() => goSprintf("%"), "%!(NOVERB)"],
  [() => goSprintf("%z", 1n), "%!z(int=1)"],
  [() => goSprintf("%d", null), "%!d(<nil>)"],
  [() => goSprintf("%.*f", 2n, 3.14159), "3.14"],
  [() => goSprintf("%*d", 5n, 42n), "   42"],
  [() => goSprintf("%-*d|", 5n, 42n), "42   |"],
  [() => goSprintf("%g %g %g", 1e20, 1e21, 123456789012.0), "1e+20 1e+21 1.23456789012e+11"],
  [() => goSprintf("%.10g %.20f", 1.0/3, 0.1), "0.3333333333 0.10000000000000000555"],
  [() => goSprintf("%#g %#.3g %#v %#x", 1.0, 2.0, 1.0, 255n), "1.00000 2.00 1 0xff"],
  [() => goSprintf("%5.1q %+q %#q", "abcdef", "héllo", "ab`c"), "  \"a\" \"h\\u00e9llo\" \"ab`c\""],
  [() => goSprintf("%08.3f|%-08.3f|%+08.3f", -3.14159, 3.14159, 3.14159), "-003.142|3.142   |+003.142"],
  [() => goSprintf("%q %q %+q %q", "\x00\x7f\t", "é😀\u00a0\u200b", "😀", 0x1F600n), "\"\\x00\\x7f\\t\" \"é😀\\u00a0\\u200b\" \"\\U0001f600\" '😀'"],
  [() => goSprintf("%b %b %.3b", 1.0, -0.5, 8.0), "4503599627370496p-52 -4503599627370496p-53 4503599627370496p-49"],
  [() => goSprintf("%v %v %v", [1.0, 2.5, 1e6], {z: null, "é": 1n, a: []}, typedList(["x", "y"], 'string')), "[1 2.5 1e+06] map[a:[] z:<nil> é:1] [x y]"],
  [() => goSprintf("%5v|%-6v|%05v", "ab", 1.5, 42n), "   ab|1.5   |00042"],
  [() => goSprintf("%x %X % X %#x", "héllo", [1n, 255n], "ab", "ab"), "68c3a96c6c6f [1 FF] 61 62 0x6162"],
  [() => goSprintf("%.3s|%.10s|%3.1s|", "héllo", "ab", "xyz"), "hél|ab|  x|"],
  [() => goSprintf("%d %d %v", new GoInt('int64', -9223372036854775808n), new GoInt('uint64', 18446744073709551615n), new GoInt('uint8', 200n)), "-9223372036854775808 18446744073709551615 200"],
  [() => goSprintf("%c %c %q", 0x110000n, -1n, -1n), "� � '�'"],
  [() => goSprintf("%.0e %.1e %e %.2e", 5.0, 0.05, 1e-300, 9.995), "5e+00 5.0e-02 1.000000e-300 9.99e+00"],
  [() => goSprintf("%g %g %g %g", 0.000012345, 123456.0, 1234567.0, 100000.0), "1.2345e-05 123456 1.234567e+06 100000"],
  [() => goSprintf("%.2g %.0g %.1g", 0.000012345, 123.0, 0.95), "1.2e-05 1e+02 0.9"],
  [() => goSprintf("%6.3v|%-10.4g|", 3.14159, 2.0/3), "  3.14|0.6667    |"],
  [() => goSprintf("%[1]d %[1]x %[1]o", 64n), "64 40 100"],
  [() => goSprintf("%[0]d %[x]d %[1]", 1n), "%!d(BADINDEX) %!d(BADINDEX) %!(NOVERB)"],
  [() => goSprintf("%.[2]d", 1n, 2n), "2"],
  [() => goSprintf("%d %s", [1.0], {a: 1n}), "[%!d(float64=1)] map[a:%!s(int=1)]"],
];

describe('goSprintf matches Go fmt.Sprintf', () => {
  sprintfTable.forEach(([call, want], i) => {
    it(`row ${i + 1}: ${JSON.stringify(want)}`, () => {
      expect(call()).toBe(want);
    });
  });
});

describe('formatValue (%v)', () => {
  it.each([
    [8080, '8080'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [123456789, '1.23456789e+08'],
    [100000, '100000'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5, '1.5'],
    [-0, '-0'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
    [12345678901234567890, '1.2345678901234567e+19'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('float64 %s', (v, want) => {
    expect(formatValue(v)).toBe(want);
  });

  it('prints every kind of value as Go does', () => {
    expect(formatValue('s')).toBe('s');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(42n)).toBe('42');
    expect(formatValue(new GoInt('int64', -5n))).toBe('-5');
    expect(formatValue(null)).toBe('<nil>');
    expect(formatValue(undefined)).toBe('<nil>');
    expect(formatValue([1, 'a', null, [2]])).toBe('[1 a <nil> [2]]');
    expect(formatValue({ b: 1, a: { c: [] } })).toBe('map[a:map[c:[]] b:1]');
    expect(formatValue(new Uint8Array([104, 105]))).toBe('[104 105]');
    expect(formatValue(new GoComplex(1, -2))).toBe('(1-2i)');
    expect(formatValue({ goType: () => 'time.Duration', goString: () => '1h0m0s' })).toBe('1h0m0s');
  });
});

describe('Go values in printf', () => {
  const t = { goType: () => 'time.Time', goString: () => '2025-01-02 15:04:05 +0000 UTC' };
  it('uses the String text for string verbs and reports other verbs', () => {
    expect(goSprintf('%v|%s|%q|%d|%T', t, t, t, t, t)).toBe(
      '2025-01-02 15:04:05 +0000 UTC|2025-01-02 15:04:05 +0000 UTC|"2025-01-02 15:04:05 +0000 UTC"|%!d(time.Time=2025-01-02 15:04:05 +0000 UTC)|time.Time',
    );
    expect(goSprintf('%v', [t])).toBe('[2025-01-02 15:04:05 +0000 UTC]');
  });
});

describe('goSprint and goSprintln', () => {
  it('adds spaces only between non-string operands', () => {
    expect(goSprint(1n, 2n, 'a', 'b', 3n)).toBe('1 2ab3');
    expect(goSprint('a', 1.5, null)).toBe('a1.5 <nil>');
    expect(goSprint()).toBe('');
  });
  it('always separates with spaces and ends with a newline', () => {
    expect(goSprintln('a', 1n, 'b')).toBe('a 1 b\n');
    expect(goSprintln()).toBe('\n');
  });
});

describe('goTypeName (%T)', () => {
  it.each([
    ['s', 'string'],
    [1.5, 'float64'],
    [1n, 'int'],
    [true, 'bool'],
    [null, '<nil>'],
    [[1], '[]interface {}'],
    [{}, 'map[string]interface {}'],
    [new Uint8Array(0), '[]uint8'],
    [new GoComplex(0, 1), 'complex128'],
  ])('%s', (v, want) => {
    expect(goTypeName(v)).toBe(want);
  });
  it('names int kinds, typed lists and Go values', () => {
    expect(goTypeName(new GoInt('int64', 1n))).toBe('int64');
    expect(goTypeName(new GoInt('uint8', 1n))).toBe('uint8');
    expect(goTypeName(typedList(['a'], 'string'))).toBe('[]string');
    expect(goTypeName({ goType: () => 'time.Time', goString: () => '' })).toBe('time.Time');
  });
});

describe('isTrue', () => {
  it('is false for zero values and empty containers', () => {
    for (const v of [false, 0, -0, 0n, '', [], {}, null, undefined, new GoInt('int64', 0n), new Uint8Array(0), new GoComplex(0, 0)]) {
      expect(isTrue(v)).toBe(false);
    }
  });
  it('is true for everything else', () => {
    for (const v of [true, 1, NaN, 1n, 'false', '0', [0], { a: null }, new GoInt('uint8', 1n), { goType: () => 'time.Time', goString: () => '' }]) {
      expect(isTrue(v)).toBe(true);
    }
  });
  it('asks a Go value for its truth when it knows it', () => {
    expect(isTrue({ goType: () => 'time.Duration', goString: () => '0s', goTruth: () => false })).toBe(false);
  });
});

describe('goQuote', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\n\t\r\x07\x08\x0c\x0b')).toBe('"\\n\\t\\r\\a\\b\\f\\v"');
    expect(goQuote('\x00\x1f\x7f')).toBe('"\\x00\\x1f\\x7f"');
    expect(goQuote('é😀')).toBe('"é😀"');
    expect(goQuote('\u00a0\u200b\u{e0001}')).toBe('"\\u00a0\\u200b\\U000e0001"');
  });
});

describe('ordering and float formatting helpers', () => {
  it('orders strings bytewise like Go', () => {
    expect(['b', 'B', 'a', '_', '1', 'é', '\u{1F600}', '\uFFFD'].sort(compareGoStrings)).toEqual(['1', 'B', '_', 'a', 'b', 'é', '\uFFFD', '\u{1F600}']);
    expect(sortedKeys({ z: 1, a: 2, m: 3 })).toEqual(['a', 'm', 'z']);
  });
  it('formats with strconv rules', () => {
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(3.5, 'f', 0)).toBe('4');
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(1e6, 'g', -1)).toBe('1e+06');
    expect(formatFloat(1e6, 'f', -1)).toBe('1000000');
    expect(formatFloat(123456789, 'e', 3)).toBe('1.235e+08');
    expect(formatFloat(0.1, 'f', 30)).toBe('0.100000000000000005551115123126');
    expect(formatFloat(1, 'x', 2)).toBe('0x1.00p+00');
  });
});
