/**
 * Bundles a generated gateway module with kd's runtime (and the libraries it
 * uses) into one standalone file with esbuild. The output is written to a
 * temporary folder beside the target and moved into place only when
 * everything succeeded, so a failed build leaves nothing behind.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { RUNTIME_SPECIFIER, kdRoot, runtimeEntry } from './paths.ts';

export interface BundleOptions {
  /** Source of the generated module. */
  source: string;
  /** Folder receiving `gateway.js` (created when missing). */
  outDir: string;
  /** Keep the generated `gateway.ts` (and the modules it imports) beside the bundle. */
  emitTs?: boolean;
  /** Modules the source imports from its own folder (file name → text). */
  modules?: Record<string, string>;
}

export interface BundleResult {
  /** Absolute path of the bundle. */
  file: string;
  /** Bundle size in bytes. */
  bytes: number;
  /** Files written into outDir. */
  written: string[];
}

/**
 * Node built-ins are reached through `require`: the bundle is a CommonJS
 * script that also runs where `.js` files are ES modules (a package with
 * "type": "module"), where the built-ins come from process.getBuiltinModule.
 */
const BANNER = [
  '// kd gateway bundle: run with `node gateway.js [-p PORT] [-d]`.',
  "var require = typeof require === 'function' ? require : (id) => process.getBuiltinModule(id);",
].join('\n');

/** esbuild settings shared by `kd build` and the tests. */
export function esbuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    minifySyntax: true,
    legalComments: 'none' as const,
    logLevel: 'silent' as const,
    // the compiled schema validators import ajv's small runtime helpers
    nodePaths: [join(kdRoot(), 'node_modules')],
    banner: { js: BANNER },
    plugins: [
      {
        name: 'kd-runtime',
        setup(build: { onResolve(options: { filter: RegExp }, callback: () => { path: string }): void }) {
          build.onResolve({ filter: /^@kd\/runtime$/ }, () => ({ path: runtimeEntry() }));
        },
      },
    ],
  };
}

/** Bundles the module; throws Error with esbuild's messages when it fails. */
export async function bundleGateway(options: BundleOptions): Promise<BundleResult> {
  const outDir = resolve(options.outDir);
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}.kd-build-`));
  try {
    const entry = join(staging, 'gateway.ts');
    writeFileSync(entry, options.source);
    const modules = Object.keys(options.modules ?? {});
    for (const name of modules) writeFileSync(join(staging, name), options.modules![name]!);
    const outfile = join(staging, 'gateway.js');
    try {
      await build(esbuildOptions(entry, outfile));
    } catch (e) {
      const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
      if (errors !== undefined && errors.length > 0) {
        throw new Error(
          'bundling the gateway failed:\n' +
            errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`).join('\n'),
        );
      }
      throw e;
    }
    if (!options.emitTs) for (const name of ['gateway.ts', ...modules]) rmSync(join(staging, name));
    const written: string[] = [];
    if (!existsSync(outDir)) {
      // the staging folder was created private; the output folder gets the usual permissions
      chmodSync(staging, 0o755);
      renameSync(staging, outDir);
      written.push(...readdirSync(outDir).map((f) => join(outDir, f)));
    } else {
      if (!statSync(outDir).isDirectory()) throw new Error(`${options.outDir} exists and is not a folder`);
      for (const file of readdirSync(staging)) {
        renameSync(join(staging, file), join(outDir, file));
        written.push(join(outDir, file));
      }
      if (!options.emitTs) for (const name of ['gateway.ts', 'schemas.js', 'schemas.d.ts']) rmSync(join(outDir, name), { force: true });
    }
    const file = join(outDir, 'gateway.js');
    return { file, bytes: statSync(file).size, written };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export { RUNTIME_SPECIFIER };
