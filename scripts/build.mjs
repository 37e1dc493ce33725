// Builds the kd CLI:
//  1. generates the ahead-of-time lint validator from schema/;
//  2. bundles src/cli/main.ts into one script, build/kd.cjs;
//  3. writes build/kd.mjs, a small launcher that compiles kd.cjs with a V8
//     code cache (build/kd.cache), so the CLI does not re-parse and re-compile
//     a megabyte of JavaScript on every start;
//  4. runs a few commands once to produce that cache.
// The build happens in a temporary folder renamed into place at the end.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const tmp = join(root, `build.tmp-${process.pid}`);

const LAUNCHER = `// Starts the kd CLI (kd.cjs) from a V8 code cache when one matches.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

const file = fileURLToPath(new URL('./kd.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('./kd.cache', import.meta.url));
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
if (process.env.KD_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => {
    const tmp = cacheFile + '.' + process.pid;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL('.', import.meta.url)));
`;

for (const step of [join(root, 'scripts', 'gen-validator.mjs')]) {
  if (existsSync(step)) {
    const mod = await import(new URL(`file://${step}`).href);
    await mod.default({ root });
  }
}

const version = process.env.npm_package_version ?? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

try {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(tmp, 'kd.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    // Prefer ES module entry points: some packages' UMD entries hide requires the bundler cannot follow.
    mainFields: ['module', 'main'],
    target: 'node20',
    sourcemap: 'linked',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    external: ['esbuild'],
    define: { KD_VERSION: JSON.stringify(version), 'import.meta.url': '__kdModuleUrl' },
    banner: { js: 'var __kdModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  writeFileSync(join(tmp, 'kd.mjs'), LAUNCHER);

  // Produce the code cache by running the commands people run most.
  const env = { ...process.env, KD_WRITE_CODE_CACHE: '1', NO_COLOR: '1' };
  const sample = join(root, 'fixtures', 'formats', 'krakend.json');
  for (const args of [['check', '--lint', '-c', sample], ['audit', '-c', sample]]) {
    try {
      execFileSync(process.execPath, [join(tmp, 'kd.mjs'), ...args], { env, stdio: 'ignore' });
    } catch {
      // A sample that fails still compiled what it ran; the cache is written on exit.
    }
  }

  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
