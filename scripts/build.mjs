// Builds the kd CLI: generates the ahead-of-time lint validator from schema/,
// then bundles src/cli/main.ts (with code splitting, so each command loads
// only what it needs) into build/.
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const tmp = join(root, `build.tmp-${process.pid}`);

const steps = [join(root, 'scripts', 'gen-validator.mjs')];
for (const step of steps) {
  if (existsSync(step)) {
    const mod = await import(new URL(`file://${step}`).href);
    await mod.default({ root });
  }
}

rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
await build({
  entryPoints: { kd: join(root, 'src/cli/main.ts') },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ES module entry points: some packages' UMD entries hide requires the bundler cannot follow.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['esbuild'],
  define: { KD_VERSION: JSON.stringify(process.env.npm_package_version ?? (await import(join(root, 'package.json'), { with: { type: 'json' } })).default.version) },
  banner: {
    js: "import { createRequire as __kdCreateRequire } from 'node:module'; const require = __kdCreateRequire(import.meta.url);",
  },
});
rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
