/**
 * `kd build`: configuration → generated gateway module → one standalone
 * bundle (`DIR/gateway.js`). A configuration with errors is refused with
 * the same diagnostics as `kd check`, and nothing is written.
 */
import { relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { bundleGateway } from '../codegen/bundle.ts';
import { generateGateway } from '../codegen/generate.ts';
import type { LoadedConfig } from '../source/load.ts';
import { EXIT_FAIL, EXIT_OK } from './exit.ts';
import { loadModel, requireConfig, sortDiagnostics } from './pipeline.ts';
import { printDiagnostics } from './report.ts';

export interface BuildCommandOptions {
  config?: string;
  outDir?: string;
  emitTs?: boolean;
  strict?: boolean;
}

export interface BuildOutcome {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The loaded configuration (its files and folders are what `kd watch` watches). */
  loaded?: LoadedConfig;
  /** Absolute path of the bundle when the build succeeded. */
  file?: string;
  /** One-line summary (endpoints, backends, size, time). */
  summary?: string;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * Builds the gateway for `config` into `outDir`. Never throws for problems of
 * the configuration (they are in `diagnostics`); throws UsageError when the
 * file is missing.
 */
export async function buildGateway(config: string, outDir: string, options: { emitTs?: boolean; strict?: boolean } = {}): Promise<BuildOutcome> {
  const started = performance.now();
  // KRAKEND_* overrides are applied by the built gateway when it starts, not baked in.
  const result = await loadModel(config, { envOverrides: false });
  const diagnostics = [...result.diagnostics];
  const failedOn = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error' || (options.strict === true && d.severity === 'warning'));
  if (result.model === undefined || failedOn(diagnostics)) {
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), loaded: result.loaded };
  }
  const locations = result.loaded?.locations ?? new Map();
  let generated;
  try {
    generated = generateGateway(result.model, locations, { configFile: result.loaded?.file ?? config });
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'build/generate', message: `cannot generate the gateway: ${(e as Error).message}` });
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), loaded: result.loaded };
  }
  diagnostics.push(...generated.diagnostics);
  if (failedOn(diagnostics)) return { ok: false, diagnostics: sortDiagnostics(diagnostics), loaded: result.loaded };
  let bundle;
  try {
    bundle = await bundleGateway({ source: generated.source, modules: generated.modules, outDir, emitTs: options.emitTs === true });
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'build/bundle', message: (e as Error).message });
    return { ok: false, diagnostics: sortDiagnostics(diagnostics), loaded: result.loaded };
  }
  const elapsed = Math.round(performance.now() - started);
  const where = relative(process.cwd(), bundle.file) || bundle.file;
  const summary =
    `Built ${where.startsWith('..') ? bundle.file : where}: ${generated.endpoints} endpoint${generated.endpoints === 1 ? '' : 's'}, ` +
    `${generated.backends} backend${generated.backends === 1 ? '' : 's'}, ${kib(bundle.bytes)} in ${elapsed} ms`;
  return { ok: true, diagnostics: sortDiagnostics(diagnostics), loaded: result.loaded, file: bundle.file, summary };
}

export async function runBuild(opts: BuildCommandOptions): Promise<number> {
  const config = requireConfig(opts.config);
  const outcome = await buildGateway(config, opts.outDir ?? 'dist', { emitTs: opts.emitTs, strict: opts.strict });
  printDiagnostics(outcome.diagnostics);
  if (!outcome.ok) {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
    const why = errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : 'warnings (--strict)';
    process.stderr.write(`kd build: the configuration has ${why}; nothing was written\n`);
    return EXIT_FAIL;
  }
  process.stderr.write(outcome.summary + '\n');
  return EXIT_OK;
}
