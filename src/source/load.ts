/**
 * Loading a configuration: read the -c file (or render the flexible-config
 * template tree), parse it in its format with locations, resolve `$ref`s and
 * apply KRAKEND_* overrides. Every command starts here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DiagnosticError, error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { loadParser, readAndParseLazily } from '../formats/read.ts';
import type { LocationMap, ParsedDocument } from '../formats/types.ts';
import { detectFlavour, type ExtendedFlavour, type OpenFlavour } from '../template/flexible/mode.ts';
import { writeFileAtomic } from './atomic.ts';
import { applyEnvOverrides, krakendVariables } from './env-overrides.ts';

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
  /** Adds notes (rendered output line, template action) to a diagnostic located through templates. */
  explain: (d: Diagnostic) => Diagnostic;
  /** Which flexible-configuration flavour rendered the config. */
  flavour: 'none' | 'open' | 'extended';
  /** Settings-tree dump asked for by the behaviour file's `debug`. */
  debug?: string;
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
  const flavour = detectFlavour(env, cwd);
  let doc: ParsedDocument;
  let files = [file];
  let dirs: string[] = [];
  let rendered: LoadedConfig['rendered'];
  let explain: LoadedConfig['explain'] = (d) => d;
  let debug: string | undefined;
  if (flavour.kind === 'none') {
    try {
      doc = await readAndParseLazily(file);
    } catch (e) {
      if (e instanceof DiagnosticError && /\{\{.*\}\}/s.test(readFileSync(file, 'utf8'))) {
        for (const d of e.diagnostics) {
          if (d.code === 'syntax') d.hint = 'the file holds template syntax: enable the flexible configuration (FC_ENABLE=1, or a flexible_config.json in the working directory)';
        }
      }
      throw e;
    }
  } else {
    const r = await renderTemplates(flavour, file, cwd, env);
    doc = r.doc;
    files = r.files;
    dirs = r.dirs;
    rendered = r.rendered;
    explain = r.explain;
    debug = r.debug;
    diagnostics.push(...r.diagnostics);
  }
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
  if (options.envOverrides !== false && krakendVariables(env).length > 0) {
    finalLocations = new Map(locations);
    const o = applyEnvOverrides(lintTree, finalLocations, env);
    tree = o.tree;
    overrides = o.applied;
    diagnostics.push(...o.diagnostics);
  }
  return {
    file,
    tree,
    lintTree,
    lintLocations: locations,
    locations: finalLocations,
    files: [...new Set(files)],
    dirs: [...new Set(dirs)],
    ...(rendered ? { rendered } : {}),
    overrides,
    diagnostics,
    explain,
    flavour: flavour.kind,
    ...(debug !== undefined ? { debug } : {}),
  };
}

/** Renders the template tree, parses the output and resolves `$ref`s (extended flavour). */
async function renderTemplates(flavour: OpenFlavour | ExtendedFlavour, file: string, cwd: string, env: NodeJS.ProcessEnv) {
  // The template engine and its function library load only for template trees.
  const { prepareHandlebars, renderFlexible } = await import('../template/flexible/render.ts');
  const { explainRenderedError, traceRendered } = await import('../template/flexible/provenance.ts');
  if (file.endsWith('.hbs')) await prepareHandlebars();
  const out = flavour.kind === 'open' ? flavour.out : flavour.out ? resolve(cwd, flavour.out) : undefined;
  const r = renderFlexible(flavour, { baseFile: file, cwd, env });
  const renderedFile = flavour.kind === 'open' && out ? out : `${file} (rendered)`;
  if (flavour.kind === 'open' && out) writeFileAtomic(out, r.text);
  let parsed: ParsedDocument;
  try {
    parsed = (await loadParser(r.format))(r.text, renderedFile);
  } catch (e) {
    if (e instanceof DiagnosticError) throw new DiagnosticError(e.diagnostics.map((d) => explainRenderedError(d, r)));
    throw e;
  }
  const trace = traceRendered(r, parsed.locations, renderedFile);
  let doc: ParsedDocument = { value: parsed.value, locations: trace.locations, ...(parsed.warnings ? { warnings: parsed.warnings } : {}) };
  const files = [...r.files];
  const diagnostics = [...r.diagnostics];
  if (flavour.kind === 'extended') {
    const { resolveRefs } = await import('../ref/resolve.ts');
    const refs = resolveRefs(file, doc, { refKey: flavour.refKey, cwd });
    doc = { value: refs.value, locations: refs.locations, ...(parsed.warnings ? { warnings: parsed.warnings } : {}) };
    files.push(...refs.files);
    diagnostics.push(...refs.diagnostics);
    if (out) writeFileAtomic(out, JSON.stringify(refs.value, null, 2) + '\n');
  }
  return {
    doc,
    files,
    dirs: r.dirs,
    rendered: { text: r.text, name: basename(file) },
    explain: trace.explain,
    diagnostics,
    ...(r.debug !== undefined ? { debug: r.debug } : {}),
  };
}
