#!/usr/bin/env node
// Launcher: runs the bundled CLI, building it first on a fresh checkout.
'use strict';
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'build', 'kd.cjs');
if (!existsSync(cli)) {
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
require(cli);
