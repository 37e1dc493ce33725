import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoInt, typedList } from '../../../src/template/go/values.ts';
import { camelCase, camelCaseToLowerCase } from '../../../src/template/sprig/casing.ts';
import { parseGoDuration } from '../../../src/template/sprig/dates.ts';
import { Decimal } from '../../../src/template/sprig/decimal.ts';
import { decodeJSON, encodeJSON } from '../../../src/template/sprig/json.ts';
import { compileRegexp } from '../../../src/template/sprig/re2.ts';
import { findAll, replaceAll } from '../../../src/template/sprig/regex.ts';
import { parseConstraints, satisfies, Version } from '../../../src/template/sprig/semver.ts';
import { atoi, parseFloat, parseInt } from '../../../src/template/sprig/strconv.ts';
import { parseTime } from '../../../src/template/sprig/layout.ts';
import { formatDurationNs, GoTime } from '../../../src/template/sprig/time.ts';
import { formatURL, parseURL } from '../../../src/template/sprig/url.ts';
import { FixedZone, loadLocation, UTC } from '../../../src/template/sprig/zoneinfo.ts';

const MST = new FixedZone('MST', -7 * 3600);
const reference = GoTime.date(2006, 1, 2, 15, 4, 5, 123456789, MST);

describe('time layouts', () => {
  const layouts: Array<[string, string]> = [
    ['Mon Jan _2 15:04:05 2006', 'Mon Jan  2 15:04:05 2006'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Mon Jan  2 15:04:05 MST 2006'],
    ['02 Jan 06 15:04 MST', '02 Jan 06 15:04 MST'],
    ['02 Jan 06 15:04 -0700', '02 Jan 06 15:04 -0700'],
    ['Monday, 02-Jan-06 15:04:05 MST', 'Monday, 02-Jan-06 15:04:05 MST'],
    ['Mon, 02 Jan 2006 15:04:05 -0700', 'Mon, 02 Jan 2006 15:04:05 -0700'],
    ['2006-01-02T15:04:05Z07:00', '2006-01-02T15:04:05-07:00'],
    ['2006-01-02T15:04:05.999999999Z07:00', '2006-01-02T15:04:05.123456789-07:00'],
    ['3:04PM', '3:04PM'],
    ['Jan _2 15:04:05.000000', 'Jan  2 15:04:05.123456'],
    ['15:04:05,000', '15:04:05,123'],
    ['.99 .9 .0', '.12 .1 .1'],
    ['January 2, 2006 03 pm', 'January 2, 2006 03 pm'],
    ['-07:00:00 Z070000 -07 Z07', '-07:00:00 -070000 -07 -07'],
    ['Jane 2006 Janet', 'Jane 2006 Janet'],
  ];
  for (const [layout, want] of layouts) {
    it(`formats the reference time with ${JSON.stringify(layout)}`, () => {
      expect(reference.format(layout)).toBe(want);
    });
  }

  it('prints like Go time.Time.String()', () => {
    expect(reference.goString()).toBe('2006-01-02 15:04:05.123456789 -0700 MST');
    expect(new GoTime(0, 0, UTC, 12_000_000n).goString()).toBe('1970-01-01 00:00:00 +0000 UTC m=+0.012000000');
    expect(GoTime.zero().goString()).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(new GoTime(-1, 500_000_000, new FixedZone('', 5 * 3600 + 30 * 60)).goString()).toBe('1970-01-01 05:29:59.5 +0530 +0530');
  });

  it('normalises out-of-range fields like time.Date', () => {
    expect(GoTime.date(2021, 14, 35, 25, 61, 61, 0, UTC).format('2006-01-02 15:04:05')).toBe('2022-03-08 02:02:01');
    expect(GoTime.date(2020, 3, 0, 0, 0, 0, 0, UTC).format('2006-01-02')).toBe('2020-02-29');
    expect(GoTime.date(-1, 1, 1, 0, 0, 0, 0, UTC).format('2006')).toBe('-0001');
  });

  it('parses layouts and reports errors with Go messages', () => {
    expect(parseTime('2006-01-02T15:04:05Z07:00', '2021-06-01T10:00:00Z', UTC).goString()).toBe('2021-06-01 10:00:00 +0000 UTC');
    const err = (layout: string, value: string): string => {
      try {
        parseTime(layout, value, UTC, UTC);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(err('2006-01-02 15:04:05.000', '2021-06-01 10:00:00.5')).toBe(
      'parsing time "2021-06-01 10:00:00.5" as "2006-01-02 15:04:05.000": cannot parse ".5" as ".000"',
    );
    expect(err('15:04', '25:00')).toBe('parsing time "25:00": hour out of range');
    expect(err('Jan 2', 'Foo 2')).toBe('parsing time "Foo 2" as "Jan 2": cannot parse "Foo 2" as "Jan"');
    expect(err('2006 MST', '2006 mst')).toBe('parsing time "2006 mst" as "2006 MST": cannot parse "mst" as "MST"');
    expect(err('2006-01-02', 'é')).toBe('parsing time "\\xc3\\xa9" as "2006-01-02": cannot parse "\\xc3\\xa9" as "2006"');
    expect(parseTime('2006 002', '2024 060', UTC, UTC).format('01-02')).toBe('02-29');
    expect(parseTime('Mon 2006-01-02 15:04:05 MST', 'Fri 2021-06-04 10:00:00 GMT+3', UTC, UTC).goString()).toBe(
      // An unknown zone name keeps the clock reading as UTC and only labels it (Go's behaviour).
      '2021-06-04 13:00:00 +0300 GMT+3',
    );
  });
});

describe('time zones', () => {
  const haveZoneinfo = existsSync('/usr/share/zoneinfo/Europe/Berlin');
  const berlin = loadLocation('Europe/Berlin')!;

  it('loads IANA zones and follows their transitions', () => {
    const at = (iso: string): string => new GoTime(Date.parse(iso) / 1000, 0, berlin).format('15:04:05 -0700');
    expect(at('2021-03-28T00:59:59Z')).toBe('01:59:59 +0100');
    expect(at('2021-03-28T01:00:00Z')).toBe('03:00:00 +0200');
    expect(at('2100-07-01T12:00:00Z')).toBe('14:00:00 +0200');
    expect(at('2100-12-01T12:00:00Z')).toBe('13:00:00 +0100');
    if (haveZoneinfo) {
      expect(new GoTime(Date.parse('2100-07-01T12:00:00Z') / 1000, 0, berlin).format('MST')).toBe('CEST');
      expect(new GoTime(Date.parse('1900-07-01T12:00:00Z') / 1000, 0, berlin).format('MST -0700')).toBe('CET +0100');
    }
  });

  it('resolves wall clock times across a DST change like time.Date', () => {
    expect(GoTime.date(2021, 3, 28, 2, 30, 0, 0, berlin).format('15:04 -0700')).toBe('03:30 +0200');
    expect(GoTime.date(2021, 10, 31, 2, 30, 0, 0, berlin).format('15:04 -0700')).toBe('02:30 +0100');
  });

  it('rejects names Go rejects', () => {
    expect(loadLocation('../etc/passwd')).toBeUndefined();
    expect(loadLocation('/etc/localtime')).toBeUndefined();
    expect(loadLocation('No/Such_Zone')).toBeUndefined();
    expect(loadLocation('')).toBe(UTC);
  });
});

describe('durations', () => {
  it('prints like time.Duration.String()', () => {
    expect(formatDurationNs(0n)).toBe('0s');
    expect(formatDurationNs(1n)).toBe('1ns');
    expect(formatDurationNs(1500n)).toBe('1.5µs');
    expect(formatDurationNs(2_500_000n)).toBe('2.5ms');
    expect(formatDurationNs(1_500_000_000n)).toBe('1.5s');
    expect(formatDurationNs(-90_000_000_000n)).toBe('-1m30s');
    expect(formatDurationNs(3_600_000_000_000n)).toBe('1h0m0s');
    expect(formatDurationNs(-(1n << 63n))).toBe('-2562047h47m16.854775808s');
  });

  it('parses like time.ParseDuration', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500_000_000n);
    expect(parseGoDuration('-1.5h')).toBe(-5_400_000_000_000n);
    expect(parseGoDuration('.5ms')).toBe(500_000n);
    expect(parseGoDuration('1µs1us1ns')).toBe(2001n);
    expect(parseGoDuration('0')).toBe(0n);
    expect(() => parseGoDuration('')).toThrow('time: invalid duration ""');
    expect(() => parseGoDuration('1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseGoDuration('9999999999h')).toThrow('time: invalid duration "9999999999h"');
  });
});

describe('strconv', () => {
  it('parses integers with Go prefixes, separators and range errors', () => {
    expect(parseInt('0b101', 0, 64)).toEqual({ value: 5n });
    expect(parseInt('0o17', 0, 64)).toEqual({ value: 15n });
    expect(parseInt('0x_1F', 0, 64)).toEqual({ value: 31n });
    expect(parseInt('1__0', 0, 64).error).toBe('syntax');
    expect(parseInt('-0x8000000000000000', 0, 64)).toEqual({ value: -(1n << 63n) });
    expect(parseInt('0x8000000000000000', 0, 64)).toEqual({ value: (1n << 63n) - 1n, error: 'range' });
    expect(atoi('+7')).toEqual({ value: 7n });
    expect(atoi('1_0').error).toBe('syntax');
  });

  it('parses floats as strconv.ParseFloat does', () => {
    expect(parseFloat('1e3').value).toBe(1000);
    expect(parseFloat('0x1.8p1').value).toBe(3);
    expect(parseFloat('-Infinity').value).toBe(-Infinity);
    expect(parseFloat('1_000.5').value).toBe(1000.5);
    expect(parseFloat('1e400').error).toBe('range');
    expect(parseFloat('1.2.3').error).toBe('syntax');
    expect(parseFloat('+nan').error).toBe('syntax');
  });
});

describe('decimal arithmetic', () => {
  it('works on the shortest decimal of each float', () => {
    const d = (f: number): Decimal => Decimal.fromFloat(f);
    expect(d(1.1).add(d(2.2)).toFloat()).toBe(3.3);
    expect(d(0.3).sub(d(0.1)).toFloat()).toBe(0.2);
    expect(d(1e-7).mul(d(3)).toFloat()).toBe(3e-7);
    expect(d(10).div(d(3)).toFloat()).toBe(3.3333333333333335);
    expect(d(-2).div(d(3)).toFloat()).toBe(-0.6666666666666667);
  });
});

describe('case conversion quirks', () => {
  it('keeps the library behaviour for connector-only input', () => {
    expect(camelCase('__')).toBe('___');
    expect(camelCase('a')).toBe('A');
    expect(camelCaseToLowerCase('XMLHttpRequest', 0x5f)).toBe('xml_http_request');
    expect(camelCaseToLowerCase('a  b', 0x2d)).toBe('a--b');
  });
});

describe('JSON', () => {
  it('encodes Go values with sorted keys and Go escapes', () => {
    const m = Object.assign(Object.create(null) as Record<string, unknown>, { b: new GoInt('int64', 5n), a: typedList(['<'], 'string'), é: 1, Z: null });
    expect(encodeJSON(m, { escapeHTML: true })).toBe('{"Z":null,"a":["\\u003c"],"b":5,"é":1}');
    expect(encodeJSON(new Uint8Array([1, 2, 255]), { escapeHTML: true })).toBe('"AQL/"');
    expect(encodeJSON([-0, 1e-6, 1e-7, 123456789e13], { escapeHTML: true })).toBe('[-0,0.000001,1e-7,1.23456789e+21]');
    expect(encodeJSON({ a: [], b: { c: [1] } }, { escapeHTML: false, indent: '  ' })).toBe('{\n  "a": [],\n  "b": {\n    "c": [\n      1\n    ]\n  }\n}');
  });

  it('decodes with Go values and Go syntax errors', () => {
    expect(decodeJSON('"\\ud83d\\ude00\\ud800"').value).toBe('😀\ufffd');
    expect(decodeJSON('{"a":{"b":[1,2]}}').value).toEqual({ a: { b: [1, 2] } });
    expect(decodeJSON('"a\nb"').error?.message).toBe("invalid character '\\n' in string literal");
    expect(decodeJSON('é').error?.message).toBe("invalid character 'Ã' looking for beginning of value");
    expect(decodeJSON('tru').error?.message).toBe("invalid character ' ' in literal true (expecting 'e')");
    expect(decodeJSON('[1,2').error?.message).toBe('unexpected end of JSON input');
    expect(decodeJSON('trux').error?.message).toBe("invalid character 'x' in literal true (expecting 'e')");
    expect(decodeJSON('"\\x"').error?.message).toBe("invalid character 'x' in string escape code");
    expect(decodeJSON('-a').error?.message).toBe("invalid character 'a' in numeric literal");
    expect(decodeJSON('01').error?.message).toBe("invalid character '1' after top-level value");
    expect(decodeJSON('1e+').error?.message).toBe("invalid character ' ' in exponent of numeric literal");
    expect(decodeJSON('').error?.message).toBe('unexpected end of JSON input');
  });
});

describe('regular expressions', () => {
  const find = (re: string, s: string): string[] => findAll(compileRegexp(re), s, -1).map((m) => s.slice(m[0], m[1]));

  it('keeps Go meanings that differ from JS', () => {
    expect(find('\\w+', 'héllo wörld')).toEqual(['h', 'llo', 'w', 'rld']);
    expect(find('\\bé', 'é aé')).toEqual(['é']);
    expect(find('(?m)$', 'a\r\nb')).toHaveLength(2);
    expect(find('[^a]', 'a\nb')).toEqual(['\n', 'b']);
    expect(find('(?i)k', 'K\u212ak')).toEqual(['K', '\u212a', 'k']);
    expect(find('^', 'abc')).toEqual(['']);
    expect(find('x*', '')).toEqual(['']);
    expect(find('a|ab', 'ab')).toEqual(['a']);
    expect(find('\\012', 'a\nb')).toEqual(['\n']);
    expect(find('[\\d\\-z]+', '1-z9')).toEqual(['1-z9']);
    expect(find('\\pN+', 'x²3')).toEqual(['²3']);
    expect(find('^*a', 'a')).toEqual(['a']);
  });

  it('allows repeated group names; ${name} uses the first that matched', () => {
    const re = compileRegexp('(?P<x>a)|(?P<x>b)');
    expect(replaceAll(re, 'ab', '[${x}]', false)).toBe('[a][b]');
  });

  it('expands replacement templates as Go does', () => {
    const re = compileRegexp('(?P<word>[a-z]+)(\\d)?');
    expect(replaceAll(re, 'ab1 cd', '[$word|$2|${1}x|$$|$]', false)).toBe('[ab|1|abx|$|$] [cd||cdx|$|$]');
  });

  it('rejects what RE2 rejects', () => {
    const message = (re: string): string => {
      try {
        compileRegexp(re);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    };
    expect(message('a{2}{3}')).toBe('error parsing regexp: invalid nested repetition operator: `{2}{3}`');
    expect(message('a*+')).toBe('error parsing regexp: invalid nested repetition operator: `*+`');
    expect(message('(?P<1a-b>x)')).toBe('error parsing regexp: invalid named capture: `(?P<1a-b>`');
    expect(message('\\8')).toBe('error parsing regexp: invalid escape sequence: `\\8`');
    expect(message('\\xZZ')).toBe('error parsing regexp: invalid escape sequence: `\\xZZ`');
    expect(message('[[:foo:]]')).toBe('error parsing regexp: invalid character class range: `[:foo:]`');
    expect(message('[a-\\d]')).toBe('error parsing regexp: invalid escape sequence: `\\d`');
    expect(message('(?i')).toBe('error parsing regexp: invalid or unsupported Perl syntax: `(?i`');
    expect(message('x{2,1}')).toBe('error parsing regexp: invalid repeat count: `{2,1}`');
    expect(message('a{,2}')).toBe('');
    expect(message('\\C')).toBe('error parsing regexp: invalid escape sequence: `\\C`');
  });
});

describe('semantic versions', () => {
  const check = (c: string, v: string): boolean => satisfies(parseConstraints(c), Version.parse(v));

  it('compares pre-releases by their dot-separated parts', () => {
    const order = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];
    for (let i = 1; i < order.length; i++) expect(Version.parse(order[i - 1]!).compare(Version.parse(order[i]!))).toBe(-1);
  });

  it('evaluates constraint forms', () => {
    expect(check('~1', '1.9.0')).toBe(true);
    expect(check('~1', '2.0.0')).toBe(false);
    expect(check('^1.x', '1.5.0')).toBe(true);
    expect(check('!=1.2.x', '1.2.5')).toBe(false);
    expect(check('!=1.2.x', '1.3.0')).toBe(true);
    expect(check('>=1.0.0-beta, <1.0.0-z', '1.0.0-rc.1')).toBe(true);
    expect(check('>=1.0.0-beta, <1.0.0', '1.0.0-rc.1')).toBe(false);
    expect(check('1.0.0 - 2.0.0 || 3', '3.4.5')).toBe(true);
    expect(() => parseConstraints('>=1.0 <')).toThrow('improper constraint: >=1.0 <');
  });
});

describe('URLs', () => {
  it('round-trips through Go url parsing and formatting', () => {
    for (const u of ['https://user:p%40ss@example.com:8443/a/b?x=1&y=%20#frag%20x', 'file:///etc/hosts', '//host/path', 'mailto:a@b.c', '/rel?']) {
      expect(formatURL(parseURL(u))).toBe(u);
    }
    const encodedSlash = parseURL('http://a/b%2Fc');
    expect([encodedSlash.path, encodedSlash.rawPath, formatURL(encodedSlash)]).toEqual(['/b/c', '/b%2Fc', 'http://a/b%2Fc']);
    expect(parseURL('http://[fe80::1%25en0]:8080/').host).toBe('[fe80::1%en0]:8080');
    expect(() => parseURL('http://a b/')).toThrow('parse "http://a b/": invalid character " " in host name');
    expect(() => parseURL('http://host:port/')).toThrow('parse "http://host:port/": invalid port ":port" after host');
  });
});
