/**
 * Rendering a flexible configuration: the -c file is the base template, run
 * with the settings tree as `.`, the sub-templates registered by name, the
 * Sprig library plus `marshal` and `include`. Go templates by default; a base
 * template ending in `.hbs` renders with Handlebars. The result keeps a
 * source map so later stages can point at the template (or settings file)
 * that produced each part of the output.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, relative } from 'node:path';
import { DiagnosticError, error, LineIndex, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { FunctionMap, GoFunction } from '../go/function.ts';
import { TemplateError, TemplateSet, type SourceMapEntry } from '../go/index.ts';
import { flexibleFunctions } from '../sprig/index.ts';
import type { ExtendedFlavour, OpenFlavour } from './mode.ts';
import { loadExtendedSettings, loadOpenSettings, type SettingsTree } from './settings.ts';
import { extendedTemplates, openTemplates, PartialResolver, type TemplateRegistry } from './sources.ts';

export interface RenderedConfig {
  /** The rendered text. */
  text: string;
  /** Name of the base template (its file's base name). */
  name: string;
  /** Format the rendered text is written in. */
  format: 'json' | 'yaml' | 'toml';
  /** Where each run of output came from (absent for Handlebars). */
  sourceMap?: SourceMapEntry[];
  settings: SettingsTree;
  /** Every file involved (base, sub-templates, partials read, settings). */
  files: string[];
  dirs: string[];
  diagnostics: Diagnostic[];
  /** Text of a settings-tree dump when the behaviour file asks for debug output. */
  debug?: string;
}

const CONFIG_FORMATS: Record<string, 'json' | 'yaml' | 'toml'> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml' };

/** The format of the rendered text: from the base name without `.tmpl`/`.hbs` (`krakend.yaml.tmpl`), else from the out file, else JSON. */
export function renderedFormat(baseFile: string, out: string | undefined): 'json' | 'yaml' | 'toml' {
  const name = basename(baseFile).replace(/\.(tmpl|hbs)$/, '');
  const own = CONFIG_FORMATS[extname(name).toLowerCase()];
  if (own && name !== basename(baseFile)) return own;
  if (out) {
    const fromOut = CONFIG_FORMATS[extname(out).toLowerCase()];
    if (fromOut) return fromOut;
  }
  return own ?? 'json';
}

function lineOf(file: string, line: number): string | undefined {
  try {
    return new LineIndex(readFileSync(file, 'utf8')).lineText(line);
  } catch {
    return undefined;
  }
}

/** A template error as a located Diagnostic (Go's text kept as the message). */
export function templateDiagnostic(e: TemplateError, files: Map<string, string>): Diagnostic {
  const file = e.file ?? files.get(e.template);
  const span = file && e.line > 0 ? { file, line: e.line, column: Math.max(1, e.column) } : undefined;
  const lineText = span ? lineOf(span.file, span.line) : undefined;
  const hint = /incompatible types for comparison/.test(e.message)
    ? 'numbers from JSON settings are floats: compare with a float constant (8080.0) or convert with int'
    : /wrong type for value; expected int; got float64/.test(e.message)
      ? 'numbers from JSON settings are floats: convert them with int (e.g. (int .settings.n))'
      : /bad number syntax/.test(e.message)
        ? 'keys that start with a digit need index: {{ index .urls "3rdparty" }}'
        : e.kind === 'parse'
          ? 'fix the template syntax; kd does not fall back to the unrendered file'
          : undefined;
  return error(e.kind === 'parse' ? 'template-parse' : 'template-exec', e.message, span, {
    ...(lineText !== undefined ? { lineText } : {}),
    ...(hint !== undefined ? { hint } : {}),
  });
}

function buildMeta(cfg: ExtendedFlavour, settings: SettingsTree, registry: TemplateRegistry, partials: string[], cwd: string) {
  const rel = (f: string) => {
    const r = relative(cwd, f);
    return r.startsWith('..') ? f : r;
  };
  return {
    flexible_config: {
      ...cfg.raw,
      meta_key: cfg.metaKey,
      ref_key: cfg.refKey,
      out: cfg.out,
      debug: cfg.debug,
      settings: {
        allow_overwrite: cfg.settings.allowOverwrite,
        allowed_suffixes: cfg.settings.allowedSuffixes,
        dir_field_prefix: cfg.settings.dirFieldPrefix,
        paths: (cfg.raw.settings as { paths?: unknown } | undefined)?.paths ?? null,
      },
      templates: { partials: partials.map(rel), paths: (cfg.raw.templates as { paths?: unknown } | undefined)?.paths ?? null, undefined_vars: '' },
    },
    settings: { files: settings.files.map(rel) },
    templates: { failed: [], files: Object.fromEntries(registry.templates.map((t) => [t.name, rel(t.file)])) },
  };
}

function settingsDump(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return '';
  let out = '';
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    const isContainer = typeof v === 'object' && v !== null;
    out += `${indent}.${k}${isContainer ? '' : ` = ${JSON.stringify(typeof v === 'bigint' ? v.toString() : v)}`}\n`;
    if (isContainer && !Array.isArray(v)) out += settingsDump(v, indent + '  ');
  }
  return out;
}

export interface RenderOptions {
  baseFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Renders the base template with the flavour's settings, templates and partials. Throws DiagnosticError. */
export function renderFlexible(flavour: OpenFlavour | ExtendedFlavour, options: RenderOptions): RenderedConfig {
  const { baseFile, cwd, env } = options;
  const settings = flavour.kind === 'open' ? loadOpenSettings(flavour.settingsDir, cwd) : loadExtendedSettings(flavour, cwd);
  const registry = flavour.kind === 'open' ? openTemplates(flavour.templatesDir, cwd) : extendedTemplates(flavour.templates.paths, cwd);
  const partialRoots = flavour.kind === 'open' ? (flavour.partialsDir ? [flavour.partialsDir] : []) : flavour.partials.paths;
  const partials = new PartialResolver(partialRoots, cwd);
  const include: GoFunction = { params: ['string'], fn: (name: string) => partials.read(name) };
  const funcs: FunctionMap = { ...flexibleFunctions({ env }), include };
  const name = basename(baseFile);
  const baseText = readFileSync(baseFile, 'utf8');
  let data: Record<string, unknown> = settings.data;
  if (flavour.kind === 'extended') {
    data = { ...settings.data };
    Object.defineProperty(data, flavour.metaKey, {
      value: buildMeta(flavour, settings, registry, [], cwd),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const diagnostics = [...registry.diagnostics];
  const out = flavour.kind === 'open' ? flavour.out : flavour.out || undefined;
  const format = renderedFormat(baseFile, out);
  const files = [baseFile, ...registry.templates.map((t) => t.file), ...settings.files];
  const dirs = [...registry.dirs, ...settings.dirs, ...partials.dirs];
  const debugRequested = flavour.kind === 'extended' ? flavour.debug || env.FC_DEBUG === 'true' : false;

  if (name.endsWith('.hbs')) {
    return renderWithHandlebars();
  }

  const fileOf = new Map<string, string>([[name, baseFile], ...registry.templates.map((t) => [t.name, t.file] as [string, string])]);
  const set = new TemplateSet({ funcs });
  let result: { text: string; sourceMap?: SourceMapEntry[] };
  try {
    set.parse(name, baseText, baseFile);
    for (const t of registry.templates) set.parse(t.name, t.text, t.file);
    result = set.execute(name, data, { sourceMap: true });
  } catch (e) {
    if (e instanceof TemplateError) throw new DiagnosticError(templateDiagnostic(e, fileOf));
    throw e;
  }
  return {
    text: result.text,
    name,
    format,
    ...(result.sourceMap ? { sourceMap: result.sourceMap } : {}),
    settings,
    files: [...files, ...partials.used],
    dirs,
    diagnostics,
    ...(debugRequested ? { debug: settingsDump(data) } : {}),
  };

  function renderWithHandlebars(): RenderedConfig {
    // Loaded lazily: Handlebars is only needed by teams that use it.
    const hbsPartials = Object.fromEntries(registry.templates.map((t) => [t.name.replace(/\.(hbs|tmpl)$/, ''), t.text]));
    for (const t of registry.templates) hbsPartials[t.name] = t.text;
    let text: string;
    try {
      text = renderHbs(baseText, data, { file: baseFile, partials: hbsPartials, funcs });
    } catch (e) {
      const err = e as { detail?: string; file?: string; line?: number; column?: number; message: string };
      const span = err.file && err.line ? { file: err.file, line: err.line, column: err.column ?? 1 } : undefined;
      const lineText = span ? lineOf(span.file, span.line) : undefined;
      throw new DiagnosticError(error('template-exec', err.detail ?? err.message, span, lineText !== undefined ? { lineText } : {}));
    }
    return { text, name, format, settings, files: [...files, ...partials.used], dirs, diagnostics, ...(debugRequested ? { debug: settingsDump(data) } : {}) };
  }
}

let renderHbs: typeof import('../hbs/index.ts').renderHandlebars;

/** Loads the Handlebars renderer (kept out of the start-up path of Go-template users). */
export async function prepareHandlebars(): Promise<void> {
  renderHbs ??= (await import('../hbs/index.ts')).renderHandlebars;
}
