/**
 * The part of every command that turns `-c FILE` into a ServiceModel:
 * load (render, parse, $ref, overrides) then build the model. Usage problems
 * become UsageError (exit 2); everything about the config is a Diagnostic.
 */
import { readFileSync } from 'node:fs';
import { DiagnosticError, LineIndex, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { KNOWN_NAMESPACES } from '../lint/namespaces.ts';
import { mark } from '../diagnostics/timing.ts';
import { buildModel } from '../model/build.ts';
import type { ServiceModel } from '../model/types.ts';
import { ConfigNotFound, loadConfig, type LoadedConfig } from '../source/load.ts';
import { UsageError } from './exit.ts';

export interface PipelineResult {
  loaded?: LoadedConfig;
  model?: ServiceModel;
  diagnostics: Diagnostic[];
}

export function requireConfig(config: unknown): string {
  if (typeof config !== 'string' || config === '') {
    throw new UsageError('please provide the path to the configuration file with -c/--config (see --help)');
  }
  return config;
}

/** Loads and models the config; never throws for config problems (they are in `diagnostics`). */
export async function loadModel(config: string, options: { env?: NodeJS.ProcessEnv; cwd?: string; envOverrides?: boolean } = {}): Promise<PipelineResult> {
  let loaded: LoadedConfig;
  mark('start');
  try {
    loaded = await loadConfig({ config, env: options.env, cwd: options.cwd, envOverrides: options.envOverrides });
  } catch (e) {
    if (e instanceof ConfigNotFound) throw new UsageError(e.diagnostics[0]!.message);
    if (e instanceof DiagnosticError) return { diagnostics: e.diagnostics };
    throw e;
  }
  mark('load');
  const result = buildModel(loaded.tree, loaded.locations, { knownNamespaces: KNOWN_NAMESPACES });
  mark('model');
  return { loaded, model: result.model, diagnostics: [...loaded.diagnostics, ...result.diagnostics.map(loaded.explain)] };
}

/** Orders diagnostics by file and position, unlocated ones last, keeping the order of equals. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const fa = a.d.file ?? '\uffff';
      const fb = b.d.file ?? '\uffff';
      if (fa !== fb) return fa < fb ? -1 : 1;
      return (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i;
    })
    .map((x) => x.d);
}

/** Adds the source line under each location, so the printer can show it with a caret. */
export function finishDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const files = new Map<string, LineIndex | null>();
  const lineText = (file: string, line: number): string | undefined => {
    let idx = files.get(file);
    if (idx === undefined) {
      try {
        idx = new LineIndex(readFileSync(file, 'utf8'));
      } catch {
        idx = null;
      }
      files.set(file, idx);
    }
    return idx && line <= idx.lineCount ? idx.lineText(line) : undefined;
  };
  return ds.map((d) => {
    if (d.lineText !== undefined || d.file === undefined || d.line === undefined || d.file.startsWith('$')) return d;
    const text = lineText(d.file, d.line);
    return text === undefined ? d : { ...d, lineText: text };
  });
}
