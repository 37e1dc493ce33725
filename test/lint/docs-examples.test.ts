// Every complete configuration example of the KrakenD documentation gets the
// same lint verdict from kd as from KrakenD's official schema (recorded in
// fixtures/docs-examples/manifest.json by scripts/extract-doc-examples.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/formats/json.ts';
import { locate } from '../../src/formats/types.ts';
import { lintConfig } from '../../src/lint/lint.ts';
import { kd, ROOT } from '../support/cli.ts';

interface Example {
  file: string;
  page: string;
  url: string;
  docsLine: number;
  verdict: 'pass' | 'fail';
  instancePath?: string;
  keyword?: string;
}

const DIR = join(ROOT, 'fixtures', 'docs-examples');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Example[];

function lintExample(example: Example) {
  const file = join(DIR, example.file);
  const doc = parseJson(readFileSync(file, 'utf8'), file);
  return { doc, diagnostics: lintConfig(doc.value, doc.locations, { file }) };
}

describe('the docs examples', () => {
  it('are all there, passing and failing ones', () => {
    expect(manifest.length).toBe(161);
    expect(manifest.filter((e) => e.verdict === 'fail').length).toBe(15);
    for (const e of manifest) expect(existsSync(join(DIR, e.file)), e.file).toBe(true);
    expect(new Set(manifest.map((e) => e.file)).size).toBe(manifest.length);
  });

  it.each(manifest.map((e) => [e.file, e] as const))('%s gets the official verdict from lintConfig', (_file, example) => {
    const { doc, diagnostics } = lintExample(example);
    if (example.verdict === 'pass') {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(diagnostics.length).toBeGreaterThan(0);
    // One of kd's errors lies inside the value where the official schema failed first.
    const span = locate(doc.locations, example.instancePath!)!;
    const end = span.endLine ?? span.line;
    expect(diagnostics.some((d) => d.line! >= span.line && d.line! <= end), JSON.stringify(diagnostics)).toBe(true);
  });
});

describe('kd check --lint on the docs examples', () => {
  const fails = manifest.filter((e) => e.verdict === 'fail').filter((_, i) => i % 3 === 0);
  const passes = manifest.filter((e) => e.verdict === 'pass').filter((_, i) => i % 10 === 0);
  const sample = [...fails, ...passes];

  it('samples both verdicts', () => {
    expect(fails.length).toBe(5);
    expect(passes.length).toBe(15);
  });

  it.each(sample.map((e) => [e.file, e] as const))('%s gets the official verdict from the CLI', (_file, example) => {
    const result = kd(['check', '--lint', '-c', join('fixtures', 'docs-examples', example.file)]);
    const lintCodes = [...result.stderr.matchAll(/\[(lint\/[a-z-]+)\]/g)].map((m) => m[1]);
    if (example.verdict === 'pass') {
      expect(lintCodes, result.stderr).toEqual([]);
    } else {
      expect(lintCodes.length, result.stderr).toBeGreaterThan(0);
      expect(result.status).toBe(1);
    }
  });
});
