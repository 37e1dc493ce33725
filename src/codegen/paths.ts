/**
 * Where kd's own files are at run time: the CLI runs from its bundle in
 * `build/` (or from `src/` under tests), and the code generator needs the
 * runtime sources and the templates that ship beside it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The kd installation folder (the one holding `src/runtime/index.ts`). */
export function kdRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'src', 'runtime', 'index.ts')) && existsSync(join(dir, 'src', 'codegen', 'templates'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find kd\'s runtime sources (src/runtime) next to the kd installation');
    dir = parent;
  }
}

/** The runtime entry the generated module imports as `@kd/runtime`. */
export function runtimeEntry(): string {
  return join(kdRoot(), 'src', 'runtime', 'index.ts');
}

export function templatesDir(): string {
  return join(kdRoot(), 'src', 'codegen', 'templates');
}

/** The specifier generated modules use for the runtime. */
export const RUNTIME_SPECIFIER = '@kd/runtime';
