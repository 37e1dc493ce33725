import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderString } from '../../../src/template/go/index.ts';
import { flexibleFunctions, sprigFunctions } from '../../../src/template/sprig/index.ts';

/** The 210 names of Sprig v3.2.3's generic function map. */
const SPRIG_NAMES = `abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi b32dec b32enc b64dec b64enc base bcrypt
biggest buildCustomCert camelcase cat ceil chunk clean coalesce compact concat contains date dateInZone dateModify date_in_zone
date_modify decryptAES deepCopy deepEqual default derivePassword dict dig dir div divf duration durationRound empty encryptAES env
expandenv ext fail first float64 floor fromJson genCA genCAWithKey genPrivateKey genSelfSignedCert genSelfSignedCertWithKey
genSignedCert genSignedCertWithKey get getHostByName has hasKey hasPrefix hasSuffix hello htmlDate htmlDateInZone htpasswd indent
initial initials int int64 isAbs join kebabcase keys kindIs kindOf last list lower max maxf merge mergeOverwrite min minf mod mul mulf
mustAppend mustChunk mustCompact mustDateModify mustDeepCopy mustFirst mustFromJson mustHas mustInitial mustLast mustMerge
mustMergeOverwrite mustPrepend mustPush mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral
mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson mustToRawJson mustUniq mustWithout
must_date_modify nindent nospace now omit osBase osClean osDir osExt osIsAbs pick pluck plural prepend push quote randAlpha
randAlphaNum randAscii randBytes randInt randNumeric regexFind regexFindAll regexMatch regexQuoteMeta regexReplaceAll
regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver semverCompare seq set sha1sum sha256sum shuffle slice
snakecase sortAlpha split splitList splitn squote sub subf substr swapcase ternary title toDate toDecimal toJson toPrettyJson
toRawJson toString toStrings trim trimAll trimPrefix trimSuffix trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset
until untilStep untitle upper urlJoin urlParse uuidv4 values without wrap wrapWith`.split(/\s+/);

describe('function maps', () => {
  it('sprigFunctions has exactly the 210 Sprig v3.2.3 names', () => {
    expect(SPRIG_NAMES).toHaveLength(210);
    expect(Object.keys(sprigFunctions()).sort()).toEqual([...SPRIG_NAMES].sort());
  });

  it('flexibleFunctions adds marshal and include', () => {
    expect(Object.keys(flexibleFunctions({})).sort()).toEqual([...SPRIG_NAMES, 'include', 'marshal'].sort());
  });

  it('env and expandenv read the given environment', () => {
    const funcs = flexibleFunctions({ env: { SERVICE: 'orders', PORT: '8080' } });
    expect(renderString('{{ env "SERVICE" }}:{{ expandenv "$PORT/${SERVICE}" }}[{{ env "HOME" }}]', undefined, funcs)).toBe('orders:8080/orders[]');
  });
});

describe('marshal', () => {
  const funcs = flexibleFunctions({});
  const marshal = (d: unknown): string => renderString('{{ marshal . }}', d, funcs);

  it('writes Go JSON: sorted keys, HTML escapes, Go number forms, no trailing newline', () => {
    expect(marshal({ b: [1, 2.5], a: '<x&y>', big: 1e21, small: 1e-7, n: null, m: 1000000, u: '\u2028' })).toBe(
      '{"a":"\\u003cx\\u0026y\\u003e","b":[1,2.5],"big":1e+21,"m":1000000,"n":null,"small":1e-7,"u":"\\u2028"}',
    );
  });

  it('marshals template values of every kind', () => {
    expect(renderString('{{ marshal (list 1 "a" true nil (add 1 2) (dict "k" (list))) }}', undefined, funcs)).toBe('[1,"a",true,null,3,{"k":[]}]');
    expect(renderString('{{ marshal (toDate "2006-01-02" "2024-05-06") }}', undefined, funcs)).toMatch(/^"2024-05-06T00:00:00(Z|[+-]\d\d:\d\d)"$/);
    expect(renderString('{{ marshal "é" }}', undefined, funcs)).toBe('"é"');
  });

  it('gives the empty string for values JSON cannot hold', () => {
    expect(renderString('[{{ marshal (float64 "NaN") }}]', undefined, funcs)).toBe('[]');
  });
});

describe('include', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kd-partials-'));
    writeFileSync(join(dir, 'cors.json'), '{"allow_origins": ["*"], "x": "{{ .x }}"}');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'rate.txt'), 'max_rate: 10\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('inserts the raw partial text without rendering it', () => {
    const funcs = flexibleFunctions({ partialsDir: dir });
    expect(renderString('{"cors": {{ include "cors.json" }}}', { x: 'never' }, funcs)).toBe('{"cors": {"allow_origins": ["*"], "x": "{{ .x }}"}}');
    expect(renderString('{{ include "sub/rate.txt" | trim }}', undefined, funcs)).toBe('max_rate: 10');
  });

  it('fails with the path when the partial does not exist', () => {
    const funcs = flexibleFunctions({ partialsDir: dir });
    expect(() => renderString('{{ include "missing.json" }}', undefined, funcs, 'krakend.tmpl')).toThrow(
      `template: krakend.tmpl:1:3: executing "krakend.tmpl" at <include "missing.json">: error calling include: partial "missing.json" not found: cannot read ${join(dir, 'missing.json')}: no such file`,
    );
    expect(() => renderString('{{ include "sub" }}', undefined, funcs)).toThrow(`cannot read ${join(dir, 'sub')}: is a directory`);
  });

  it('takes only a string, as a Go string parameter', () => {
    const funcs = flexibleFunctions({ partialsDir: dir });
    expect(() => renderString('{{ include 3 }}', undefined, funcs)).toThrow(/expected string; found 3/);
  });
});
