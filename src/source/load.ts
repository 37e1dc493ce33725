/**
 * Loading a configuration: read the -c file (or render the flexible-config
 * template tree), parse it in its format with locations, resolve `$ref`s and
 * apply KRAKEND_* overrides. Every command starts here.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticError, error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { readAndParse } from '../formats/index.ts';
import type { LocationMap } from '../formats/types.ts';
import { applyEnvOverrides } from './env-overrides.ts';

export interface LoadOptions {
  /** The -c path (config file or base template). */
  config: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Apply KRAKEND_* overrides (default true). */
  envOverrides?: boolean;
}

export interface LoadedConfig {
  /** Absolute path of the -c file. */
  file: string;
  /** The final config tree (after templates, $refs and overrides). */
  tree: Record<string, unknown>;
  /** The tree before KRAKEND_* overrides: what the schema lints. */
  lintTree: Record<string, unknown>;
  /** Locations of lintTree (the same as `locations` where nothing was overridden). */
  lintLocations: LocationMap;
  /** JSON pointer → source span, through templates and $refs. */
  locations: LocationMap;
  /** Every file read to produce the tree (config, settings, partials, templates, $refs). */
  files: string[];
  /** Folders whose content matters (settings/partials/templates folders), for watching. */
  dirs: string[];
  /** When the config came from a template: the rendered text and a name for it. */
  rendered?: { text: string; name: string };
  /** Names of the KRAKEND_* overrides that were applied. */
  overrides: string[];
  /** Warnings collected while loading. */
  diagnostics: Diagnostic[];
}

/** Thrown when the -c file is missing: a usage problem rather than a config error. */
export class ConfigNotFound extends DiagnosticError {}

function requireFile(path: string, given: string): void {
  if (!existsSync(path)) {
    throw new ConfigNotFound(
      error('file-not-found', `configuration file ${given} not found`, undefined, { hint: 'pass an existing file with -c/--config' }),
    );
  }
  if (statSync(path).isDirectory()) {
    throw new ConfigNotFound(error('file-not-found', `${given} is a directory, not a configuration file`, undefined, { hint: 'pass a file with -c/--config' }));
  }
}

/** Loads and parses the configuration; throws DiagnosticError when it cannot. */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const file = resolve(cwd, options.config);
  requireFile(file, options.config);
  const diagnostics: Diagnostic[] = [];
  const doc = readAndParse(file);
  if (doc.warnings) diagnostics.push(...doc.warnings);
  const locations: LocationMap = doc.locations;
  const root = doc.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new DiagnosticError(
      error('decode', 'the configuration must be an object at the top level', locations.get('')?.value, {
        hint: 'a KrakenD configuration starts with { "version": 3, … }',
      }),
    );
  }
  const lintTree = root as Record<string, unknown>;
  let tree = lintTree;
  let finalLocations = locations;
  let overrides: string[] = [];
  if (options.envOverrides !== false) {
    finalLocations = new Map(locations);
    const o = applyEnvOverrides(lintTree, finalLocations, env);
    tree = o.tree;
    overrides = o.applied;
    diagnostics.push(...o.diagnostics);
  }
  return { file, tree, lintTree, lintLocations: locations, locations: finalLocations, files: [file], dirs: [], overrides, diagnostics };
}
