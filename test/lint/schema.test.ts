// kd's schema files, and the validator compiled ahead of time from them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/formats/json.ts';
import { validateConfig } from '../../src/lint/generated/validate.mjs';
import { lintFlexibleConfig } from '../../src/lint/lint.ts';
import { ROOT } from '../support/cli.ts';
import { FIXTURES, rows } from './support.ts';

const SCHEMA = join(ROOT, 'schema');
const GENERATED = join(ROOT, 'src', 'lint', 'generated', 'validate.mjs');

interface Generator {
  readSchemaFiles(dir: string): Record<string, Record<string, unknown>>;
  schemaAjv(files: Record<string, unknown>, options?: object): { getSchema(id: string): ValidateFunction | undefined };
}
const generator = (await import(pathToFileURL(join(ROOT, 'scripts', 'gen-validator.mjs')).href)) as Generator;

function schemaFiles(dir = SCHEMA): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? schemaFiles(full) : [relative(SCHEMA, full)];
  });
}

describe('schema files', () => {
  it('compile in ajv strict mode', () => {
    const ajv = generator.schemaAjv(generator.readSchemaFiles(SCHEMA));
    expect(ajv.getSchema('krakend.json')).toBeTypeOf('function');
    expect(ajv.getSchema('flexible_config.json')).toBeTypeOf('function');
  });

  it('describe every component in a few words of their own', () => {
    const files = schemaFiles().filter((f) => f.startsWith('components/') || f.startsWith('plugins/') || f.startsWith('extra-config/'));
    expect(files.length).toBeGreaterThan(70);
    for (const f of files) {
      const schema = JSON.parse(readFileSync(join(SCHEMA, f), 'utf8')) as { description?: string; $schema?: string };
      expect(schema.$schema, f).toBe('http://json-schema.org/draft-07/schema#');
      expect(typeof schema.description === 'string' && schema.description.length > 10 && schema.description.length < 200, f).toBe(true);
    }
  });

  it('accepts durations only as a whole number and one unit, like the official schema', () => {
    const ok = (timeout: unknown) => validateConfig({ version: 3, timeout });
    for (const d of ['0s', '1500ms', '2s', '1h', '10m', '3us', '3µs', '250ns']) expect(ok(d), d).toBe(true);
    for (const d of ['1m30s', '1.5s', '2', '2 s', '-1s', '1d', '', 3000]) expect(ok(d), String(d)).toBe(false);
  });
});

describe('the ahead-of-time validator', () => {
  it('reports exactly what a run-time compile of the same schema reports', () => {
    const runtime = generator.schemaAjv(generator.readSchemaFiles(SCHEMA)).getSchema('krakend.json')!;
    const manifest = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'docs-examples', 'manifest.json'), 'utf8')) as { file: string }[];
    const configs = manifest.map((m) => JSON.parse(readFileSync(join(ROOT, 'fixtures', 'docs-examples', m.file), 'utf8')) as unknown);
    // Deterministic damage to every example: each value in turn replaced by one of another type.
    const replacements: unknown[] = ['x', 1, 1.5, true, null, [], {}, ['x'], '1m30s'];
    const damaged: unknown[] = [];
    configs.forEach((config, i) => {
      const paths: string[][] = [];
      const collect = (node: unknown, path: string[]): void => {
        if (node === null || typeof node !== 'object' || path.length > 6) return;
        for (const [key, child] of Object.entries(node)) {
          paths.push([...path, key]);
          collect(child, [...path, key]);
        }
      };
      collect(config, []);
      paths.forEach((path, j) => {
        const copy = structuredClone(config) as Record<string, unknown>;
        let parent: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
        parent[path[path.length - 1]!] = replacements[(i + j) % replacements.length];
        damaged.push(copy);
      });
    });
    const summary = (v: ValidateFunction | typeof validateConfig, data: unknown) => {
      v(data);
      return (v.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, /(anyOf|oneOf)(\/|$)/.test(e.schemaPath) ? e.schemaPath : '']);
    };
    let failing = 0;
    for (const data of [...configs, ...damaged]) {
      const expected = summary(runtime, data);
      if (expected.length > 0) failing++;
      expect(summary(validateConfig, data)).toEqual(expected);
    }
    expect(failing).toBeGreaterThan(100);
  });

  it('stays small and imports no CommonJS helpers', () => {
    const code = readFileSync(GENERATED, 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/^import /m);
    expect(code.length).toBeLessThan(400_000);
  });

  it('loads fast', () => {
    const script = `await import('node:fs');
const t = performance.now(); await import(${JSON.stringify(pathToFileURL(GENERATED).href)}); process.stdout.write(String(performance.now() - t));`;
    const times = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString()));
    // The fastest of a few runs, so a busy machine does not fail the test.
    expect(Math.min(...times)).toBeLessThan(40);
  });
});

describe('flexible_config.json', () => {
  it('accepts the documented example and reports a misspelt key', () => {
    const file = join(FIXTURES, 'flexible_config.json');
    const text = readFileSync(file, 'utf8');
    const doc = parseJson(text, file);
    expect(lintFlexibleConfig(doc.value, doc.locations, { file })).toEqual([]);
    const typo = parseJson(text.replace('"allow_overwrite"', '"allow_overwrites"').replace('"templates": {', '"templates": {"undefined_vars": "nil",'), file);
    expect(rows(lintFlexibleConfig(typo.value, typo.locations, { file }))).toEqual([
      { code: 'lint/unknown-key', at: '5:5', message: 'unknown key `allow_overwrites` in `settings`', suggestion: 'allow_overwrite' },
      { code: 'lint/bad-enum', at: '12:35', message: '`undefined_vars`: "nil" is not one of error, zero, invalid' },
    ]);
    const root = parseJson('{"setings": {}}', file);
    expect(rows(lintFlexibleConfig(root.value, root.locations, { file }))).toEqual([
      { code: 'lint/unknown-key', at: '1:2', message: 'unknown key `setings` in flexible_config.json', suggestion: 'settings' },
    ]);
  });
});
