/**
 * `kd check` (alias `kd validate`): the verdict KrakenD would give at
 * start-up, with every problem located, plus the schema lint with -l/-n/-s.
 */
import { createServer } from 'node:http';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { colorEnabled, painter } from '../diagnostics/format.ts';
import { mark } from '../diagnostics/timing.ts';
import { dumpService } from '../model/dump.ts';
import type { ServiceModel } from '../model/types.ts';
import { EXIT_FAIL, EXIT_OK, UsageError } from './exit.ts';
import { finishDiagnostics, loadModel, requireConfig, sortDiagnostics } from './pipeline.ts';
import { jsonReport, printDiagnostics, printJson } from './report.ts';

export interface CheckOptions {
  config?: string;
  debug?: number;
  indent?: string;
  lint?: boolean;
  lintNoNetwork?: boolean;
  lintSchema?: string;
  testGinRoutes?: boolean;
  testRoutes?: boolean;
  strict?: boolean;
  format?: 'text' | 'json';
}

/** The schema reports unknown and misplaced namespaces itself, as errors. */
const SUPERSEDED_BY_LINT = new Set(['unknown-namespace', 'misplaced-namespace']);
const rank = (d: Diagnostic) => (d.severity === 'error' ? 2 : d.severity === 'warning' ? 1 : 0);

/**
 * Joins start-up findings and lint findings without saying the same thing
 * twice: where both point at the same place, the more severe one stays (the
 * start-up finding on a tie, as its message is more specific).
 */
export function mergeLintFindings(model: Diagnostic[], lint: Diagnostic[]): Diagnostic[] {
  const where = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}`;
  const kept = model.filter((d) => !SUPERSEDED_BY_LINT.has(d.code));
  const byPlace = new Map<string, number>();
  kept.forEach((d, i) => {
    if (d.file !== undefined) byPlace.set(where(d), i);
  });
  const out = [...kept];
  const drop = new Set<number>();
  for (const d of lint) {
    const i = d.file === undefined ? undefined : byPlace.get(where(d));
    if (i === undefined) {
      out.push(d);
      continue;
    }
    if (rank(d) > rank(out[i]!)) {
      drop.add(i);
      out.push(d);
    }
  }
  return out.filter((_, i) => !drop.has(i));
}

/** Binds the configured address for a moment, as the route test does. */
async function bindForAMoment(model: ServiceModel): Promise<Diagnostic[]> {
  const server = createServer((_req, res) => {
    res.statusCode = 503;
    res.end();
  });
  const host = model.listenIp || undefined;
  const result = await new Promise<Diagnostic[]>((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const what = e.code === 'EADDRINUSE' ? 'is already in use' : e.code === 'EACCES' ? 'needs privileges to bind' : `cannot be bound (${e.message})`;
      resolve([
        warning('port-unavailable', `port ${model.port}${host ? ` on ${host}` : ''} ${what}; the gateway could not start here`, undefined, {
          hint: 'stop what listens there, or set another port (KRAKEND_PORT or "port")',
        }),
      ]);
    });
    server.listen(model.port, host, () => setTimeout(() => resolve([]), 200));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

/** `kd check FILE…`: each file checked in turn (the pre-commit hook passes several); exit 1 if any fails. */
export async function runCheckFiles(files: string[], opts: CheckOptions): Promise<number> {
  if (files.length === 0) return runCheck(opts);
  if (opts.config !== undefined) throw new UsageError('give the configuration either with -c or as arguments, not both');
  let code = EXIT_OK;
  for (const file of files) code = Math.max(code, await runCheck({ ...opts, config: file }));
  return code;
}

export async function runCheck(opts: CheckOptions): Promise<number> {
  const config = requireConfig(opts.config);
  const lintModes = [opts.lint, opts.lintNoNetwork, opts.lintSchema !== undefined].filter(Boolean).length;
  if (lintModes > 1) throw new UsageError('--lint, --lint-no-network and --lint-schema cannot be used together');
  const json = opts.format === 'json';
  const color = colorEnabled(process.stderr);
  const c = painter(color);
  if (!json) process.stderr.write(`Parsing configuration file: ${config}\n`);

  const result = await loadModel(config);
  const diagnostics = [...result.diagnostics];
  if (result.loaded && lintModes > 0) {
    const { lintConfig, lintWithSchema } = await import('../lint/lint.ts');
    mark('lint module');
    const { lintTree, lintLocations, file } = result.loaded;
    const found =
      opts.lintSchema !== undefined
        ? await lintWithSchema(lintTree, lintLocations, opts.lintSchema, { file, cwd: process.cwd() })
        : lintConfig(lintTree, lintLocations, { file });
    diagnostics.splice(0, diagnostics.length, ...mergeLintFindings(diagnostics, found.map(result.loaded.explain)));
  }
  if (opts.testGinRoutes || opts.testRoutes) {
    // The router really registers every route here, and refuses wildcard endpoints.
    for (const d of diagnostics) if (d.code === 'wildcard-endpoint') d.severity = 'error';
    if (result.model && !diagnostics.some((d) => d.severity === 'error')) diagnostics.push(...(await bindForAMoment(result.model)));
  }
  mark('lint');
  const sorted = sortDiagnostics(finishDiagnostics(diagnostics));
  const failed = sorted.some((d) => d.severity === 'error' || (opts.strict === true && d.severity === 'warning'));

  if (json) {
    printJson(jsonReport(result.loaded?.file ?? config, sorted, !failed));
    return failed ? EXIT_FAIL : EXIT_OK;
  }
  if (result.loaded?.debug) process.stderr.write(result.loaded.debug);
  printDiagnostics(sorted);
  if (result.model && (opts.debug ?? 0) > 0 && !failed) {
    const lines = dumpService(result.model, opts.debug ?? 1, opts.indent ?? '\t');
    process.stderr.write(lines.map((l) => (l.attention ? c.red(l.text) : l.text)).join('\n') + '\n');
  }
  if (failed) {
    const errors = sorted.filter((d) => d.severity === 'error').length;
    const warnings = sorted.length - errors;
    const parts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
    process.stderr.write(`${c.red.bold('ERROR')} the configuration is not valid: ${parts.join(', ')}${opts.strict && !errors ? ' (--strict)' : ''}\n`);
    return EXIT_FAIL;
  }
  process.stderr.write(`${c.green.bold('Syntax OK!')}\n`);
  return EXIT_OK;
}
