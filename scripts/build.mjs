// Builds the kd CLI:
//  1. generates the ahead-of-time lint validator from schema/;
//  2. bundles src/cli/main.ts into one script, build/cli.cjs;
//  3. writes build/kd.cjs, a small launcher that compiles cli.cjs with a V8
//     code cache (build/cli.cache), so the CLI does not re-parse and re-compile
//     a megabyte of JavaScript on every start (and build/kd.mjs, the same for
//     ESM importers);
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

const LAUNCHER = `// Starts the kd CLI (cli.cjs) from a V8 code cache when one matches.
'use strict';
if (process.env.KD_TIMINGS === '1') process.stderr.write('[kd timing] launcher: at ' + performance.now().toFixed(1) + ' ms\\n');
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script, constants } = require('node:vm');

const file = join(__dirname, 'cli.cjs');
const cacheFile = join(__dirname, 'cli.cache');
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
  filename: file,
  cachedData,
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (process.env.KD_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => {
    const tmp = cacheFile + '.' + process.pid;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  });
}
const cli = { exports: {} };
script.runInThisContext()(cli.exports, Module.createRequire(file), cli, file, __dirname);
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
    outfile: join(tmp, 'cli.cjs'),
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
  writeFileSync(join(tmp, 'kd.cjs'), LAUNCHER);
  writeFileSync(join(tmp, 'kd.mjs'), "// The kd CLI for ESM importers and older scripts; see kd.cjs.\nimport './kd.cjs';\n");

  // Produce the code cache by running the commands people run most.
  const env = { ...process.env, KD_WRITE_CODE_CACHE: '1', NO_COLOR: '1' };
  const sample = join(root, 'fixtures', 'formats', 'krakend.json');
  for (const args of [['check', '--lint', '-c', sample], ['audit', '-c', sample]]) {
    try {
      execFileSync(process.execPath, [join(tmp, 'kd.cjs'), ...args], { env, stdio: 'ignore' });
    } catch {
      // A sample that fails still compiled what it ran; the cache is written on exit.
    }
  }

  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
