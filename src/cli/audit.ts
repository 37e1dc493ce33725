/**
 * `kd audit`: KrakenD's security and best-practice rules over a configuration,
 * as a CI gate.
 *
 * Exit codes: 0 when no recommendation is reported, 1 when at least one is
 * (at the chosen severities, after ignores) or when the configuration cannot
 * be loaded, 2 for usage errors: a missing `-c`, an unknown severity, an
 * ignore entry that is not an `x.y.z` id, an unreadable ignore file, a `-f`
 * template that does not parse or fails, `-f` together with `--output
 * json|sarif`.
 *
 * The report goes to stdout (KrakenD writes it to stderr; stdout lets a
 * redirect such as `> audit.sarif` capture it); errors go to stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AUDIT_RULES } from '../../rules/index.ts';
import { auditModel, type AuditFilter, type Recommendation } from '../audit/engine.ts';
import { DEFAULT_SEVERITIES, parseIgnoreFile, parseIgnoreList, parseSeverityList } from '../audit/filter.ts';
import { auditJson } from '../audit/output/json.ts';
import { auditSarif } from '../audit/output/sarif.ts';
import type { AuditFormat } from '../audit/output/template.ts';
import { formatRecommendations } from '../audit/output/text.ts';
import { DiagnosticError, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { colorEnabled, formatDiagnostics, painter } from '../diagnostics/format.ts';
import { buildModel } from '../model/build.ts';
import { loadConfig } from '../source/load.ts';
import { VERSION } from '../version.ts';
import { EXIT_FAIL, EXIT_OK, UsageError } from './exit.ts';

/** The options commander hands over (see main.ts). */
export interface AuditOptions {
  config?: string;
  severity?: string;
  ignore?: string;
  ignoreFile?: string;
  format?: string;
  output?: string;
}

type OutputKind = 'text' | 'json' | 'sarif';

function outputKind(value: string | undefined): OutputKind {
  if (value === undefined || value === 'text' || value === 'json' || value === 'sarif') return value ?? 'text';
  throw new UsageError(`unknown --output ${JSON.stringify(value)}: use text, json or sarif`);
}

/** Severities and ignored ids from -s, -i and -I; bad entries are usage errors. */
export function readFilter(opts: AuditOptions, cwd: string): AuditFilter {
  const severity = parseSeverityList(opts.severity ?? DEFAULT_SEVERITIES.join(','));
  if (severity.unknown.length > 0) {
    throw new UsageError(
      `unknown severity ${severity.unknown.map((s) => JSON.stringify(s)).join(', ')} in -s/--severity: use CRITICAL, HIGH, MEDIUM or LOW (upper case, comma-separated)`,
    );
  }
  if (severity.severities.length === 0) throw new UsageError('-s/--severity lists no severity: use CRITICAL, HIGH, MEDIUM or LOW');
  const ignore = parseIgnoreList(opts.ignore ?? '');
  if (ignore.invalid.length > 0) {
    throw new UsageError(
      `-i/--ignore: ${ignore.invalid.map((s) => JSON.stringify(s)).join(', ')} ${ignore.invalid.length === 1 ? 'is not a rule id' : 'are not rule ids'} (rule ids look like 2.2.1)`,
    );
  }
  const ids = [...ignore.ids];
  if (opts.ignoreFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, opts.ignoreFile), 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      throw new UsageError(`cannot read the ignore file ${opts.ignoreFile}: ${reason}`);
    }
    const file = parseIgnoreFile(text);
    if (file.invalid.length > 0) {
      const lines = file.invalid.map((bad) => `${opts.ignoreFile}:${bad.line}: ${JSON.stringify(bad.text)} is not a rule id (rule ids look like 2.2.1, one a line)`);
      throw new UsageError(lines.join('\n'));
    }
    ids.push(...file.ids);
  }
  return { severities: severity.severities, ignore: ids };
}

function printDiagnostics(diagnostics: readonly Diagnostic[], cwd: string): void {
  if (diagnostics.length === 0) return;
  process.stderr.write(formatDiagnostics(diagnostics, { color: colorEnabled(process.stderr), cwd }) + '\n');
}

/** Reads source files once each, for telling `1.0` from `1` in YAML/TOML sources. */
function sourceReader(): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(file, 'utf8'));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

/** Loads, models and audits the configuration; undefined (after printing why) when it cannot be loaded. */
async function auditConfig(config: string, cwd: string, filter: AuditFilter): Promise<Recommendation[] | undefined> {
  let loaded;
  try {
    loaded = await loadConfig({ config, cwd });
  } catch (e) {
    if (e instanceof DiagnosticError) {
      printDiagnostics(e.diagnostics, cwd);
      return undefined;
    }
    throw e;
  }
  const built = buildModel(loaded.tree, loaded.locations);
  if (!built.model || hasErrors(built.diagnostics)) {
    printDiagnostics(
      built.diagnostics.filter((d) => d.severity === 'error'),
      cwd,
    );
    return undefined;
  }
  return auditModel({ model: built.model, locations: loaded.locations, configFile: loaded.file, readSource: sourceReader() }, filter);
}

/** A `-f` template whose parse and render failures are usage errors. */
async function compileFormat(text: string): Promise<AuditFormat> {
  const { AuditFormatError, compileAuditFormat } = await import('../audit/output/template.ts');
  const asUsageError = <T>(action: () => T): T => {
    try {
      return action();
    } catch (e) {
      if (e instanceof AuditFormatError) throw new UsageError(`-f/--format: ${e.message}`);
      throw e;
    }
  };
  const format = asUsageError(() => compileAuditFormat(text));
  return { render: (recommendations, options) => asUsageError(() => format.render(recommendations, options)) };
}

export async function runAudit(opts: AuditOptions): Promise<number> {
  const cwd = process.cwd();
  const output = outputKind(opts.output);
  if (opts.format !== undefined && output !== 'text') {
    throw new UsageError(`-f/--format cannot be combined with --output ${output}: choose one`);
  }
  if (opts.config === undefined || opts.config === '') {
    throw new UsageError('kd audit needs a configuration: pass -c/--config <file>');
  }
  const filter = readFilter(opts, cwd);
  const color = colorEnabled(process.stdout);
  // Parse -f before reading the config, so a broken template fails fast.
  const template = opts.format !== undefined ? await compileFormat(opts.format) : undefined;

  const recommendations = await auditConfig(opts.config, cwd, filter);
  if (recommendations === undefined) return EXIT_FAIL;

  let text: string;
  if (output === 'json') text = JSON.stringify(auditJson(recommendations, cwd), null, 2) + '\n';
  else if (output === 'sarif') text = JSON.stringify(auditSarif(recommendations, { rules: AUDIT_RULES, cwd, version: VERSION }), null, 2) + '\n';
  else if (template) text = template.render(recommendations, { color, cwd });
  else text = formatRecommendations(recommendations, painter(color));
  process.stdout.write(text);
  return recommendations.length > 0 ? EXIT_FAIL : EXIT_OK;
}
