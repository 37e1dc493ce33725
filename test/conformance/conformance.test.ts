// KrakenD CE's integration specs against `kd run`, when the shared specs are
// present (see run-conformance.mjs for the allow-list of components kd does
// not implement yet).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';

const runner = resolve(ROOT, '..', 'shared', 'conformance', 'run.mjs');

describe.runIf(existsSync(runner))('KrakenD CE conformance', () => {
  it('passes every spec of the core features', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'test', 'conformance', 'run-conformance.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(output).toMatch(/conformance: core features (\d+)\/\1 passed/);
    expect(r.status, output).toBe(0);
  }, 300_000);
});
