// Helpers for the response-data tests: compile generated functions and run
// them against the runtime, and type-check generated code with tsc.
import { transformSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rt from '../../src/runtime/data/index.ts';
import type { Code } from '../../src/codegen/emit.ts';
import type { Data } from '../../src/runtime/data/index.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type Transform = (data: Data | null) => Data | null;

/** Compiles a generated function declaration (TypeScript) and returns it, bound to the runtime as `rt`. */
export function compileFunction(source: Code, fnName: string): Transform {
  const js = transformSync(source.text, { loader: 'ts', format: 'esm' }).code;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('rt', `${js}\nreturn ${fnName};`) as (runtime: typeof rt) => Transform;
  return factory(rt);
}

/** A deep copy through JSON-like structure (keeps JsonNumber/OpaqueValue leaves as they are). */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (rt.isObject(value)) {
    const out: Data = {};
    for (const k of Object.keys(value)) rt.setKey(out, k, clone(value[k]));
    return out as T;
  }
  return value;
}

/** Go-style JSON of a transform result, for exact comparisons. */
export function json(value: rt.JsonValue | undefined): string {
  return rt.encodeJson(value);
}

/** Type-checks a module made of generated declarations (strict TypeScript); returns tsc's output ('' when clean). */
export function typeCheck(declarations: readonly Code[]): string {
  const dir = mkdtempSync(join(repoRoot, '.tmp-typecheck-'));
  try {
    const runtime = join(repoRoot, 'src/runtime/data/index.ts');
    const body = declarations.map((d) => d.text).join('\n\n');
    writeFileSync(join(dir, 'generated.ts'), `import * as rt from ${JSON.stringify(runtime)};\n\n${body}\n\nexport {};\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023'],
          types: ['node'],
          typeRoots: [join(repoRoot, 'node_modules/@types')],
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          verbatimModuleSyntax: true,
          isolatedModules: true,
          skipLibCheck: true,
          noUnusedLocals: false,
        },
        files: ['generated.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
      return '';
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
