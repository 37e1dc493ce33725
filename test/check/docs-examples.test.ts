/**
 * `kd check --lint` gives KrakenD's verdict on every complete configuration
 * example of the documentation: the verdict the official schema gives, kept in
 * fixtures/docs-examples/manifest.json. Run through the real CLI, a few at a
 * time.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { KD, ROOT } from '../support/cli.ts';

const run = promisify(execFile);

interface Example {
  file: string;
  page: string;
  verdict: 'pass' | 'fail';
}

const examples = JSON.parse(readFileSync(join(ROOT, "fixtures/docs-examples/manifest.json"), "utf8")) as Example[];

async function exitCode(file: string): Promise<number> {
  try {
    await run(process.execPath, [KD, 'check', '--lint', '-c', join('fixtures/docs-examples', file)], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    return 0;
  } catch (e) {
    return (e as { code?: number }).code ?? -1;
  }
}

it('agrees with the official schema on every docs example', async () => {
  expect(examples.length).toBeGreaterThan(150);
  const codes: number[] = new Array(examples.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < examples.length) {
        const i = next++;
        codes[i] = await exitCode(examples[i]!.file);
      }
    }),
  );
  const disagreements = examples
    .map((e, i) => ({ file: e.file, want: e.verdict, got: codes[i] === 0 ? 'pass' : codes[i] === 1 ? 'fail' : `exit ${codes[i]}` }))
    .filter((x) => x.want !== x.got);
  expect(disagreements).toEqual([]);
  expect(examples.filter((e) => e.verdict === 'pass').length).toBeGreaterThan(100);
}, 240_000);
