/**
 * `kd render`: the final configuration as JSON, after templates, `$ref`s and
 * KRAKEND_* overrides — what every other command works on.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../source/atomic.ts';
import { EXIT_FAIL, EXIT_OK } from './exit.ts';
import { finishDiagnostics, loadModel, requireConfig, sortDiagnostics } from './pipeline.ts';
import { printDiagnostics } from './report.ts';

export interface RenderCommandOptions {
  config?: string;
  out?: string;
}

export async function runRender(opts: RenderCommandOptions): Promise<number> {
  const config = requireConfig(opts.config);
  const result = await loadModel(config);
  const diagnostics = sortDiagnostics(finishDiagnostics(result.diagnostics));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!result.loaded || errors.length > 0) {
    printDiagnostics(diagnostics);
    return EXIT_FAIL;
  }
  printDiagnostics(diagnostics);
  const json = JSON.stringify(result.loaded.tree, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n';
  if (opts.out !== undefined) {
    writeFileAtomic(resolve(opts.out), json);
    process.stderr.write(`wrote ${opts.out}\n`);
  } else {
    process.stdout.write(json);
  }
  return EXIT_OK;
}
